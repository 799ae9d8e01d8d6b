//! The business-associate register: who holds the plan's health information outside the office,
//! what it holds, and the days its agreement gives it. Entries are corrected in place (each
//! change an audit row) and ended, never deleted. The register is where the letterhead's list of
//! associates comes from (restriction notices, "where to send").

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::associate::{Associate, Duties, Holding};
use desk_core::organization::BusinessAssociate;
use desk_core::person::Role;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, parse_date, parse_ts, ts};
use crate::{audit, Store};

/// Schema 11: the register, filled from the letterhead profile's free-text list (which it
/// replaces). Entries moved from the profile hold "other records" until the Privacy Official
/// says what they hold; their days are the addendum's defaults.
pub(crate) const SCHEMA_V11: &[&str] = &[
    "CREATE TABLE business_associates (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        address TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(address)),
        contact TEXT NOT NULL DEFAULT '',
        holds TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(holds)),
        agreement_on TEXT CHECK (agreement_on IS NULL OR date(agreement_on) = agreement_on),
        access_days INTEGER NOT NULL DEFAULT 15 CHECK (access_days BETWEEN 1 AND 60),
        amendment_days INTEGER NOT NULL DEFAULT 10 CHECK (amendment_days BETWEEN 1 AND 60),
        accounting_days INTEGER NOT NULL DEFAULT 15 CHECK (accounting_days BETWEEN 1 AND 60),
        incident_days INTEGER NOT NULL DEFAULT 5 CHECK (incident_days BETWEEN 1 AND 60),
        ended_on TEXT CHECK (ended_on IS NULL OR date(ended_on) = ended_on),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;",
    never_deleted!("business_associates"),
    "INSERT INTO business_associates (name, address, holds, created_at, updated_at)
     SELECT trim(json_extract(a.value, '$.name')),
            coalesce(json_extract(a.value, '$.address'), '[]'),
            '[\"other\"]',
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     FROM settings s, json_each(s.value, '$.business_associates') a
     WHERE s.key = 'organization'
       AND trim(coalesce(json_extract(a.value, '$.name'), '')) <> '';",
    "UPDATE settings SET value = json_remove(value, '$.business_associates')
     WHERE key = 'organization';",
];

/// An entry of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociateEntry {
    pub id: i64,
    pub associate: Associate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Whether the register's table exists (a file created at an older schema for a migration test
/// has none yet; its profile keeps the free-text list until it migrates).
pub(crate) fn register_exists(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'business_associates'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

const COLUMNS: &str = "id, name, address, contact, holds, agreement_on, access_days, \
     amendment_days, accounting_days, incident_days, ended_on, created_at, updated_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok(RawEntry {
        id: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        contact: r.get(3)?,
        holds: r.get(4)?,
        agreement_on: r.get(5)?,
        days: [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
        ended_on: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

struct RawEntry {
    id: i64,
    name: String,
    address: String,
    contact: String,
    holds: String,
    agreement_on: Option<String>,
    days: [u32; 4],
    ended_on: Option<String>,
    created_at: String,
    updated_at: String,
}

impl RawEntry {
    fn entry(self) -> Result<AssociateEntry> {
        let opt_date = |d: Option<String>| d.as_deref().map(parse_date).transpose();
        let [access_days, amendment_days, accounting_days, incident_days] = self.days;
        Ok(AssociateEntry {
            id: self.id,
            associate: Associate {
                name: self.name,
                address: serde_json::from_str(&self.address).map_err(|_| Error::Damaged)?,
                contact: self.contact,
                holds: serde_json::from_str(&self.holds).map_err(|_| Error::Damaged)?,
                agreement_on: opt_date(self.agreement_on)?,
                duties: Duties {
                    access_days,
                    amendment_days,
                    accounting_days,
                    incident_days,
                },
                ended_on: opt_date(self.ended_on)?,
            },
            created_at: parse_ts(&self.created_at)?,
            updated_at: parse_ts(&self.updated_at)?,
        })
    }
}

/// Every entry, ended ones too, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<AssociateEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM business_associates ORDER BY name COLLATE NOCASE, id"
    ))?;
    let raw = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter().map(RawEntry::entry).collect()
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<AssociateEntry> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM business_associates WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "business associate",
    })?
    .entry()
}

