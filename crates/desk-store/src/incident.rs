//! The incident log (45 CFR 164.400–414; county policy §11): incidents as reported, with the
//! participants whose information was involved; the four-factor risk assessment and the
//! Privacy Official's determination, each a row that a later one corrects; the impermissible
//! disclosures written to the logbook with the determination; for a breach, each individual's
//! notification letter, an address found out of date, substitute notice; and mitigation steps
//! and sanctions. Nothing here is ever changed or deleted. Anyone signed in logs an incident;
//! the rest is the Privacy Official's. The rules are desk-core's.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::incident::{
    self, ActionKind, Determination, Incident, IncidentError, ReporterKind, RiskAssessment,
    SubstituteMethod,
};
use desk_core::letter::BreachNotice;
use desk_core::minimum::MinimumNecessary;
use desk_core::person::Role;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, json, parse_date, parse_opt_date, parse_ts, ts};
use crate::{audit, letter, LetterMeta, NewLetter, Store};

/// Schema 13: the incident log and everything recorded on an incident.
pub(crate) const SCHEMA_V13: &[&str] = &[
    "CREATE TABLE incidents (
        id                      INTEGER PRIMARY KEY,
        reporter_kind           TEXT NOT NULL,
        reporter_name           TEXT NOT NULL DEFAULT '',
        reporter_participant_id INTEGER REFERENCES participants(id),
        associate_id            INTEGER REFERENCES business_associates(id),
        reported_on             TEXT NOT NULL,
        associate_learned_on    TEXT,
        discovered_on           TEXT NOT NULL,
        occurred_on             TEXT,
        occurred_until          TEXT,
        what_happened           TEXT NOT NULL,
        recipient               TEXT NOT NULL DEFAULT '',
        breach_type             TEXT NOT NULL,
        location                TEXT NOT NULL,
        safeguards              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(safeguards)),
        information             TEXT NOT NULL CHECK (json_valid(information)),
        other_information       TEXT NOT NULL DEFAULT '',
        created_at              TEXT NOT NULL,
        created_by              INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("incidents"),
    "CREATE TABLE incident_participants (
        incident_id    INTEGER NOT NULL REFERENCES incidents(id),
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        PRIMARY KEY (incident_id, participant_id)
    ) STRICT;",
    "CREATE INDEX incident_participants_by_participant ON incident_participants (participant_id);",
    never_changed!("incident_participants"),
    "CREATE TABLE incident_assessments (
        id                  INTEGER PRIMARY KEY,
        incident_id         INTEGER NOT NULL REFERENCES incidents(id),
        nature_and_extent   TEXT NOT NULL,
        unauthorized_person TEXT NOT NULL,
        acquired_or_viewed  TEXT NOT NULL,
        mitigation          TEXT NOT NULL,
        assessed_on         TEXT NOT NULL,
        corrects_id         INTEGER UNIQUE REFERENCES incident_assessments(id),
        created_at          TEXT NOT NULL,
        created_by          INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("incident_assessments"),
    "CREATE TABLE incident_decisions (
        id            INTEGER PRIMARY KEY,
        incident_id   INTEGER NOT NULL REFERENCES incidents(id),
        determination TEXT NOT NULL,
        reasons       TEXT NOT NULL CHECK (trim(reasons) <> ''),
        assessment_id INTEGER REFERENCES incident_assessments(id),
        decided_on    TEXT NOT NULL,
        corrects_id   INTEGER UNIQUE REFERENCES incident_decisions(id),
        created_at    TEXT NOT NULL,
        created_by    INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("incident_decisions"),
    "CREATE TABLE incident_disclosures (
        incident_id    INTEGER NOT NULL REFERENCES incidents(id),
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        disclosure_id  INTEGER NOT NULL UNIQUE REFERENCES disclosures(id),
        PRIMARY KEY (incident_id, participant_id)
    ) STRICT;",
    never_changed!("incident_disclosures"),
    "CREATE TABLE incident_letters (
        id             INTEGER PRIMARY KEY,
        incident_id    INTEGER NOT NULL REFERENCES incidents(id),
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        letter_id      INTEGER NOT NULL UNIQUE REFERENCES letters(id),
        notice         TEXT NOT NULL CHECK (json_valid(notice)),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX incident_letters_by_incident ON incident_letters (incident_id, participant_id);",
    never_changed!("incident_letters"),
    "CREATE TABLE incident_out_of_date (
        incident_id    INTEGER NOT NULL REFERENCES incidents(id),
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        noted_on       TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id),
        PRIMARY KEY (incident_id, participant_id)
    ) STRICT;",
    never_changed!("incident_out_of_date"),
    "CREATE TABLE incident_substitute_notices (
        id             INTEGER PRIMARY KEY,
        incident_id    INTEGER NOT NULL REFERENCES incidents(id),
        -- The individual told, for fewer than 10; none for a posting or media notice.
        participant_id INTEGER REFERENCES participants(id),
        method         TEXT NOT NULL,
        given_on       TEXT NOT NULL,
        detail         TEXT NOT NULL DEFAULT '',
        toll_free      TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("incident_substitute_notices"),
    "CREATE TABLE incident_actions (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        kind        TEXT NOT NULL, -- mitigation / sanction
        taken_on    TEXT NOT NULL,
        whom        TEXT NOT NULL DEFAULT '',
        text        TEXT NOT NULL CHECK (trim(text) <> ''),
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("incident_actions"),
];

