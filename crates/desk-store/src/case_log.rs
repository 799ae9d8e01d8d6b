//! A case's own record: how it ended (closed or withdrawn, with the reason) and was reopened
//! (with the reason, a correcting row that points at the ending it undoes), and its notes —
//! the calls taken and the mail received. Rows are never changed; the lifecycle is desk-core's.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::lifecycle::{self, Step};
use desk_core::request::RequestStatus;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_ts, ts};
use crate::{audit, request, Store};

/// Schema 7: the endings and reopenings of cases, and case notes.
pub(crate) const SCHEMA_V7: &[&str] = &[
    "CREATE TABLE request_endings (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        step TEXT NOT NULL CHECK (step IN ('close', 'withdraw', 'reopen', 'county_attorney')),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        status_before TEXT NOT NULL,
        status_after TEXT NOT NULL,
        corrects_id INTEGER UNIQUE REFERENCES request_endings(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        CHECK (step = 'reopen' OR corrects_id IS NULL)
    ) STRICT;",
    "CREATE INDEX request_endings_by_request ON request_endings(request_id, id);",
    never_changed!("request_endings"),
    "CREATE TABLE case_notes (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        kind TEXT NOT NULL CHECK (kind IN ('phone_call', 'mail_received', 'note')),
        on_day TEXT NOT NULL CHECK (date(on_day) = on_day),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        corrects_id INTEGER UNIQUE REFERENCES case_notes(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX case_notes_by_request ON case_notes(request_id, id);",
    never_changed!("case_notes"),
];

/// How a case ends.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndStep {
    Close,
    Withdraw,
    Reopen,
    /// Legal process sent to the County Attorney by the Privacy Official (a referral only).
    CountyAttorney,
}

impl EndStep {
    fn action(self) -> &'static str {
        match self {
            EndStep::Close => "request.close",
            EndStep::Withdraw => "request.withdraw",
            EndStep::Reopen => "request.reopen",
            EndStep::CountyAttorney => "request.route_to_county_attorney",
        }
    }
}

/// One row of a case's endings, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ending {
    pub id: i64,
    pub request_id: i64,
    pub step: EndStep,
    pub reason: String,
    pub status_before: RequestStatus,
    pub status_after: RequestStatus,
    /// For a reopening: the ending it undoes (none for a case ended before endings were
    /// recorded).
    pub corrects_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// What a case note records.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    PhoneCall,
    MailReceived,
    Note,
}

/// A case note as taken down.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub request_id: i64,
    pub kind: NoteKind,
    /// The day of the call or of the mail's arrival.
    pub on_day: NaiveDate,
    pub text: String,
    /// A correction of an earlier note of the same case (which then shows as corrected).
    pub corrects_id: Option<i64>,
}

/// A case note as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub request_id: i64,
    pub kind: NoteKind,
    pub on_day: NaiveDate,
    pub text: String,
    pub corrects_id: Option<i64>,
    /// The later note that corrects this one.
    pub corrected_by: Option<i64>,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// Longest reason or note kept.
pub const MAX_NOTE_CHARS: usize = 4000;

fn text_field(field: &'static str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "is required").into());
    }
    if t.chars().count() > MAX_NOTE_CHARS {
        return Err(
            FieldError::new(field, format!("is longer than {MAX_NOTE_CHARS} characters")).into(),
        );
    }
    Ok(t.to_owned())
}

type EndingRaw = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
);

fn ending_of(r: EndingRaw) -> Result<Ending> {
    Ok(Ending {
        id: r.0,
        request_id: r.1,
        step: enum_from(&r.2)?,
        reason: r.3,
        status_before: enum_from(&r.4)?,
        status_after: enum_from(&r.5)?,
        corrects_id: r.6,
        at: parse_ts(&r.7)?,
        by: r.8.unwrap_or_default(),
    })
}

