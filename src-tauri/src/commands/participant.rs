//! Participant search and the participant's page.

use desk_store::ParticipantSearch;
use tauri::State;

use super::store_error;
use chrono::Local;
use desk_store::{ParticipantSummary, RequestFilter, Store};

use super::code_of;
use crate::dto::{DashboardRow, ParticipantHit, ParticipantPage};
use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn participant_search(desk: State<'_, Desk>, query: String) -> Result<Vec<ParticipantHit>> {
    let search = ParticipantSearch::parse(&query);
    desk.with_store(|store| {
        let hits = store
            .search_participants(&search)
            .map_err(|e| store_error(e, &[]))?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            let covered_under = match &h.dependent_of {
                Some(link) => store
                    .participant(link.participant_id)
                    .ok()
                    .map(|p| format!("{} {}", p.summary.first_name, p.summary.last_name)),
                None => None,
            };
            let status = match h.employment {
                Some(desk_core::person::EmploymentStatus::Active) => "active",
                Some(desk_core::person::EmploymentStatus::Terminated { .. }) => "terminated",
                Some(desk_core::person::EmploymentStatus::Retiree { .. }) => "retiree",
                None => "dependent",
            };
            out.push(ParticipantHit {
                id: h.id,
                name: format!("{} {}", h.first_name, h.last_name),
                employee_id: h.employee_id,
                date_of_birth: h.date_of_birth,
                status: status.to_owned(),
                covered_under,
            });
        }
        Ok(out)
    })
}

fn status_of(employment: Option<desk_core::person::EmploymentStatus>) -> &'static str {
    match employment {
        Some(desk_core::person::EmploymentStatus::Active) => "active",
        Some(desk_core::person::EmploymentStatus::Terminated { .. }) => "terminated",
        Some(desk_core::person::EmploymentStatus::Retiree { .. }) => "retiree",
        None => "dependent",
    }
}

fn hit(s: &ParticipantSummary, covered_under: Option<String>) -> ParticipantHit {
    ParticipantHit {
        id: s.id,
        name: format!("{} {}", s.first_name, s.last_name),
        employee_id: s.employee_id.clone(),
        date_of_birth: s.date_of_birth,
        status: status_of(s.employment).to_owned(),
        covered_under,
    }
}

/// The participant's page; viewing it is an audited event.
pub fn participant_page(store: &mut Store, id: i64) -> Result<ParticipantPage> {
    let today = Local::now().date_naive();
    let p = store.participant(id).map_err(|e| store_error(e, &[]))?;
    store
        .record_event("participant.view", "participant", Some(id))
        .map_err(|e| store_error(e, &[]))?;
    let covered_under = match &p.summary.dependent_of {
        Some(link) => Some(
            store
                .participant(link.participant_id)
                .map_err(|e| store_error(e, &[]))?,
        ),
        None => None,
    };
    let dependents = store.dependents_of(id).map_err(|e| store_error(e, &[]))?;
    let requests = store
        .list_requests(&RequestFilter {
            participant_id: Some(id),
            ..RequestFilter::default()
        })
        .map_err(|e| store_error(e, &[]))?;
    let err = |e| store_error(e, &[]);
    Ok(ParticipantPage {
        id,
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        employee_id: p.summary.employee_id.clone(),
        date_of_birth: p.summary.date_of_birth,
        status: status_of(p.summary.employment).to_owned(),
        address_lines: p.address.lines(),
        phone: p.phone.clone(),
        covered_under: covered_under.as_ref().map(|c| hit(&c.summary, None)),
        dependents: dependents.iter().map(|d| hit(d, None)).collect(),
        requests: requests
            .iter()
            .map(|r| {
                let due = r.effective_due_on();
                let u = desk_core::clock::urgency(due, today);
                DashboardRow {
                    id: r.id,
                    kind: code_of(&r.kind),
                    status: code_of(&r.status),
                    participant: r.participant_name.clone(),
                    received_on: r.received_on,
                    effective_due_on: due,
                    days_left: u.days_left.unwrap_or(0),
                    overdue: u.overdue,
                    due_soon: u.due_soon,
                }
            })
            .collect(),
        confidential_communications: store
            .confidential_communications_of(id)
            .map_err(err)?
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

#[tauri::command]
pub fn participant_get(desk: State<'_, Desk>, id: i64) -> Result<ParticipantPage> {
    desk.with_store(|store| participant_page(store, id))
}