/// Schema 14: an incident's details corrected (each correction a row with its reason, the
/// newest in force) and participants added to an incident after it was logged (with when, by
/// whom and why; none for those logged with the report).
pub(crate) const SCHEMA_V14: &[&str] = &[
    "CREATE TABLE incident_corrections (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        details     TEXT NOT NULL CHECK (json_valid(details)),
        reason      TEXT NOT NULL CHECK (trim(reason) <> ''),
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX incident_corrections_by_incident ON incident_corrections (incident_id, id);",
    never_changed!("incident_corrections"),
    "ALTER TABLE incident_participants ADD COLUMN added_at TEXT;",
    "ALTER TABLE incident_participants ADD COLUMN added_by INTEGER REFERENCES users(id);",
    "ALTER TABLE incident_participants ADD COLUMN reason TEXT NOT NULL DEFAULT '';",
];

/// An incident as reported.
#[derive(Debug, Clone)]
pub struct NewIncident {
    pub incident: Incident,
    /// The participant who reported it (reporter kind `participant`).
    pub reporter_participant_id: Option<i64>,
    /// The business associate that reported it (reporter kind `associate`).
    pub associate_id: Option<i64>,
    /// The participants whose information was involved.
    pub participant_ids: Vec<i64>,
}

/// A risk assessment on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentEntry {
    pub id: i64,
    pub assessment: RiskAssessment,
    pub assessed_on: NaiveDate,
    pub created_by: Option<i64>,
}

/// A determination on file; a later one corrects it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEntry {
    pub id: i64,
    pub determination: Determination,
    pub reasons: String,
    pub assessment_id: Option<i64>,
    pub decided_on: NaiveDate,
    pub corrects_id: Option<i64>,
    pub created_by: Option<i64>,
}

/// A notification letter to one individual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLetter {
    pub participant_id: i64,
    pub letter: LetterMeta,
    pub notice: BreachNotice,
}

/// A substitute notice given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstituteEntry {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub method: SubstituteMethod,
    pub given_on: NaiveDate,
    pub detail: String,
    pub toll_free: String,
}

/// A substitute notice as recorded.
#[derive(Debug, Clone)]
pub struct NewSubstitute {
    /// The individual told (fewer than 10 out of date); none for a posting or media notice.
    pub participant_id: Option<i64>,
    pub method: SubstituteMethod,
    pub given_on: NaiveDate,
    /// Where and how: the address or number used, the web page, the newspaper.
    pub detail: String,
    pub toll_free: String,
}

/// A mitigation step or a sanction on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionEntry {
    pub id: i64,
    pub kind: ActionKind,
    pub taken_on: NaiveDate,
    pub whom: String,
    pub text: String,
}

/// A correction of an incident's details: when, by whom and why (the details it made are the
/// record's `incident` when it is the newest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionEntry {
    pub id: i64,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<i64>,
    pub created_by_name: String,
}

/// A participant found to be involved after the incident was logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedEntry {
    pub participant_id: i64,
    pub reason: String,
    pub added_at: DateTime<Utc>,
    pub added_by: Option<i64>,
    pub added_by_name: String,
}

/// Everything on file about one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRecord {
    pub id: i64,
    /// The details in force: as logged, or as the newest correction made them.
    pub incident: Incident,
    /// Every correction of the details, oldest first.
    pub corrections: Vec<CorrectionEntry>,
    /// The participants added after the incident was logged, in the order added.
    pub added: Vec<AddedEntry>,
    pub reporter_participant_id: Option<i64>,
    pub associate_id: Option<i64>,
    pub participant_ids: Vec<i64>,
    /// The assessment in force (the newest; earlier ones were corrected).
    pub assessment: Option<AssessmentEntry>,
    /// Every determination, oldest first: the last is in force.
    pub decisions: Vec<DecisionEntry>,
    /// Oldest first.
    pub letters: Vec<IncidentLetter>,
    /// The individuals whose address was found out of date, with the day noted.
    pub out_of_date: Vec<(i64, NaiveDate)>,
    pub substitutes: Vec<SubstituteEntry>,
    pub actions: Vec<ActionEntry>,
    /// The logbook entry of each participant's impermissible disclosure.
    pub disclosures: Vec<(i64, i64)>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<i64>,
}

