//! Opening the SQLCipher file: key first, prove it, pragmas, then migrations by `user_version`
//! in one IMMEDIATE transaction (after mozilla application-services' `open_database`).

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use zeroize::Zeroizing;

use crate::error::{io, Error, Result};
use crate::keyslot::DataKey;
use crate::{
    accounting, associate, associate_request, attachment, audit, authorization, case_log, decision,
    disclosure, dispute, draft, incident, letter, logbook, minimum, participant,
    participant_change, privacy_log, registers, request, review, settings, user, verification,
};

/// The schema, one step per version: `migrations()[0]` takes a new file to version 1, and so
/// on. Each step is the concatenated SQL of the modules that own the tables. A released step
/// never changes: a new schema is a new step.
///
/// - 1: the foundation's tables.
/// - 2: `requests.denied` / `requests.reviewed` (what the lifecycle remembers), the
///   `letter_deliveries` table, the `drafts` table.
/// - 3: `restrictions.terms` / `ended_by`, `complaints.complainant` / `letter_id`.
/// - 4: `disclosures.attachment_id` (the written request's copy),
///   `suspensions.stated_on`, indexes for the logbook and the accounting.
/// - 5: the `accounting_periods` table (the period an accounting request asks about); the
///   participant's index on `disclosures` covers what an accounting reads.
/// - 6: `requests.answered_on` (the day the answer was delivered).
/// - 7: the case log, reviews, disputes, participant changes, decision returns.
/// - 8: `attachments_meta`, the attachments' metadata apart from their bytes;
///   `requests_by_answered`, the cases answered lately.
/// - 9: signed audit rows: `audit_log.signature` and `public_key`, `users.signing_key`.
/// - 10: `participants.large_print` (every letter to the participant in large print).
/// - 11: the business-associate register.
/// - 12: requests forwarded to business associates and their replies, notices to associates,
///   `disclosures.associate_id`.
/// - 13: the incident log: incidents, their participants, risk assessments, determinations,
///   the logbook entries of their impermissible disclosures, breach letters, addresses out of
///   date, substitute notices, mitigation steps and sanctions.
pub(crate) fn migrations() -> Vec<Vec<&'static str>> {
    let v1: Vec<&'static str> = [
        user::SCHEMA_V1,
        settings::SCHEMA_V1,
        participant::SCHEMA_V1,
        request::SCHEMA_V1,
        attachment::SCHEMA_V1,
        verification::SCHEMA_V1,
        authorization::SCHEMA_V1,
        decision::SCHEMA_V1,
        letter::SCHEMA_V1,
        disclosure::SCHEMA_V1,
        privacy_log::SCHEMA_V1,
        audit::SCHEMA_V1,
    ]
    .concat();
    let v2: Vec<&'static str> = [request::SCHEMA_V2, letter::SCHEMA_V2, draft::SCHEMA_V2].concat();
    let v3: Vec<&'static str> = [registers::SCHEMA_V3].concat();
    let v4: Vec<&'static str> = [logbook::SCHEMA_V4, participant::SCHEMA_V4].concat();
    let v5: Vec<&'static str> = [accounting::SCHEMA_V5].concat();
    let v6: Vec<&'static str> = [request::SCHEMA_V6].concat();
    let v7: Vec<&'static str> = [
        case_log::SCHEMA_V7,
        request::SCHEMA_V7,
        review::SCHEMA_V7,
        dispute::SCHEMA_V7,
        participant_change::SCHEMA_V7,
        decision::SCHEMA_V7,
    ]
    .concat();
    let v8: Vec<&'static str> = [
        attachment::SCHEMA_V8,
        request::SCHEMA_V8_ANSWERED,
        request::SCHEMA_V8,
        minimum::SCHEMA_V8,
        accounting::SCHEMA_V8,
        verification::SCHEMA_V8,
        user::SCHEMA_V8,
    ]
    .concat();
    let v9: Vec<&'static str> = [audit::SCHEMA_V9, user::SCHEMA_V9].concat();
    let v10: Vec<&'static str> = [participant::SCHEMA_V10].concat();
    let v11: Vec<&'static str> = [associate::SCHEMA_V11].concat();
    let v12: Vec<&'static str> = [associate_request::SCHEMA_V12].concat();
    let v13: Vec<&'static str> = [incident::SCHEMA_V13].concat();
    let v14: Vec<&'static str> = [incident::SCHEMA_V14, associate_request::SCHEMA_V14].concat();
    vec![v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14]
}

/// The schema version this build writes and reads.
pub fn schema_version() -> u32 {
    migrations().len() as u32
}

