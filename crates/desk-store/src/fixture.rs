//! Test fixtures (feature `fixtures`, never enabled by the app): old-schema files and a raw
//! connection that bypasses the store's rules, for tests that must tamper or go back in time.

use std::path::Path;

use chrono::{DateTime, Utc};
use desk_core::organization::Organization;
use desk_core::Sensitive;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::keyslot::{self, key_file_path, KeyFile};
use crate::{database, normalize_username, Store};

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
    let (store, code) = Store::create_at(
        path,
        organization,
        username,
        "Fixture Official",
        password,
        now,
        version,
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
    let conn = Connection::open(path)?;
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
    let conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )?;
    Ok(Store {
        conn,
        path: path.to_owned(),
        key: keyslot::random_data_key(),
        principal: like.principal.clone(),
    })
}
