//! A participant's details kept current: a change (from staff, or from a roster re-import) is
//! written to the participant and, field by field, to `participant_changes` with what it was
//! and what it became — the participant's own correcting rows, never changed themselves.

use chrono::{DateTime, Utc};
use desk_core::person::EmploymentStatus;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Result};
use crate::participant::{self, NewParticipant};
use crate::sql::{date, enum_from, enum_str, parse_ts, ts};
use crate::{audit, Store};

/// Schema 7: every change to a participant's details, field by field.
pub(crate) const SCHEMA_V7: &[&str] = &[
    "CREATE TABLE participant_changes (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        field TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('staff', 'roster')),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX participant_changes_by_participant ON participant_changes(participant_id, id);",
    never_changed!("participant_changes"),
];

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeSource {
    Staff,
    Roster,
}

/// One field changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's name (`address_line1`, `employment_status`, …).
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// A change as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRecord {
    pub field: String,
    pub before: String,
    pub after: String,
    pub source: ChangeSource,
    pub at: DateTime<Utc>,
    pub by: String,
}

fn employment_words(e: Option<EmploymentStatus>) -> (String, String) {
    match e {
        None => (String::new(), String::new()),
        Some(EmploymentStatus::Active) => ("active".into(), String::new()),
        Some(EmploymentStatus::Terminated { on }) => ("terminated".into(), date(on)),
        Some(EmploymentStatus::Retiree { since }) => {
            ("retiree".into(), since.map(date).unwrap_or_default())
        }
    }
}

