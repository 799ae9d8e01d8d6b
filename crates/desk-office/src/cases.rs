//! Search across cases: by request number, participant or requester, kind, where the case
//! stands (waiting for the office, answered, ended) and the days it was received. The closed
//! cases are this search's "ended" view.

use desk_core::lifecycle;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{RequestFilter, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dashboard::{self, DashboardRow};
use crate::error::{Error, Result};
use crate::form;

/// Most cases one search lists (newest received first).
pub const MAX_ROWS: u32 = 200;

/// Where a case stands, for a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Standing {
    /// Still waiting for the office (the dashboard's list).
    Waiting,
    /// Its answer went out; not yet closed.
    Answered,
    /// The person was asked to write: it waits for their written request.
    AwaitingWrittenRequest,
    /// Closed or withdrawn.
    Ended,
    All,
}

impl Standing {
    /// The statuses of this standing, by desk-core's lifecycle.
    pub fn statuses(self) -> Vec<RequestStatus> {
        RequestStatus::ALL
            .into_iter()
            .filter(|s| match self {
                Standing::Waiting => lifecycle::waits_for_office(*s),
                Standing::Answered => *s == RequestStatus::LetterSent,
                Standing::AwaitingWrittenRequest => *s == RequestStatus::AwaitingWrittenRequest,
                Standing::Ended => lifecycle::is_final(*s),
                Standing::All => true,
            })
            .collect()
    }
}

/// A search as the cases screen sends it. Blank fields match everything.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CaseSearchForm {
    /// A request number (`42` or `#42`), or a name: words that begin the participant's first or
    /// last name, or part of the requester's.
    pub text: String,
    pub kind: Option<RequestKind>,
    pub standing: Standing,
    /// Received on or after (YYYY-MM-DD, or blank).
    pub received_from: String,
    /// Received on or before (YYYY-MM-DD, or blank).
    pub received_to: String,
}

/// The cases found, newest received first.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CaseSearch {
    pub rows: Vec<DashboardRow>,
    /// More matched than are listed: narrow the search.
    pub more: bool,
}

/// Find cases. Refused on `receivedFrom` or `receivedTo` for a date that is not one, or when
/// the first is after the second.
pub fn search(store: &Store, form: &CaseSearchForm) -> Result<CaseSearch> {
    let from = form::optional_date(&form.received_from, "receivedFrom")?;
    let to = form::optional_date(&form.received_to, "receivedTo")?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::field(
                "receivedTo",
                "Give a day on or after the first one.",
            ));
        }
    }
    let today = crate::today(store);
    let found = store.list_requests(&RequestFilter {
        statuses: form.standing.statuses(),
        kinds: form.kind.into_iter().collect(),
        received_from: from,
        received_to: to,
        text: Some(form.text.clone()),
        newest_first: true,
        limit: Some(MAX_ROWS + 1),
        ..RequestFilter::default()
    })?;
    let more = found.len() > MAX_ROWS as usize;
    Ok(CaseSearch {
        rows: found
            .iter()
            .take(MAX_ROWS as usize)
            .map(|r| dashboard::row(r, today))
            .collect(),
        more,
    })
}

/// Every case, newest received first, as a list shows it: the whole of what a blank
/// [`search`] lists at most [`MAX_ROWS`] of (for `records-desk requests`).
pub fn all(store: &Store) -> Result<Vec<DashboardRow>> {
    let today = crate::today(store);
    let found = store.list_requests(&RequestFilter {
        newest_first: true,
        ..RequestFilter::default()
    })?;
    Ok(found.iter().map(|r| dashboard::row(r, today)).collect())
}

/// Blank: every case, newest first.
impl Default for CaseSearchForm {
    fn default() -> Self {
        Self {
            text: String::new(),
            kind: None,
            standing: Standing::All,
            received_from: String::new(),
            received_to: String::new(),
        }
    }
}
