//! Participant search, the participant's page, and participants added and kept current by
//! staff (each change kept with what it was).

use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::Sensitive;
use desk_store::{
    Address, ChangeSource, NewParticipant, ParticipantSearch, ParticipantSummary, RequestFilter,
    Store,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dashboard::{self, DashboardRow};
use crate::error::{Error, Result};

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
    /// Every letter to this participant is printed in large print (18-pt body).
    pub large_print: bool,
    pub covered_under: Option<ParticipantHit>,
    pub dependents: Vec<ParticipantHit>,
    pub requests: Vec<DashboardRow>,
    /// The confidential communications on file, each in plain words (restrictions,
    /// authorizations and disclosures have their own registers on the page).
    pub confidential_communications: Vec<CommunicationRow>,
    /// Changes to the details, newest first (by staff or a roster re-import).
    pub changes: Vec<ChangeRow>,
    /// Complaints that name this participant, newest first.
    pub complaints: Vec<crate::complaint::ComplaintRow>,
    /// Incidents that involved this participant's information, newest discovered first.
    pub incidents: Vec<crate::incident::IncidentRow>,
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
        large_print: p.large_print,
        covered_under: covered_under.as_ref().map(|c| hit(&c.summary, None)),
        dependents: dependents.iter().map(|d| hit(d, None)).collect(),
        requests: requests.iter().map(|r| dashboard::row(r, today)).collect(),
        confidential_communications: store
            .confidential_communications_of(id)?
            .iter()
            .map(|c| CommunicationRow {
                id: c.id,
                text: format!(
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
                ),
                in_force: desk_core::communication::Accommodation::from(c).in_force_on(today),
                ended_on: c.ended_on,
            })
            .collect(),
        changes: changes(store, id)?,
        complaints: crate::complaint::of_participant(store, id)?,
        incidents: crate::incident::of_participant(store, id)?,
    })
}

/// A participant's details as the add and edit forms send them (text as typed, checked by the
/// store's participant checks, each refusal naming its field).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ParticipantForm {
    /// An employee's or retiree's id; blank for a dependent (kept as it is on an edit).
    pub employee_id: String,
    pub last_name: String,
    pub first_name: String,
    /// YYYY-MM-DD
    pub date_of_birth: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub phone: String,
    /// `active`, `terminated` or `retiree` for an employee; blank for a dependent.
    pub employment_status: String,
    /// The day employment ended (required when terminated) or retirement began (YYYY-MM-DD).
    pub status_date: String,
    /// Adding only: the last four SSN digits, to verify callers (blank: none on file).
    pub ssn_last4: String,
    /// Adding a dependent: the participant whose coverage they are enrolled under.
    #[ts(type = "number | null")]
    pub dependent_of: Option<i64>,
    /// Adding a dependent: `spouse`, `child` or `other`.
    pub relationship: String,
    /// Every letter to this person in large print (18-pt body).
    #[serde(default)]
    pub large_print: bool,
}

/// A confidential-communication entry on the participant's page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CommunicationRow {
    #[ts(type = "number")]
    pub id: i64,
    /// "PO Box 77, Sampleton, FL 32961 — accommodated"
    pub text: String,
    /// In force today: the individual may end it.
    pub in_force: bool,
    pub ended_on: Option<chrono::NaiveDate>,
}

/// A change to a participant's details, for their page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeRow {
    pub field: String,
    pub before: String,
    pub after: String,
    /// `staff` or `roster`.
    pub source: String,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
}

