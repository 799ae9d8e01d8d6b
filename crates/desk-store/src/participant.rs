//! Plan participants (employees, retirees, dependents) and the coverage that links a dependent
//! to the participant they are enrolled under. A dependent is a participant row too (it can be
//! the subject of a request), with no employee id and a `coverage` row.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::identity::{self, SsnCheck};
use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::Sensitive;
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_opt_date, ts};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE participants (
        id                INTEGER PRIMARY KEY,
        employee_id       TEXT UNIQUE,
        last_name         TEXT NOT NULL,
        first_name        TEXT NOT NULL,
        date_of_birth     TEXT NOT NULL,
        address_line1     TEXT NOT NULL DEFAULT '',
        address_line2     TEXT NOT NULL DEFAULT '',
        city              TEXT NOT NULL DEFAULT '',
        state             TEXT NOT NULL DEFAULT '',
        zip               TEXT NOT NULL DEFAULT '',
        phone             TEXT NOT NULL DEFAULT '',
        -- NULL for a dependent who is not a county employee or retiree.
        employment_status TEXT CHECK (employment_status IN ('active', 'terminated', 'retiree')),
        status_date       TEXT,
        -- Only what verifies a caller: the last four digits, and a keyed HMAC-SHA-256 of the
        -- nine digits (key in settings). Never the number in clear.
        ssn_last4         TEXT CHECK (ssn_last4 IS NULL
                                      OR (length(ssn_last4) = 4 AND ssn_last4 NOT GLOB '*[^0-9]*')),
        ssn_hmac          TEXT,
        created_at        TEXT NOT NULL,
        created_by        INTEGER REFERENCES users(id),
        CHECK (employee_id IS NULL OR employment_status IS NOT NULL)
    ) STRICT;",
    "CREATE INDEX participants_by_name ON participants (last_name COLLATE NOCASE, first_name COLLATE NOCASE);",
    "CREATE INDEX participants_by_birth ON participants (date_of_birth);",
    never_deleted!("participants"),
    "CREATE TABLE coverage (
        id           INTEGER PRIMARY KEY,
        dependent_id INTEGER NOT NULL REFERENCES participants(id),
        covered_by   INTEGER NOT NULL REFERENCES participants(id),
        relationship TEXT NOT NULL, -- desk_core::person::Relationship (non-exhaustive)
        created_at   TEXT NOT NULL,
        UNIQUE (dependent_id, covered_by),
        CHECK (dependent_id <> covered_by)
    ) STRICT;",
    "CREATE INDEX coverage_by_covered ON coverage (covered_by);",
    never_deleted!("coverage"),
];

/// Indexes for the search as you type: each word a prefix of the first or the last name (one
/// index each, joined by SQLite's multi-index OR), and the employee id in any case.
pub(crate) const SCHEMA_V4: &[&str] = &[
    "CREATE INDEX participants_by_first_name ON participants (first_name COLLATE NOCASE);",
    "CREATE INDEX participants_by_employee_id ON participants (employee_id COLLATE NOCASE);",
];

/// A postal address as the roster gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Address {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

