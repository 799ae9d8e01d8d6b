//! The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each row
//! carrying SHA-256(previous hash ‖ canonical row), and since schema 9 signed by its author
//! (see `signing`). Rows name entities by id, never by PHI. The chain's head, its last seq and
//! hash, is a [`Witness`]: backups, letters and reports carry one out of the database, and a
//! log checked against it shows whether it was cut short or rewritten before it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::sql::ts;

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_id   INTEGER REFERENCES users(id),
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    ) STRICT;",
    "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
];

/// Schema 9: each row's signature by its author (hex; NULL on rows written before), and the
/// public key a key registration row registers (inside the row's hash).
pub(crate) const SCHEMA_V9: &[&str] = &[
    "ALTER TABLE audit_log ADD COLUMN signature TEXT;",
    "ALTER TABLE audit_log ADD COLUMN public_key TEXT;",
];

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
}

/// The canonical bytes of a row: a JSON array of its fields in column order, the public key
/// last on a key registration's row (and absent on every other row, as before schema 9).
pub(crate) fn canonical(
    seq: i64,
    at: &str,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    public_key: Option<&str>,
) -> Vec<u8> {
    // A tuple is written as a JSON array, compact: the same bytes as `json!([...])`, without
    // building a value first (the chain's walk does this for every row).
    let written = match public_key {
        None => serde_json::to_vec(&(seq, at, user_id, action, entity, entity_id)),
        Some(key) => serde_json::to_vec(&(seq, at, user_id, action, entity, entity_id, key)),
    };
    written.unwrap_or_default()
}

pub(crate) fn chain(prev_hash: &str, row: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(row);
    hex::encode(h.finalize())
}

fn check_name(field: &'static str, text: &str) -> Result<()> {
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'));
    if ok {
        Ok(())
    } else {
        // Actions and entities are code words (`request.create`), never free text that could
        // carry PHI.
        Err(Error::Invalid {
            field,
            problem: "use lower-case letters, digits, '.' and '_'".into(),
        })
    }
}

/// Append one row inside the caller's transaction, signed with the connection's keys
/// (`signing::attach`); returns its seq.
pub(crate) fn append(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
) -> Result<i64> {
    append_row(tx, at, user_id, action, entity, entity_id, None)
}

/// The workstation key's registration row (no user: it signs what happens while nobody is
/// signed in).
pub(crate) fn register_workstation_key(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    key: &ed25519_dalek::SigningKey,
) -> Result<i64> {
    register_key(
        tx,
        at,
        None,
        crate::signing::WORKSTATION_KEY,
        "database",
        None,
        key,
    )
}

/// Append the registration of `key` as its holder's signing key (`action` one of
/// `signing`'s key registrations): the public key is part of the row and of its hash.
pub(crate) fn register_key(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    key: &ed25519_dalek::SigningKey,
) -> Result<i64> {
    let public = crate::signing::public_hex(key);
    append_row(tx, at, user_id, action, entity, entity_id, Some(&public))
}

fn append_row(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    public_key: Option<&str>,
) -> Result<i64> {
    check_name("action", action)?;
    check_name("entity", entity)?;
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let at = ts(at);
    let hash = chain(
        &prev_hash,
        &canonical(seq, &at, user_id, action, entity, entity_id, public_key),
    );
    match crate::signing::sign_row(tx, user_id, action, &hash)? {
        // A file older than schema 9 (opened without migrating) has no signature column.
        None if public_key.is_none() => tx.execute(
            "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![seq, at, user_id, action, entity, entity_id, prev_hash, hash],
        )?,
        signature => tx.execute(
            "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, prev_hash, hash,
                                    signature, public_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                seq, at, user_id, action, entity, entity_id, prev_hash, hash, signature, public_key
            ],
        )?,
    };
    Ok(seq)
}

