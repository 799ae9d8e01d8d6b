//! Letters as sent: the exact PDF bytes with their SHA-256, kind and request, and (schema 2)
//! each delivery — mailed, handed over, e-mailed, faxed — as its own row, since a letter row is
//! never changed. Delivering a decided request's letter moves the request to LetterSent.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::lifecycle::{self, Step};
use desk_core::request::RequestStatus;
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::attachment::{check_file, sha256_hex};
use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_ts, ts};
use crate::{audit, request, Store};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE letters (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER REFERENCES requests(id),
        kind        TEXT NOT NULL,
        pdf         BLOB NOT NULL,
        sha256      TEXT NOT NULL,
        rendered_at TEXT NOT NULL,
        rendered_by INTEGER REFERENCES users(id),
        delivery    TEXT, -- mail, in_person, fax, email
        sent_on     TEXT,
        corrects_id INTEGER UNIQUE REFERENCES letters(id)
    ) STRICT;",
    never_changed!("letters"),
];

/// Schema 2: deliveries in their own table (`letters.delivery` and `sent_on` stay unused).
pub(crate) const SCHEMA_V2: &[&str] = &[
    "CREATE TABLE letter_deliveries (
        id           INTEGER PRIMARY KEY,
        letter_id    INTEGER NOT NULL REFERENCES letters(id),
        method       TEXT NOT NULL, -- mailed, handed_over, emailed, faxed
        delivered_on TEXT NOT NULL,
        corrects_id  INTEGER UNIQUE REFERENCES letter_deliveries(id),
        created_at   TEXT NOT NULL,
        created_by   INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX letter_deliveries_by_letter ON letter_deliveries (letter_id);",
    never_changed!("letter_deliveries"),
];

/// Largest letter accepted: 20 MiB.
pub const MAX_LETTER_BYTES: usize = 20 * 1024 * 1024;

/// A rendered letter to keep exactly as it goes out.
#[derive(Debug, Clone)]
pub struct NewLetter {
    pub request_id: Option<i64>,
    /// The letter's kind code: the snake_case name of `desk_core::letter::LetterKind`
    /// (`access_response`, `amendment_notice`, …).
    pub kind: String,
    pub pdf: Vec<u8>,
    /// A corrected letter replacing an earlier one.
    pub corrects_id: Option<i64>,
}

/// How a letter reached its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Mailed,
    HandedOver,
    Emailed,
    Faxed,
}

/// One delivery of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterDelivery {
    pub id: i64,
    pub letter_id: i64,
    pub method: DeliveryMethod,
    pub delivered_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<i64>,
}

/// A letter without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterMeta {
    pub id: i64,
    pub request_id: Option<i64>,
    pub kind: String,
    /// SHA-256 of the PDF, lower-case hex.
    pub sha256: String,
    pub size: i64,
    pub rendered_at: DateTime<Utc>,
    pub rendered_by: Option<i64>,
    pub corrects_id: Option<i64>,
    /// Oldest first.
    pub deliveries: Vec<LetterDelivery>,
}

/// A letter with its PDF bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLetter {
    pub meta: LetterMeta,
    pub pdf: Vec<u8>,
}

const COLUMNS: &str =
    "id, request_id, kind, sha256, length(pdf), rendered_at, rendered_by, corrects_id";

type Raw = (
    i64,
    Option<i64>,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<i64>,
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
    ))
}

fn deliveries(conn: &Connection, letter_id: i64) -> Result<Vec<LetterDelivery>> {
    let mut stmt = conn.prepare(
        "SELECT id, letter_id, method, delivered_on, created_at, created_by
         FROM letter_deliveries WHERE letter_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([letter_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, letter_id, method, on, at, by) = row?;
        out.push(LetterDelivery {
            id,
            letter_id,
            method: enum_from(&method)?,
            delivered_on: parse_date(&on)?,
            created_at: parse_ts(&at)?,
            created_by: by,
        });
    }
    Ok(out)
}

fn to_meta(conn: &Connection, row: Raw) -> Result<LetterMeta> {
    let (id, request_id, kind, sha256, size, at, by, corrects_id) = row;
    Ok(LetterMeta {
        id,
        request_id,
        kind,
        sha256,
        size,
        rendered_at: parse_ts(&at)?,
        rendered_by: by,
        corrects_id,
        deliveries: deliveries(conn, id)?,
    })
}

pub(crate) fn meta(conn: &Connection, id: i64) -> Result<LetterMeta> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM letters WHERE id = ?1"),
            [id],
            raw,
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "letter" })?;
    to_meta(conn, row)
}