impl Address {
    /// The address as printed on an envelope: street lines, then "City, ST 12345"; blank parts
    /// left out.
    pub fn lines(&self) -> Vec<String> {
        let place = format!("{} {}", self.state.trim(), self.zip.trim());
        let last = match (self.city.trim(), place.trim()) {
            ("", p) => p.to_owned(),
            (c, "") => c.to_owned(),
            (c, p) => format!("{c}, {p}"),
        };
        [self.line1.trim(), self.line2.trim(), last.as_str()]
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A participant to add. `ssn` (nine digits) is only hashed; `ssn_last4` is kept.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub employee_id: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub date_of_birth: NaiveDate,
    pub address: Address,
    pub phone: String,
    /// `None` for a dependent who is not an employee or retiree.
    pub employment: Option<EmploymentStatus>,
    pub ssn_last4: Option<Sensitive<String>>,
    pub ssn: Option<Sensitive<String>>,
}

fn all_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `12345` or `12345-6789`.
fn valid_zip(zip: &str) -> bool {
    let b = zip.as_bytes();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    match b.len() {
        5 => digits(b),
        10 => digits(&b[..5]) && b[5] == b'-' && digits(&b[6..]),
        _ => false,
    }
}

impl NewParticipant {
    /// Every problem, each naming its field (so a form or an import can show all of them).
    pub fn validate(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(id) = &self.employee_id {
            if id.trim().is_empty()
                || id.len() > 20
                || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                errors.push(FieldError::new(
                    "employee_id",
                    "use 1 to 20 letters, digits or '-'",
                ));
            }
            if self.employment.is_none() {
                errors.push(FieldError::new(
                    "employment_status",
                    "is required for an employee",
                ));
            }
        }
        if self.last_name.trim().is_empty() {
            errors.push(FieldError::new("last_name", "is required"));
        }
        if self.first_name.trim().is_empty() {
            errors.push(FieldError::new("first_name", "is required"));
        }
        if self.date_of_birth > today {
            errors.push(FieldError::new("date_of_birth", "is in the future"));
        }
        if self.date_of_birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
            errors.push(FieldError::new("date_of_birth", "is before 1900"));
        }
        let a = &self.address;
        let state_ok = a.state.len() == 2 && a.state.bytes().all(|b| b.is_ascii_uppercase());
        if !a.state.is_empty() && !state_ok {
            errors.push(FieldError::new("state", "use the two-letter code, e.g. FL"));
        }
        if !a.zip.is_empty() && !valid_zip(&a.zip) {
            errors.push(FieldError::new("zip", "use 5 digits or ZIP+4 (12345-6789)"));
        }
        let phone_digits = self.phone.bytes().filter(u8::is_ascii_digit).count();
        if !self.phone.trim().is_empty() && !(10..=15).contains(&phone_digits) {
            errors.push(FieldError::new(
                "phone",
                "give 10 digits with the area code",
            ));
        }
        if let Some(last4) = &self.ssn_last4 {
            if !all_digits(last4.expose(), 4) {
                errors.push(FieldError::new("ssn_last4", "use exactly 4 digits"));
            }
        }
        if let Some(ssn) = &self.ssn {
            let digits: String = ssn.expose().chars().filter(|c| *c != '-').collect();
            if !all_digits(&digits, 9) {
                errors.push(FieldError::new("ssn", "use 9 digits"));
            }
        }
        match self.employment {
            Some(EmploymentStatus::Terminated { on }) if on > today => {
                errors.push(FieldError::new("status_date", "is in the future"));
            }
            Some(EmploymentStatus::Terminated { on })
            | Some(EmploymentStatus::Retiree { since: Some(on) })
                if on < self.date_of_birth =>
            {
                errors.push(FieldError::new(
                    "status_date",
                    "is before the date of birth",
                ));
            }
            _ => {}
        }
        errors
    }
}

/// Schema 10: the participant asked for large print, and every letter to them is laid out so.
pub(crate) const SCHEMA_V10: &[&str] =
    &["ALTER TABLE participants ADD COLUMN large_print INTEGER NOT NULL DEFAULT 0;"];

/// One line of a search result: enough to pick the right person, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantSummary {
    pub id: i64,
    pub employee_id: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub date_of_birth: NaiveDate,
    /// `None` for a dependent who is not an employee or retiree.
    pub employment: Option<EmploymentStatus>,
    /// For a dependent: the participant whose coverage they are enrolled under.
    pub dependent_of: Option<CoverageLink>,
}

/// A dependent's enrollment under a participant's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageLink {
    pub participant_id: i64,
    pub relationship: Relationship,
}

/// The full record, for the participant page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub summary: ParticipantSummary,
    pub address: Address,
    pub phone: String,
    /// Whether the last four SSN digits are on file (the digits themselves stay inside).
    pub has_ssn_last4: bool,
    /// Every letter to this participant is printed in large print (18-pt body).
    pub large_print: bool,
    pub created_at: DateTime<Utc>,
}

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipantSearch {
    /// A fragment of the first or last name (case-insensitive), or "Last, First".
    Name(String),
    EmployeeId(String),
    DateOfBirth(NaiveDate),
}

impl ParticipantSearch {
    /// Read what someone typed into one search box: an ISO or US date is a date of birth, text
    /// with a digit is an employee id, anything else a name.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        for fmt in ["%Y-%m-%d", "%m/%d/%Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
                return Self::DateOfBirth(d);
            }
        }
        if t.chars().any(|c| c.is_ascii_digit()) {
            Self::EmployeeId(t.to_owned())
        } else {
            Self::Name(t.to_owned())
        }
    }
}

