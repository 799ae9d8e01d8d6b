//! Reports for the Privacy Official: requests by kind and month, the on-time rate, the median
//! days to answer, and how many are open and overdue — a pure function of the request rows and
//! today's date.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::request::RequestKind;

/// The kinds in the order reports list them.
pub const KINDS: [RequestKind; 6] = [
    RequestKind::Access,
    RequestKind::Amendment,
    RequestKind::Accounting,
    RequestKind::Restriction,
    RequestKind::ConfidentialCommunication,
    RequestKind::Complaint,
];

/// What a report needs to know of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    /// The date that counts (the extended one after an extension); `None` for "promptly" kinds.
    pub due_on: Option<NaiveDate>,
    /// When the answer went out (the first response letter sent); `None` while unanswered.
    pub answered_on: Option<NaiveDate>,
    /// Closed or withdrawn without (further) answer.
    pub closed: bool,
}

/// One month's requests by kind, in the order of [`KINDS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCounts {
    /// "2026-11"
    pub month: String,
    pub counts: [u32; 6],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The last `months` months up to today's, oldest first (months with no request included).
    pub months: Vec<MonthCounts>,
    /// Requests with a due date answered in the months shown, and those open past it now.
    pub due_counted: u32,
    /// Of those, answered on or before the due date.
    pub on_time: u32,
    /// `on_time / due_counted`, or `None` when nothing was due.
    pub on_time_rate: Option<f64>,
    /// Median days from receipt to answer over the answers sent in the months shown (half days
    /// when even).
    pub median_days_to_answer: Option<f64>,
    /// Neither answered nor closed, whenever received.
    pub open: u32,
    /// Open past the due date.
    pub overdue: u32,
}

fn kind_index(kind: RequestKind) -> Option<usize> {
    KINDS.iter().position(|k| *k == kind)
}

fn month_key(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// The report over `rows` as of `today`, with the last `months` calendar months (at least one).
pub fn report(rows: &[RequestFacts], today: NaiveDate, months: u32) -> Report {
    let months = months.max(1);
    let mut keys = Vec::new();
    let (mut y, mut m) = month_key(today);
    for _ in 0..months {
        keys.push((y, m));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    keys.reverse();
    let mut table: Vec<MonthCounts> = keys
        .iter()
        .map(|(y, m)| MonthCounts {
            month: format!("{y:04}-{m:02}"),
            counts: [0; 6],
        })
        .collect();

    let (mut due_counted, mut on_time, mut open, mut overdue) = (0, 0, 0, 0);
    let mut days = Vec::new();
    for r in rows {
        let month = keys.iter().position(|k| *k == month_key(r.received_on));
        if let (Some(i), Some(k)) = (month, kind_index(r.kind)) {
            table[i].counts[k] += 1;
        }
        match r.answered_on {
            // The answers are those sent in the months shown; what is open past its due date
            // now counts as late whenever it came.
            Some(answered) if !keys.contains(&month_key(answered)) => {}
            Some(answered) => {
                days.push((answered - r.received_on).num_days().max(0));
                if let Some(due) = r.due_on {
                    due_counted += 1;
                    if answered <= due {
                        on_time += 1;
                    }
                }
            }
            None if !r.closed => {
                open += 1;
                if r.due_on.is_some_and(|due| due < today) {
                    overdue += 1;
                    due_counted += 1;
                }
            }
            None => {}
        }
    }
    days.sort_unstable();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    Report {
        months: table,
        due_counted,
        on_time,
        on_time_rate: (due_counted > 0).then(|| f64::from(on_time) / f64::from(due_counted)),
        median_days_to_answer: median,
        open,
        overdue,
    }
}