fn check_kind(kind: &str) -> Result<()> {
    let ok = !kind.is_empty()
        && kind.len() <= 64
        && kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(FieldError::new("kind", "use the letter's kind code, e.g. access_response").into())
    }
}

fn insert(
    tx: &Transaction<'_>,
    me: Option<i64>,
    new: &NewLetter,
    now: DateTime<Utc>,
) -> Result<i64> {
    crate::sql::check_correction(tx, "letters", new.request_id, new.corrects_id, |old| {
        Ok(meta(tx, old)?.request_id)
    })?;
    tx.execute(
        "INSERT INTO letters (request_id, kind, pdf, sha256, rendered_at, rendered_by,
             corrects_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        rusqlite::params![
            new.request_id,
            new.kind,
            new.pdf,
            sha256_hex(&new.pdf),
            ts(now),
            me,
            new.corrects_id,
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, now, me, "letter.store", "letter", Some(id))?;
    Ok(id)
}

impl Store {
    /// Keep a rendered letter: its exact PDF bytes (at most [`MAX_LETTER_BYTES`]) and their
    /// SHA-256. Errors name `pdf`, `kind`, `request_id` or `corrects_id`.
    pub fn store_letter(&mut self, new: &NewLetter) -> Result<i64> {
        Ok(self.store_letters(std::slice::from_ref(new))?[0])
    }

    /// Keep several letters that go out together (a response and its notices) in one write:
    /// all of them or none. Returns their ids in order.
    pub fn store_letters(&mut self, letters: &[NewLetter]) -> Result<Vec<i64>> {
        for new in letters {
            check_kind(&new.kind)?;
            check_file("pdf", &new.pdf, MAX_LETTER_BYTES, &["application/pdf"])?;
        }
        let now = self.now();
        self.write(|tx, me| letters.iter().map(|new| insert(tx, me, new, now)).collect())
    }

    /// One letter with its PDF bytes.
    /// A letter's kind, request, hash and deliveries, without its bytes.
    pub fn letter_meta(&self, id: i64) -> Result<LetterMeta> {
        meta(&self.conn, id)
    }

    pub fn letter(&self, id: i64) -> Result<StoredLetter> {
        let meta = meta(&self.conn, id)?;
        let pdf: Vec<u8> =
            self.conn
                .query_row("SELECT pdf FROM letters WHERE id = ?1", [id], |r| r.get(0))?;
        Ok(StoredLetter { meta, pdf })
    }

    /// A request's letters, oldest first, with their deliveries (not their bytes).
    pub fn letters_of(&self, request_id: i64) -> Result<Vec<LetterMeta>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM letters WHERE request_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt
            .query_map([request_id], raw)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(|r| to_meta(&self.conn, r)).collect()
    }

    /// Record that a letter went out (a new row: the letter itself never changes). When the
    /// letter's request is Decided it moves to LetterSent in the same transaction, answered on
    /// `delivered_on`; in any other
    /// state (an extension notice, a form sent for signature) the request stays where it is.
    /// `delivered_on` may not be in the future. Returns the delivery's id.
    pub fn mark_letter_delivered(
        &mut self,
        letter_id: i64,
        method: DeliveryMethod,
        delivered_on: NaiveDate,
    ) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| {
            let letter = meta(tx, letter_id)?;
            if delivered_on > crate::sql::local_date(now) {
                return Err(FieldError::new("delivered_on", "is in the future").into());
            }
            tx.execute(
                "INSERT INTO letter_deliveries (letter_id, method, delivered_on, created_at,
                     created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    letter_id,
                    enum_str(&method)?,
                    date(delivered_on),
                    ts(now),
                    me
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "letter.deliver", "letter_delivery", Some(id))?;
            if let Some(rid) = letter.request_id {
                if is_extension_notice(tx, rid, &letter)? {
                    // The extension counts as noticed on the day its notice first went out.
                    let changed = tx.execute(
                        "UPDATE requests SET extension_mailed_on = ?2, updated_at = ?3
                         WHERE id = ?1 AND extended_due_on IS NOT NULL
                           AND extension_mailed_on IS NULL",
                        (rid, date(delivered_on), ts(now)),
                    )?;
                    if changed == 1 {
                        audit::append(
                            tx,
                            now,
                            me,
                            "request.extension_mailed",
                            "request",
                            Some(rid),
                        )?;
                    }
                }
            }
            // Only an answer's delivery answers the request (not a notice or a form kept with it).
            let answers = enum_from::<desk_core::letter::LetterKind>(&letter.kind)
                .is_ok_and(|k| k.answers_request());
            if let Some(rid) = letter.request_id.filter(|_| answers) {
                if lifecycle::advance(request::case(tx, rid)?, &Step::SendLetter).is_ok() {
                    request::apply(tx, rid, &Step::SendLetter, now)?;
                    // The first answer's day stays: a review's letter later answers the review.
                    tx.execute(
                        "UPDATE requests SET answered_on = coalesce(answered_on, ?2) WHERE id = ?1",
                        (rid, date(delivered_on)),
                    )?;
                    audit::append(tx, now, me, "request.send_letter", "request", Some(rid))?;
                }
            }
            Ok(id)
        })
    }
}

