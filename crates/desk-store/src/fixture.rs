//! Test fixtures (feature `fixtures`, never enabled by the app): old-schema files and a raw
//! connection that bypasses the store's rules, for tests that must tamper or go back in time.

use std::path::Path;

use chrono::{DateTime, Utc};
use desk_core::organization::{Official, Organization};
use desk_core::Sensitive;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keyslot::{self, key_file_path, KeyFile};
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
/// quick check and migrations as a sign-in, without the Argon2 cost and without an audit row.
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
    Store::opened(conn, path, key.clone(), crate::Principal::User(me))
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