impl IncidentRecord {
    /// The determination in force.
    pub fn decision(&self) -> Option<&DecisionEntry> {
        self.decisions.last()
    }

    /// Decided a breach (in force now).
    pub fn is_breach(&self) -> bool {
        self.decision().is_some_and(|d| d.determination.is_breach())
    }
}

fn rule(e: IncidentError) -> Error {
    FieldError::from_rule(e.field, e).into()
}

const COLUMNS: &str = "id, reporter_kind, reporter_name, reporter_participant_id, associate_id, \
     reported_on, associate_learned_on, discovered_on, occurred_on, occurred_until, \
     what_happened, recipient, breach_type, location, safeguards, information, \
     other_information, created_at, created_by";

fn json_of<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|_| Error::Damaged)
}

fn read(conn: &Connection, id: i64) -> Result<IncidentRecord> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM incidents WHERE id = ?1"),
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ),
                    (
                        r.get::<_, String>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, String>(10)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, String>(12)?,
                        r.get::<_, String>(13)?,
                    ),
                    (
                        r.get::<_, String>(14)?,
                        r.get::<_, String>(15)?,
                        r.get::<_, String>(16)?,
                        r.get::<_, String>(17)?,
                        r.get::<_, Option<i64>>(18)?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "incident" })?;
    let (
        (id, kind, name, reporter_pid, associate_id, reported, learned),
        (discovered, occurred, until, what, recipient, breach_type, location),
        (safeguards, information, other, created_at, created_by),
    ) = row;
    let incident = Incident {
        reporter: enum_from::<ReporterKind>(&kind)?,
        reporter_name: name,
        reported_on: parse_date(&reported)?,
        associate_learned_on: parse_opt_date(learned)?,
        discovered_on: parse_date(&discovered)?,
        occurred_on: parse_opt_date(occurred)?,
        occurred_until: parse_opt_date(until)?,
        what_happened: what,
        recipient,
        breach_type: enum_from(&breach_type)?,
        location: enum_from(&location)?,
        safeguards: json_of(&safeguards)?,
        information: json_of(&information)?,
        other_information: other,
    };
    let corrections = corrections(conn, id)?;
    let incident = match conn
        .query_row(
            "SELECT details FROM incident_corrections WHERE incident_id = ?1
             ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        Some(details) => json_of(&details)?,
        None => incident,
    };
    Ok(IncidentRecord {
        id,
        incident,
        corrections,
        added: added(conn, id)?,
        reporter_participant_id: reporter_pid,
        associate_id,
        participant_ids: ids(
            conn,
            "SELECT participant_id FROM incident_participants WHERE incident_id = ?1
             ORDER BY participant_id",
            id,
        )?,
        assessment: assessment(conn, id)?,
        decisions: decisions(conn, id)?,
        letters: letters(conn, id)?,
        out_of_date: out_of_date(conn, id)?,
        substitutes: substitutes(conn, id)?,
        actions: actions(conn, id)?,
        disclosures: pairs(
            conn,
            "SELECT participant_id, disclosure_id FROM incident_disclosures
             WHERE incident_id = ?1 ORDER BY participant_id",
            id,
        )?,
        created_at: parse_ts(&created_at)?,
        created_by,
    })
}

fn corrections(conn: &Connection, incident_id: i64) -> Result<Vec<CorrectionEntry>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.reason, c.created_at, c.created_by, COALESCE(u.display_name, '')
         FROM incident_corrections c LEFT JOIN users u ON u.id = c.created_by
         WHERE c.incident_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, reason, at, by, name)| {
            Ok(CorrectionEntry {
                id,
                reason,
                created_at: parse_ts(&at)?,
                created_by: by,
                created_by_name: name,
            })
        })
        .collect()
}

fn added(conn: &Connection, incident_id: i64) -> Result<Vec<AddedEntry>> {
    let mut stmt = conn.prepare(
        "SELECT p.participant_id, p.reason, p.added_at, p.added_by,
                COALESCE(u.display_name, '')
         FROM incident_participants p LEFT JOIN users u ON u.id = p.added_by
         WHERE p.incident_id = ?1 AND p.added_at IS NOT NULL
         ORDER BY p.added_at, p.participant_id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(participant_id, reason, at, by, name)| {
            Ok(AddedEntry {
                participant_id,
                reason,
                added_at: parse_ts(&at)?,
                added_by: by,
                added_by_name: name,
            })
        })
        .collect()
}