pub(crate) fn endings(conn: &Connection, request_id: i64) -> Result<Vec<Ending>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, e.request_id, e.step, e.reason, e.status_before, e.status_after,
                e.corrects_id, e.at, u.display_name
         FROM request_endings e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.request_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
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
        ))
    })?;
    rows.map(|r| ending_of(r?)).collect()
}

/// The last close or withdrawal of the case that no reopening undid, if any.
fn standing_ending(conn: &Connection, request_id: i64) -> Result<Option<Ending>> {
    let all = endings(conn, request_id)?;
    Ok(all
        .iter()
        .rev()
        .find(|e| e.step != EndStep::Reopen)
        .filter(|e| !all.iter().any(|r| r.corrects_id == Some(e.id)))
        .cloned())
}

/// Where a reopened case goes back to: where it stood before its standing ending. A case ended
/// before endings were recorded goes back to "letter sent" when closed (the only way to close)
/// and, when withdrawn, to "verified" if its requester was verified, else "received".
pub(crate) fn status_before_ending(conn: &Connection, request_id: i64) -> Result<RequestStatus> {
    if let Some(e) = standing_ending(conn, request_id)? {
        return Ok(e.status_before);
    }
    let case = request::case(conn, request_id)?;
    Ok(match case.status {
        RequestStatus::Closed => RequestStatus::LetterSent,
        RequestStatus::Withdrawn => {
            let verified: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM verifications v WHERE v.request_id = ?1
                   AND v.outcome = 'verified'
                   AND NOT EXISTS (SELECT 1 FROM verifications c WHERE c.corrects_id = v.id))",
                [request_id],
                |r| r.get(0),
            )?;
            if verified {
                RequestStatus::Verified
            } else {
                RequestStatus::Received
            }
        }
        other => other,
    })
}

/// Record an ending (or a reopening) of the case in the open transaction: the lifecycle's
/// move, the row with its reason, and the audit row.
pub(crate) fn end(
    tx: &rusqlite::Transaction<'_>,
    request_id: i64,
    step: EndStep,
    reason: &str,
    now: DateTime<Utc>,
    me: Option<i64>,
) -> Result<RequestStatus> {
    let reason = text_field("reason", reason)?;
    let before = request::case(tx, request_id)?.status;
    let (move_, corrects) = match step {
        EndStep::Close => (Step::Close, None),
        EndStep::Withdraw => (Step::Withdraw, None),
        EndStep::CountyAttorney => (Step::RouteToCountyAttorney, None),
        EndStep::Reopen => (
            Step::Reopen {
                to: status_before_ending(tx, request_id)?,
            },
            standing_ending(tx, request_id)?.map(|e| e.id),
        ),
    };
    let next = request::apply(tx, request_id, &move_, now)?;
    tx.execute(
        "INSERT INTO request_endings
           (request_id, step, reason, status_before, status_after, corrects_id, at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            request_id,
            enum_str(&step)?,
            reason,
            enum_str(&before)?,
            enum_str(&next.status)?,
            corrects,
            ts(now),
            me,
        ],
    )?;
    audit::append(tx, now, me, step.action(), "request", Some(request_id))?;
    Ok(next.status)
}

type NoteRaw = (
    i64,
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
);

fn note_of(r: NoteRaw) -> Result<Note> {
    Ok(Note {
        id: r.0,
        request_id: r.1,
        kind: enum_from(&r.2)?,
        on_day: parse_date(&r.3)?,
        text: r.4,
        corrects_id: r.5,
        corrected_by: r.6,
        at: parse_ts(&r.7)?,
        by: r.8.unwrap_or_default(),
    })
}

