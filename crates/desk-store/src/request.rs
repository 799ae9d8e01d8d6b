//! Requesters and the requests the office answers: kind, channel, dates, status, due dates.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::{RequestKind, RequestStatus};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_opt_date, ts};

// Columns holding desk-core's `#[non_exhaustive]` enums carry no CHECK list: the enums grow
// without a migration, and only values that parse as the enum are ever written.
pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE requesters (
        id             INTEGER PRIMARY KEY,
        role           TEXT NOT NULL, -- desk_core::person::RequesterRole
        -- Set when the requester is on file as a participant (the individual, a parent).
        participant_id INTEGER REFERENCES participants(id),
        name           TEXT NOT NULL,
        organization   TEXT NOT NULL DEFAULT '',
        address        TEXT NOT NULL DEFAULT '[]', -- JSON array of lines
        phone          TEXT NOT NULL DEFAULT '',
        -- A personal representative's or official's stated authority.
        authority      TEXT NOT NULL DEFAULT '',
        corrects_id    INTEGER UNIQUE REFERENCES requesters(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("requesters"),
    "CREATE TABLE requests (
        id                   INTEGER PRIMARY KEY,
        kind                 TEXT NOT NULL, -- desk_core::request::RequestKind
        channel              TEXT NOT NULL, -- desk_core::person::Channel
        received_on          TEXT NOT NULL,
        participant_id       INTEGER NOT NULL REFERENCES participants(id),
        requester_id         INTEGER REFERENCES requesters(id),
        requester_role       TEXT NOT NULL, -- desk_core::person::RequesterRole
        status               TEXT NOT NULL, -- desk_core::request::RequestStatus
        due_on               TEXT,
        extension_noticed_on TEXT,
        extended_due_on      TEXT,
        summary              TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL,
        created_by           INTEGER REFERENCES users(id),
        updated_at           TEXT NOT NULL,
        CHECK ((extension_noticed_on IS NULL) = (extended_due_on IS NULL))
    ) STRICT;",
    "CREATE INDEX requests_by_status ON requests (status, due_on);",
    "CREATE INDEX requests_by_participant ON requests (participant_id);",
    never_deleted!("requests"),
];

/// A request as received at intake. `due_on` is computed by the caller from desk-core's clock
/// rules (`None` for "promptly" kinds and complaints).
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub participant_id: i64,
    pub requester_role: RequesterRole,
    pub requester_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    /// A few words for the dashboard; keep PHI to the minimum.
    pub summary: String,
}

/// One line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    pub id: i64,
    pub kind: RequestKind,
    pub channel: Channel,
    pub status: RequestStatus,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub extension_noticed_on: Option<NaiveDate>,
    pub extended_due_on: Option<NaiveDate>,
    pub participant_id: i64,
    pub participant_name: String,
    pub requester_role: RequesterRole,
    pub summary: String,
}

impl RequestSummary {
    /// The date that counts: the extended one when an extension was noticed.
    pub fn effective_due_on(&self) -> Option<NaiveDate> {
        self.extended_due_on.or(self.due_on)
    }
}

/// Which requests the dashboard wants.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Only these statuses; empty = all.
    pub statuses: Vec<RequestStatus>,
    /// Only requests that are not closed or withdrawn.
    pub open_only: bool,
    pub participant_id: Option<i64>,
}

const COLUMNS: &str = "r.id, r.kind, r.channel, r.status, r.received_on, r.due_on,
    r.extension_noticed_on, r.extended_due_on, r.participant_id,
    p.first_name || ' ' || p.last_name, r.requester_role, r.summary";

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
    String,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn to_summary(row: Raw) -> Result<RequestSummary> {
    let (id, kind, channel, status, received, due, ext_noticed, ext_due, pid, name, role, summary) =
        row;
    Ok(RequestSummary {
        id,
        kind: enum_from(&kind)?,
        channel: enum_from(&channel)?,
        status: enum_from(&status)?,
        received_on: parse_date(&received)?,
        due_on: parse_opt_date(due)?,
        extension_noticed_on: parse_opt_date(ext_noticed)?,
        extended_due_on: parse_opt_date(ext_due)?,
        participant_id: pid,
        participant_name: name,
        requester_role: enum_from(&role)?,
        summary,
    })
}

/// Requests ordered by the date that counts (soonest first, undated last), then by id.
pub(crate) fn list(conn: &Connection, filter: &RequestFilter) -> Result<Vec<RequestSummary>> {
    let mut conditions = vec!["1 = 1".to_owned()];
    let mut params: Vec<String> = Vec::new();
    if !filter.statuses.is_empty() {
        let mut marks = Vec::new();
        for s in &filter.statuses {
            params.push(enum_str(s)?);
            marks.push(format!("?{}", params.len()));
        }
        conditions.push(format!("r.status IN ({})", marks.join(", ")));
    }
    if filter.open_only {
        conditions.push("r.status NOT IN ('closed', 'withdrawn')".into());
    }
    if let Some(pid) = filter.participant_id {
        params.push(pid.to_string());
        conditions.push(format!(
            "r.participant_id = CAST(?{} AS INTEGER)",
            params.len()
        ));
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM requests r JOIN participants p ON p.id = r.participant_id
         WHERE {}
         ORDER BY coalesce(r.extended_due_on, r.due_on) IS NULL,
                  coalesce(r.extended_due_on, r.due_on), r.id",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), raw)?;
    rows.map(|r| to_summary(r?)).collect()
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<RequestSummary> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM requests r JOIN participants p ON p.id = r.participant_id
                 WHERE r.id = ?1"
            ),
            [id],
            raw,
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "request" })?;
    to_summary(row)
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    req: &NewRequest,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if req.received_on > now.date_naive() {
        return Err(FieldError::new("received_on", "is in the future").into());
    }
    if let Some(due) = req.due_on {
        if due < req.received_on {
            return Err(FieldError::new("due_on", "is before the date received").into());
        }
    }
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM participants WHERE id = ?1",
            [req.participant_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(FieldError::new("participant_id", "is not on file").into());
    }
    tx.execute(
        "INSERT INTO requests (kind, channel, received_on, participant_id, requester_id,
             requester_role, status, due_on, summary, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7, ?8, ?9, ?10, ?9)",
        rusqlite::params![
            enum_str(&req.kind)?,
            enum_str(&req.channel)?,
            date(req.received_on),
            req.participant_id,
            req.requester_id,
            enum_str(&req.requester_role)?,
            req.due_on.map(date),
            req.summary.trim(),
            ts(now),
            user_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: RequestStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1",
        (id, enum_str(&status)?, ts(now)),
    )?;
    if n == 0 {
        return Err(Error::NotFound { entity: "request" });
    }
    Ok(())
}

/// Record the written extension notice and the new due date.
pub(crate) fn set_extension(
    tx: &Transaction<'_>,
    id: i64,
    noticed_on: NaiveDate,
    extended_due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = get(tx, id)?;
    if current.extension_noticed_on.is_some() {
        return Err(
            FieldError::new("extension_noticed_on", "an extension was already given").into(),
        );
    }
    if noticed_on < current.received_on {
        return Err(FieldError::new("extension_noticed_on", "is before the date received").into());
    }
    if current.due_on.is_some_and(|due| extended_due_on <= due) {
        return Err(
            FieldError::new("extended_due_on", "is not after the original due date").into(),
        );
    }
    tx.execute(
        "UPDATE requests SET extension_noticed_on = ?2, extended_due_on = ?3, updated_at = ?4
         WHERE id = ?1",
        (id, date(noticed_on), date(extended_due_on), ts(now)),
    )?;
    Ok(())
}
