//! The Privacy Official's logs: agreed restrictions (and the business associates told),
//! confidential-communication accommodations, complaints. Restrictions and confidential
//! communications are read for the participant's page; nothing writes these logs yet.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::sql::{parse_date, parse_opt_date, parse_ts};
use crate::Store;

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE restrictions (
        id                  INTEGER PRIMARY KEY,
        request_id          INTEGER NOT NULL REFERENCES requests(id),
        participant_id      INTEGER NOT NULL REFERENCES participants(id),
        restriction         TEXT NOT NULL,
        agreed              INTEGER NOT NULL CHECK (agreed IN (0, 1)),
        business_associates TEXT NOT NULL DEFAULT '[]', -- JSON array of names told in writing
        decided_on          TEXT NOT NULL,
        ended_on            TEXT,
        corrects_id         INTEGER UNIQUE REFERENCES restrictions(id),
        created_at          TEXT NOT NULL,
        created_by          INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("restrictions"),
    "CREATE TABLE confidential_communications (
        id                INTEGER PRIMARY KEY,
        request_id        INTEGER NOT NULL REFERENCES requests(id),
        participant_id    INTEGER NOT NULL REFERENCES participants(id),
        alternate_address TEXT NOT NULL DEFAULT '[]', -- JSON array of lines
        alternate_means   TEXT NOT NULL DEFAULT '',
        endangerment      INTEGER NOT NULL CHECK (endangerment IN (0, 1)),
        accommodated      INTEGER NOT NULL CHECK (accommodated IN (0, 1)),
        reason            TEXT NOT NULL DEFAULT '',
        decided_on        TEXT NOT NULL,
        ended_on          TEXT,
        corrects_id       INTEGER UNIQUE REFERENCES confidential_communications(id),
        created_at        TEXT NOT NULL,
        created_by        INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("confidential_communications"),
    "CREATE TABLE complaints (
        id              INTEGER PRIMARY KEY,
        request_id      INTEGER REFERENCES requests(id),
        participant_id  INTEGER REFERENCES participants(id),
        received_on     TEXT NOT NULL,
        description     TEXT NOT NULL,
        disposition     TEXT NOT NULL DEFAULT '',
        acknowledged_on TEXT,
        corrects_id     INTEGER UNIQUE REFERENCES complaints(id),
        created_at      TEXT NOT NULL,
        created_by      INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("complaints"),
];

/// A restriction decision in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestrictionEntry {
    pub id: i64,
    pub request_id: i64,
    pub restriction: String,
    pub agreed: bool,
    /// Business associates told in writing.
    pub business_associates: Vec<String>,
    pub decided_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// A confidential-communication decision in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfidentialCommunicationEntry {
    pub id: i64,
    pub request_id: i64,
    pub alternate_address: Vec<String>,
    pub alternate_means: String,
    /// The person said disclosure could endanger them.
    pub endangerment: bool,
    pub accommodated: bool,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl From<&ConfidentialCommunicationEntry> for desk_core::communication::Accommodation {
    /// The entry as desk-core's rules see it.
    fn from(c: &ConfidentialCommunicationEntry) -> Self {
        Self {
            id: c.id,
            alternate_address: c.alternate_address.clone(),
            alternate_means: c.alternate_means.clone(),
            accommodated: c.accommodated,
            decided_on: c.decided_on,
            ended_on: c.ended_on,
        }
    }
}

fn lines(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|_| Error::Damaged)
}

impl Store {
    /// The participant's restriction entries in force (not replaced by a correction), newest
    /// decided first.
    pub fn restrictions_of(&self, participant_id: i64) -> Result<Vec<RestrictionEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.id, x.request_id, x.restriction, x.agreed, x.business_associates,
                    x.decided_on, x.ended_on, x.created_at
             FROM restrictions x
             WHERE x.participant_id = ?1
               AND NOT EXISTS (SELECT 1 FROM restrictions c WHERE c.corrects_id = x.id)
             ORDER BY x.decided_on DESC, x.id DESC",
        )?;
        let rows = stmt.query_map([participant_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, request_id, restriction, agreed, associates, decided, ended, at) = row?;
            out.push(RestrictionEntry {
                id,
                request_id,
                restriction,
                agreed,
                business_associates: lines(&associates)?,
                decided_on: parse_date(&decided)?,
                ended_on: parse_opt_date(ended)?,
                created_at: parse_ts(&at)?,
            });
        }
        Ok(out)
    }

    /// The participant's confidential-communication entries in force (not replaced by a
    /// correction), newest decided first.
    /// One confidential-communication entry in force in the log, with its participant.
    pub fn confidential_communication(
        &self,
        id: i64,
    ) -> Result<(ConfidentialCommunicationEntry, i64)> {
        let participant_id: i64 = self
            .conn
            .query_row(
                "SELECT participant_id FROM confidential_communications WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "confidential communication",
            })?;
        let entry = communications(&self.conn, participant_id)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(Error::NotFound {
                entity: "confidential communication",
            })?;
        Ok((entry, participant_id))
    }

    pub fn confidential_communications_of(
        &self,
        participant_id: i64,
    ) -> Result<Vec<ConfidentialCommunicationEntry>> {
        communications(&self.conn, participant_id)
    }
}

/// The participant's confidential-communication entries in force in the log (not corrected).
pub(crate) fn communications(
    conn: &Connection,
    participant_id: i64,
) -> Result<Vec<ConfidentialCommunicationEntry>> {
    let mut stmt = conn.prepare(
        "SELECT x.id, x.request_id, x.alternate_address, x.alternate_means, x.endangerment,
                    x.accommodated, x.reason, x.decided_on, x.ended_on, x.created_at
             FROM confidential_communications x
             WHERE x.participant_id = ?1
               AND NOT EXISTS (SELECT 1 FROM confidential_communications c
                               WHERE c.corrects_id = x.id)
             ORDER BY x.decided_on DESC, x.id DESC",
    )?;
    let rows = stmt.query_map([participant_id], |r| {
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ),
            (
                r.get::<_, bool>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, String>(9)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            (id, request_id, address, means, endangerment),
            (accommodated, reason, decided, ended, at),
        ) = row?;
        out.push(ConfidentialCommunicationEntry {
            id,
            request_id,
            alternate_address: lines(&address)?,
            alternate_means: means,
            endangerment,
            accommodated,
            reason,
            decided_on: parse_date(&decided)?,
            ended_on: parse_opt_date(ended)?,
            created_at: parse_ts(&at)?,
        });
    }
    Ok(out)
}