/// Walk the chain from the first row. `None` when every row holds; otherwise the first seq
/// whose row was altered, whose link to the previous row is broken, or that follows a gap.
pub(crate) fn verify(conn: &Connection) -> Result<Option<i64>> {
    verify_after(conn, 0)
}

/// Walk the chain from the row after `after` (0: from the first), the rows up to `after` taken
/// as a walk of the whole chain found them (the last check of every page): its link starts at
/// row `after`'s hash. Same answer as [`verify`] for the rows it walks.
pub(crate) fn verify_after(conn: &Connection, after: i64) -> Result<Option<i64>> {
    let keyed = has_public_keys(conn)?;
    let mut expected_seq = after + 1;
    let mut expected_prev = if after == 0 {
        GENESIS.to_owned()
    } else {
        match conn
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [after], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        {
            Some(hash) => hash,
            None => return Ok(Some(after)),
        }
    };
    let mut stmt = conn.prepare(if keyed {
        "SELECT seq, at, user_id, action, entity, entity_id, prev_hash, hash, public_key
         FROM audit_log WHERE seq > ?1 ORDER BY seq"
    } else {
        "SELECT seq, at, user_id, action, entity, entity_id, prev_hash, hash, NULL
         FROM audit_log WHERE seq > ?1 ORDER BY seq"
    })?;
    let mut rows = stmt.query([after])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let user_id: Option<i64> = r.get(2)?;
        let action: String = r.get(3)?;
        let entity: String = r.get(4)?;
        let entity_id: Option<i64> = r.get(5)?;
        let prev_hash: String = r.get(6)?;
        let hash: String = r.get(7)?;
        let public_key: Option<String> = r.get(8)?;
        let recomputed = chain(
            &prev_hash,
            &canonical(
                seq,
                &at,
                user_id,
                &action,
                &entity,
                entity_id,
                public_key.as_deref(),
            ),
        );
        if seq != expected_seq || prev_hash != expected_prev || recomputed != hash {
            return Ok(Some(seq));
        }
        expected_seq = seq + 1;
        expected_prev = hash;
    }
    Ok(None)
}

/// Whether the audit log has schema 9's `public_key` column (a file opened without migrating
/// may not).
fn has_public_keys(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'public_key'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// The chain's head: its last seq and that row's hash, or seq 0 and [`GENESIS`] when empty.
pub(crate) fn head(conn: &Connection) -> Result<Witness> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, hash) = last.unwrap_or((0, GENESIS.to_owned()));
    Ok(Witness { seq, hash })
}

/// The chain's head as seen at some moment, kept outside the database (a backup's trailer, a
/// letter's footer, a report): `SEQ:HASH`, the hash in hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Witness {
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for Witness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for Witness {
    type Err = Error;

    /// `SEQ:HASH`: a seq of 0 or more and 64 hex digits (either case).
    fn from_str(text: &str) -> Result<Self> {
        let bad = || Error::Invalid {
            field: "witness",
            problem: "write it as SEQ:HASH, the hash in 64 hex digits".into(),
        };
        let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.parse().map_err(|_| bad())?;
        let hash = hash.to_ascii_lowercase();
        if seq < 0 || hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Witness { seq, hash })
    }
}

/// What a witness says of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum WitnessCheck {
    /// The log holds the witness's row with the witness's hash.
    Holds,
    /// The log ends at `last`, before the witness's row: rows were cut off.
    Truncated { last: i64 },
    /// The log's row at the witness's seq has another hash: it or a row before it was
    /// rewritten.
    Rewritten,
}

/// Check the log against `witness` (the chain's own walk says whether the rows after it hold).
pub(crate) fn check_witness(conn: &Connection, witness: &Witness) -> Result<WitnessCheck> {
    if witness.seq == 0 {
        return Ok(if witness.hash == GENESIS {
            WitnessCheck::Holds
        } else {
            WitnessCheck::Rewritten
        });
    }
    let found: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE seq = ?1",
            [witness.seq],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match found {
        None => WitnessCheck::Truncated { last: count(conn)? },
        Some(hash) if hash == witness.hash => WitnessCheck::Holds,
        Some(_) => WitnessCheck::Rewritten,
    })
}

