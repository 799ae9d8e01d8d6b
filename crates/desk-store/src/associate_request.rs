//! What the plan asks of its business associates for a request, and what it tells them: a
//! request forwarded for access, amendment or accounting information runs the associate's own
//! clock (the agreement's days) beside the plan's, until its reply is recorded; a notice tells an
//! associate of an accepted amendment, an agreed or ended restriction, or a confidential-
//! communication accommodation. Rows are facts as recorded: never changed, never deleted.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::associate::{self, Duty, NoticeKind, ReplyStanding};
use desk_core::request::RequestStatus;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_ts, ts};
use crate::{associate as register, audit, letter, request, NewLetter, Store};

/// Schema 12: requests to associates, their replies, notices to them, and the associate a
/// logbook disclosure was made by.
pub(crate) const SCHEMA_V12: &[&str] = &[
    "CREATE TABLE associate_requests (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        associate_id INTEGER NOT NULL REFERENCES business_associates(id),
        duty TEXT NOT NULL CHECK (duty IN ('access', 'amendment', 'accounting')),
        sent_on TEXT NOT NULL CHECK (date(sent_on) = sent_on),
        due_on TEXT NOT NULL CHECK (date(due_on) = due_on),
        letter_id INTEGER REFERENCES letters(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("associate_requests"),
    "CREATE INDEX associate_requests_by_request ON associate_requests (request_id);",
    "CREATE TABLE associate_replies (
        id INTEGER PRIMARY KEY,
        associate_request_id INTEGER NOT NULL UNIQUE REFERENCES associate_requests(id),
        received_on TEXT NOT NULL CHECK (date(received_on) = received_on),
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("associate_replies"),
    "CREATE TABLE associate_notices (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        associate_id INTEGER NOT NULL REFERENCES business_associates(id),
        kind TEXT NOT NULL CHECK (kind IN
            ('amendment', 'restriction', 'restriction_end', 'confidential_communication')),
        sent_on TEXT NOT NULL CHECK (date(sent_on) = sent_on),
        letter_id INTEGER REFERENCES letters(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("associate_notices"),
    "CREATE INDEX associate_notices_by_request ON associate_notices (request_id);",
    "ALTER TABLE disclosures ADD COLUMN associate_id INTEGER REFERENCES business_associates(id);",
];

/// Schema 14: a notice may tell of the end of a confidential-communication accommodation. SQLite
/// cannot change a CHECK, so the table is rebuilt with every row and id as it was.
pub(crate) const SCHEMA_V14: &[&str] = &[
    "CREATE TABLE associate_notices_v14 (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        associate_id INTEGER NOT NULL REFERENCES business_associates(id),
        kind TEXT NOT NULL CHECK (kind IN
            ('amendment', 'restriction', 'restriction_end', 'confidential_communication',
             'communication_end')),
        sent_on TEXT NOT NULL CHECK (date(sent_on) = sent_on),
        letter_id INTEGER REFERENCES letters(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    "INSERT INTO associate_notices_v14
         (id, request_id, associate_id, kind, sent_on, letter_id, at, user_id)
     SELECT id, request_id, associate_id, kind, sent_on, letter_id, at, user_id
     FROM associate_notices ORDER BY id;",
    // Dropping a table deletes its rows without firing their triggers, and its triggers go
    // with it.
    "DROP TABLE associate_notices;",
    "ALTER TABLE associate_notices_v14 RENAME TO associate_notices;",
    never_changed!("associate_notices"),
    "CREATE INDEX associate_notices_by_request ON associate_notices (request_id);",
];

/// The most a reply's note holds.
pub const MAX_REPLY_NOTE_CHARS: usize = 2_000;

/// A request to forward to an associate.
#[derive(Debug, Clone)]
pub struct NewAssociateRequest {
    pub request_id: i64,
    pub associate_id: i64,
    /// Access, amendment or accounting information (an incident report is not asked for).
    pub duty: Duty,
    /// The day the letter goes: the associate's clock starts then.
    pub sent_on: NaiveDate,
}

/// A request forwarded to an associate, and its reply once recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociateRequestEntry {
    pub id: i64,
    pub request_id: i64,
    pub associate_id: i64,
    pub associate_name: String,
    pub duty: Duty,
    pub sent_on: NaiveDate,
    /// `sent_on` plus the agreement's days for the duty, as they were when it was sent.
    pub due_on: NaiveDate,
    pub letter_id: Option<i64>,
    pub replied_on: Option<NaiveDate>,
    pub reply_note: String,
    pub at: DateTime<Utc>,
    pub by: String,
}

impl AssociateRequestEntry {
    pub fn standing(&self, today: NaiveDate) -> ReplyStanding {
        associate::standing(self.due_on, self.replied_on, today)
    }
}

/// A notice to an associate, with its letter.
#[derive(Debug, Clone)]
pub struct NewAssociateNotice {
    pub request_id: i64,
    pub associate_id: i64,
    pub kind: NoticeKind,
    pub sent_on: NaiveDate,
}

/// A notice as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociateNoticeEntry {
    pub id: i64,
    pub request_id: i64,
    pub associate_id: i64,
    pub associate_name: String,
    pub kind: NoticeKind,
    pub sent_on: NaiveDate,
    pub letter_id: Option<i64>,
    pub at: DateTime<Utc>,
}

const REQUEST_SELECT: &str = "SELECT q.id, q.request_id, q.associate_id, b.name, q.duty, \
     q.sent_on, q.due_on, q.letter_id, y.received_on, y.note, q.at, u.display_name \
     FROM associate_requests q \
     JOIN business_associates b ON b.id = q.associate_id \
     LEFT JOIN associate_replies y ON y.associate_request_id = q.id \
     LEFT JOIN users u ON u.id = q.user_id";

fn request_rows(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<AssociateRequestEntry>> {
    let mut stmt = conn.prepare(&format!("{REQUEST_SELECT} {filter} ORDER BY q.id"))?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<i64>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, String>(10)?,
            r.get::<_, Option<String>>(11)?,
        ))
    })?;
    rows.map(|row| {
        let (id, request_id, associate_id, name, duty, sent, due, letter_id, replied, note, at, by) =
            row?;
        Ok(AssociateRequestEntry {
            id,
            request_id,
            associate_id,
            associate_name: name,
            duty: enum_from(&duty)?,
            sent_on: parse_date(&sent)?,
            due_on: parse_date(&due)?,
            letter_id,
            replied_on: replied.as_deref().map(parse_date).transpose()?,
            reply_note: note.unwrap_or_default(),
            at: parse_ts(&at)?,
            by: by.unwrap_or_default(),
        })
    })
    .collect()
}