fn ids(conn: &Connection, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}

fn pairs(conn: &Connection, sql: &str, id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, i64)>>>()?;
    Ok(out)
}

fn assessment(conn: &Connection, incident_id: i64) -> Result<Option<AssessmentEntry>> {
    let row = conn
        .query_row(
            "SELECT a.id, a.nature_and_extent, a.unauthorized_person, a.acquired_or_viewed,
                    a.mitigation, a.assessed_on, a.created_by
             FROM incident_assessments a
             WHERE a.incident_id = ?1
               AND NOT EXISTS (SELECT 1 FROM incident_assessments c WHERE c.corrects_id = a.id)",
            [incident_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id, n, u, a, m, on, by)| {
        Ok(AssessmentEntry {
            id,
            assessment: RiskAssessment {
                nature_and_extent: n,
                unauthorized_person: u,
                acquired_or_viewed: a,
                mitigation: m,
            },
            assessed_on: parse_date(&on)?,
            created_by: by,
        })
    })
    .transpose()
}

fn decisions(conn: &Connection, incident_id: i64) -> Result<Vec<DecisionEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, determination, reasons, assessment_id, decided_on, corrects_id, created_by
         FROM incident_decisions WHERE incident_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<i64>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, det, reasons, assessment_id, on, corrects_id, by)| {
            Ok(DecisionEntry {
                id,
                determination: enum_from(&det)?,
                reasons,
                assessment_id,
                decided_on: parse_date(&on)?,
                corrects_id,
                created_by: by,
            })
        })
        .collect()
}

fn letters(conn: &Connection, incident_id: i64) -> Result<Vec<IncidentLetter>> {
    let mut stmt = conn.prepare(
        "SELECT participant_id, letter_id, notice FROM incident_letters
         WHERE incident_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(participant_id, letter_id, notice)| {
            Ok(IncidentLetter {
                participant_id,
                letter: letter::meta(conn, letter_id)?,
                notice: json_of(&notice)?,
            })
        })
        .collect()
}

fn out_of_date(conn: &Connection, incident_id: i64) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT participant_id, noted_on FROM incident_out_of_date
         WHERE incident_id = ?1 ORDER BY participant_id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(p, on)| Ok((p, parse_date(&on)?)))
        .collect()
}

fn substitutes(conn: &Connection, incident_id: i64) -> Result<Vec<SubstituteEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, participant_id, method, given_on, detail, toll_free
         FROM incident_substitute_notices WHERE incident_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, participant_id, method, on, detail, toll_free)| {
            Ok(SubstituteEntry {
                id,
                participant_id,
                method: enum_from(&method)?,
                given_on: parse_date(&on)?,
                detail,
                toll_free,
            })
        })
        .collect()
}

fn actions(conn: &Connection, incident_id: i64) -> Result<Vec<ActionEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, taken_on, whom, text FROM incident_actions
         WHERE incident_id = ?1 ORDER BY taken_on, id",
    )?;
    let rows = stmt
        .query_map([incident_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, kind, on, whom, text)| {
            Ok(ActionEntry {
                id,
                kind: enum_from(&kind)?,
                taken_on: parse_date(&on)?,
                whom,
                text,
            })
        })
        .collect()
}

/// The incident, which must be decided a breach now (field `determination` otherwise).
fn breach(tx: &Connection, incident_id: i64) -> Result<IncidentRecord> {
    let record = read(tx, incident_id)?;
    if !record.is_breach() {
        return Err(FieldError::new(
            "determination",
            "only a breach is notified: the incident is not decided a breach",
        )
        .into());
    }
    Ok(record)
}

/// Participant `participant_id` is on file; refused on `field` with `problem` when not.
fn participant_on_file(
    tx: &Connection,
    participant_id: i64,
    field: &'static str,
    problem: &'static str,
) -> Result<()> {
    match crate::participant::get(tx, participant_id) {
        Ok(_) => Ok(()),
        Err(Error::NotFound { .. }) => Err(FieldError::new(field, problem).into()),
        Err(e) => Err(e),
    }
}

fn involved(record: &IncidentRecord, participant_id: i64) -> Result<()> {
    if record.participant_ids.contains(&participant_id) {
        Ok(())
    } else {
        Err(FieldError::new("participantId", "was not involved in this incident").into())
    }
}

