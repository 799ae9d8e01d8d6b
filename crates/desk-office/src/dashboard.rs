//! The dashboard: open requests by effective due date, with counts by kind. The screen asks
//! for the rows it shows (a kind and a status to filter by, the first [`FIRST_ROWS`] unless all
//! are asked for), and only their participants' names are read: on a county's years, the
//! participants of a few hundred open requests are as many pages scattered over the file.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use desk_core::lifecycle;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{RequestFilter, RequestSummary, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// How far back "recently answered" looks.
pub const RECENT_DAYS: u64 = 30;
/// The waiting requests shown until all are asked for: the soonest due.
pub const FIRST_ROWS: usize = 50;
/// The answered requests shown until all are asked for: the newest answers.
pub const FIRST_ANSWERED: usize = 25;

/// What the dashboard shows of its lists.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[ts(export)]
pub struct DashboardQuery {
    /// Only waiting requests of this kind (the counts still cover every kind).
    pub kind: Option<RequestKind>,
    /// Only waiting requests in this status.
    pub status: Option<RequestStatus>,
    /// Every waiting request that matches, not only the first [`FIRST_ROWS`].
    pub all_rows: bool,
    /// Every request answered lately, not only the first [`FIRST_ANSWERED`].
    pub all_answered: bool,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KindCount {
    pub kind: RequestKind,
    pub open: u32,
    pub overdue: u32,
}

/// A breach whose individuals are not all notified: due 60 days after discovery.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BreachDue {
    #[ts(type = "number")]
    pub incident_id: i64,
    pub discovered_on: NaiveDate,
    pub due_on: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
    pub overdue: bool,
    pub due_soon: bool,
    #[ts(type = "number")]
    pub individuals: usize,
    #[ts(type = "number")]
    pub notified: usize,
    /// 500 or more: the Secretary is told on the same clock.
    pub hhs_now: bool,
    /// States with more than 500 residents involved: the media there are told too.
    pub media_states: Vec<String>,
}