/// The letters of notices just recorded, in order.
pub(crate) fn notice_letters(conn: &Connection, notices: &[i64]) -> Result<Vec<i64>> {
    notices
        .iter()
        .map(|id| {
            Ok(conn
                .query_row(
                    "SELECT letter_id FROM associate_notices WHERE id = ?1",
                    [id],
                    |r| r.get::<_, Option<i64>>(0),
                )?
                .into_iter())
        })
        .collect::<Result<Vec<_>>>()
        .map(|v| v.into_iter().flatten().collect())
}

pub(crate) fn one(conn: &Connection, id: i64) -> Result<AssociateRequestEntry> {
    request_rows(conn, "WHERE q.id = ?1", [id])?
        .pop()
        .ok_or_else(|| crate::Error::NotFound {
            entity: "request to a business associate",
        })
}

/// Record the reply to `associate_request_id` inside `tx`, with its audit row (the checks of
/// [`Store::record_associate_reply`]); the request to the associate as it was before.
pub(crate) fn insert_reply(
    tx: &rusqlite::Transaction<'_>,
    me: Option<i64>,
    now: DateTime<Utc>,
    today: NaiveDate,
    associate_request_id: i64,
    received_on: NaiveDate,
    note: &str,
) -> Result<AssociateRequestEntry> {
    let q = one(tx, associate_request_id)?;
    if q.replied_on.is_some() {
        return Err(FieldError::new("receivedOn", "the reply is already recorded").into());
    }
    if received_on > today {
        return Err(FieldError::new("receivedOn", "is in the future").into());
    }
    if received_on < q.sent_on {
        return Err(FieldError::new("receivedOn", "is before the request was sent").into());
    }
    let note = note.trim();
    if note.chars().count() > MAX_REPLY_NOTE_CHARS {
        return Err(FieldError::new(
            "note",
            format!("is longer than {MAX_REPLY_NOTE_CHARS} characters"),
        )
        .into());
    }
    tx.execute(
        "INSERT INTO associate_replies (associate_request_id, received_on, note, at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![associate_request_id, date(received_on), note, ts(now), me],
    )?;
    audit::append(
        tx,
        now,
        me,
        "associate.reply",
        "request",
        Some(q.request_id),
    )?;
    Ok(q)
}