/// The logbook entry of participant `participant_id`'s impermissible disclosure in the
/// incident as `record` now has it (basis `impermissible`). One the plan made is reviewed by
/// the Privacy Official with the incident, so it does not wait in her queue; one a business
/// associate reported as its own is marked with the associate (which answers for the minimum
/// necessary in its disclosures: no marking).
fn disclosure_of(
    record: &IncidentRecord,
    participant_id: i64,
    determination: Determination,
    decided_on: NaiveDate,
    corrects_id: Option<i64>,
) -> crate::NewDisclosure {
    let i = &record.incident;
    // An associate reports the uses and disclosures it made that its agreement does not permit.
    let associate_id = match i.reporter {
        ReporterKind::Associate => record.associate_id,
        _ => None,
    };
    let (minimum_necessary, review_note) = match associate_id {
        Some(_) => (None, None),
        None => (
            Some(MinimumNecessary::Reviewed),
            Some(format!(
                "Impermissible disclosure found in incident {}; decided on {}: {}.",
                record.id,
                date(decided_on),
                determination.label()
            )),
        ),
    };
    crate::NewDisclosure {
        participant_id,
        disclosed_on: i.disclosed_on(),
        recipient: match i.recipient.trim() {
            "" => "Not known".to_owned(),
            r => r.to_owned(),
        },
        recipient_address: String::new(),
        description: i.information_line(),
        purpose: format!(
            "Not permitted by the Privacy Rule: incident {} ({}), discovered {}",
            record.id,
            i.breach_type.hhs_label().to_lowercase(),
            date(i.discovered_on)
        ),
        basis: desk_core::disclosure::Basis::Impermissible,
        authorization_id: None,
        written_request: None,
        corrects_id,
        minimum_necessary,
        review_note,
        information_confirmed: false,
        associate_id,
    }
}

/// Each participant's impermissible disclosure into the logbook through the logbook's own
/// checked write, once per participant and incident: every participant involved who has none
/// yet, when `determination` says the information left the plan impermissibly.
fn log_disclosures(
    tx: &Transaction<'_>,
    record: &IncidentRecord,
    determination: Determination,
    decided_on: NaiveDate,
    me: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    if !determination.is_impermissible_disclosure() {
        return Ok(());
    }
    for &participant_id in &record.participant_ids {
        if record.disclosures.iter().any(|(p, _)| *p == participant_id) {
            continue;
        }
        let new = disclosure_of(record, participant_id, determination, decided_on, None);
        crate::logbook::check_disclosure(&new)?;
        let disclosure_id = crate::logbook::insert_disclosure(tx, me, now, &new)?
            .map_err(|_| Error::from(FieldError::new("determination", "cannot be logged")))?;
        tx.execute(
            "INSERT INTO incident_disclosures (incident_id, participant_id, disclosure_id)
             VALUES (?1, ?2, ?3)",
            (record.id, participant_id, disclosure_id),
        )?;
    }
    Ok(())
}

