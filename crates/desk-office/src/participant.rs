//! Participant search and the participant's page.

use desk_core::person::EmploymentStatus;
use desk_store::{ParticipantSearch, ParticipantSummary, RequestFilter, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::dashboard::{self, DashboardRow};
use crate::error::Result;

/// A participant or dependent found by the search.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantHit {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub employee_id: Option<String>,
    pub date_of_birth: chrono::NaiveDate,
    pub status: CoverageStatus,
    /// For a dependent: the name of the participant whose coverage they are under.
    pub covered_under: Option<String>,
}

/// Whether the person is an employee, a former one, a retiree or a dependent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CoverageStatus {
    Active,
    Terminated,
    Retiree,
    Dependent,
}

impl From<Option<EmploymentStatus>> for CoverageStatus {
    fn from(e: Option<EmploymentStatus>) -> Self {
        match e {
            Some(EmploymentStatus::Active) => Self::Active,
            Some(EmploymentStatus::Terminated { .. }) => Self::Terminated,
            Some(EmploymentStatus::Retiree { .. }) => Self::Retiree,
            None => Self::Dependent,
        }
    }
}

/// The participant's page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantPage {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub employee_id: Option<String>,
    pub date_of_birth: chrono::NaiveDate,
    pub status: CoverageStatus,
    pub address_lines: Vec<String>,
    pub phone: String,
    pub covered_under: Option<ParticipantHit>,
    pub dependents: Vec<ParticipantHit>,
    pub requests: Vec<DashboardRow>,
    /// The confidential communications on file, one line each in plain words (restrictions,
    /// authorizations and disclosures have their own registers on the page).
    pub confidential_communications: Vec<String>,
}

fn hit(s: &ParticipantSummary, covered_under: Option<String>) -> ParticipantHit {
    ParticipantHit {
        id: s.id,
        name: format!("{} {}", s.first_name, s.last_name),
        employee_id: s.employee_id.clone(),
        date_of_birth: s.date_of_birth,
        status: s.employment.into(),
        covered_under,
    }
}

/// Participants whose name words or employee id match `query`.
pub fn search(store: &Store, query: &str) -> Result<Vec<ParticipantHit>> {
    let hits = store.search_participants(&ParticipantSearch::parse(query))?;
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let covered_under = match &h.dependent_of {
            Some(link) => {
                let p = store.participant(link.participant_id)?;
                Some(format!("{} {}", p.summary.first_name, p.summary.last_name))
            }
            None => None,
        };
        out.push(hit(&h, covered_under));
    }
    Ok(out)
}

/// The participant's page; viewing it is an audited event.
pub fn page(store: &mut Store, id: i64) -> Result<ParticipantPage> {
    let today = crate::today(store);
    let p = store.participant(id)?;
    store.record_event("participant.view", "participant", Some(id))?;
    let covered_under = match &p.summary.dependent_of {
        Some(link) => Some(store.participant(link.participant_id)?),
        None => None,
    };
    let dependents = store.dependents_of(id)?;
    let requests = store.list_requests(&RequestFilter {
        participant_id: Some(id),
        ..RequestFilter::default()
    })?;
    Ok(ParticipantPage {
        id,
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        employee_id: p.summary.employee_id.clone(),
        date_of_birth: p.summary.date_of_birth,
        status: p.summary.employment.into(),
        address_lines: p.address.lines(),
        phone: p.phone.clone(),
        covered_under: covered_under.as_ref().map(|c| hit(&c.summary, None)),
        dependents: dependents.iter().map(|d| hit(d, None)).collect(),
        requests: requests.iter().map(|r| dashboard::row(r, today)).collect(),
        confidential_communications: store
            .confidential_communications_of(id)?
            .iter()
            .map(|c| {
                format!(
                    "{} — {}",
                    if c.alternate_means.is_empty() {
                        c.alternate_address.join(", ")
                    } else {
                        c.alternate_means.clone()
                    },
                    if c.accommodated {
                        "accommodated"
                    } else {
                        "not accommodated"
                    }
                )
            })
            .collect(),
    })
}
