//! Settings kept inside the encrypted database: the organization profile (letterhead), the idle
//! minutes before the app locks, the signature image for letters, and the key for hashing SSNs.
//! Anyone signed in reads them; only the Privacy Official changes them.

use base64::Engine;
use desk_core::organization::Organization;
use desk_core::person::Role;
use desk_core::Sensitive;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::attachment::check_file;
use crate::error::{Error, FieldError, Result};
use crate::{audit, Store};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;",
    never_deleted!("settings"),
];

const ORGANIZATION: &str = "organization";
const SSN_HMAC_KEY: &str = "ssn_hmac_key";
const IDLE_MINUTES: &str = "idle_minutes";
/// Base64 of the PNG; empty once cleared (settings rows are never deleted).
const SIGNATURE_IMAGE: &str = "signature_image_png";
/// Set once, by `Store::create_demo`, to [`DEMO_DATA`]: the database holds synthetic data and
/// may run on a simulated clock. No call sets it on a database made otherwise.
const DEMO: &str = "demo";
const DEMO_DATA: &str = "synthetic";

/// Minutes without input before the app locks, unless the Privacy Official set another.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;
/// The idle minutes a Privacy Official may choose.
pub const IDLE_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// Largest signature image accepted: 2 MiB.
pub const MAX_SIGNATURE_BYTES: usize = 2 * 1024 * 1024;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn put(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
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
    // Once the register exists it is the list of business associates: the profile keeps none.
    let mut kept = org.clone();
    if crate::associate::register_exists(tx)? {
        kept.business_associates.clear();
    }
    let text = serde_json::to_string(&kept).map_err(|_| Error::Invalid {
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

/// Mark a database being created as a demo database (inside the creating transaction).
pub(crate) fn mark_demo(tx: &Transaction<'_>) -> Result<()> {
    put(tx, DEMO, DEMO_DATA)
}

/// Whether the database was created as a demo database.
pub(crate) fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(get(conn, DEMO)?.is_some_and(|v| v == DEMO_DATA))
}

pub(crate) fn ssn_key(conn: &Connection) -> Result<Sensitive<Vec<u8>>> {
    let text = get(conn, SSN_HMAC_KEY)?.ok_or(Error::Damaged)?;
    let key = hex::decode(text).map_err(|_| Error::Damaged)?;
    Ok(Sensitive::new(key))
}

impl Store {
    /// Minutes without input before the app locks ([`DEFAULT_IDLE_MINUTES`] until set).
    pub fn idle_minutes(&self) -> Result<u32> {
        match get(&self.conn, IDLE_MINUTES)? {
            None => Ok(DEFAULT_IDLE_MINUTES),
            Some(text) => text.parse().map_err(|_| Error::Damaged),
        }
    }

    /// Set the idle minutes (Privacy Official only; [`IDLE_MINUTES_RANGE`], field
    /// `idle_minutes`).
    pub fn set_idle_minutes(&mut self, minutes: u32) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        if !IDLE_MINUTES_RANGE.contains(&minutes) {
            return Err(FieldError::new(
                "idle_minutes",
                format!(
                    "choose from {} to {} minutes",
                    IDLE_MINUTES_RANGE.start(),
                    IDLE_MINUTES_RANGE.end()
                ),
            )
            .into());
        }
        let now = self.now();
        self.write(|tx, me| {
            put(tx, IDLE_MINUTES, &minutes.to_string())?;
            audit::append(tx, now, me, "settings.idle_minutes", "settings", None)?;
            Ok(())
        })
    }

    /// The signature printed on letters, as PNG bytes, if one is set.
    pub fn signature_image(&self) -> Result<Option<Vec<u8>>> {
        match get(&self.conn, SIGNATURE_IMAGE)? {
            None => Ok(None),
            Some(text) if text.is_empty() => Ok(None),
            Some(text) => base64::engine::general_purpose::STANDARD
                .decode(text)
                .map(Some)
                .map_err(|_| Error::Damaged),
        }
    }

    /// Set the signature image (a PNG of at most [`MAX_SIGNATURE_BYTES`], field
    /// `signature_image`), or clear it with `None` (Privacy Official only).
    pub fn set_signature_image(&mut self, png: Option<&[u8]>) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let value = match png {
            Some(bytes) => {
                check_file(
                    "signature_image",
                    bytes,
                    MAX_SIGNATURE_BYTES,
                    &["image/png"],
                )?;
                base64::engine::general_purpose::STANDARD.encode(bytes)
            }
            None => String::new(),
        };
        let now = self.now();
        self.write(|tx, me| {
            put(tx, SIGNATURE_IMAGE, &value)?;
            audit::append(tx, now, me, "settings.signature_image", "settings", None)?;
            Ok(())
        })
    }
}
