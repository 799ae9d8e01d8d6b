//! Test fixtures (feature `fixtures`, never enabled by the app): old-schema files and a raw
//! connection that bypasses the store's rules, for tests that must tamper or go back in time.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use desk_core::organization::{Official, Organization};
use desk_core::Sensitive;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keyslot::{self, key_file_path, KeyFile};
use crate::signing::Keyring;
use crate::{database, normalize_username, Store};

/// The office the benchmarks create their databases for.
pub fn sample_organization() -> Organization {
    Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources Department".into(),
        address: vec!["1 Main Street".into(), "Sampleton, FL 32960".into()],
        phone: "555-010-0000".into(),
        fax: "555-010-0001".into(),
        privacy_official: Official {
            name: "Pat Official".into(),
            title: "Privacy Official".into(),
        },
        business_associates: vec![],
    }
}

/// Create a database whose schema stops at `version` (1 = the first released schema), with
/// its first Privacy Official. When a later version changes the `users`, `settings` or
/// `audit_log` tables, freeze the v1 inserts here so this still builds a true v1 file.
pub fn create_at_version(
    path: &Path,
    organization: &Organization,
    username: &str,
    password: &Sensitive<String>,
    now: DateTime<Utc>,
    version: u32,
) -> Result<Sensitive<String>> {
    let creation = crate::Creation {
        version,
        demo: false,
    };
    let (store, code) = Store::create_at(
        path,
        organization,
        username,
        "Fixture Official",
        password,
        now,
        creation,
    )?;
    store.lock();
    Ok(code)
}

/// Sign in without migrating: the file stays at whatever version it has.
pub fn sign_in_without_migrating(
    path: &Path,
    username: &str,
    password: &Sensitive<String>,
    now: DateTime<Utc>,
) -> Result<Store> {
    Store::sign_in_at(path, username, password, now, 0)
}

/// A raw connection with the data key applied and nothing else: no pragmas, no migrations, no
/// triggers bypassed unless the caller drops them.
pub fn raw_connection(
    path: &Path,
    username: &str,
    password: &Sensitive<String>,
) -> Result<Connection> {
    let keys = KeyFile::load(&key_file_path(path))?;
    let slot_id = keyslot::user_slot_id(&normalize_username(username));
    let slot = keys.slots.get(&slot_id).ok_or(Error::WrongCredentials)?;
    let key = keyslot::unwrap(&slot_id, slot, password.expose().as_bytes())?
        .ok_or(Error::WrongCredentials)?;
    let conn = database::connect(path, OpenFlags::default())?;
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        hex::encode(key.expose())
    ))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// What someone holding the data key does after changing audit rows through `conn` (a
