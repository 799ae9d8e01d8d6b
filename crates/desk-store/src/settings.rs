//! Settings kept inside the encrypted database: the organization profile (letterhead) and the
//! key for hashing SSNs.

use desk_core::organization::Organization;
use desk_core::Sensitive;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;",
    never_deleted!("settings"),
];

const ORGANIZATION: &str = "organization";
const SSN_HMAC_KEY: &str = "ssn_hmac_key";

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn put(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

pub(crate) fn organization(conn: &Connection) -> Result<Organization> {
    let text = get(conn, ORGANIZATION)?.ok_or(Error::NotFound {
        entity: "organization profile",
    })?;
    serde_json::from_str(&text).map_err(|_| Error::Damaged)
}

pub(crate) fn set_organization(tx: &Transaction<'_>, org: &Organization) -> Result<()> {
    validate_organization(org)?;
    let text = serde_json::to_string(org).map_err(|_| Error::Invalid {
        field: "organization",
        problem: "cannot be stored".into(),
    })?;
    put(tx, ORGANIZATION, &text)
}

/// The fields every letter needs.
pub fn validate_organization(org: &Organization) -> Result<()> {
    let required: [(&'static str, &str); 5] = [
        ("name", &org.name),
        ("plan_name", &org.plan_name),
        ("phone", &org.phone),
        ("privacy_official.name", &org.privacy_official.name),
        ("privacy_official.title", &org.privacy_official.title),
    ];
    for (field, value) in required {
        if value.trim().is_empty() {
            return Err(Error::Invalid {
                field,
                problem: "is required".into(),
            });
        }
    }
    if org.address.iter().all(|l| l.trim().is_empty()) {
        return Err(Error::Invalid {
            field: "address",
            problem: "is required".into(),
        });
    }
    Ok(())
}

/// A fresh random key for keyed SSN hashes, written once at creation.
pub(crate) fn init_ssn_key(tx: &Transaction<'_>) -> Result<()> {
    use rand::RngCore;
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(key.as_mut());
    put(tx, SSN_HMAC_KEY, &hex::encode(key.as_ref()))
}

pub(crate) fn ssn_key(conn: &Connection) -> Result<Sensitive<Vec<u8>>> {
    let text = get(conn, SSN_HMAC_KEY)?.ok_or(Error::Damaged)?;
    let key = hex::decode(text).map_err(|_| Error::Damaged)?;
    Ok(Sensitive::new(key))
}