impl Store {
    /// Close, withdraw or reopen a case, or (the Privacy Official) send a referred request's
    /// legal process to the County Attorney, with the reason (field `reason`), as desk-core's
    /// lifecycle allows (field `status` otherwise). A reopening goes back to where the case
    /// stood before its standing ending, and its row corrects that ending. One write with its
    /// audit row (`request.close`, `request.withdraw`, `request.reopen`).
    pub fn end_request(
        &mut self,
        request_id: i64,
        step: EndStep,
        reason: &str,
    ) -> Result<RequestStatus> {
        if step == EndStep::CountyAttorney {
            self.require(desk_core::person::Role::PrivacyOfficial)?;
        }
        let now = self.now();
        self.write(|tx, me| end(tx, request_id, step, reason, now, me))
    }

    /// The case's endings and reopenings, oldest first.
    pub fn endings_of(&self, request_id: i64) -> Result<Vec<Ending>> {
        endings(&self.conn, request_id)
    }

    /// The steps that end or reopen the case, open now (desk-core's lifecycle).
    pub fn endings_open(&self, request_id: i64) -> Result<Vec<EndStep>> {
        let case = request::case(&self.conn, request_id)?;
        let before = status_before_ending(&self.conn, request_id)?;
        Ok(lifecycle::endings_open(case, before)
            .iter()
            .filter_map(|s| match s {
                Step::Close => Some(EndStep::Close),
                Step::Withdraw => Some(EndStep::Withdraw),
                Step::Reopen { .. } => Some(EndStep::Reopen),
                _ => None,
            })
            .collect())
    }

    /// Take down a call or a piece of mail on the case (field `text`, `on_day`, `corrects_id`),
    /// with its audit row (`request.note`). The day is not in the future nor before the request
    /// was received; a correction names a note of the same case not already corrected.
    pub fn add_case_note(&mut self, note: &NewNote) -> Result<Note> {
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let text = text_field("text", &note.text)?;
            let r = request::get(tx, note.request_id)?;
            if note.on_day > today {
                return Err(FieldError::new("on_day", "is in the future").into());
            }
            if note.on_day < r.received_on {
                return Err(FieldError::new("on_day", "is before the request was received").into());
            }
            if let Some(c) = note.corrects_id {
                let (rid, taken): (i64, bool) = tx
                    .query_row(
                        "SELECT request_id, EXISTS (SELECT 1 FROM case_notes WHERE corrects_id = ?1)
                         FROM case_notes WHERE id = ?1",
                        [c],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?
                    .ok_or_else(|| Error::from(FieldError::new("corrects_id", "is not a note")))?;
                if rid != note.request_id {
                    return Err(FieldError::new("corrects_id", "is a note of another case").into());
                }
                if taken {
                    return Err(FieldError::new("corrects_id", "was already corrected").into());
                }
            }
            tx.execute(
                "INSERT INTO case_notes (request_id, kind, on_day, text, corrects_id, at, user_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    note.request_id,
                    enum_str(&note.kind)?,
                    date(note.on_day),
                    text,
                    note.corrects_id,
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "request.note",
                "request",
                Some(note.request_id),
            )?;
            note_by_id(tx, id)
        })
    }

    /// The case's notes, oldest first (corrected ones say by which).
    pub fn notes_of(&self, request_id: i64) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!(
            "{NOTE_SELECT} WHERE n.request_id = ?1 ORDER BY n.on_day, n.id"
        ))?;
        let rows = stmt.query_map([request_id], note_raw)?;
        rows.map(|r| note_of(r?)).collect()
    }
}

const NOTE_SELECT: &str = "SELECT n.id, n.request_id, n.kind, n.on_day, n.text, n.corrects_id,
        (SELECT c.id FROM case_notes c WHERE c.corrects_id = n.id), n.at, u.display_name
     FROM case_notes n LEFT JOIN users u ON u.id = n.user_id";

fn note_raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<NoteRaw> {
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
    ))
}

fn note_by_id(conn: &Connection, id: i64) -> Result<Note> {
    let raw = conn.query_row(&format!("{NOTE_SELECT} WHERE n.id = ?1"), [id], note_raw)?;
    note_of(raw)
}