/// Is this letter the written notice of its request's extension? An accounting's extension
/// notice is its own kind; an access or amendment extension's notice is the response letter
/// prepared while the extension was the request's latest decision.
fn is_extension_notice(tx: &Transaction<'_>, request_id: i64, letter: &LetterMeta) -> Result<bool> {
    use desk_core::letter::LetterKind;
    match enum_from::<LetterKind>(&letter.kind) {
        Ok(LetterKind::AccountingExtension) => Ok(true),
        Ok(LetterKind::AccessResponse | LetterKind::AmendmentResponse) => {
            let latest: Option<String> = tx
                .query_row(
                    "SELECT outcome FROM decisions WHERE request_id = ?1 AND drafted_at <= ?2
                     ORDER BY id DESC LIMIT 1",
                    (request_id, ts(letter.rendered_at)),
                    |r| r.get(0),
                )
                .optional()?;
            Ok(latest
                .and_then(|json| serde_json::from_str::<crate::DecisionOutcome>(&json).ok())
                .is_some_and(|o| o.extension_respond_by().is_some()))
        }
        _ => Ok(false),
    }
}

impl Store {
    /// The one extension of a request with no separate decision (an accounting), with its
    /// written notice: the new due date (checked as [`Store::set_request_extension`] checks it)
    /// and the notice kept in one write. Returns the letters' ids.
    pub fn store_extension_notice(
        &mut self,
        request_id: i64,
        noticed_on: NaiveDate,
        extended_due_on: NaiveDate,
        letters: &[NewLetter],
    ) -> Result<Vec<i64>> {
        let now = self.now();
        self.write(|tx, me| {
            if letters.iter().any(|l| l.request_id != Some(request_id)) {
                return Err(FieldError::new("request_id", "names another request").into());
            }
            request::extend(tx, request_id, noticed_on, extended_due_on, now)?;
            audit::append(tx, now, me, "request.extend", "request", Some(request_id))?;
            insert_checked(tx, me, letters, now)
        })
    }

    /// Keep the letter that answers a request with no separate decision (an accounting): in
    /// the same write the request moves to Decided (its review begun first when it was only
    /// Verified), so that marking the letter sent answers it. Returns the letters' ids.
    pub fn store_answer(&mut self, request_id: i64, letters: &[NewLetter]) -> Result<Vec<i64>> {
        let now = self.now();
        self.write(|tx, me| {
            if letters.iter().any(|l| l.request_id != Some(request_id)) {
                return Err(FieldError::new("request_id", "names another request").into());
            }
            let ids = insert_checked(tx, me, letters, now)?;
            if request::case(tx, request_id)?.status == RequestStatus::Verified {
                request::apply(tx, request_id, &Step::BeginReview, now)?;
                audit::append(
                    tx,
                    now,
                    me,
                    "request.begin_review",
                    "request",
                    Some(request_id),
                )?;
            }
            request::apply(tx, request_id, &Step::Grant, now)?;
            audit::append(tx, now, me, "request.grant", "request", Some(request_id))?;
            Ok(ids)
        })
    }
}

// letters kept in the same write as a register entry (a restriction's response and
// its business-associate notices, a confidential-communication response, a complaint's
// acknowledgement).
pub(crate) fn insert_checked(
    tx: &Transaction<'_>,
    me: Option<i64>,
    letters: &[NewLetter],
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    for new in letters {
        check_kind(&new.kind)?;
        check_file("pdf", &new.pdf, MAX_LETTER_BYTES, &["application/pdf"])?;
    }
    letters.iter().map(|new| insert(tx, me, new, now)).collect()
}
