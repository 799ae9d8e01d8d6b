//! The check of every page: SQLCipher's HMAC of each page of the file (free pages too), SQLite's
//! quick check of every b-tree, and the audit log's hash chain. Opening the database proves
//! only the key and the schema; this check runs beside the session on a connection of its own
//! ([`Background`]): after the first sign-in of each day, on every restore's copy, and in
//! `records-desk audit verify`. A backup checks its copy's pages as they are written
//! ([`crate::page_mac`], the HMAC of every page at the disk's speed) and its audit chain here,
//! and leaves the b-tree walk to the day's check. Its outcome is written to the audit log (`database.check`,
//! `database.damaged`, `database.audit_broken`) and kept in `settings` for the screens.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use desk_core::person::Role;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::keyslot::DataKey;
use crate::signing::{self, Keyring};
use crate::{audit, database, settings, sql, Store};

/// The settings key of the last check's outcome (JSON of [`CheckRecord`]).
const DATABASE_CHECK: &str = "database_check";

/// What the check of every page found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum DatabaseCheck {
    /// Every page holds and the audit chain verifies.
    Sound { audit_rows: i64 },
    /// A page fails its HMAC or a b-tree is broken: restore from the latest backup.
    Damaged,
    /// The pages hold but the audit chain does not verify from row `seq` on.
    AuditBroken { seq: i64 },
}

impl DatabaseCheck {
    /// The audit log's code word for this outcome.
    pub fn action(&self) -> &'static str {
        match self {
            DatabaseCheck::Sound { .. } => "database.check",
            DatabaseCheck::Damaged => "database.damaged",
            DatabaseCheck::AuditBroken { .. } => "database.audit_broken",
        }
    }
}

/// The last check: when it ran and what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub outcome: DatabaseCheck,
}

/// Check every page and the audit chain on `conn`. A page SQLCipher or SQLite refuses while
/// reading is [`DatabaseCheck::Damaged`], not an error.
pub(crate) fn run(conn: &Connection) -> Result<DatabaseCheck> {
    sound_then(pages_hold(conn), || chain(conn))
}

/// `then` when `pages` held; [`DatabaseCheck::Damaged`] when they did not, or a page was
/// refused while they were read.
fn sound_then(
    pages: Result<bool>,
    then: impl FnOnce() -> Result<DatabaseCheck>,
) -> Result<DatabaseCheck> {
    match pages {
        Ok(true) => then(),
        Ok(false) => Ok(DatabaseCheck::Damaged),
        Err(e) => damaged(e),
    }
}

/// A page refused while reading is damage, not an error.
fn damaged(e: Error) -> Result<DatabaseCheck> {
    match e {
        Error::Damaged | Error::NotRecordsDesk => Ok(DatabaseCheck::Damaged),
        e => Err(e),
    }
}

/// The audit chain's outcome, its pages having held.
pub(crate) fn chain(conn: &Connection) -> Result<DatabaseCheck> {
    match audit::verify(conn) {
        Ok(None) => Ok(DatabaseCheck::Sound {
            audit_rows: audit::count(conn)?,
        }),
        Ok(Some(seq)) => Ok(DatabaseCheck::AuditBroken { seq }),
        Err(e) => damaged(e),
    }
}

/// SQLCipher's HMAC of every page in the file (one row per failure: any byte changed on disk,
/// free pages included), then SQLite's `quick_check` of every b-tree page ("ok" when they
/// hold). `integrity_check` would also match every index entry to its row, four times as long
/// at a county's million disclosures, and finds nothing a changed byte could cause that the
/// HMAC has not.
fn pages_hold(conn: &Connection) -> Result<bool> {
    Ok(pages_authentic(conn)? && btrees_hold(conn)?)
}

/// SQLCipher's HMAC of every page in the file.
fn pages_authentic(conn: &Connection) -> Result<bool> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let mut failures = stmt.query([])?;
    Ok(failures.next()?.is_none())
}

/// SQLite's `quick_check` of every b-tree page.
fn btrees_hold(conn: &Connection) -> Result<bool> {
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    Ok(check == "ok")
}

