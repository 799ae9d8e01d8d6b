//! Staff accounts inside the encrypted database: username, display name, role, active flag.
//! Their passwords live only as key slots in the key file (see `keyslot`).

use chrono::{DateTime, Utc};
use desk_core::person::Role;
use desk_core::Sensitive;
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::sql::{enum_from, enum_str, ts};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE users (
        id           INTEGER PRIMARY KEY,
        username     TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('staff', 'privacy_official')),
        active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at   TEXT NOT NULL
    ) STRICT;",
    never_deleted!("users"),
    // The last active Privacy Official cannot be demoted or deactivated (checked in Rust too,
    // for a clear error; the trigger guards every other path).
    "CREATE TRIGGER users_keep_an_official BEFORE UPDATE OF role, active ON users
     WHEN OLD.role = 'privacy_official' AND OLD.active = 1
      AND (NEW.role <> 'privacy_official' OR NEW.active = 0)
      AND (SELECT count(*) FROM users
           WHERE role = 'privacy_official' AND active = 1 AND id <> OLD.id) = 0
     BEGIN SELECT RAISE(ABORT, 'at least one active privacy official must remain'); END;",
];

/// Schema 8: when each account was last used (a sign-in, the end of a session, a password set;
/// an account unused for [`IDLE_ACCOUNT_DAYS`] days is locked), filled from the audit log's
/// sessions.
pub(crate) const SCHEMA_V8: &[&str] = &[
    "ALTER TABLE users ADD COLUMN last_used_at TEXT;",
    "UPDATE users SET last_used_at = (SELECT max(a.at) FROM audit_log a
        WHERE a.action IN ('session.sign_in', 'session.sign_out', 'session.lock')
          AND a.user_id = users.id);",
];

/// Schema 9: the account's signing key (its public half, hex), the one its audit rows are
/// signed with; registered in the audit chain too (`signing`), where each change is a row.
pub(crate) const SCHEMA_V9: &[&str] = &["ALTER TABLE users ADD COLUMN signing_key TEXT;"];

/// Keep `public` as the account's signing key.
pub(crate) fn set_signing_key(tx: &Transaction<'_>, id: i64, public: &str) -> Result<()> {
    tx.execute(
        "UPDATE users SET signing_key = ?2 WHERE id = ?1",
        (id, public),
    )?;
    Ok(())
}

/// An account unused for longer than this many days is locked.
pub const IDLE_ACCOUNT_DAYS: i64 = 90;

/// When the account was last used, or its creation.
pub(crate) fn last_used(conn: &Connection, id: i64) -> Result<DateTime<Utc>> {
    let at: String = conn.query_row(
        "SELECT coalesce(last_used_at, created_at) FROM users WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    crate::sql::parse_ts(&at)
}

/// Is `id` an active Privacy Official now (checked inside a write, whatever the session
/// believed when it began)?
pub(crate) fn is_active_official(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT role = 'privacy_official' AND active = 1 FROM users WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// Start the account's idle clock again (a sign-in, a password set, a re-enabling).
pub(crate) fn touch(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE users SET last_used_at = ?2 WHERE id = ?1",
        (id, ts(now)),
    )?;
    Ok(())
}

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// An account to create. The password becomes a key slot; it is never stored.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: Sensitive<String>,
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The common passwords refused for an account: the entries of 12 or more characters of
/// SecLists' million most common passwords (MIT licence), in lower case, sorted (byte order),
/// one a line. Where it came from and how it was made: `assets/passwords/README.md`.
const COMMON_PASSWORDS: &str = include_str!("../../../assets/passwords/common-passwords.txt");

/// Is `password` on the bundled list of common passwords (compared in lower case)?
pub fn is_common_password(password: &str) -> bool {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let list = LIST.get_or_init(|| COMMON_PASSWORDS.lines().collect());
    let lower = zeroize::Zeroizing::new(password.to_lowercase());
    list.binary_search(&lower.as_str()).is_ok()
}

/// Usernames are compared in lower case, without surrounding space.
pub fn normalize_username(name: &str) -> String {
    name.trim().to_lowercase()
}

/// 1–32 of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn validate_username(name: &str) -> Result<(), FieldError> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if name.is_empty() || name.len() > 32 || !ok_chars || !ok_start {
        return Err(FieldError::new(
            "username",
            "use 1 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
        ));
    }
    Ok(())
}

/// The rule for every new password (first set-up, a new account, a change, a reset with the
/// recovery code, a reactivation): at least [`MIN_PASSWORD_CHARS`] characters, and not on the
/// bundled list of common passwords. The refusal names the field `password` and never quotes
/// the password.
pub fn validate_password(password: &Sensitive<String>) -> Result<(), FieldError> {
    if password.expose().chars().count() < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            "password",
            format!("use at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if is_common_password(password.expose()) {
        return Err(FieldError::new(
            "password",
            "is one of the most common passwords: choose another",
        ));
    }
    Ok(())
}

impl NewUser {
    /// Normalised and checked: the username lower-cased, every field valid.
    pub(crate) fn validated(&self) -> Result<NewUser> {
        let username = normalize_username(&self.username);
        validate_username(&username)?;
        let display_name = self.display_name.trim().to_owned();
        if display_name.is_empty() || display_name.chars().count() > 100 {
            return Err(
                FieldError::new("display_name", "give a name of 1 to 100 characters").into(),
            );
        }
        validate_password(&self.password)?;
        Ok(NewUser {
            username,
            display_name,
            role: self.role,
            password: self.password.clone(),
        })
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, String, String, String, i64, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_user(row: (i64, String, String, String, i64, String)) -> Result<User> {
    let (id, username, display_name, role, active, created_at) = row;
    Ok(User {
        id,
        username,
        display_name,
        role: enum_from(&role)?,
        active: active != 0,
        created_at: crate::sql::parse_ts(&created_at)?,
    })
}

const COLUMNS: &str = "id, username, display_name, role, active, created_at";

pub(crate) fn by_username(conn: &Connection, username: &str) -> Result<Option<User>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE username = ?1"),
            [username],
            from_row,
        )
        .optional()?;
    row.map(to_user).transpose()
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY username"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut users = Vec::new();
    for row in rows {
        users.push(to_user(row?)?);
    }
    Ok(users)
}

pub(crate) fn insert(tx: &Transaction<'_>, user: &NewUser, now: DateTime<Utc>) -> Result<i64> {
    if by_username(tx, &user.username)?.is_some() {
        return Err(FieldError::new("username", "is already taken").into());
    }
    tx.execute(
        "INSERT INTO users (username, display_name, role, active, created_at)
         VALUES (?1, ?2, ?3, 1, ?4)",
        (
            &user.username,
            &user.display_name,
            enum_str(&user.role)?,
            ts(now),
        ),
    )?;
    Ok(tx.last_insert_rowid())
}

fn other_active_officials(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE role = 'privacy_official' AND active = 1 AND id <> ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// Change role and/or active flag, refusing to leave no active Privacy Official.
pub(crate) fn update(tx: &Transaction<'_>, user: &User, role: Role, active: bool) -> Result<()> {
    let was_official = user.role == Role::PrivacyOfficial && user.active;
    let stays_official = role == Role::PrivacyOfficial && active;
    if was_official && !stays_official && other_active_officials(tx, user.id)? == 0 {
        return Err(Error::LastPrivacyOfficial);
    }
    tx.execute(
        "UPDATE users SET role = ?2, active = ?3 WHERE id = ?1",
        (user.id, enum_str(&role)?, active as i64),
    )?;
    Ok(())
}