/// After a correction of the details (`before` → `after`), each impermissible disclosure
/// logged for the incident whose entry now reads differently (its day, recipient, information
/// or purpose) is corrected in the logbook: a new row that corrects the newest one, so the
/// accounting shows the incident as it is now known.
fn correct_disclosures(
    tx: &Transaction<'_>,
    before: &IncidentRecord,
    after: &IncidentRecord,
    me: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(decision) = before.decision() else {
        return Ok(());
    };
    for &(participant_id, first) in &before.disclosures {
        let was = disclosure_of(
            before,
            participant_id,
            decision.determination,
            decision.decided_on,
            None,
        );
        let mut new = disclosure_of(
            after,
            participant_id,
            decision.determination,
            decision.decided_on,
            None,
        );
        if (
            was.disclosed_on,
            &was.recipient,
            &was.description,
            &was.purpose,
        ) == (
            new.disclosed_on,
            &new.recipient,
            &new.description,
            &new.purpose,
        ) {
            continue;
        }
        let mut newest = first;
        while let Some(next) = tx
            .query_row(
                "SELECT id FROM disclosures WHERE corrects_id = ?1",
                [newest],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        {
            newest = next;
        }
        new.corrects_id = Some(newest);
        crate::logbook::check_disclosure(&new)?;
        crate::logbook::insert_disclosure(tx, me, now, &new)?
            .map_err(|_| Error::from(FieldError::new("details", "cannot be logged")))?;
    }
    Ok(())
}

impl Store {
    /// Log an incident (anyone signed in: staff log a report). desk-core checks it (the field
    /// named); the participants, the reporting participant and the associate must be on file.
    /// One write with its audit row. Returns its id.
    pub fn log_incident(&mut self, new: &NewIncident) -> Result<i64> {
        let today = self.today();
        let now = self.now();
        let mut participant_ids = new.participant_ids.clone();
        participant_ids.sort_unstable();
        participant_ids.dedup();
        let i = &new.incident;
        let on_file = match i.reporter {
            ReporterKind::Participant => new.reporter_participant_id.is_some(),
            ReporterKind::Associate => new.associate_id.is_some(),
            _ => true,
        };
        i.check(participant_ids.len(), on_file, today)
            .map_err(rule)?;
        let kept = i.normalized();
        let (information, safeguards) = (&kept.information, &kept.safeguards);
        let (reporter_pid, associate_id) = match i.reporter {
            ReporterKind::Participant => (new.reporter_participant_id, None),
            ReporterKind::Associate => (None, new.associate_id),
            _ => (None, None),
        };
        self.write(|tx, me| {
            for &p in &participant_ids {
                participant_on_file(tx, p, "participantIds", "choose participants on file")?;
            }
            if let Some(p) = reporter_pid {
                participant_on_file(
                    tx,
                    p,
                    "reporterParticipantId",
                    "choose a participant on file",
                )?;
            }
            if let Some(a) = associate_id {
                crate::associate::get(tx, a).map_err(|e| match e {
                    Error::NotFound { .. } => {
                        FieldError::new("associateId", "choose an associate from the register")
                            .into()
                    }
                    e => e,
                })?;
            }
            tx.execute(
                "INSERT INTO incidents (reporter_kind, reporter_name, reporter_participant_id,
                     associate_id, reported_on, associate_learned_on, discovered_on, occurred_on,
                     occurred_until, what_happened, recipient, breach_type, location, safeguards,
                     information, other_information, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18)",
                rusqlite::params![
                    enum_str(&i.reporter)?,
                    match i.reporter {
                        ReporterKind::Staff | ReporterKind::Other => i.reporter_name.trim(),
                        _ => "",
                    },
                    reporter_pid,
                    associate_id,
                    date(i.reported_on),
                    i.associate_learned_on.map(date),
                    date(i.discovered_on),
                    i.occurred_on.map(date),
                    i.occurred_until.map(date),
                    i.what_happened.trim(),
                    i.recipient.trim(),
                    enum_str(&i.breach_type)?,
                    enum_str(&i.location)?,
                    json(&safeguards)?,
                    json(&information)?,
                    if information.contains(&incident::Information::Other) {
                        i.other_information.trim()
                    } else {
                        ""
                    },
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            for &p in &participant_ids {
                tx.execute(
                    "INSERT INTO incident_participants (incident_id, participant_id)
                     VALUES (?1, ?2)",
                    (id, p),
                )?;
            }
            audit::append(tx, now, me, "incident.log", "incident", Some(id))?;
            Ok(id)
        })
    }

    /// Correct an incident's details as logged (Privacy Official only): desk-core's check of
    /// a correction (checked as a report is, who reported it kept, a reason, a detail
    /// changed). The correction is a new row, the newest in force; the logbook entries of the
    /// incident's impermissible disclosures that now read differently are corrected in the same
    /// write. Letters already sent stay as they were sent. Returns the correction's id.
    pub fn correct_incident(
        &mut self,
        incident_id: i64,
        details: &Incident,
        reason: &str,
    ) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let before = read(tx, incident_id)?;
            details
                .check_correction(
                    &before.incident,
                    reason,
                    before.participant_ids.len(),
                    today,
                )
                .map_err(rule)?;
            let kept = details.normalized();
            tx.execute(
                "INSERT INTO incident_corrections (incident_id, details, reason, created_at,
                     created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![incident_id, json(&kept)?, reason.trim(), ts(now), me],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "incident.correct",
                "incident",
                Some(incident_id),
            )?;
            let after = read(tx, incident_id)?;
            correct_disclosures(tx, &before, &after, me, now)?;
            Ok(id)
        })
    }

    /// Add participants found to be involved after the incident was logged (Privacy Official
    /// only), with the reason: each on file and not yet involved. When the determination in
    /// force says the information left the plan impermissibly, their disclosures go into the
    /// logbook in the same write; a breach's letters to them are prepared as for the others.
    pub fn add_incident_participants(
        &mut self,
        incident_id: i64,
        participant_ids: &[i64],
        reason: &str,
    ) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let mut new_ids = participant_ids.to_vec();
        new_ids.sort_unstable();
        new_ids.dedup();
        if new_ids.is_empty() {
            return Err(FieldError::new("participantIds", "choose the participants to add").into());
        }
        if reason.trim().is_empty() {
            return Err(FieldError::new("reason", "say how they were found to be involved").into());
        }
        self.write(|tx, me| {
            let before = read(tx, incident_id)?;
            for &p in &new_ids {
                participant_on_file(tx, p, "participantIds", "choose participants on file")?;
                if before.participant_ids.contains(&p) {
                    return Err(FieldError::new(
                        "participantIds",
                        "is already involved in this incident",
                    )
                    .into());
                }
                tx.execute(
                    "INSERT INTO incident_participants (incident_id, participant_id, added_at,
                         added_by, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    rusqlite::params![incident_id, p, ts(now), me, reason.trim()],
                )?;
            }
            audit::append(
                tx,
                now,
                me,
                "incident.participants",
                "incident",
                Some(incident_id),
            )?;
            if let Some(d) = before.decision() {
                let after = read(tx, incident_id)?;
                log_disclosures(tx, &after, d.determination, d.decided_on, me, now)?;
            }
            Ok(())
        })
    }

    /// Every incident, newest discovered first.
    pub fn incidents(&self) -> Result<Vec<IncidentRecord>> {
        let ids = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM incidents ORDER BY discovered_on DESC, id DESC")?;
            let ids = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            ids
        };
        ids.into_iter().map(|id| read(&self.conn, id)).collect()
    }

    pub fn incident(&self, id: i64) -> Result<IncidentRecord> {
        read(&self.conn, id)
    }

    /// The incidents that involved participant `participant_id`, newest discovered first.
    pub fn incidents_of(&self, participant_id: i64) -> Result<Vec<IncidentRecord>> {
        let ids = ids(
            &self.conn,
            "SELECT i.id FROM incidents i
             JOIN incident_participants p ON p.incident_id = i.id
             WHERE p.participant_id = ?1 ORDER BY i.discovered_on DESC, i.id DESC",
            participant_id,
        )?;
        ids.into_iter().map(|id| read(&self.conn, id)).collect()
    }

    /// Record the four-factor risk assessment (Privacy Official only), every factor written
    /// (desk-core's check, the factor named). A new assessment corrects the one before. One
    /// write with its audit row; returns its id.
    pub fn assess_incident(&mut self, incident_id: i64, a: &RiskAssessment) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        a.check().map_err(rule)?;
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let before = read(tx, incident_id)?;
            tx.execute(
                "INSERT INTO incident_assessments (incident_id, nature_and_extent,
                     unauthorized_person, acquired_or_viewed, mitigation, assessed_on,
                     corrects_id, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    incident_id,
                    a.nature_and_extent.trim(),
                    a.unauthorized_person.trim(),
                    a.acquired_or_viewed.trim(),
                    a.mitigation.trim(),
                    date(today),
                    before.assessment.map(|x| x.id),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "incident.assess",
                "incident",
                Some(incident_id),
            )?;
            Ok(id)
        })
    }

    /// Record the Privacy Official's determination with its reasons (desk-core's rule: reasons
    /// required; a low probability of compromise only on a full assessment), correcting the one
    /// before it. In the same write, when the information left the plan impermissibly (a
    /// breach, a low probability, or a recipient who could not keep it), each participant's
    /// disclosure goes into the logbook with the basis `impermissible`, once per incident.
    /// Returns the decision's id.
    pub fn decide_incident(
        &mut self,
        incident_id: i64,
        determination: Determination,
        reasons: &str,
    ) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let record = read(tx, incident_id)?;
            let assessment = record.assessment.as_ref();
            incident::check_decision(determination, reasons, assessment.map(|a| &a.assessment))
                .map_err(rule)?;
            tx.execute(
                "INSERT INTO incident_decisions (incident_id, determination, reasons,
                     assessment_id, decided_on, corrects_id, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    incident_id,
                    enum_str(&determination)?,
                    reasons.trim(),
                    assessment.map(|a| a.id),
                    date(today),
                    record.decision().map(|d| d.id),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "incident.decide",
                "incident",
                Some(incident_id),
            )?;
            log_disclosures(tx, &record, determination, today, me, now)?;
            Ok(id)
        })
    }

    /// Keep the notification letters of a breach (Privacy Official only), one per individual
    /// involved who has none yet, each with the notice it says: all in one write. Returns the
    /// letters' ids in order.
    pub fn store_breach_letters(
        &mut self,
        incident_id: i64,
        letters: &[(i64, NewLetter, BreachNotice)],
    ) -> Result<Vec<i64>> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let kind = enum_str(&desk_core::letter::LetterKind::BreachNotification)?;
        self.write(|tx, me| {
            let record = breach(tx, incident_id)?;
            let mut out = Vec::with_capacity(letters.len());
            for (participant_id, new, notice) in letters {
                involved(&record, *participant_id)?;
                if new.kind != kind || new.request_id.is_some() {
                    return Err(FieldError::new("kind", "is not a breach notification").into());
                }
                if record
                    .letters
                    .iter()
                    .any(|l| l.participant_id == *participant_id)
                {
                    return Err(FieldError::new(
                        "participantId",
                        "already has a notification letter",
                    )
                    .into());
                }
                let letter_id = letter::insert_checked(tx, me, std::slice::from_ref(new), now)?[0];
                tx.execute(
                    "INSERT INTO incident_letters (incident_id, participant_id, letter_id, notice,
                         created_at, created_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![
                        incident_id,
                        participant_id,
                        letter_id,
                        json(notice)?,
                        ts(now),
                        me
                    ],
                )?;
                out.push(letter_id);
            }
            audit::append(
                tx,
                now,
                me,
                "incident.letters",
                "incident",
                Some(incident_id),
            )?;
            Ok(out)
        })
    }

    /// An individual's address is out of date (a letter came back, or none is on file):
    /// substitute notice is needed for them (Privacy Official only; a breach; once each).
    pub fn mark_address_out_of_date(
        &mut self,
        incident_id: i64,
        participant_id: i64,
    ) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let record = breach(tx, incident_id)?;
            involved(&record, participant_id)?;
            if record.out_of_date.iter().any(|(p, _)| *p == participant_id) {
                return Err(
                    FieldError::new("participantId", "is already marked out of date").into(),
                );
            }
            tx.execute(
                "INSERT INTO incident_out_of_date (incident_id, participant_id, noted_on,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![incident_id, participant_id, date(today), ts(now), me],
            )?;
            audit::append(
                tx,
                now,
                me,
                "incident.out_of_date",
                "incident",
                Some(incident_id),
            )?;
            Ok(())
        })
    }

    /// Record substitute notice (Privacy Official only): the method desk-core says the count of
    /// out-of-date individuals calls for (to one of them below 10, to all with a toll-free
    /// number from 10). Returns its id.
    pub fn record_substitute_notice(
        &mut self,
        incident_id: i64,
        new: &NewSubstitute,
    ) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let record = breach(tx, incident_id)?;
            incident::check_substitute(
                new.method,
                record.out_of_date.len(),
                &new.toll_free,
                new.given_on,
                record.incident.discovered_on,
                today,
            )
            .map_err(rule)?;
            let participant_id = if new.method.is_conspicuous() {
                None
            } else {
                let p = new.participant_id.ok_or_else(|| {
                    Error::from(FieldError::new(
                        "participantId",
                        "choose the individual told",
                    ))
                })?;
                if !record.out_of_date.iter().any(|(o, _)| *o == p) {
                    return Err(FieldError::new(
                        "participantId",
                        "mark the individual's address out of date first",
                    )
                    .into());
                }
                if record
                    .substitutes
                    .iter()
                    .any(|s| s.participant_id == Some(p))
                {
                    return Err(
                        FieldError::new("participantId", "already had substitute notice").into(),
                    );
                }
                Some(p)
            };
            tx.execute(
                "INSERT INTO incident_substitute_notices (incident_id, participant_id, method,
                     given_on, detail, toll_free, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    incident_id,
                    participant_id,
                    enum_str(&new.method)?,
                    date(new.given_on),
                    new.detail.trim(),
                    if new.method.is_conspicuous() {
                        new.toll_free.trim()
                    } else {
                        ""
                    },
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "incident.substitute",
                "incident",
                Some(incident_id),
            )?;
            Ok(id)
        })
    }

    /// Record a mitigation step or a sanction (Privacy Official only; desk-core's check, the
    /// field named). Returns its id.
    pub fn record_incident_action(
        &mut self,
        incident_id: i64,
        kind: ActionKind,
        taken_on: NaiveDate,
        whom: &str,
        text: &str,
    ) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        incident::check_action(kind, taken_on, whom, text, self.today()).map_err(rule)?;
        self.write(|tx, me| {
            read(tx, incident_id)?;
            tx.execute(
                "INSERT INTO incident_actions (incident_id, kind, taken_on, whom, text,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    incident_id,
                    enum_str(&kind)?,
                    date(taken_on),
                    whom.trim(),
                    text.trim(),
                    ts(now),
                    me
                ],
            )?;
            let id = tx.last_insert_rowid();
            let action = match kind {
                ActionKind::Mitigation => "incident.mitigation",
                ActionKind::Sanction => "incident.sanction",
            };
            audit::append(tx, now, me, action, "incident", Some(incident_id))?;
            Ok(id)
        })
    }
}