/// The most recent rows, newest first.
pub(crate) fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, user_id, action, entity, entity_id FROM audit_log
         ORDER BY seq DESC LIMIT ?1",
    )?;
    entries(&mut stmt, rusqlite::params![limit])
}

/// The rows a `SELECT seq, at, user_id, action, entity, entity_id …` statement gives.
fn entries(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<AuditEntry>> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, at, user_id, action, entity, entity_id) = row?;
        out.push(AuditEntry {
            seq,
            at: crate::sql::parse_ts(&at)?,
            user_id,
            action,
            entity,
            entity_id,
        });
    }
    Ok(out)
}

/// How many rows the chain holds: its last seq (seqs run from 1 without a gap, which the
/// chain's walk checks), read from the end of the table instead of counting every row.
pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// Which audit rows to show: all, or those of one user, or those about one participant (the
/// participant's own rows and those of their requests and of what hangs off those requests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub participant_id: Option<i64>,
    pub user_id: Option<i64>,
    /// At most this many rows, newest first (0: [`TRAIL_LIMIT`]).
    pub limit: u32,
}

/// The most rows one trail query returns.
pub const TRAIL_LIMIT: u32 = 5000;

/// The rows `filter` selects, newest first.
pub(crate) fn trail(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let limit = if filter.limit == 0 {
        TRAIL_LIMIT
    } else {
        filter.limit.min(TRAIL_LIMIT)
    };
    let mut stmt = conn.prepare(
        "SELECT seq, at, user_id, action, entity, entity_id FROM audit_log a
         WHERE (?1 IS NULL OR a.user_id = ?1)
           AND (?2 IS NULL
                OR (a.entity = 'participant' AND a.entity_id = ?2)
                OR (a.entity = 'request' AND a.entity_id IN
                      (SELECT id FROM requests WHERE participant_id = ?2))
                OR (a.entity = 'letter' AND a.entity_id IN
                      (SELECT l.id FROM letters l JOIN requests r ON r.id = l.request_id
                       WHERE r.participant_id = ?2))
                OR (a.entity = 'letter_delivery' AND a.entity_id IN
                      (SELECT d.id FROM letter_deliveries d JOIN letters l ON l.id = d.letter_id
                       JOIN requests r ON r.id = l.request_id WHERE r.participant_id = ?2))
                OR (a.entity = 'attachment' AND a.entity_id IN
                      (SELECT t.id FROM attachments t JOIN requests r ON r.id = t.request_id
                       WHERE r.participant_id = ?2))
                OR (a.entity = 'verification' AND a.entity_id IN
                      (SELECT v.id FROM verifications v JOIN requests r ON r.id = v.request_id
                       WHERE r.participant_id = ?2))
                OR (a.entity = 'decision' AND a.entity_id IN
                      (SELECT d.id FROM decisions d JOIN requests r ON r.id = d.request_id
                       WHERE r.participant_id = ?2))
                OR (a.entity = 'restriction' AND a.entity_id IN
                      (SELECT id FROM restrictions WHERE participant_id = ?2))
                OR (a.entity = 'disclosure' AND a.entity_id IN
                      (SELECT id FROM disclosures WHERE participant_id = ?2))
                OR (a.entity = 'authorization' AND a.entity_id IN
                      (SELECT id FROM authorizations WHERE participant_id = ?2))
                OR (a.entity = 'suspension' AND a.entity_id IN
                      (SELECT id FROM suspensions WHERE participant_id = ?2))
                OR (a.entity = 'confidential_communication' AND a.entity_id IN
                      (SELECT id FROM confidential_communications WHERE participant_id = ?2))
                OR (a.entity = 'complaint' AND a.entity_id IN
                      (SELECT id FROM complaints WHERE participant_id = ?2)))
         ORDER BY seq DESC LIMIT ?3",
    )?;
    entries(
        &mut stmt,
        rusqlite::params![filter.user_id, filter.participant_id, limit],
    )
}