/// What [`run`] finds, on a file nobody writes (a backup's copy), in half the time on two
/// cores: the HMAC of every page on one connection and thread, the b-trees and the audit chain
/// on another, each from `open`.
pub(crate) fn run_in_two(open: impl Fn() -> Result<Connection> + Sync) -> Result<DatabaseCheck> {
    std::thread::scope(|scope| {
        let hmac = scope.spawn(|| open().and_then(|conn| pages_authentic(&conn)));
        let rest = open().and_then(|conn| sound_then(btrees_hold(&conn), || chain(&conn)));
        let authentic = hmac.join().map_err(|_| Error::Damaged)?;
        sound_then(authentic, || rest)
    })
}

/// Keep the outcome in `settings` and append it to the audit chain, in the caller's
/// transaction.
pub(crate) fn record(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    outcome: DatabaseCheck,
) -> Result<()> {
    let text = serde_json::to_string(&CheckRecord { at, outcome }).map_err(|_| Error::Invalid {
        field: "database_check",
        problem: "cannot be written".into(),
    })?;
    settings::put(tx, DATABASE_CHECK, &text)?;
    audit::append(tx, at, user_id, outcome.action(), "database", None)?;
    Ok(())
}

/// What runs beside the session on a connection of its own (the check of every page, a backup):
/// the database's place and key and who asked, so that it records its own outcome. It can be
/// moved to another thread; the session's store stays free for the screens meanwhile.
pub struct Background {
    pub(crate) path: PathBuf,
    pub(crate) key: DataKey,
    pub(crate) role: Role,
    pub(crate) user_id: Option<i64>,
    clock: Option<DateTime<Utc>>,
    /// The session's signing keys: the rows this work writes are signed as the session's.
    keyring: Arc<Keyring>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("path", &self.path)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl Background {
    /// The time the store's clock would give (a demo's simulated time stands still here).
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    pub(crate) fn connect(&self) -> Result<Connection> {
        let conn = database::open_beside(&self.path, &self.key)?;
        signing::attach(&conn, self.keyring.clone())?;
        Ok(conn)
    }

    /// One IMMEDIATE transaction on `conn`, committed.
    pub(crate) fn write<T>(
        &self,
        conn: &mut Connection,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Check every page and the audit chain, and record the outcome. A damaged database whose
    /// audit log cannot take the row still answers [`DatabaseCheck::Damaged`].
    pub fn check(&self) -> Result<DatabaseCheck> {
        let outcome = match self.connect() {
            Ok(conn) => run(&conn)?,
            Err(Error::Damaged | Error::NotRecordsDesk) => DatabaseCheck::Damaged,
            Err(e) => return Err(e),
        };
        let at = self.now();
        // A fresh connection: SQLCipher refuses every later read on a connection that met a
        // page failing its HMAC.
        let recorded = self
            .connect()
            .and_then(|mut conn| self.write(&mut conn, |tx| record(tx, at, self.user_id, outcome)));
        match recorded {
            Err(_) if outcome == DatabaseCheck::Damaged => Ok(outcome),
            Err(e) => Err(e),
            Ok(()) => Ok(outcome),
        }
    }
}

impl Store {
    /// A handle for work beside the session on a connection of its own ([`Background`]).
    pub fn background(&self) -> Background {
        Background {
            path: self.path.clone(),
            key: self.key.clone(),
            role: self.principal.role(),
            user_id: self.principal.user_id(),
            clock: self.clock,
            keyring: self.keyring.clone(),
        }
    }

    /// Check every page and the audit chain now, on a connection of its own, and record the
    /// outcome (what `records-desk audit verify` runs).
    pub fn check_database(&self) -> Result<DatabaseCheck> {
        self.background().check()
    }

    /// The last check's time and outcome (`None` before the first).
    pub fn last_database_check(&self) -> Result<Option<CheckRecord>> {
        settings::get(&self.conn, DATABASE_CHECK)?
            .map(|t| serde_json::from_str(&t).map_err(|_| Error::Damaged))
            .transpose()
    }

    /// Whether the day's check is still to run: none yet, or the last ran before today (the
    /// office's local day).
    pub fn database_check_due(&self) -> Result<bool> {
        Ok(self
            .last_database_check()?
            .is_none_or(|c| sql::local_date(c.at) != self.today()))
    }
}