const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Set on every connection after the key: WAL, full sync, foreign keys, a 32 MiB page cache
/// (SQLite's default is 2 MiB): each page read from the file is decrypted, a cached one is not,
/// and a working day's participants, indexes and registers stay decrypted in memory; and a wait
/// of up to 10 s for another connection's write (the check and the backup beside the session
/// each write one audit row).
pub(crate) const CONNECTION_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
     PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA busy_timeout = 10000;";

/// Open a connection to `path` once SQLCipher is ready for keys.
///
/// SQLite marks itself initialized before it runs SQLCipher's own set-up, which registers the
/// crypto provider. A thread that opens its first connection while another is still in that
/// set-up gets no provider, and its `PRAGMA key` fails ("PRAGMA key requires a key of one or
/// more characters"). One in-memory connection, opened once per process before any other, lets
/// the set-up finish first. (Measured with 32 threads each creating a keyed file at process
/// start: 7 failed starts in 300 without it, 0 in 300 with it.)
pub(crate) fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    static READY: std::sync::Once = std::sync::Once::new();
    // A failure here shows again, with its cause, on the real open below.
    READY.call_once(|| drop(Connection::open_in_memory()));
    Connection::open_with_flags(path, flags).map_err(Error::from)
}

/// Open `path` (which must exist, or be created when `create`) with the raw data key, prove the
/// key, set the pragmas and migrate up to `target` (normally [`schema_version`]). This proves
/// the key and the schema and reads nothing more, so it takes as long on six years of records
/// as on a new file: the check of every page runs after sign-in, beside the session
/// ([`crate::integrity`]). A page that is read and fails SQLCipher's HMAC is refused whenever it
/// is read, so nothing damaged is ever shown as data.
pub(crate) fn open(
    path: &Path,
    key: &DataKey,
    create: bool,
    db_salt: Option<&str>,
    target: u32,
) -> Result<Connection> {
    if !create {
        classify_header(path)?;
    }
    let flags = if create {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = connect(path, flags)?;

    // Refuse a build without SQLCipher before handing it any data.
    let cipher: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .ok();
    if cipher.as_deref().is_none_or(str::is_empty) {
        return Err(Error::NoEncryption);
    }

    apply_key(&conn, key)?;

    // Prove the key: the first real read decrypts page 1.
    if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        return Err(classify_open_failure(path, e, db_salt));
    }

    conn.execute_batch(CONNECTION_PRAGMAS)
        .map_err(|e| classify_open_failure(path, e, db_salt))?;

    migrate(&mut conn, target)?;
    Ok(conn)
}

/// A second connection to a database a session has open and migrated, for work that runs
/// beside the session on a thread of its own (the check of every page, a backup): key, proof
/// and pragmas, no migration.
pub(crate) fn open_beside(path: &Path, key: &DataKey) -> Result<Connection> {
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    conn.execute_batch(CONNECTION_PRAGMAS)?;
    Ok(conn)
}

/// `PRAGMA key` with the raw data key (no key derivation: the key is random).
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    let pragma = Zeroizing::new(format!(
        "PRAGMA key = \"x'{}'\";",
        Zeroizing::new(hex::encode(key.expose())).as_str()
    ));
    conn.execute_batch(&pragma).map_err(Error::from)
}

/// A plain SQLite file or a file too short to hold a header is not ours, whatever the key.
fn classify_header(path: &Path) -> Result<()> {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NoDatabase),
        Err(e) => return Err(io("open the database")(e)),
    };
    let mut head = [0u8; 16];
    match f.read_exact(&mut head) {
        Ok(()) if &head == PLAIN_SQLITE_HEADER => Err(Error::NotRecordsDesk),
        Ok(()) => Ok(()),
        Err(_) => Err(Error::NotRecordsDesk),
    }
}

/// The data key was right (the AEAD said so), yet SQLite fails. When the file still starts with
/// the salt recorded at creation it is our file, damaged; otherwise it is some other file.
fn classify_open_failure(path: &Path, e: rusqlite::Error, db_salt: Option<&str>) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            let ours = match (db_salt, read_salt(path)) {
                (Some(expected), Some(found)) => expected == found,
                _ => false,
            };
            if ours {
                Error::Damaged
            } else {
                Error::NotRecordsDesk
            }
        }
        _ => Error::from(e),
    }
}

/// The first 16 bytes of the file (SQLCipher's per-file salt), in hex.
pub(crate) fn read_salt(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 16];
    f.read_exact(&mut head).ok()?;
    Some(hex::encode(head))
}

fn migrate(conn: &mut Connection, target: u32) -> Result<()> {
    let steps = migrations();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = steps.len() as u32;
    if found > supported {
        return Err(Error::NewerVersion { found, supported });
    }
    for (i, step) in steps
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        for sql in step {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as u32)?;
    }
    tx.commit()?;
    Ok(())
}