/// One audit row of a case, with the account's user name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEvent {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The account's user name; `None` for the recovery code or an unknown name.
    pub user: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
}

/// Every audit row about one request and what belongs to it (its requester, verifications,
/// decisions and their approvals, letters and their deliveries, attachments, and the register
/// entries it made), oldest first. Notes, endings, reviews, disputes and referral moves are
/// rows about the request itself. Reads ids only: no attachment or letter bytes.
pub(crate) fn of_request(conn: &Connection, request_id: i64) -> Result<Vec<CaseEvent>> {
    let mut stmt = conn.prepare(
        "SELECT a.seq, a.at, u.username, a.action, a.entity, a.entity_id
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE (a.entity = 'request' AND a.entity_id = ?1)
            OR (a.entity = 'requester' AND a.entity_id IN
                  (SELECT requester_id FROM requests WHERE id = ?1))
            OR (a.entity = 'verification' AND a.entity_id IN
                  (SELECT id FROM verifications WHERE request_id = ?1))
            OR (a.entity = 'decision' AND a.entity_id IN
                  (SELECT id FROM decisions WHERE request_id = ?1))
            OR (a.entity = 'approval' AND a.entity_id IN
                  (SELECT p.id FROM approvals p JOIN decisions d ON d.id = p.decision_id
                   WHERE d.request_id = ?1))
            OR (a.entity = 'letter' AND a.entity_id IN
                  (SELECT id FROM letters WHERE request_id = ?1))
            OR (a.entity = 'letter_delivery' AND a.entity_id IN
                  (SELECT d.id FROM letter_deliveries d JOIN letters l ON l.id = d.letter_id
                   WHERE l.request_id = ?1))
            OR (a.entity = 'attachment' AND a.entity_id IN
                  (SELECT id FROM attachments WHERE request_id = ?1))
            OR (a.entity = 'restriction' AND a.entity_id IN
                  (SELECT id FROM restrictions WHERE request_id = ?1))
            OR (a.entity = 'confidential_communication' AND a.entity_id IN
                  (SELECT id FROM confidential_communications WHERE request_id = ?1))
            OR (a.entity = 'complaint' AND a.entity_id IN
                  (SELECT id FROM complaints WHERE request_id = ?1))
         ORDER BY a.seq",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, at, user, action, entity, entity_id) = row?;
        out.push(CaseEvent {
            seq,
            at: crate::sql::parse_ts(&at)?,
            user,
            action,
            entity,
            entity_id,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    /// The canonical bytes are those of a JSON array of the row's fields, as every chain
    /// written so far was hashed: quotes, backslashes, control characters and non-ASCII text
    /// escaped the same way, absent ids `null`, the public key last when there is one.
    #[test]
    fn canonical_rows_are_the_json_arrays_the_chain_was_written_with() {
        let at = "2026-12-07T10:00:00Z \"quoted\" \\ \u{1} é 名";
        let key = "MCowBQYDK2VwAyEA\u{7f}";
        for (user_id, entity_id) in [(None, None), (Some(7), Some(-3)), (Some(i64::MAX), None)] {
            assert_eq!(
                canonical(
                    42,
                    at,
                    user_id,
                    "request.create",
                    "request",
                    entity_id,
                    None
                ),
                serde_json::json!([42, at, user_id, "request.create", "request", entity_id])
                    .to_string()
                    .into_bytes()
            );
            assert_eq!(
                canonical(
                    1,
                    at,
                    user_id,
                    "backup.create",
                    "database",
                    entity_id,
                    Some(key)
                ),
                serde_json::json!([1, at, user_id, "backup.create", "database", entity_id, key])
                    .to_string()
                    .into_bytes()
            );
        }
    }
}
