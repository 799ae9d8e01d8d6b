//! Retention, for the Privacy Official (the store refuses anyone else): the request cases past
//! desk-core's six years on the office's day, each with the rows a purge would remove, and the
//! purge of exactly the cases chosen, in one write with an audit row per case.

use std::collections::HashSet;

use chrono::NaiveDate;
use desk_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};

/// The rows of one table a purge would remove.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PurgeRows {
    pub table: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// One request case past its retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PurgeCase {
    #[ts(type = "number")]
    pub request_id: i64,
    pub created_on: NaiveDate,
    /// The latest day any record of the case was made or changed.
    pub last_effective_on: NaiveDate,
    /// Six years from the later of the two (desk-core's retention rule).
    pub kept_until: NaiveDate,
    /// What the purge removes, by table, children first.
    pub rows: Vec<PurgeRows>,
}

/// The cases to remove: ids from the list `plan` answered.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct PurgeForm {
    #[ts(type = "Array<number>")]
    pub request_ids: Vec<i64>,
}

/// A purge done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PurgeDone {
    #[ts(type = "number")]
    pub cases: i64,
    /// Rows removed, over every table of every case.
    #[ts(type = "number")]
    pub rows: i64,
}

/// The cases past retention on the office's day, oldest request first. Removes nothing and
/// writes nothing.
pub fn plan(store: &Store) -> Result<Vec<PurgeCase>> {
    let today = crate::today(store);
    Ok(store
        .purge_plan(today)?
        .into_iter()
        .map(|item| PurgeCase {
            request_id: item.request_id,
            created_on: item.created_on,
            last_effective_on: item.last_effective_on,
            kept_until: item.kept_until,
            rows: item
                .rows
                .into_iter()
                .map(|(table, count)| PurgeRows {
                    table: table.to_owned(),
                    count,
                })
                .collect(),
        })
        .collect())
}

/// Remove the cases of `form.request_ids`, each of which must be past retention on the
/// office's day and not kept with the Privacy Official's logs; otherwise nothing is removed
/// (refused on `requestIds`).
pub fn purge(store: &mut Store, form: &PurgeForm) -> Result<PurgeDone> {
    if form.request_ids.is_empty() {
        return Err(Error::field("requestIds", "Choose at least one case."));
    }
    let mut seen = HashSet::new();
    if !form.request_ids.iter().all(|id| seen.insert(*id)) {
        return Err(Error::field("requestIds", "Name each case once."));
    }
    let today = crate::today(store);
    let rows = store
        .purge(today, &form.request_ids)
        .map_err(fields(&[("requestId", "requestIds")]))?;
    Ok(PurgeDone {
        cases: form.request_ids.len() as i64,
        rows,
    })
}