/// The letterhead's list: the associates whose agreement runs on `today`, by name.
pub(crate) fn for_letterhead(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<BusinessAssociate>> {
    Ok(list(conn)?
        .into_iter()
        .filter(|e| e.associate.active_on(today))
        .map(|e| BusinessAssociate {
            name: e.associate.name,
            address: e.associate.address,
        })
        .collect())
}

fn checked(a: &Associate, today: NaiveDate) -> Result<Associate> {
    a.check(today)
        .map_err(|e| FieldError::from_rule(e.field, e))?;
    let mut a = a.clone();
    a.name = a.name.trim().to_string();
    a.contact = a.contact.trim().to_string();
    a.address = a
        .address
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    a.holds.sort();
    a.holds.dedup();
    Ok(a)
}

fn json<T: serde::Serialize>(value: &T, field: &'static str) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Error::Invalid {
        field,
        problem: "cannot be stored".into(),
    })
}

/// The register's columns an entry writes, in the order of [`values`].
const WRITTEN: &str = "name, address, contact, holds, agreement_on, access_days, \
     amendment_days, accounting_days, incident_days, ended_on";

/// An entry's values for the columns of [`WRITTEN`], then `now` (as ?11).
fn values(a: &Associate, now: DateTime<Utc>) -> Result<[rusqlite::types::Value; 11]> {
    use rusqlite::types::Value;
    let opt_date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::Text(date(d)));
    Ok([
        Value::Text(a.name.clone()),
        Value::Text(json(&a.address, "address")?),
        Value::Text(a.contact.clone()),
        Value::Text(json(&a.holds, "holds")?),
        opt_date(a.agreement_on),
        Value::Integer(a.duties.access_days.into()),
        Value::Integer(a.duties.amendment_days.into()),
        Value::Integer(a.duties.accounting_days.into()),
        Value::Integer(a.duties.incident_days.into()),
        opt_date(a.ended_on),
        Value::Text(ts(now)),
    ])
}

/// Insert a checked entry (no audit row: the caller writes it).
pub(crate) fn insert(tx: &Transaction<'_>, a: &Associate, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        &format!(
            "INSERT INTO business_associates ({WRITTEN}, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"
        ),
        rusqlite::params_from_iter(values(a, now)?),
    )?;
    Ok(tx.last_insert_rowid())
}

/// The set-up's free-text list, entered as register entries (holding "other records", with the
/// addendum's days) for the Privacy Official to complete.
pub(crate) fn insert_from_profile(
    tx: &Transaction<'_>,
    listed: &[BusinessAssociate],
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    for b in listed.iter().filter(|b| !b.name.trim().is_empty()) {
        let a = Associate {
            name: b.name.trim().to_string(),
            address: b.address.clone(),
            contact: String::new(),
            holds: vec![Holding::Other],
            agreement_on: None,
            duties: Duties::default(),
            ended_on: None,
        };
        let id = insert(tx, &a, now)?;
        audit::append(tx, now, user_id, "associate.add", "associate", Some(id))?;
    }
    Ok(())
}

impl Store {
    /// The register, ended agreements too, by name (anyone signed in reads it).
    pub fn associates(&self) -> Result<Vec<AssociateEntry>> {
        list(&self.conn)
    }

    pub fn associate(&self, id: i64) -> Result<AssociateEntry> {
        get(&self.conn, id)
    }

    /// Add an associate (Privacy Official only), checked by desk-core (the field named
    /// otherwise). One write with its audit row.
    pub fn add_associate(&mut self, a: &Associate) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let today = self.today();
        let now = self.now();
        let a = checked(a, today)?;
        self.write(|tx, me| {
            let id = insert(tx, &a, now)?;
            audit::append(tx, now, me, "associate.add", "associate", Some(id))?;
            Ok(id)
        })
    }

    /// Correct an entry (Privacy Official only): its name, address, holdings, days, or the
    /// day its agreement ended (ending it; clearing the end reopens it). One write with its
    /// audit row.
    pub fn update_associate(&mut self, id: i64, a: &Associate) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let today = self.today();
        let now = self.now();
        let a = checked(a, today)?;
        self.write(|tx, me| {
            let before = get(tx, id)?;
            let action = match (before.associate.ended_on, a.ended_on) {
                (None, Some(_)) => "associate.end",
                (Some(_), None) => "associate.reopen",
                _ => "associate.update",
            };
            let mut params = values(&a, now)?.to_vec();
            params.push(rusqlite::types::Value::Integer(id));
            tx.execute(
                "UPDATE business_associates SET name = ?1, address = ?2, contact = ?3,
                     holds = ?4, agreement_on = ?5, access_days = ?6, amendment_days = ?7,
                     accounting_days = ?8, incident_days = ?9, ended_on = ?10, updated_at = ?11
                 WHERE id = ?12",
                rusqlite::params_from_iter(params),
            )?;
            audit::append(tx, now, me, action, "associate", Some(id))?;
            Ok(())
        })
    }
}