/// [`raw_connection`]): drop the append-only triggers, then recompute every hash from row
/// `from` on as the store computes them. Signatures stay as they were.
pub fn recompute_chain(conn: &Connection, from: i64) -> Result<()> {
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_log_append_only_update;
         DROP TRIGGER IF EXISTS audit_log_append_only_delete;",
    )?;
    let mut prev: String = conn.query_row(
        "SELECT coalesce((SELECT hash FROM audit_log WHERE seq = ?1), ?2)",
        rusqlite::params![from - 1, crate::audit::GENESIS],
        |r| r.get(0),
    )?;
    type Row = (
        i64,
        String,
        Option<i64>,
        String,
        String,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Row> = {
        let mut stmt = conn.prepare(
            "SELECT seq, at, user_id, action, entity, entity_id, public_key FROM audit_log
             WHERE seq >= ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([from], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (seq, at, user_id, action, entity, entity_id, public_key) in rows {
        let hash = crate::audit::chain(
            &prev,
            &crate::audit::canonical(
                seq,
                &at,
                user_id,
                &action,
                &entity,
                entity_id,
                public_key.as_deref(),
            ),
        );
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![seq, prev, hash],
        )?;
        prev = hash;
    }
    Ok(())
}

/// The signature `username`'s signing key (unwrapped from their slot with their password)
/// gives an audit row whose chain hash is `hash`, hex: what someone holding that password
/// could put on a row.
pub fn sign_audit_hash(
    path: &Path,
    username: &str,
    password: &Sensitive<String>,
    hash: &str,
) -> Result<String> {
    use ed25519_dalek::Signer;
    let keys = KeyFile::load(&key_file_path(path))?;
    let slot_id = keyslot::user_slot_id(&normalize_username(username));
    let slot = keys.slots.get(&slot_id).ok_or(Error::WrongCredentials)?;
    let opened = keyslot::open_slot(&slot_id, slot, password.expose().as_bytes())?
        .ok_or(Error::WrongCredentials)?;
    let key = opened.signing_key.ok_or(Error::NoSigningKey)?;
    Ok(hex::encode(
        key.sign(&crate::signing::message(hash)).to_bytes(),
    ))
}

/// The schema version of an open connection.
pub fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Re-export for tests: the version this build writes.
pub fn current_version() -> u32 {
    database::schema_version()
}

/// Cap the database at `pages` pages on this store's connection, so the next growing write
/// fails as a full disk would (SQLITE_FULL).
pub fn limit_database_pages(store: &Store, pages: u32) -> Result<()> {
    store
        .conn
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
    Ok(())
}

/// A pragma's integer value on the store's own connection (`synchronous`, `foreign_keys`, …).
pub fn pragma(store: &Store, name: &str) -> Result<i64> {
    if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(Error::Invalid {
            field: "pragma",
            problem: "use a pragma name".into(),
        });
    }
    Ok(store
        .conn
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
}

/// Run SQL on the store's own connection, past every rule in Rust (the database's own
/// constraints and triggers still apply): for tests that prove the schema refuses a row.
pub fn execute(store: &Store, sql: &str) -> Result<usize> {
    Ok(store.conn.execute(sql, [])?)
}

/// The names of the tables in the store's schema, sorted.
pub fn tables(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// Write a plaintext copy of the store's database to `dest` (SQLCipher's `sqlcipher_export`),
/// same schema and version: for the benchmark that compares encrypted with plain SQLite only.
pub fn export_plaintext(store: &Store, dest: &Path) -> Result<()> {
    let dest = dest.to_str().ok_or(Error::Invalid {
        field: "path",
        problem: "is not UTF-8".into(),
    })?;
    store.conn.execute_batch(&format!(
        "ATTACH DATABASE '{}' AS plaintext KEY '';",
        dest.replace('\'', "''")
    ))?;
    store
        .conn
        .query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(()))?;
    store.conn.execute_batch(&format!(
        "PRAGMA plaintext.user_version = {}; DETACH DATABASE plaintext;",
        database::schema_version()
    ))?;
    Ok(())
}

/// Open a plaintext copy made by [`export_plaintext`] as a store signed in as `like`'s
/// principal (benchmark only: the app never opens an unencrypted file).
pub fn open_plaintext(path: &Path, like: &Store) -> Result<Store> {
    let conn = database::connect(path, OpenFlags::default())?;
    conn.execute_batch(database::CONNECTION_PRAGMAS)?;
    Store::opened(
        conn,
        path,
        keyslot::random_data_key(),
        like.principal.clone(),
        Arc::new(Keyring::unsigned()),
    )
}

/// The data key of a database, unwrapped once from `username`'s slot (one Argon2 run), for
/// tests that open the same file many times.
pub fn data_key(
    path: &Path,
    username: &str,
    password: &Sensitive<String>,
) -> Result<Sensitive<[u8; 32]>> {
    let keys = KeyFile::load(&key_file_path(path))?;
    let slot_id = keyslot::user_slot_id(&normalize_username(username));
    let slot = keys.slots.get(&slot_id).ok_or(Error::WrongCredentials)?;
    keyslot::unwrap(&slot_id, slot, password.expose().as_bytes())?.ok_or(Error::WrongCredentials)
}

/// Open the store as `username` with a data key from [`data_key`]: the same open, pragmas,
/// and migrations as a sign-in, without the Argon2 cost and without an audit row.
pub fn open_with_key(path: &Path, key: &Sensitive<[u8; 32]>, username: &str) -> Result<Store> {
    let keys = KeyFile::load(&key_file_path(path))?;
    let conn = database::open(
        path,
        key,
        false,
        keys.db_salt.as_deref(),
        database::schema_version(),
    )?;
    let me = crate::user::by_username(&conn, &normalize_username(username))?
        .ok_or(Error::WrongCredentials)?;
    // No password, so no signing key: the rows it writes are unsigned.
    Store::opened(
        conn,
        path,
        key.clone(),
        crate::Principal::User(me),
        Arc::new(Keyring::unsigned()),
    )
}

/// One integer from a query on the store's own connection (`SELECT count(*) …`), or the text
/// of a one-text query through [`query_text`].
pub fn query_i64(store: &Store, sql: &str) -> Result<i64> {
    Ok(store.conn.query_row(sql, [], |r| r.get(0))?)
}

pub fn query_text(store: &Store, sql: &str) -> Result<String> {
    Ok(store.conn.query_row(sql, [], |r| r.get(0))?)
}

/// The rows of a query whose columns are all integers (or NULL), in order.
pub fn query_rows(store: &Store, sql: &str) -> Result<Vec<Vec<Option<i64>>>> {
    let mut stmt = store.conn.prepare(sql)?;
    let n = stmt.column_count();
    let rows = stmt.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, Option<i64>>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The start of a surname that a few dozen of [`county`]'s participants share.
pub const COUNTY_SURNAME: &str = "Ashgrovebc";

/// What [`county`] built: the counts, and what a benchmark opens (a surname to search, a
/// participant with requests, a request with a scan).
#[derive(Debug, Clone)]
pub struct County {
    pub participants: i64,
    pub disclosures: i64,
    pub requests: i64,
    pub open_requests: i64,
    pub attachments: i64,
    pub scan_bytes: i64,
    pub audit_rows: i64,
    /// The start of a surname that a few dozen participants share.
    pub surname: String,
    pub participant_id: i64,
    pub request_id: i64,
}

/// The office of a large county after six years, written straight into a new encrypted
/// database at `path` (benchmarks only): 100,000 participants, 1,000,000 disclosures, 20,000
/// requests over six years (300 of them open, the rest answered), `scans` scans of
/// `scan_bytes` each on the newest requests, and 200,000 audit rows in the hash chain. The
/// Privacy Official `official` and the staff account `staff` (name, password) sign in to it.
/// Rows go in by SQL through the same tables, triggers and indexes the store writes; the
/// store's own write paths are the tests' business, not timed here.
pub fn county(
    path: &Path,
    official: (&str, &str),
    staff: (&str, &str),
    scans: i64,
    scan_bytes: i64,
) -> Result<County> {
    const PARTICIPANTS: i64 = 100_000;
    const PER_PARTICIPANT: i64 = 10;
    const REQUESTS: i64 = 20_000;
    const OPEN: i64 = 300;
    const AUDIT_ROWS: i64 = 200_000;
    let now = Utc::now();
    let (mut store, _code) = Store::create(
        path,
        &sample_organization(),
        official.0,
        "Pat Official",
        &Sensitive::new(official.1.to_owned()),
        now,
    )?;
    store.add_user(&crate::NewUser {
        username: staff.0.to_owned(),
        display_name: "Sam Staff".into(),
        role: desk_core::person::Role::Staff,
        password: Sensitive::new(staff.1.to_owned()),
    })?;
    let names = [
        "Ashgrove",
        "Brindlecombe",
        "Copperwick",
        "Dunmore",
        "Eldervale",
        "Fairbrook",
        "Gallowglass",
        "Hollowell",
    ];
    let case = names
        .iter()
        .enumerate()
        .map(|(k, n)| format!("WHEN {k} THEN '{n}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let bases = [
        "payment",
        "treatment",
        "judicial",
        "public_health",
        "operations",
        "law_enforcement",
        "authorization",
        "health_oversight",
        "required_by_law",
        "to_individual",
    ];
    let basis_case = bases
        .iter()
        .enumerate()
        .map(|(k, b)| format!("WHEN {k} THEN '{b}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let kinds = [
        "access",
        "amendment",
        "accounting",
        "restriction",
        "confidential_communication",
        "complaint",
    ];
    let kind_case = kinds
        .iter()
        .enumerate()
        .map(|(k, b)| format!("WHEN {k} THEN '{b}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let open_case = ["received", "verified", "in_review", "pending_approval"]
        .iter()
        .enumerate()
        .map(|(k, b)| format!("WHEN {k} THEN '{b}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let sql = format!(
        "BEGIN IMMEDIATE;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PARTICIPANTS})
         INSERT INTO participants (employee_id, last_name, first_name, date_of_birth,
             employment_status, created_at)
         SELECT printf('B%06d', i),
                (CASE i % 8 {case} END) || char(97 + (i / 676) % 26, 97 + (i / 26) % 26,
                    97 + i % 26),
                'Bea' || char(97 + i % 23, 97 + i % 19),
                date('1950-01-01', '+' || (i % 18000) || ' days'), 'active',
                '2020-01-01T00:00:00Z'
         FROM n;
         WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < {last_j})
         INSERT INTO disclosures (participant_id, disclosed_on, recipient, description, purpose,
             basis, created_at)
         SELECT p.id, date('now', '-' || ((j * 293 + p.id) % 2190) || ' days'),
                'Recipient ' || ((p.id + j) % 500), 'Claims records', 'Purpose ' || (j % 3),
                (CASE j % 10 {basis_case} END), '2020-01-01T00:00:00Z'
         FROM participants p, k;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {REQUESTS}),
         r AS (SELECT i, date('now', '-' || ((({REQUESTS} - i) * 2190) / {REQUESTS}) || ' days')
                   AS received, (CASE i % 6 {kind_case} END) AS kind
               FROM n)
         INSERT INTO requests (kind, channel, received_on, participant_id, requester_role,
             status, due_on, summary, created_at, updated_at, answered_on)
         SELECT kind, 'mail', received, 1 + (i * 7919) % {PARTICIPANTS}, 'individual',
                CASE WHEN i > {REQUESTS} - {OPEN} THEN (CASE i % 4 {open_case} END)
                     ELSE 'letter_sent' END,
                CASE WHEN kind IN ('access', 'amendment') THEN date(received, '+30 days')
                     WHEN kind = 'accounting' THEN date(received, '+60 days') END,
                'county volume', received || 'T09:00:00Z', received || 'T09:00:00Z',
                CASE WHEN i > {REQUESTS} - {OPEN} THEN NULL
                     ELSE min(date(received, '+' || (i % 35) || ' days'), date('now')) END
         FROM r;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {scans})
         INSERT INTO attachments (request_id, kind, media_type, file_name, bytes, sha256,
             created_at)
         SELECT {REQUESTS} - i + 1, 'signed_form', 'application/pdf', 'scan.pdf',
                CAST(X'255044462D' || randomblob({scan_bytes} - 5) AS BLOB), printf('%064d', i),
                '2025-01-01T00:00:00Z'
         FROM n;
         COMMIT;",
        last_j = PER_PARTICIPANT - 1,
    );
    store.conn.execute_batch(&sql)?;
    // The audit chain, hashed row by row as the store appends it.
    let actions = [
        "participant.view",
        "request.view",
        "letter.render",
        "session.sign_in",
    ];
    let me = store.principal.user_id();
    store.write(|tx, _| {
        for i in 0..AUDIT_ROWS {
            let entity = if i % 2 == 0 { "participant" } else { "request" };
            let at = now - chrono::Duration::seconds(AUDIT_ROWS - i);
            crate::audit::append(
                tx,
                at,
                me,
                actions[(i % 4) as usize],
                entity,
                Some(1 + (i * 31) % 20_000),
            )?;
        }
        Ok(())
    })?;
    store.conn.execute_batch("ANALYZE;")?;
    store.checkpoint()?;
    let request_id = REQUESTS;
    let participant_id: i64 = store.conn.query_row(
        "SELECT participant_id FROM requests WHERE id = ?1",
        [request_id],
        |r| r.get(0),
    )?;
    let audit_rows = crate::audit::count(&store.conn)?;
    store.lock();
    Ok(County {
        participants: PARTICIPANTS,
        disclosures: PARTICIPANTS * PER_PARTICIPANT,
        requests: REQUESTS,
        open_requests: OPEN,
        attachments: scans,
        scan_bytes: scans * scan_bytes,
        audit_rows,
        surname: COUNTY_SURNAME.into(),
        participant_id,
        request_id,
    })
}
