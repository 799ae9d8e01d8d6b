//! The check of every page after sign-in: whether the day's check is still to run, running it
//! beside the session on a connection of its own, and what the Privacy Official is shown of it
//! (a damaged database at once, with what to do).

use desk_store::{Background, CheckRecord, DatabaseCheck, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// Where the check of every page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IntegrityState {
    /// Not run on this database yet.
    NotChecked,
    /// Running now, beside the session.
    Running,
    /// Every page holds and the audit chain verifies.
    Sound,
    /// A page is damaged.
    Damaged,
    /// The pages hold but the audit chain does not.
    AuditBroken,
}

/// The check as the Privacy Official sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IntegrityView {
    pub state: IntegrityState,
    /// When the last check ended (RFC 3339, UTC); null before the first.
    pub checked_at: Option<String>,
    /// What to do, when there is something to do.
    pub advice: Option<String>,
}

/// What to do about a damaged database.
pub const DAMAGED_ADVICE: &str = "The check of every page found damage in the database file. \
     Records Desk refuses a damaged page whenever it is read, so nothing wrong is shown, but \
     the file must be replaced: restore it from the latest backup (close Records Desk, then run \
     records-desk restore with the newest file in Documents/Records Desk/Backups). The damage \
     is recorded in the audit log.";

fn advice_for_chain(seq: i64) -> String {
    format!(
        "The check of every page found the audit log changed at row {seq}: a row was altered or \
         removed outside Records Desk. Restore the database from the latest backup made before \
         it; the finding is recorded in the audit log."
    )
}

fn view_of(record: Option<CheckRecord>) -> IntegrityView {
    let checked_at = record.map(|r| r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let (state, advice) = match record.map(|r| r.outcome) {
        None => (IntegrityState::NotChecked, None),
        Some(DatabaseCheck::Sound { .. }) => (IntegrityState::Sound, None),
        Some(DatabaseCheck::AuditBroken { seq }) => {
            (IntegrityState::AuditBroken, Some(advice_for_chain(seq)))
        }
        Some(_) => (IntegrityState::Damaged, Some(DAMAGED_ADVICE.to_owned())),
    };
    IntegrityView {
        state,
        checked_at,
        advice,
    }
}

/// The day's check, to run beside the session, when it is still to run today (the first
/// sign-in of each day); `None` when it already ran today.
pub fn due(store: &Store) -> Result<Option<Background>> {
    Ok(store.database_check_due()?.then(|| store.background()))
}

/// Run the check of every page and the audit chain on its own connection and record its
/// outcome in the audit log (`database.check`, `database.damaged` or `database.audit_broken`).
pub fn run(check: &Background) -> Result<DatabaseCheck> {
    Ok(check.check()?)
}

/// What the Privacy Official is shown: the last check's outcome, or that one is `running`.
/// Staff are shown nothing (`None`).
pub fn status(store: &Store, running: bool) -> Result<Option<IntegrityView>> {
    if store.principal().role() != desk_core::person::Role::PrivacyOfficial {
        return Ok(None);
    }
    let last = view_of(store.last_database_check()?);
    Ok(Some(if running {
        IntegrityView {
            state: IntegrityState::Running,
            ..last
        }
    } else {
        last
    }))
}

/// Check every page and the audit chain now, and record the outcome (`records-desk audit
/// verify`): the outcome, with what to do when the database is not sound.
pub fn check_now(store: &Store) -> Result<(DatabaseCheck, IntegrityView)> {
    let outcome = store.check_database()?;
    let at = store.now();
    Ok((outcome, view_of(Some(CheckRecord { at, outcome }))))
}