/// Notices to associates with their letters, inside the caller's write (a restriction's entry,
/// an accepted amendment's response): an audit row each. Refused on `associateId` when an
/// agreement has ended, and on `sentOn` when a day is in the future. Returns the notices' ids.
pub(crate) fn insert_notices(
    tx: &Transaction<'_>,
    me: Option<i64>,
    notices: &[(NewAssociateNotice, NewLetter)],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(notices.len());
    for (n, l) in notices {
        request::get(tx, n.request_id)?;
        let a = register::get(tx, n.associate_id)?;
        if !a.associate.active_on(n.sent_on) {
            return Err(FieldError::new("associateId", "its agreement has ended").into());
        }
        if n.sent_on > today {
            return Err(FieldError::new("sentOn", "is in the future").into());
        }
        let letter_id = letter::insert_checked(tx, me, std::slice::from_ref(l), now)?;
        tx.execute(
            "INSERT INTO associate_notices
               (request_id, associate_id, kind, sent_on, letter_id, at, user_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                n.request_id,
                n.associate_id,
                enum_str(&n.kind)?,
                date(n.sent_on),
                letter_id.first(),
                ts(now),
                me,
            ],
        )?;
        ids.push(tx.last_insert_rowid());
        audit::append(
            tx,
            now,
            me,
            "associate.notice",
            "request",
            Some(n.request_id),
        )?;
    }
    Ok(ids)
}

impl Store {
    /// Letters (an accepted amendment's response and its notices to the people named) and
    /// notices to associates with their own letters, in one write. Returns the letters' ids,
    /// then the notices' letters' ids, in order.
    pub fn store_letters_telling(
        &mut self,
        letters: &[NewLetter],
        notices: &[(NewAssociateNotice, NewLetter)],
    ) -> Result<Vec<i64>> {
        let today = self.today();
        let now = self.now();
        self.write(|tx, me| {
            let mut ids = letter::insert_checked(tx, me, letters, now)?;
            let told = insert_notices(tx, me, notices, today, now)?;
            ids.extend(notice_letters(tx, &told)?);
            Ok(ids)
        })
    }

