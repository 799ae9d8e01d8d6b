//! The dashboard: open requests by effective due date, with counts by kind.

use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{RequestFilter, RequestSummary, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// One request in a list (the dashboard, a participant's page).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DashboardRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub participant: String,
    pub received_on: chrono::NaiveDate,
    pub effective_due_on: Option<chrono::NaiveDate>,
    #[ts(type = "number")]
    pub days_left: i64,
    pub overdue: bool,
    /// Five days or fewer left.
    pub due_soon: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KindCount {
    pub kind: RequestKind,
    pub open: u32,
    pub overdue: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Dashboard {
    pub rows: Vec<DashboardRow>,
    pub counts: Vec<KindCount>,
}

/// A request as a list shows it, with desk-core's urgency as of `today`.
pub fn row(r: &RequestSummary, today: chrono::NaiveDate) -> DashboardRow {
    let due = r.effective_due_on();
    let urgency = desk_core::clock::urgency(due, today);
    DashboardRow {
        id: r.id,
        kind: r.kind,
        status: r.status,
        participant: r.participant_name.clone(),
        received_on: r.received_on,
        effective_due_on: due,
        days_left: urgency.days_left.unwrap_or(0),
        overdue: urgency.overdue,
        due_soon: urgency.due_soon,
    }
}

/// The open requests, soonest due first, and how many of each kind are open and overdue.
pub fn get(store: &Store) -> Result<Dashboard> {
    let today = crate::today(store);
    let open = store.list_requests(&RequestFilter {
        open_only: true,
        ..RequestFilter::default()
    })?;
    let rows: Vec<DashboardRow> = open.iter().map(|r| row(r, today)).collect();
    let mut counts: Vec<KindCount> = Vec::new();
    for r in &rows {
        match counts.iter_mut().find(|c| c.kind == r.kind) {
            Some(c) => {
                c.open += 1;
                c.overdue += u32::from(r.overdue);
            }
            None => counts.push(KindCount {
                kind: r.kind,
                open: 1,
                overdue: u32::from(r.overdue),
            }),
        }
    }
    Ok(Dashboard { rows, counts })
}
