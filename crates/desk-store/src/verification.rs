//! Identity and authority verifications (county procedure §8): who verified, how, which
//! document, its last digits and expiry, the scanned copy, when. A `verified` outcome moves the
//! request to Verified in the same transaction; a correction is a new row (`corrects_id`).

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::lifecycle::Step;
use desk_core::request::RequestStatus;
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_opt_date, parse_ts, ts};
use crate::{attachment, audit, request, Store};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE verifications (
        id               INTEGER PRIMARY KEY,
        request_id       INTEGER NOT NULL REFERENCES requests(id),
        verified_by      INTEGER NOT NULL REFERENCES users(id),
        method           TEXT NOT NULL, -- photo_id, ssn_match, dependent_coverage, legal_document, credentials, letterhead, referred
        document_type    TEXT NOT NULL DEFAULT '',
        document_last_digits TEXT NOT NULL DEFAULT '',
        document_expires_on  TEXT,
        outcome          TEXT NOT NULL CHECK (outcome IN ('verified', 'not_verified', 'referred_to_privacy_official')),
        note             TEXT NOT NULL DEFAULT '',
        attachment_id    INTEGER REFERENCES attachments(id),
        verified_at      TEXT NOT NULL,
        corrects_id      INTEGER UNIQUE REFERENCES verifications(id)
    ) STRICT;",
    never_changed!("verifications"),
];

/// Schema 8: who had to step in at the desk (desk-core's escalations: the Privacy Official, the
/// County Attorney), kept with the verification as a JSON list; the later verification that
/// corrects this one is their outcome.
pub(crate) const SCHEMA_V8: &[&str] =
    &["ALTER TABLE verifications ADD COLUMN escalations TEXT NOT NULL DEFAULT '[]';"];

pub use desk_core::identity::VerificationMethod;

/// What the check found (desk-core's outcome of a verification).
pub use desk_core::identity::VerificationOutcome;

/// A verification to record; `verified_by` is the signed-in user, the time is now.
#[derive(Debug, Clone)]
pub struct NewVerification {
    pub request_id: i64,
    pub method: VerificationMethod,
    /// "Florida driver licence", "power of attorney" …
    pub document_type: String,
    /// At most the last 4 letters or digits of the document's number.
    pub document_last_digits: String,
    pub document_expires_on: Option<NaiveDate>,
    pub outcome: VerificationOutcome,
    pub note: String,
    /// The scanned copy, attached to the same request.
    pub attachment_id: Option<i64>,
    /// The earlier verification of the same request this one corrects.
    pub corrects_id: Option<i64>,
    /// Who must step in, as desk-core's verification said (never the SSN digits, which are
    /// compared and forgotten).
    pub escalations: Vec<desk_core::identity::Escalation>,
}

/// A verification as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerificationRecord {
    pub id: i64,
    pub request_id: i64,
    pub verified_by: i64,
    pub verified_by_name: String,
    pub method: VerificationMethod,
    pub document_type: String,
    pub document_last_digits: String,
    pub document_expires_on: Option<NaiveDate>,
    pub outcome: VerificationOutcome,
    pub note: String,
    pub attachment_id: Option<i64>,
    pub verified_at: DateTime<Utc>,
    pub corrects_id: Option<i64>,
    /// The later row that corrects this one.
    pub corrected_by: Option<i64>,
    /// Who had to step in at the desk.
    pub escalations: Vec<desk_core::identity::Escalation>,
}

const COLUMNS: &str = "v.id, v.request_id, v.verified_by, u.display_name, v.method,
    v.document_type, v.document_last_digits, v.document_expires_on, v.outcome, v.note,
    v.attachment_id, v.verified_at, v.corrects_id,
    (SELECT c.id FROM verifications c WHERE c.corrects_id = v.id), v.escalations";

type Raw = (
    (i64, i64, i64, String, String, String, String),
    (
        Option<String>,
        String,
        String,
        Option<i64>,
        String,
        Option<i64>,
        Option<i64>,
        String,
    ),
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ),
        (
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
            r.get(13)?,
            r.get(14)?,
        ),
    ))
}

fn to_record(row: Raw) -> Result<VerificationRecord> {
    let (
        (id, request_id, verified_by, verified_by_name, method, document_type, last_digits),
        (expires, outcome, note, attachment_id, at, corrects_id, corrected_by, escalations),
    ) = row;
    Ok(VerificationRecord {
        id,
        request_id,
        verified_by,
        verified_by_name,
        method: enum_from(&method)?,
        document_type,
        document_last_digits: last_digits,
        document_expires_on: parse_opt_date(expires)?,
        outcome: enum_from(&outcome)?,
        note,
        attachment_id,
        verified_at: parse_ts(&at)?,
        corrects_id,
        corrected_by,
        escalations: serde_json::from_str(&escalations).map_err(|_| Error::Damaged)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<Option<VerificationRecord>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM verifications v JOIN users u ON u.id = v.verified_by
                 WHERE v.id = ?1"
            ),
            [id],
            raw,
        )
        .optional()?;
    row.map(to_record).transpose()
}

