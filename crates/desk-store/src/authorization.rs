//! Signed authorizations for release (164.508) and their written revocations: read for the
//! participant's page (nothing writes them yet); the validity rules are desk-core's.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::sql::{parse_date, parse_opt_date, parse_ts};
use crate::Store;

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE authorizations (
        id             INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        request_id     INTEGER REFERENCES requests(id),
        information    TEXT NOT NULL,
        discloser      TEXT NOT NULL,
        recipient      TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        expires        TEXT NOT NULL, -- JSON: {\"on\": DATE} | {\"after_days\": N} | {\"event\": TEXT} | null
        signed_on      TEXT,
        signer         TEXT NOT NULL, -- JSON: {name, capacity, authority?} | null
        statements     TEXT NOT NULL, -- JSON: {right_to_revoke, conditioning, redisclosure}
        attachment_id  INTEGER REFERENCES attachments(id),
        received_on    TEXT NOT NULL,
        corrects_id    INTEGER UNIQUE REFERENCES authorizations(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("authorizations"),
    "CREATE TABLE revocations (
        id               INTEGER PRIMARY KEY,
        authorization_id INTEGER NOT NULL REFERENCES authorizations(id),
        received_on      TEXT NOT NULL,
        attachment_id    INTEGER REFERENCES attachments(id),
        corrects_id      INTEGER UNIQUE REFERENCES revocations(id),
        created_at       TEXT NOT NULL,
        created_by       INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("revocations"),
];

/// An authorization on file, as the participant's page lists it. The structured columns are
/// kept as the JSON they were stored as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorizationEntry {
    pub id: i64,
    pub request_id: Option<i64>,
    pub information: String,
    pub discloser: String,
    pub recipient: String,
    pub purpose: String,
    /// `{"on": DATE}` | `{"after_days": N}` | `{"event": TEXT}` | null.
    pub expires: serde_json::Value,
    pub signed_on: Option<NaiveDate>,
    /// `{name, capacity, authority?}` | null.
    pub signer: serde_json::Value,
    /// `{right_to_revoke, conditioning, redisclosure}`.
    pub statements: serde_json::Value,
    pub attachment_id: Option<i64>,
    pub received_on: NaiveDate,
    /// When a written revocation was received (the latest in force), if any.
    pub revoked_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

fn json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|_| Error::Damaged)
}

impl Store {
    /// The participant's authorizations in force (not replaced by a correction), newest
    /// received first.
    pub fn authorizations_of(&self, participant_id: i64) -> Result<Vec<AuthorizationEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.request_id, a.information, a.discloser, a.recipient, a.purpose,
                    a.expires, a.signed_on, a.signer, a.statements, a.attachment_id,
                    a.received_on, a.created_at,
                    (SELECT v.received_on FROM revocations v WHERE v.authorization_id = a.id
                       AND NOT EXISTS (SELECT 1 FROM revocations w WHERE w.corrects_id = v.id)
                     ORDER BY v.id DESC LIMIT 1)
             FROM authorizations a
             WHERE a.participant_id = ?1
               AND NOT EXISTS (SELECT 1 FROM authorizations c WHERE c.corrects_id = a.id)
             ORDER BY a.received_on DESC, a.id DESC",
        )?;
        let rows = stmt.query_map([participant_id], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<i64>>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, Option<String>>(13)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                (id, request_id, information, discloser, recipient, purpose, expires),
                (signed_on, signer, statements, attachment_id, received_on, at, revoked_on),
            ) = row?;
            out.push(AuthorizationEntry {
                id,
                request_id,
                information,
                discloser,
                recipient,
                purpose,
                expires: json(&expires)?,
                signed_on: parse_opt_date(signed_on)?,
                signer: json(&signer)?,
                statements: json(&statements)?,
                attachment_id,
                received_on: parse_date(&received_on)?,
                revoked_on: parse_opt_date(revoked_on)?,
                created_at: parse_ts(&at)?,
            });
        }
        Ok(out)
    }
}