const SUMMARY_COLUMNS: &str = "p.id, p.employee_id, p.last_name, p.first_name, p.date_of_birth,
    p.employment_status, p.status_date,
    (SELECT c.covered_by FROM coverage c WHERE c.dependent_id = p.id ORDER BY c.id LIMIT 1),
    (SELECT c.relationship FROM coverage c WHERE c.dependent_id = p.id ORDER BY c.id LIMIT 1)";

type SummaryRow = (
    i64,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

fn summary_row(r: &Row<'_>) -> rusqlite::Result<SummaryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn employment_from(status: Option<String>, on: Option<String>) -> Result<Option<EmploymentStatus>> {
    let on = parse_opt_date(on)?;
    Ok(match status.as_deref() {
        None => None,
        Some("active") => Some(EmploymentStatus::Active),
        Some("terminated") => Some(EmploymentStatus::Terminated {
            on: on.ok_or(Error::Damaged)?,
        }),
        Some("retiree") => Some(EmploymentStatus::Retiree { since: on }),
        Some(_) => return Err(Error::Damaged),
    })
}

pub(crate) fn employment_columns(
    e: Option<EmploymentStatus>,
) -> (Option<&'static str>, Option<String>) {
    match e {
        None => (None, None),
        Some(EmploymentStatus::Active) => (Some("active"), None),
        Some(EmploymentStatus::Terminated { on }) => (Some("terminated"), Some(date(on))),
        Some(EmploymentStatus::Retiree { since }) => (Some("retiree"), since.map(date)),
    }
}

fn to_summary(row: SummaryRow) -> Result<ParticipantSummary> {
    let (id, employee_id, last_name, first_name, dob, status, status_date, covered_by, rel) = row;
    let dependent_of = match (covered_by, rel) {
        (Some(participant_id), Some(rel)) => Some(CoverageLink {
            participant_id,
            relationship: enum_from(&rel)?,
        }),
        _ => None,
    };
    Ok(ParticipantSummary {
        id,
        employee_id,
        last_name,
        first_name,
        date_of_birth: parse_date(&dob)?,
        employment: employment_from(status, status_date)?,
        dependent_of,
    })
}

/// Most rows a search returns.
pub const SEARCH_LIMIT: usize = 200;

/// Employees and dependents alike, ordered by name.
pub(crate) fn search(
    conn: &Connection,
    query: &ParticipantSearch,
) -> Result<Vec<ParticipantSummary>> {
    let (condition, params): (String, Vec<String>) = match query {
        ParticipantSearch::Name(text) => {
            let text = text.trim();
            if let Some((last, first)) = text.split_once(',') {
                (
                    "p.last_name LIKE ?1 ESCAPE '\\' AND p.first_name LIKE ?2 ESCAPE '\\'".into(),
                    vec![like_prefix(last.trim()), like_prefix(first.trim())],
                )
            } else {
                // Every word the start of the first or the last name ("Av Ash" finds Avery
                // Ashgrove): each word's test can use an index, where a fragment anywhere in
                // the name read every row.
                let words: Vec<String> = text.split_whitespace().take(4).map(like_prefix).collect();
                let tests: Vec<String> = (1..=words.len().max(1))
                    .map(|i| {
                        format!(
                            "(p.last_name LIKE ?{i} ESCAPE '\\' OR p.first_name LIKE ?{i} ESCAPE '\\')"
                        )
                    })
                    .collect();
                let words = if words.is_empty() {
                    vec![like_prefix("")]
                } else {
                    words
                };
                (tests.join(" AND "), words)
            }
        }
        ParticipantSearch::EmployeeId(id) => (
            "p.employee_id = ?1 COLLATE NOCASE".into(),
            vec![id.trim().to_owned()],
        ),
        ParticipantSearch::DateOfBirth(d) => ("p.date_of_birth = ?1".into(), vec![date(*d)]),
    };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM participants p WHERE {condition}
         ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id LIMIT {SEARCH_LIMIT}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), summary_row)?;
    rows.map(|r| to_summary(r?)).collect()
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn like_prefix(text: &str) -> String {
    format!("{}%", escape_like(text))
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Participant> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, p.address_line1, p.address_line2, p.city, p.state, p.zip,
                p.phone, p.ssn_last4 IS NOT NULL, p.created_at, p.large_print
         FROM participants p WHERE p.id = ?1"
    );
    let row = conn
        .query_row(&sql, [id], |r| {
            Ok((
                summary_row(r)?,
                Address {
                    line1: r.get(9)?,
                    line2: r.get(10)?,
                    city: r.get(11)?,
                    state: r.get(12)?,
                    zip: r.get(13)?,
                },
                r.get::<_, String>(14)?,
                r.get::<_, bool>(15)?,
                r.get::<_, String>(16)?,
                r.get::<_, bool>(17)?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            entity: "participant",
        })?;
    let (summary, address, phone, has_ssn_last4, created_at, large_print) = row;
    Ok(Participant {
        summary: to_summary(summary)?,
        address,
        phone,
        has_ssn_last4,
        large_print,
        created_at: crate::sql::parse_ts(&created_at)?,
    })
}

/// The dependents enrolled under a participant's coverage.
pub(crate) fn dependents_of(
    conn: &Connection,
    participant_id: i64,
) -> Result<Vec<ParticipantSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM participants p
         JOIN coverage k ON k.dependent_id = p.id WHERE k.covered_by = ?1
         ORDER BY p.date_of_birth, p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([participant_id], summary_row)?;
    rows.map(|r| to_summary(r?)).collect()
}

pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM participants", [], |r| r.get(0))?)
}

pub(crate) fn id_by_employee_id(conn: &Connection, employee_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM participants WHERE employee_id = ?1 COLLATE NOCASE",
            [employee_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// HMAC-SHA-256 of the nine digits under the database's own key, in hex.
pub(crate) fn ssn_hash(key: &[u8], ssn: &str) -> Result<String> {
    let digits: String = ssn.chars().filter(char::is_ascii_digit).collect();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).map_err(|_| Error::Damaged)?;
    mac.update(digits.as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// Does the number a caller reads out match the one on file? (Compared, never stored: desk-core's
/// `identity::ssn_check` — exactly 4 digits against the last four, exactly 9 against the hash.)
pub(crate) fn ssn_matches(conn: &Connection, key: &[u8], id: i64, ssn: &str) -> Result<bool> {
    let (last4, hash): (Option<String>, Option<String>) = conn
        .query_row(
            "SELECT ssn_last4, ssn_hmac FROM participants WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "participant",
        })?;
    let check = identity::ssn_check(ssn, last4.as_deref(), hash.is_some(), |digits| {
        Ok::<bool, Error>(hash.as_deref() == Some(ssn_hash(key, digits)?.as_str()))
    })?;
    Ok(check == SsnCheck::Match)
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    p: &NewParticipant,
    ssn_key: &[u8],
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    if let Some(e) = p.validate(crate::sql::local_date(now)).into_iter().next() {
        return Err(e.into());
    }
    if let Some(emp) = &p.employee_id {
        if id_by_employee_id(tx, emp)?.is_some() {
            return Err(FieldError::new("employee_id", "is already on file").into());
        }
    }
    let (status, status_date) = employment_columns(p.employment);
    let ssn_hmac = p
        .ssn
        .as_ref()
        .map(|s| ssn_hash(ssn_key, s.expose()))
        .transpose()?;
    tx.execute(
        "INSERT INTO participants (employee_id, last_name, first_name, date_of_birth,
             address_line1, address_line2, city, state, zip, phone, employment_status,
             status_date, ssn_last4, ssn_hmac, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        rusqlite::params![
            p.employee_id.as_deref().map(str::trim),
            p.last_name.trim(),
            p.first_name.trim(),
            date(p.date_of_birth),
            p.address.line1.trim(),
            p.address.line2.trim(),
            p.address.city.trim(),
            p.address.state.trim(),
            p.address.zip.trim(),
            p.phone.trim(),
            status,
            status_date,
            p.ssn_last4.as_ref().map(|s| s.expose().as_str()),
            ssn_hmac,
            ts(now),
            user_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn add_coverage(
    tx: &Transaction<'_>,
    dependent_id: i64,
    covered_by: i64,
    relationship: Relationship,
    now: DateTime<Utc>,
) -> Result<i64> {
    let is_employee: Option<Option<String>> = tx
        .query_row(
            "SELECT employee_id FROM participants WHERE id = ?1",
            [covered_by],
            |r| r.get(0),
        )
        .optional()?;
    match is_employee {
        None => {
            return Err(Error::NotFound {
                entity: "participant",
            })
        }
        Some(None) => {
            return Err(FieldError::new("dependent_of", "is not an employee or retiree").into())
        }
        Some(Some(_)) => {}
    }
    tx.execute(
        "INSERT INTO coverage (dependent_id, covered_by, relationship, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        (dependent_id, covered_by, enum_str(&relationship)?, ts(now)),
    )?;
    Ok(tx.last_insert_rowid())
}
