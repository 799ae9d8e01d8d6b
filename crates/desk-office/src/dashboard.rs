//! The dashboard: open requests by effective due date, with counts by kind.

use chrono::{Days, NaiveDate};
use desk_core::lifecycle;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{RequestFilter, RequestSummary, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// How far back "recently answered" looks.
pub const RECENT_DAYS: u64 = 30;

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
    pub received_on: NaiveDate,
    pub effective_due_on: Option<NaiveDate>,
    /// Days to the due date (negative once past); 0 when the kind has no due date or the
    /// request no longer waits.
    #[ts(type = "number")]
    pub days_left: i64,
    /// Days since it was received, up to its answer: what a "promptly" request has waited.
    #[ts(type = "number")]
    pub days_waiting: i64,
    /// Past its due date and still waiting for the office.
    pub overdue: bool,
    /// Five days or fewer left, still waiting.
    pub due_soon: bool,
    /// The day its answer went out.
    pub answered_on: Option<NaiveDate>,
    /// Answered on or before its due date (null while unanswered or when it has no due date).
    pub on_time: Option<bool>,
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
    /// What waits for the office, soonest due first.
    pub rows: Vec<DashboardRow>,
    pub counts: Vec<KindCount>,
    /// Answered in the last [`RECENT_DAYS`] days, newest answer first.
    pub answered: Vec<DashboardRow>,
    /// Contacts asked to write, waiting for the person's written request (oldest first).
    pub awaiting: Vec<DashboardRow>,
}

/// A request as a list shows it, with desk-core's urgency as of `today` while it waits.
pub fn row(r: &RequestSummary, today: NaiveDate) -> DashboardRow {
    let due = r.effective_due_on();
    let waits = lifecycle::waits_for_office(r.status);
    let urgency = desk_core::clock::urgency(due, today);
    let until = r.answered_on.filter(|_| !waits).unwrap_or(today);
    DashboardRow {
        id: r.id,
        kind: r.kind,
        status: r.status,
        participant: r.participant_name.clone(),
        received_on: r.received_on,
        effective_due_on: due,
        days_left: if waits {
            urgency.days_left.unwrap_or(0)
        } else {
            0
        },
        days_waiting: (until - r.received_on).num_days().max(0),
        overdue: waits && urgency.overdue,
        due_soon: waits && urgency.due_soon,
        answered_on: r.answered_on,
        on_time: r.answered_on.zip(due).map(|(a, d)| a <= d),
    }
}

/// What waits for the office, soonest due first, how many of each kind wait and are overdue,
/// and what was answered lately.
pub fn get(store: &Store) -> Result<Dashboard> {
    let today = crate::today(store);
    // Only the statuses that wait (and the written requests awaited), by the status index: a
    // county's years of answered cases are never read for it.
    let listed: Vec<RequestStatus> = RequestStatus::ALL
        .into_iter()
        .filter(|s| lifecycle::waits_for_office(*s) || *s == RequestStatus::AwaitingWrittenRequest)
        .collect();
    let open = store.list_requests(&RequestFilter {
        statuses: listed,
        ..RequestFilter::default()
    })?;
    let rows: Vec<DashboardRow> = open
        .iter()
        .filter(|r| lifecycle::waits_for_office(r.status))
        .map(|r| row(r, today))
        .collect();
    let since = today
        .checked_sub_days(Days::new(RECENT_DAYS))
        .unwrap_or(NaiveDate::MIN);
    // Closed since is still recently answered.
    let mut answered: Vec<DashboardRow> = store
        .list_requests(&RequestFilter {
            answered_since: Some(since),
            ..RequestFilter::default()
        })?
        .iter()
        .filter(|r| !lifecycle::waits_for_office(r.status))
        .map(|r| row(r, today))
        .collect();
    answered.sort_by(|a, b| b.answered_on.cmp(&a.answered_on).then(b.id.cmp(&a.id)));
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
    let awaiting = open
        .iter()
        .filter(|r| r.status == RequestStatus::AwaitingWrittenRequest)
        .map(|r| row(r, today))
        .collect();
    Ok(Dashboard {
        rows,
        counts,
        answered,
        awaiting,
    })
}
