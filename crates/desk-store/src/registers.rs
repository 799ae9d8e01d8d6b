//! Writing the Privacy Official's registers: a restriction decision with its response letter and
//! one notice per business associate (one write), its ending (a correcting row, for the future
//! only), a confidential-communication decision with its letter, complaints (logged,
//! acknowledged by letter, closed with the outcome), the disclosure conflict check, and the
//! request facts the report is computed from. The rules are desk-core's.

use chrono::{NaiveDate, Utc};
use desk_core::authorization::ProposedDisclosure;
use desk_core::communication::Accommodation;
use desk_core::complaint::{self, Complaint, ComplaintStage};
use desk_core::decision::Addressee;
use desk_core::disclosure::Basis;
use desk_core::report::RequestFacts;
use desk_core::restriction::{
    self, AgreedRestriction, ConflictWarning, EndError, EndedBy, RestrictionTerms,
};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::associate_request::{self, NewAssociateNotice};
use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, json, local_date, parse_date, parse_opt_date, ts};
use crate::{audit, letter, request, NewLetter, Store};

/// Schema 3: the questionnaire behind an agreed restriction and who ended it; a
/// complaint's complainant (name and address, for the acknowledgement) and its letter.
pub(crate) const SCHEMA_V3: &[&str] = &[
    "ALTER TABLE restrictions ADD COLUMN terms TEXT; -- JSON desk_core::restriction::RestrictionTerms",
    "ALTER TABLE restrictions ADD COLUMN ended_by TEXT; -- individual / plan",
    "ALTER TABLE complaints ADD COLUMN complainant TEXT NOT NULL DEFAULT '{\"name\":\"\",\"address\":[]}';",
    "ALTER TABLE complaints ADD COLUMN letter_id INTEGER REFERENCES letters(id);",
];

/// A restriction decision for the log.
#[derive(Debug, Clone)]
pub struct NewRestriction {
    pub request_id: i64,
    /// The restriction as agreed (or as asked, when denied).
    pub wording: String,
    pub terms: Option<RestrictionTerms>,
    pub agreed: bool,
    /// Told in writing (one notice each among the letters).
    pub business_associates: Vec<String>,
    pub decided_on: NaiveDate,
}

/// A confidential-communication decision for the log.
#[derive(Debug, Clone)]
pub struct NewCommunication {
    pub request_id: i64,
    pub alternate_address: Vec<String>,
    pub alternate_means: String,
    pub endangerment: bool,
    pub accommodated: bool,
    pub reason: String,
    pub decided_on: NaiveDate,
}

/// A complaint as received.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    pub participant_id: Option<i64>,
    pub request_id: Option<i64>,
    pub complainant: Addressee,
    pub received_on: NaiveDate,
    pub description: String,
}

/// A complaint in the log (the newest row of its chain of corrections).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintEntry {
    /// The id of the current row (acknowledging or closing adds a correcting row).
    pub id: i64,
    pub participant_id: Option<i64>,
    pub complainant: Addressee,
    pub received_on: NaiveDate,
    pub description: String,
    pub acknowledged_on: Option<NaiveDate>,
    pub disposition: String,
    pub letter_id: Option<i64>,
    pub stage: ComplaintStage,
}

fn terms_error(e: restriction::TermsError) -> Error {
    FieldError::new(e.field, e.problem).into()
}

fn complaint_error(e: complaint::ComplaintError) -> Error {
    FieldError::new(e.field, e.problem).into()
}

fn participant_of(tx: &Connection, request_id: i64) -> Result<i64> {
    Ok(request::get(tx, request_id)?.participant_id)
}

fn agreed_restrictions(conn: &Connection, participant_id: i64) -> Result<Vec<AgreedRestriction>> {
    let mut stmt = conn.prepare(
        "SELECT x.id, x.restriction, x.terms, x.decided_on, x.ended_on, x.ended_by
         FROM restrictions x
         WHERE x.participant_id = ?1 AND x.agreed = 1
           AND NOT EXISTS (SELECT 1 FROM restrictions c WHERE c.corrects_id = x.id)
         ORDER BY x.decided_on, x.id",
    )?;
    let rows = stmt.query_map([participant_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, wording, terms, decided, ended, ended_by) = row?;
        out.push(AgreedRestriction {
            id,
            wording,
            terms: terms
                .map(|t| serde_json::from_str(&t).map_err(|_| Error::Damaged))
                .transpose()?,
            agreed_on: parse_date(&decided)?,
            ended_on: parse_opt_date(ended)?,
            ended_by: ended_by.map(|b| enum_from(&b)).transpose()?,
        });
    }
    Ok(out)
}

