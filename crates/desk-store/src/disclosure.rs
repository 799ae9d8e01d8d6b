//! The disclosure logbook (164.528) and temporary suspensions of the right to an accounting:
//! read for the participant's page (`logbook` writes them); which entries an accounting
//! includes is desk-core's rule.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::sql::{parse_date, parse_opt_date, parse_ts};
use crate::Store;

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE disclosures (
        id                INTEGER PRIMARY KEY,
        participant_id    INTEGER NOT NULL REFERENCES participants(id),
        disclosed_on      TEXT NOT NULL,
        recipient         TEXT NOT NULL,
        recipient_address TEXT NOT NULL DEFAULT '',
        description       TEXT NOT NULL,
        purpose           TEXT NOT NULL,
        basis             TEXT NOT NULL,
        authorization_id  INTEGER REFERENCES authorizations(id),
        request_id        INTEGER REFERENCES requests(id),
        -- A repeated disclosure summarised: how many, and the last date.
        repeat_count      INTEGER,
        last_on           TEXT,
        corrects_id       INTEGER UNIQUE REFERENCES disclosures(id),
        created_at        TEXT NOT NULL,
        created_by        INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("disclosures"),
    "CREATE TABLE suspensions (
        id             INTEGER PRIMARY KEY,
        participant_id INTEGER REFERENCES participants(id),
        agency         TEXT NOT NULL,
        recipient      TEXT NOT NULL,
        from_on        TEXT NOT NULL,
        to_on          TEXT NOT NULL,
        written        INTEGER NOT NULL CHECK (written IN (0, 1)),
        attachment_id  INTEGER REFERENCES attachments(id),
        corrects_id    INTEGER UNIQUE REFERENCES suspensions(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("suspensions"),
];

/// One logbook entry, as the participant's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureEntry {
    pub id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    /// The legal basis code (treatment, payment, authorization, …).
    pub basis: String,
    pub authorization_id: Option<i64>,
    pub request_id: Option<i64>,
    /// A repeated disclosure summarised: how many, and the last date.
    pub repeat_count: Option<i64>,
    pub last_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// Routine or for review (`None` where the standard does not apply, or on an entry logged
    /// before schema 8).
    pub minimum_necessary: Option<desk_core::minimum::MinimumNecessary>,
    /// The Privacy Official's review, once recorded.
    pub review: Option<crate::minimum::DisclosureReview>,
    /// The business associate that made it on the plan's behalf (schema 12), and its name in
    /// the register; `None` for the plan's own.
    pub associate_id: Option<i64>,
    pub associate_name: Option<String>,
}

impl Store {
    /// Disclosures of the participant's information in force (not replaced by a correction),
    /// newest first.
    pub fn disclosures_of(&self, participant_id: i64) -> Result<Vec<DisclosureEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.disclosed_on, d.recipient, d.recipient_address, d.description,
                    d.purpose, d.basis, d.authorization_id, d.request_id, d.repeat_count,
                    d.last_on, d.created_at, d.minimum_necessary, d.associate_id, b.name
             FROM disclosures d
             LEFT JOIN business_associates b ON b.id = d.associate_id
             WHERE d.participant_id = ?1
               AND NOT EXISTS (SELECT 1 FROM disclosures c WHERE c.corrects_id = d.id)
             ORDER BY d.disclosed_on DESC, d.id DESC",
        )?;
        let rows = stmt.query_map([participant_id], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, Option<String>>(12)?,
                ),
                (
                    r.get::<_, Option<i64>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                (id, on, recipient, recipient_address, description, purpose),
                (basis, authorization_id, request_id, repeat_count, last_on, at, marking),
                (associate_id, associate_name),
            ) = row?;
            out.push(DisclosureEntry {
                id,
                disclosed_on: parse_date(&on)?,
                recipient,
                recipient_address,
                description,
                purpose,
                basis,
                authorization_id,
                request_id,
                repeat_count,
                last_on: parse_opt_date(last_on)?,
                created_at: parse_ts(&at)?,
                minimum_necessary: crate::minimum::parse_marking(marking)?,
                review: crate::minimum::review_of(&self.conn, id)?,
                associate_id,
                associate_name,
            });
        }
        Ok(out)
    }
}