fn validate(tx: &Transaction<'_>, v: &NewVerification, today: NaiveDate) -> Result<()> {
    if v.document_type.chars().count() > 100 {
        return Err(FieldError::new("document_type", "use at most 100 characters").into());
    }
    let digits = v.document_last_digits.trim();
    if digits.chars().count() > 4 || !digits.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(FieldError::new(
            "document_last_digits",
            "keep at most the last 4 letters or digits",
        )
        .into());
    }
    if v.note.chars().count() > 2000 {
        return Err(FieldError::new("note", "use at most 2000 characters").into());
    }
    if v.outcome == VerificationOutcome::Verified
        && v.document_expires_on.is_some_and(|exp| exp < today)
    {
        return Err(FieldError::new(
            "document_expires_on",
            "the document has expired: it cannot verify anyone",
        )
        .into());
    }
    if let Some(aid) = v.attachment_id {
        let a = attachment::meta(tx, aid).map_err(|e| match e {
            Error::NotFound { .. } => FieldError::new("attachment_id", "is not on file").into(),
            e => e,
        })?;
        if a.request_id.is_some_and(|rid| rid != v.request_id) {
            return Err(FieldError::new("attachment_id", "belongs to another request").into());
        }
    }
    Ok(())
}

/// Record `v` inside `tx` (also used by intake, so a request and its verification are one write).
pub(crate) fn record(
    tx: &Transaction<'_>,
    me: Option<i64>,
    v: &NewVerification,
    now: DateTime<Utc>,
) -> Result<i64> {
    let me = me
        .ok_or_else(|| FieldError::new("verified_by", "sign in with your own account to verify"))?;
    let current = request::case(tx, v.request_id)?;
    validate(tx, v, crate::sql::local_date(now))?;
    let mut was_verified = false;
    if let Some(old) = v.corrects_id {
        let prior =
            get(tx, old)?.ok_or_else(|| FieldError::new("corrects_id", "is not on file"))?;
        if prior.request_id != v.request_id {
            return Err(FieldError::new("corrects_id", "belongs to another request").into());
        }
        if prior.corrected_by.is_some() {
            return Err(FieldError::new("corrects_id", "was already corrected").into());
        }
        was_verified = prior.outcome == VerificationOutcome::Verified;
        // A referral is the Privacy Official's to settle.
        if prior.outcome == VerificationOutcome::ReferredToPrivacyOfficial {
            let role: String =
                tx.query_row("SELECT role FROM users WHERE id = ?1", [me], |r| r.get(0))?;
            if role != enum_str(&desk_core::person::Role::PrivacyOfficial)? {
                return Err(Error::NotPermitted {
                    needed: desk_core::person::Role::PrivacyOfficial,
                });
            }
        }
    }
    let verified = v.outcome == VerificationOutcome::Verified;
    if was_verified && !verified && current.status != RequestStatus::Received {
        return Err(FieldError::new(
            "outcome",
            "the request has moved on since it was verified: ask the Privacy Official",
        )
        .into());
    }
    tx.execute(
        "INSERT INTO verifications (request_id, verified_by, method, document_type,
             document_last_digits, document_expires_on, outcome, note, attachment_id,
             verified_at, corrects_id, escalations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            v.request_id,
            me,
            enum_str(&v.method)?,
            v.document_type.trim(),
            v.document_last_digits.trim(),
            v.document_expires_on.map(date),
            enum_str(&v.outcome)?,
            v.note.trim(),
            v.attachment_id,
            ts(now),
            v.corrects_id,
            crate::sql::json(&v.escalations)?,
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        now,
        Some(me),
        "verification.record",
        "verification",
        Some(id),
    )?;
    if verified && !(was_verified && current.status != RequestStatus::Received) {
        request::apply(tx, v.request_id, &Step::Verify, now)?;
        audit::append(
            tx,
            now,
            Some(me),
            "request.verify",
            "request",
            Some(v.request_id),
        )?;
    }
    Ok(id)
}

impl Store {
    /// Record a verification of a request's requester. A `verified` outcome moves the request
    /// from Received to Verified in the same transaction (any other state is refused, field
    /// `status`, unless this row corrects an earlier verified one). A correction must be of the
    /// same request, and a verified row corrected to another outcome after the request moved on
    /// is refused (field `outcome`). Only the Privacy Official corrects a referral to her
    /// ([`Error::NotPermitted`]). Opened with the recovery code, nobody can verify (field
    /// `verified_by`).
    pub fn record_verification(&mut self, v: &NewVerification) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| record(tx, me, v, now))
    }

    /// The request's verification that stands: the newest one no later row corrects.
    pub fn standing_verification(&self, request_id: i64) -> Result<Option<VerificationRecord>> {
        Ok(self
            .verifications_of(request_id)?
            .into_iter()
            .rev()
            .find(|v| v.corrected_by.is_none()))
    }

    /// A request's verifications, oldest first, corrected rows included (see `corrected_by`).
    pub fn verifications_of(&self, request_id: i64) -> Result<Vec<VerificationRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM verifications v JOIN users u ON u.id = v.verified_by
             WHERE v.request_id = ?1 ORDER BY v.id"
        ))?;
        let rows = stmt.query_map([request_id], raw)?;
        rows.map(|r| to_record(r?)).collect()
    }
}