fn complaint_row(conn: &Connection, id: i64) -> Result<ComplaintEntry> {
    let row = conn
        .query_row(
            "SELECT id, participant_id, complainant, received_on, description, acknowledged_on,
                    disposition, letter_id
             FROM complaints WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "complaint",
        })?;
    let (id, participant_id, who, received, description, acked, disposition, letter_id) = row;
    let c = Complaint {
        received_on: parse_date(&received)?,
        description,
        acknowledged_on: parse_opt_date(acked)?,
        disposition,
    };
    Ok(ComplaintEntry {
        id,
        participant_id,
        complainant: serde_json::from_str(&who).map_err(|_| Error::Damaged)?,
        received_on: c.received_on,
        stage: c.stage(),
        description: c.description,
        acknowledged_on: c.acknowledged_on,
        disposition: c.disposition,
        letter_id,
    })
}

fn is_current(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    let replaced: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE corrects_id = ?1)"),
        [id],
        |r| r.get(0),
    )?;
    Ok(!replaced)
}

/// A complaint row again, with what changed, pointing at the row it replaces.
fn correct_complaint(
    tx: &Transaction<'_>,
    me: Option<i64>,
    old: &ComplaintEntry,
    acknowledged_on: Option<NaiveDate>,
    disposition: &str,
    letter_id: Option<i64>,
    now: chrono::DateTime<Utc>,
) -> Result<i64> {
    let request_id: Option<i64> = tx.query_row(
        "SELECT request_id FROM complaints WHERE id = ?1",
        [old.id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO complaints (request_id, participant_id, received_on, description, disposition,
             acknowledged_on, corrects_id, created_at, created_by, complainant, letter_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            request_id,
            old.participant_id,
            date(old.received_on),
            old.description,
            disposition,
            acknowledged_on.map(date),
            old.id,
            ts(now),
            me,
            json(&old.complainant)?,
            letter_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Log a restriction decision together with its letters (the response, and when agreed one
    /// notice per business associate): all of them or none. Returns the entry's id and the
    /// letters' ids in order.
    pub fn record_restriction(
        &mut self,
        entry: &NewRestriction,
        letters: &[NewLetter],
    ) -> Result<(i64, Vec<i64>)> {
        self.record_restriction_telling(entry, letters, &[])
    }

    /// [`Store::record_restriction`] with the notices to the business associates told of an
    /// agreed restriction (their register entries and letters), in the same write. The letters'
    /// ids come first, then the notices' letters'.
    pub fn record_restriction_telling(
        &mut self,
        entry: &NewRestriction,
        letters: &[NewLetter],
        notices: &[(NewAssociateNotice, NewLetter)],
    ) -> Result<(i64, Vec<i64>)> {
        if let Some(t) = &entry.terms {
            t.validate().map_err(terms_error)?;
        }
        if entry.wording.trim().is_empty() {
            return Err(FieldError::new("information", "is required").into());
        }
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let participant_id = participant_of(tx, entry.request_id)?;
            tx.execute(
                "INSERT INTO restrictions (request_id, participant_id, restriction, agreed,
                     business_associates, decided_on, created_at, created_by, terms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    entry.request_id,
                    participant_id,
                    entry.wording.trim(),
                    entry.agreed,
                    json(&entry.business_associates)?,
                    date(entry.decided_on),
                    ts(now),
                    me,
                    entry.terms.as_ref().map(json).transpose()?,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "restriction.record", "restriction", Some(id))?;
            let mut letters = letter::insert_checked(tx, me, letters, now)?;
            let told = associate_request::insert_notices(tx, me, notices, today, now)?;
            letters.extend(associate_request::notice_letters(tx, &told)?);
            Ok((id, letters))
        })
    }

    /// End an agreed restriction from `ended_on` (today or later: termination never reaches
    /// back), by the individual or by the plan, with its letters (to the individual and to each
    /// business associate told), all in one write. The log keeps the old row; a correcting row
    /// carries the end. Field `endedOn` names what is wrong. Returns the new row's id.
    pub fn end_restriction(
        &mut self,
        restriction_id: i64,
        ended_on: NaiveDate,
        ended_by: EndedBy,
        letters: &[NewLetter],
    ) -> Result<(i64, Vec<i64>)> {
        self.end_restriction_telling(restriction_id, ended_on, ended_by, letters, &[])
    }

    /// [`Store::end_restriction`] with the notices of the end to the business associates told
    /// (their register entries and letters), in the same write. The letters' ids come first,
    /// then the notices' letters'.
    pub fn end_restriction_telling(
        &mut self,
        restriction_id: i64,
        ended_on: NaiveDate,
        ended_by: EndedBy,
        letters: &[NewLetter],
        notices: &[(NewAssociateNotice, NewLetter)],
    ) -> Result<(i64, Vec<i64>)> {
        let now = self.now();
        let today = local_date(now);
        self.write(|tx, me| {
            let participant_id: i64 = tx
                .query_row(
                    "SELECT participant_id FROM restrictions WHERE id = ?1 AND agreed = 1",
                    [restriction_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(Error::NotFound {
                    entity: "restriction",
                })?;
            if !is_current(tx, "restrictions", restriction_id)? {
                return Err(FieldError::new("endedOn", "this entry was replaced; reload").into());
            }
            let current = agreed_restrictions(tx, participant_id)?
                .into_iter()
                .find(|r| r.id == restriction_id)
                .ok_or(Error::NotFound {
                    entity: "restriction",
                })?;
            restriction::end(&current, ended_on, today).map_err(|e| match e {
                EndError::AlreadyEnded => {
                    FieldError::new("endedOn", "the restriction has already ended")
                }
                other => FieldError::new("endedOn", other.to_string()),
            })?;
            tx.execute(
                "INSERT INTO restrictions (request_id, participant_id, restriction, agreed,
                     business_associates, decided_on, ended_on, corrects_id, created_at,
                     created_by, terms, ended_by)
                 SELECT request_id, participant_id, restriction, agreed, business_associates,
                        decided_on, ?2, id, ?3, ?4, terms, ?5
                 FROM restrictions WHERE id = ?1",
                rusqlite::params![
                    restriction_id,
                    date(ended_on),
                    ts(now),
                    me,
                    enum_str(&ended_by)?
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "restriction.end", "restriction", Some(id))?;
            let mut ids = letter::insert_checked(tx, me, letters, now)?;
            let told = associate_request::insert_notices(tx, me, notices, today, now)?;
            ids.extend(associate_request::notice_letters(tx, &told)?);
            Ok((id, ids))
        })
    }

    /// One restriction entry as the log shows it (any row id, current or replaced).
    pub fn restriction_entry(&self, restriction_id: i64) -> Result<crate::RestrictionEntry> {
        let participant_id: i64 = self
            .conn
            .query_row(
                "SELECT participant_id FROM restrictions WHERE id = ?1",
                [restriction_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "restriction",
            })?;
        self.restrictions_of(participant_id)?
            .into_iter()
            .find(|r| r.id == restriction_id)
            .ok_or_else(|| FieldError::new("endedOn", "this entry was replaced; reload").into())
    }

    /// The participant's agreed restrictions (ended ones included, with their end).
    pub fn agreed_restrictions(&self, participant_id: i64) -> Result<Vec<AgreedRestriction>> {
        agreed_restrictions(&self.conn, participant_id)
    }

    /// The warnings a proposed disclosure about the participant raises: one per agreed
    /// restriction it would conflict with, the restriction quoted (desk-core's rule).
    pub fn disclosure_conflicts(
        &self,
        participant_id: i64,
        proposed: &ProposedDisclosure,
        basis: Basis,
    ) -> Result<Vec<ConflictWarning>> {
        let restrictions = agreed_restrictions(&self.conn, participant_id)?;
        Ok(restriction::conflicts(&restrictions, proposed, basis))
    }

    /// Log a confidential-communication decision together with its response letter. Returns
    /// the entry's id and the letters' ids.
    pub fn record_communication(
        &mut self,
        entry: &NewCommunication,
        letters: &[NewLetter],
    ) -> Result<(i64, Vec<i64>)> {
        self.record_communication_telling(entry, letters, &[])
    }

    /// [`Store::record_communication`] with the notices of an accommodation to the business
    /// associates that send the individual mail (their register entries and letters), in the
    /// same write. The letters' ids come first, then the notices' letters'.
    pub fn record_communication_telling(
        &mut self,
        entry: &NewCommunication,
        letters: &[NewLetter],
        notices: &[(NewAssociateNotice, NewLetter)],
    ) -> Result<(i64, Vec<i64>)> {
        if !entry.accommodated && entry.endangerment {
            return Err(FieldError::new(
                "outcome",
                "the person says disclosure could endanger them: the plan must accommodate",
            )
            .into());
        }
        let now = self.now();
        let today = self.today();
        self.write(|tx, me| {
            let participant_id = participant_of(tx, entry.request_id)?;
            tx.execute(
                "INSERT INTO confidential_communications (request_id, participant_id,
                     alternate_address, alternate_means, endangerment, accommodated, reason,
                     decided_on, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                rusqlite::params![
                    entry.request_id,
                    participant_id,
                    json(&entry.alternate_address)?,
                    entry.alternate_means.trim(),
                    entry.endangerment,
                    entry.accommodated,
                    entry.reason.trim(),
                    date(entry.decided_on),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "confidential_communication.record",
                "confidential_communication",
                Some(id),
            )?;
            let mut letters = letter::insert_checked(tx, me, letters, now)?;
            let told = associate_request::insert_notices(tx, me, notices, today, now)?;
            letters.extend(associate_request::notice_letters(tx, &told)?);
            Ok((id, letters))
        })
    }

    /// End a confidential-communication accommodation from `ended_on` at the individual's
    /// request (desk-core's rule: a granted one, not yet ended, never back-dated; field
    /// `ended_on`), with its confirming letter and the notices to the business associates told
    /// of it, in one write. The log keeps the old row; a correcting row carries the end.
    /// Returns the new row's id and the letters' ids (the notices' last).
    pub fn end_communication(
        &mut self,
        communication_id: i64,
        ended_on: NaiveDate,
        letters: &[NewLetter],
        notices: &[(NewAssociateNotice, NewLetter)],
    ) -> Result<(i64, Vec<i64>)> {
        let now = self.now();
        let today = local_date(now);
        self.write(|tx, me| {
            let participant_id: i64 = tx
                .query_row(
                    "SELECT participant_id FROM confidential_communications WHERE id = ?1",
                    [communication_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(Error::NotFound {
                    entity: "confidential communication",
                })?;
            if !is_current(tx, "confidential_communications", communication_id)? {
                return Err(FieldError::new("ended_on", "this entry was replaced; reload").into());
            }
            let current = crate::privacy_log::communications(tx, participant_id)?
                .into_iter()
                .find(|c| c.id == communication_id)
                .ok_or(Error::NotFound {
                    entity: "confidential communication",
                })?;
            let accommodation = Accommodation::from(&current);
            desk_core::communication::check_end(&accommodation, ended_on, today)
                .map_err(|e| FieldError::from_rule("ended_on", e))?;
            tx.execute(
                "INSERT INTO confidential_communications (request_id, participant_id,
                     alternate_address, alternate_means, endangerment, accommodated, reason,
                     decided_on, ended_on, corrects_id, created_at, created_by)
                 SELECT request_id, participant_id, alternate_address, alternate_means,
                        endangerment, accommodated, reason, decided_on, ?2, id, ?3, ?4
                 FROM confidential_communications WHERE id = ?1",
                rusqlite::params![communication_id, date(ended_on), ts(now), me],
            )?;
            let id = tx.last_insert_rowid();
            let mut ids = letter::insert_checked(tx, me, letters, now)?;
            audit::append(
                tx,
                now,
                me,
                "communication.end",
                "confidential_communication",
                Some(id),
            )?;
            let told = associate_request::insert_notices(tx, me, notices, today, now)?;
            ids.extend(associate_request::notice_letters(tx, &told)?);
            Ok((id, ids))
        })
    }

    pub fn accommodations_of(&self, participant_id: i64) -> Result<Vec<Accommodation>> {
        Ok(self
            .confidential_communications_of(participant_id)?
            .into_iter()
            .map(|c| Accommodation::from(&c))
            .collect())
    }

    /// Log a complaint (fields `description`, `receivedOn`, `complainant`). Returns its id.
    pub fn log_complaint(&mut self, new: &NewComplaint) -> Result<i64> {
        let now = self.now();
        let today = local_date(now);
        complaint::check_new(new.received_on, &new.description, today).map_err(complaint_error)?;
        if new.complainant.name.trim().is_empty() {
            return Err(FieldError::new("complainant", "enter who complains").into());
        }
        self.write(|tx, me| {
            tx.execute(
                "INSERT INTO complaints (request_id, participant_id, received_on, description,
                     created_at, created_by, complainant)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    new.request_id,
                    new.participant_id,
                    date(new.received_on),
                    new.description.trim(),
                    ts(now),
                    me,
                    json(&new.complainant)?,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "complaint.log", "complaint", Some(id))?;
            Ok(id)
        })
    }

    /// Acknowledge a complaint on `on` with its letter, in one write. Returns the complaint's
    /// new row id and the letter's id.
    pub fn acknowledge_complaint(
        &mut self,
        complaint_id: i64,
        on: NaiveDate,
        acknowledgement: &NewLetter,
    ) -> Result<(i64, i64)> {
        let now = self.now();
        self.write(|tx, me| {
            let old = complaint_row(tx, complaint_id)?;
            if !is_current(tx, "complaints", complaint_id)? {
                return Err(FieldError::new("complaint", "this entry was replaced; reload").into());
            }
            let c = Complaint {
                received_on: old.received_on,
                description: old.description.clone(),
                acknowledged_on: old.acknowledged_on,
                disposition: old.disposition.clone(),
            };
            complaint::check_acknowledge(&c, on).map_err(complaint_error)?;
            let letter_id =
                letter::insert_checked(tx, me, std::slice::from_ref(acknowledgement), now)?[0];
            let id = correct_complaint(tx, me, &old, Some(on), "", Some(letter_id), now)?;
            audit::append(tx, now, me, "complaint.acknowledge", "complaint", Some(id))?;
            Ok((id, letter_id))
        })
    }

    /// Record a complaint's outcome (field `disposition`). Returns the new row's id.
    pub fn record_complaint_outcome(
        &mut self,
        complaint_id: i64,
        disposition: &str,
    ) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| {
            let old = complaint_row(tx, complaint_id)?;
            if !is_current(tx, "complaints", complaint_id)? {
                return Err(FieldError::new("complaint", "this entry was replaced; reload").into());
            }
            let c = Complaint {
                received_on: old.received_on,
                description: old.description.clone(),
                acknowledged_on: old.acknowledged_on,
                disposition: old.disposition.clone(),
            };
            complaint::check_outcome(&c, disposition).map_err(complaint_error)?;
            let id = correct_complaint(
                tx,
                me,
                &old,
                old.acknowledged_on,
                disposition.trim(),
                old.letter_id,
                now,
            )?;
            audit::append(tx, now, me, "complaint.close", "complaint", Some(id))?;
            Ok(id)
        })
    }

    /// The complaint log: current rows, newest received first.
    pub fn complaints(&self) -> Result<Vec<ComplaintEntry>> {
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT x.id FROM complaints x
                 WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.corrects_id = x.id)
                 ORDER BY x.received_on DESC, x.id DESC",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| complaint_row(&self.conn, id))
            .collect()
    }

    /// What the report needs of every request: kind, dates (a written request's from the day it
    /// came), and the day it was answered. Complaints in the complaint log count as complaint
    /// requests, answered when acknowledged, closed with their outcome.
    pub fn report_facts(&self) -> Result<Vec<RequestFacts>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.kind, coalesce(r.written_request_on, r.received_on),
                    {}, r.status, r.answered_on
             FROM requests r ORDER BY r.id",
            crate::request::EFFECTIVE_DUE_SQL
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, received, due, status, answered) = row?;
            let status: desk_core::request::RequestStatus = enum_from(&status)?;
            use desk_core::request::RequestStatus as S;
            out.push(RequestFacts {
                kind: enum_from(&kind)?,
                received_on: parse_date(&received)?,
                due_on: parse_opt_date(due)?,
                answered_on: parse_opt_date(answered)?,
                // Not waiting for the office: ended, or waiting for the person's written request.
                closed: !desk_core::lifecycle::waits_for_office(status) && status != S::LetterSent,
            });
        }
        out.extend(self.complaints()?.into_iter().map(|c| RequestFacts {
            kind: desk_core::request::RequestKind::Complaint,
            received_on: c.received_on,
            due_on: None,
            answered_on: c.acknowledged_on,
            closed: c.stage == ComplaintStage::Closed,
        }));
        Ok(out)
    }
}