/// The fields of `was` that `now` changes (the employee id and the SSN are not changed here).
pub(crate) fn diff(was: &NewParticipant, now: &NewParticipant) -> Vec<FieldChange> {
    let (ws, wd) = employment_words(was.employment);
    let (ns, nd) = employment_words(now.employment);
    let pairs: [(&'static str, String, String); 11] = [
        (
            "last_name",
            was.last_name.trim().into(),
            now.last_name.trim().into(),
        ),
        (
            "first_name",
            was.first_name.trim().into(),
            now.first_name.trim().into(),
        ),
        (
            "date_of_birth",
            date(was.date_of_birth),
            date(now.date_of_birth),
        ),
        (
            "address_line1",
            was.address.line1.trim().into(),
            now.address.line1.trim().into(),
        ),
        (
            "address_line2",
            was.address.line2.trim().into(),
            now.address.line2.trim().into(),
        ),
        (
            "city",
            was.address.city.trim().into(),
            now.address.city.trim().into(),
        ),
        (
            "state",
            was.address.state.trim().into(),
            now.address.state.trim().into(),
        ),
        (
            "zip",
            was.address.zip.trim().into(),
            now.address.zip.trim().into(),
        ),
        ("phone", was.phone.trim().into(), now.phone.trim().into()),
        ("employment_status", ws, ns),
        ("status_date", wd, nd),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

/// Apply `now` to participant `id` inside `tx`: validated as a new participant is, each changed
/// field written and recorded. Returns the changes (none: nothing is written).
pub(crate) fn apply(
    tx: &Transaction<'_>,
    id: i64,
    now: &NewParticipant,
    source: ChangeSource,
    at: DateTime<Utc>,
    me: Option<i64>,
) -> Result<Vec<FieldChange>> {
    if let Some(e) = now.validate(crate::sql::local_date(at)).into_iter().next() {
        return Err(e.into());
    }
    let was = participant::get(tx, id)?;
    if was.summary.employee_id.is_some() != now.employment.is_some() {
        return Err(FieldError::new(
            "employment_status",
            "an employee or retiree keeps an employment status; a dependent has none",
        )
        .into());
    }
    let was = NewParticipant {
        employee_id: was.summary.employee_id.clone(),
        last_name: was.summary.last_name.clone(),
        first_name: was.summary.first_name.clone(),
        date_of_birth: was.summary.date_of_birth,
        address: was.address.clone(),
        phone: was.phone.clone(),
        employment: was.summary.employment,
        ssn_last4: None,
        ssn: None,
    };
    let changes = diff(&was, now);
    if changes.is_empty() {
        return Ok(changes);
    }
    let (status, status_date) = participant::employment_columns(now.employment);
    tx.execute(
        "UPDATE participants SET last_name = ?2, first_name = ?3, date_of_birth = ?4,
             address_line1 = ?5, address_line2 = ?6, city = ?7, state = ?8, zip = ?9,
             phone = ?10, employment_status = ?11, status_date = ?12
         WHERE id = ?1",
        params![
            id,
            now.last_name.trim(),
            now.first_name.trim(),
            date(now.date_of_birth),
            now.address.line1.trim(),
            now.address.line2.trim(),
            now.address.city.trim(),
            now.address.state.trim(),
            now.address.zip.trim(),
            now.phone.trim(),
            status,
            status_date,
        ],
    )?;
    for c in &changes {
        tx.execute(
            "INSERT INTO participant_changes
               (participant_id, field, before, after, source, at, user_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                c.field,
                c.before,
                c.after,
                enum_str(&source)?,
                ts(at),
                me
            ],
        )?;
    }
    audit::append(tx, at, me, "participant.update", "participant", Some(id))?;
    Ok(changes)
}

/// How `large_print` is written in a change row.
fn yes_no(on: bool) -> String {
    if on { "yes" } else { "no" }.to_string()
}

/// Write participant `id`'s large-print choice inside `tx` with its change row, unaudited (the
/// caller audits). Answers the change (none: it already was so, and nothing is written).
fn large_print_row(
    tx: &Transaction<'_>,
    id: i64,
    on: bool,
    source: ChangeSource,
    at: DateTime<Utc>,
    me: Option<i64>,
) -> Result<Option<FieldChange>> {
    let was = participant::get(tx, id)?.large_print;
    if was == on {
        return Ok(None);
    }
    let change = FieldChange {
        field: "large_print",
        before: yes_no(was),
        after: yes_no(on),
    };
    tx.execute(
        "UPDATE participants SET large_print = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    tx.execute(
        "INSERT INTO participant_changes
           (participant_id, field, before, after, source, at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            change.field,
            change.before,
            change.after,
            enum_str(&source)?,
            ts(at),
            me
        ],
    )?;
    Ok(Some(change))
}

impl Store {
    /// Set or clear a participant's large-print choice (every letter to them in 18-pt type):
    /// one transaction, a change row (`large_print`, `no` → `yes` or back) and one audit row.
    /// Answers the change (none: it already was so, and nothing was written).
    pub fn set_large_print(
        &mut self,
        id: i64,
        on: bool,
        source: ChangeSource,
    ) -> Result<Option<FieldChange>> {
        let at = self.now();
        self.write(|tx, me| {
            let change = large_print_row(tx, id, on, source, at, me)?;
            if change.is_some() {
                audit::append(tx, at, me, "participant.update", "participant", Some(id))?;
            }
            Ok(change)
        })
    }

    /// [`Store::update_participant`] and [`Store::set_large_print`] together, in one
    /// transaction with one audit row: what the participant edit screen saves.
    pub fn update_participant_with_print(
        &mut self,
        id: i64,
        now: &NewParticipant,
        large_print: bool,
        source: ChangeSource,
    ) -> Result<Vec<FieldChange>> {
        let at = self.now();
        self.write(|tx, me| {
            let mut changes = apply(tx, id, now, source, at, me)?;
            if let Some(c) = large_print_row(tx, id, large_print, source, at, me)? {
                if changes.is_empty() {
                    audit::append(tx, at, me, "participant.update", "participant", Some(id))?;
                }
                changes.push(c);
            }
            Ok(changes)
        })
    }

    /// Change a participant's details (names, birth date, address, phone, employment and its
    /// date), as staff or a roster re-import does: validated as a new participant (each refusal
    /// naming its field), written with a row per changed field and one audit row. Answers the
    /// changes (none: nothing was written).
    pub fn update_participant(
        &mut self,
        id: i64,
        now: &NewParticipant,
        source: ChangeSource,
    ) -> Result<Vec<FieldChange>> {
        let at = self.now();
        self.write(|tx, me| apply(tx, id, now, source, at, me))
    }

    /// A participant's changes, newest first.
    pub fn participant_changes(&self, id: i64) -> Result<Vec<ChangeRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.field, c.before, c.after, c.source, c.at, u.display_name
             FROM participant_changes c LEFT JOIN users u ON u.id = c.user_id
             WHERE c.participant_id = ?1 ORDER BY c.id DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (field, before, after, source, at, by) = row?;
            Ok(ChangeRecord {
                field,
                before,
                after,
                source: enum_from(&source)?,
                at: parse_ts(&at)?,
                by: by.unwrap_or_default(),
            })
        })
        .collect()
    }
}