fn new_participant(form: &ParticipantForm, employee_id: Option<String>) -> Result<NewParticipant> {
    let status_date = crate::form::optional_date(&form.status_date, "statusDate")?;
    let employment = match form.employment_status.trim() {
        "" => None,
        "active" => Some(EmploymentStatus::Active),
        "terminated" => Some(EmploymentStatus::Terminated {
            on: status_date
                .ok_or_else(|| Error::field("statusDate", "Give the day employment ended."))?,
        }),
        "retiree" => Some(EmploymentStatus::Retiree { since: status_date }),
        _ => {
            return Err(Error::field(
                "employmentStatus",
                "Choose active, terminated or retiree.",
            ))
        }
    };
    Ok(NewParticipant {
        employee_id,
        last_name: form.last_name.trim().to_owned(),
        first_name: form.first_name.trim().to_owned(),
        date_of_birth: crate::form::date(&form.date_of_birth, "dateOfBirth")?,
        address: Address {
            line1: form.address_line1.trim().to_owned(),
            line2: form.address_line2.trim().to_owned(),
            city: form.city.trim().to_owned(),
            state: form.state.trim().to_uppercase(),
            zip: form.zip.trim().to_owned(),
        },
        phone: form.phone.trim().to_owned(),
        employment,
        ssn_last4: Some(form.ssn_last4.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(Sensitive::new),
        ssn: None,
    })
}

/// Add a participant: an employee or retiree (with an employee id and a status), or a
/// dependent enrolled under a participant on file. Answers the new participant's id. A
/// large-print choice is then recorded as a change to the new record.
pub fn add(store: &mut Store, form: &ParticipantForm) -> Result<i64> {
    let id = add_record(store, form)?;
    if form.large_print {
        store.set_large_print(id, true, ChangeSource::Staff)?;
    }
    Ok(id)
}

fn add_record(store: &mut Store, form: &ParticipantForm) -> Result<i64> {
    let employee_id = Some(form.employee_id.trim().to_owned()).filter(|s| !s.is_empty());
    match (form.dependent_of, &employee_id) {
        (Some(_), Some(_)) => Err(Error::field(
            "employeeId",
            "A dependent has no employee id: leave it blank.",
        )),
        (Some(covered_by), None) => {
            let relationship = match form.relationship.trim() {
                "spouse" => Relationship::Spouse,
                "child" => Relationship::Child,
                "other" => Relationship::Other,
                _ => {
                    return Err(Error::field(
                        "relationship",
                        "Choose spouse, child or other.",
                    ))
                }
            };
            let p = new_participant(form, None)?;
            if p.employment.is_some() {
                return Err(Error::field(
                    "employmentStatus",
                    "A dependent has no employment status: leave it blank.",
                ));
            }
            Ok(store.add_dependent(&p, covered_by, relationship)?)
        }
        (None, None) => Err(Error::field(
            "employeeId",
            "Give the employee id, or add the person as a dependent from their employee's page.",
        )),
        (None, Some(_)) => {
            let p = new_participant(form, employee_id)?;
            if p.employment.is_none() {
                return Err(Error::field(
                    "employmentStatus",
                    "Choose active, terminated or retiree.",
                ));
            }
            Ok(store.add_participant(&p)?)
        }
    }
}

/// The edit form of a participant on file, filled in.
pub fn form(store: &Store, id: i64) -> Result<ParticipantForm> {
    let p = store.participant(id)?;
    let (status, date) = match p.summary.employment {
        None => ("", None),
        Some(EmploymentStatus::Active) => ("active", None),
        Some(EmploymentStatus::Terminated { on }) => ("terminated", Some(on)),
        Some(EmploymentStatus::Retiree { since }) => ("retiree", since),
    };
    Ok(ParticipantForm {
        employee_id: p.summary.employee_id.clone().unwrap_or_default(),
        last_name: p.summary.last_name.clone(),
        first_name: p.summary.first_name.clone(),
        date_of_birth: p.summary.date_of_birth.format("%Y-%m-%d").to_string(),
        address_line1: p.address.line1.clone(),
        address_line2: p.address.line2.clone(),
        city: p.address.city.clone(),
        state: p.address.state.clone(),
        zip: p.address.zip.clone(),
        phone: p.phone.clone(),
        employment_status: status.to_owned(),
        status_date: date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        large_print: p.large_print,
        ..ParticipantForm::default()
    })
}

/// Change a participant's details (the employee id and SSN stay as they are) and their
/// large-print choice, in one transaction: each changed field is written and kept with what it
/// was. Answers the fields changed (none: nothing was written).
pub fn edit(store: &mut Store, id: i64, form: &ParticipantForm) -> Result<Vec<String>> {
    let was = store.participant(id)?;
    let p = new_participant(form, was.summary.employee_id.clone())?;
    let p = NewParticipant {
        ssn_last4: None,
        ..p
    };
    Ok(store
        .update_participant_with_print(id, &p, form.large_print, ChangeSource::Staff)?
        .into_iter()
        .map(|c| crate::error::camel(c.field))
        .collect())
}

/// The participant's changes, newest first.
pub fn changes(store: &Store, id: i64) -> Result<Vec<ChangeRow>> {
    Ok(store
        .participant_changes(id)?
        .into_iter()
        .map(|c| ChangeRow {
            field: c.field,
            before: c.before,
            after: c.after,
            source: match c.source {
                ChangeSource::Staff => "staff".to_owned(),
                ChangeSource::Roster => "roster".to_owned(),
            },
            at: c.at,
            by: c.by,
        })
        .collect())
}