    /// Forward request `new.request_id` to an associate, with its letter kept in the same write:
    /// the associate's clock runs from `sent_on` for the agreement's days. Refused on `duty`
    /// (an incident report is not asked for), `associateId` (an ended agreement), `sentOn` (in
    /// the future or before the request came), or `status` (the request is closed), and when
    /// the same associate already has the same duty open for the request (field
    /// `associateId`). One write with its audit row.
    pub fn forward_to_associate(
        &mut self,
        new: &NewAssociateRequest,
        letters: &[NewLetter],
    ) -> Result<i64> {
        let today = self.today();
        let now = self.now();
        self.write(|tx, me| {
            if new.duty == Duty::IncidentReport {
                return Err(FieldError::new("duty", "an incident report is not asked for").into());
            }
            let r = request::get(tx, new.request_id)?;
            if r.status == RequestStatus::Closed {
                return Err(FieldError::new("status", "the request is closed").into());
            }
            let a = register::get(tx, new.associate_id)?;
            if !a.associate.active_on(new.sent_on) {
                return Err(FieldError::new("associateId", "its agreement has ended").into());
            }
            if new.sent_on > today {
                return Err(FieldError::new("sentOn", "is in the future").into());
            }
            if new.sent_on < r.received_on {
                return Err(FieldError::new("sentOn", "is before the request was received").into());
            }
            let open: Option<i64> = tx
                .query_row(
                    "SELECT q.id FROM associate_requests q
                     LEFT JOIN associate_replies y ON y.associate_request_id = q.id
                     WHERE q.request_id = ?1 AND q.associate_id = ?2 AND q.duty = ?3
                       AND y.id IS NULL",
                    rusqlite::params![new.request_id, new.associate_id, enum_str(&new.duty)?],
                    |r| r.get(0),
                )
                .optional()?;
            if open.is_some() {
                return Err(FieldError::new(
                    "associateId",
                    "already asked, and its reply is not recorded yet",
                )
                .into());
            }
            let due = a.associate.duties.due(new.duty, new.sent_on);
            let ids = letter::insert_checked(tx, me, letters, now)?;
            tx.execute(
                "INSERT INTO associate_requests
                   (request_id, associate_id, duty, sent_on, due_on, letter_id, at, user_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    new.request_id,
                    new.associate_id,
                    enum_str(&new.duty)?,
                    date(new.sent_on),
                    date(due),
                    ids.first(),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "associate.forward",
                "request",
                Some(new.request_id),
            )?;
            Ok(id)
        })
    }

    /// Record the associate's reply to `associate_request_id`, received on `received_on`
    /// (field `receivedOn`: not in the future nor before it was sent), with a note (field
    /// `note`, at most [`MAX_REPLY_NOTE_CHARS`]). Once (field `receivedOn` otherwise). One
    /// write with its audit row.
    pub fn record_associate_reply(
        &mut self,
        associate_request_id: i64,
        received_on: NaiveDate,
        note: &str,
    ) -> Result<()> {
        let today = self.today();
        let now = self.now();
        self.write(|tx, me| {
            insert_reply(tx, me, now, today, associate_request_id, received_on, note).map(|_| ())
        })
    }

    /// What was asked of associates for a request, oldest first.
    pub fn associate_requests_of(&self, request_id: i64) -> Result<Vec<AssociateRequestEntry>> {
        request_rows(&self.conn, "WHERE q.request_id = ?1", [request_id])
    }

    pub fn associate_request(&self, id: i64) -> Result<AssociateRequestEntry> {
        one(&self.conn, id)
    }

    /// Every request to an associate still waiting for its reply, on requests not closed,
    /// oldest first (the dashboard's warnings).
    pub fn open_associate_requests(&self) -> Result<Vec<AssociateRequestEntry>> {
        request_rows(
            &self.conn,
            "JOIN requests r ON r.id = q.request_id
             WHERE y.id IS NULL AND r.status <> 'closed'",
            [],
        )
    }

    /// The notices sent to associates for a request, oldest first.
    pub fn associate_notices_of(&self, request_id: i64) -> Result<Vec<AssociateNoticeEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.id, n.request_id, n.associate_id, b.name, n.kind, n.sent_on, n.letter_id,
                    n.at
             FROM associate_notices n JOIN business_associates b ON b.id = n.associate_id
             WHERE n.request_id = ?1 ORDER BY n.id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (id, request_id, associate_id, name, kind, sent, letter_id, at) = row?;
            Ok(AssociateNoticeEntry {
                id,
                request_id,
                associate_id,
                associate_name: name,
                kind: enum_from(&kind)?,
                sent_on: parse_date(&sent)?,
                letter_id,
                at: parse_ts(&at)?,
            })
        })
        .collect()
    }
}