/// Last year's annual log of breaches under 500, due 60 days after the year ended.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnnualLogDue {
    pub year: i32,
    pub due_on: NaiveDate,
    #[ts(type = "number")]
    pub days_left: i64,
    #[ts(type = "number")]
    pub breaches: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Dashboard {
    /// What waits for the office and matches the query, soonest due first: the first
    /// [`FIRST_ROWS`] unless all were asked for.
    pub rows: Vec<DashboardRow>,
    /// How many wait and match the query.
    pub rows_total: u32,
    /// Of everything that waits, by kind.
    pub counts: Vec<KindCount>,
    /// The statuses of everything that waits, in the order the soonest due has them (the
    /// status filter's choices).
    pub statuses: Vec<RequestStatus>,
    /// Answered in the last [`RECENT_DAYS`] days, newest answer first: the first
    /// [`FIRST_ANSWERED`] unless all were asked for.
    pub answered: Vec<DashboardRow>,
    /// How many were answered in the last [`RECENT_DAYS`] days.
    pub answered_total: u32,
    /// Contacts asked to write, waiting for the person's written request (oldest first).
    pub awaiting: Vec<DashboardRow>,
    /// Business associates' replies due within desk-core's warning days or late, on requests
    /// not closed (soonest first).
    pub associate_replies: Vec<crate::associate::AssociateDueRow>,
    /// Breaches whose individual notices are not all given, soonest due first.
    pub breaches: Vec<BreachDue>,
    /// In the first 60 days of a year after one with breaches under 500: their annual log.
    pub annual_log: Option<AnnualLogDue>,
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

/// The whole dashboard: every waiting request and every request answered lately, unfiltered.
pub fn get(store: &Store) -> Result<Dashboard> {
    query(
        store,
        &DashboardQuery {
            all_rows: true,
            all_answered: true,
            ..DashboardQuery::default()
        },
    )
}

/// What waits for the office (matching the query's kind and status), soonest due first, how
/// many of each kind wait and are overdue, and what was answered lately. The lists are read
/// without names; the names of the rows returned are read after.
pub fn query(store: &Store, q: &DashboardQuery) -> Result<Dashboard> {
    let today = crate::today(store);
    // Only the statuses that wait (and the written requests awaited), by the status index: a
    // county's years of answered cases are never read for it.
    let listed: Vec<RequestStatus> = RequestStatus::ALL
        .into_iter()
        .filter(|s| lifecycle::waits_for_office(*s) || *s == RequestStatus::AwaitingWrittenRequest)
        .collect();
    let open = store.list_requests(&RequestFilter {
        statuses: listed,
        without_names: true,
        ..RequestFilter::default()
    })?;
    let waiting: Vec<&RequestSummary> = open
        .iter()
        .filter(|r| lifecycle::waits_for_office(r.status))
        .collect();
    let mut counts: Vec<KindCount> = Vec::new();
    let mut statuses: Vec<RequestStatus> = Vec::new();
    for r in &waiting {
        let overdue = row(r, today).overdue;
        match counts.iter_mut().find(|c| c.kind == r.kind) {
            Some(c) => {
                c.open += 1;
                c.overdue += u32::from(overdue);
            }
            None => counts.push(KindCount {
                kind: r.kind,
                open: 1,
                overdue: u32::from(overdue),
            }),
        }
        if !statuses.contains(&r.status) {
            statuses.push(r.status);
        }
    }
    let matching: Vec<&RequestSummary> = waiting
        .into_iter()
        .filter(|r| q.kind.is_none_or(|k| r.kind == k) && q.status.is_none_or(|s| r.status == s))
        .collect();
    let rows_total = u32::try_from(matching.len()).unwrap_or(u32::MAX);
    let shown = if q.all_rows { usize::MAX } else { FIRST_ROWS };
    let rows: Vec<DashboardRow> = matching
        .into_iter()
        .take(shown)
        .map(|r| row(r, today))
        .collect();

    let since = today
        .checked_sub_days(Days::new(RECENT_DAYS))
        .unwrap_or(NaiveDate::MIN);
    // Closed since is still recently answered.
    let recent = store.list_requests(&RequestFilter {
        answered_since: Some(since),
        without_names: true,
        ..RequestFilter::default()
    })?;
    let mut answered: Vec<DashboardRow> = recent
        .iter()
        .filter(|r| !lifecycle::waits_for_office(r.status))
        .map(|r| row(r, today))
        .collect();
    answered.sort_by(|a, b| b.answered_on.cmp(&a.answered_on).then(b.id.cmp(&a.id)));
    let answered_total = u32::try_from(answered.len()).unwrap_or(u32::MAX);
    if !q.all_answered {
        answered.truncate(FIRST_ANSWERED);
    }
    let awaiting: Vec<DashboardRow> = open
        .iter()
        .filter(|r| r.status == RequestStatus::AwaitingWrittenRequest)
        .map(|r| row(r, today))
        .collect();

    // The names of the rows returned, and of no other.
    let of: HashMap<i64, i64> = open
        .iter()
        .chain(recent.iter())
        .map(|r| (r.id, r.participant_id))
        .collect();
    let participants: Vec<i64> = rows
        .iter()
        .chain(&answered)
        .chain(&awaiting)
        .filter_map(|r| of.get(&r.id).copied())
        .collect();
    let names = store.participant_names(&participants)?;
    let named = |mut list: Vec<DashboardRow>| -> Vec<DashboardRow> {
        for r in &mut list {
            if let Some(name) = of.get(&r.id).and_then(|p| names.get(p)) {
                r.participant.clone_from(name);
            }
        }
        list
    };
    let breaches = crate::incident::breaches_due(store)?
        .into_iter()
        .map(|(r, p, reach)| {
            let urgency = desk_core::clock::urgency(Some(p.due_on), today);
            BreachDue {
                incident_id: r.id,
                discovered_on: r.incident.discovered_on,
                due_on: p.due_on,
                days_left: p.days_left,
                overdue: p.overdue,
                due_soon: urgency.due_soon,
                individuals: p.individuals,
                notified: p.notified,
                hhs_now: reach.hhs_now,
                media_states: reach.media_states,
            }
        })
        .collect();
    let last_year = today.year() - 1;
    let small = crate::incident::small_breaches_in(store, last_year)?;
    let annual_log =
        desk_core::incident::annual_log_reminder(today, small > 0).map(|(year, due_on)| {
            AnnualLogDue {
                year,
                due_on,
                days_left: (due_on - today).num_days(),
                breaches: small,
            }
        });
    Ok(Dashboard {
        breaches,
        annual_log,
        rows: named(rows),
        rows_total,
        counts,
        statuses,
        answered: named(answered),
        answered_total,
        awaiting: named(awaiting),
        associate_replies: crate::associate::replies_due(store)?,
    })
}
