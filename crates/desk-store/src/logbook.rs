//! Writing the disclosure logbook and what it depends on: disclosures (one write path — a
//! disclosure under an authorization is checked against it by desk-core and refused outside
//! it; a copy of the written request kept with it; corrections as new rows), authorizations
//! (the form's elements, its scan) and their revocations (counting from the day received and
//! logged), suspension statements (an oral one lasts 30 days unless confirmed in writing), and
//! what an accounting is computed from. Each write is one transaction with its audit row.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::accounting::{Suspension, SuspensionError, SuspensionStatement};
use desk_core::authorization::{
    self, Authorization, Expiry, ProposedDisclosure, Signer, Statements, SubjectStatus,
};
use desk_core::disclosure::{Basis, Disclosure};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::attachment::{self, NewAttachment};
use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_from, enum_str, json, local_date, parse_date, ts};
use crate::{audit, Store};

/// Schema 4 (logbook): a disclosure's copy of the written request, the day a suspension
/// statement was made, and the indexes the participant's logbook and accounting read by.
pub(crate) const SCHEMA_V4: &[&str] = &[
    "ALTER TABLE disclosures ADD COLUMN attachment_id INTEGER REFERENCES attachments(id);",
    "ALTER TABLE suspensions ADD COLUMN stated_on TEXT;",
    "CREATE INDEX disclosures_by_participant ON disclosures (participant_id, disclosed_on);",
    "CREATE INDEX authorizations_by_participant ON authorizations (participant_id);",
    "CREATE INDEX revocations_by_authorization ON revocations (authorization_id);",
    "CREATE INDEX suspensions_by_participant ON suspensions (participant_id);",
    "CREATE INDEX letters_by_request ON letters (request_id, kind);",
];

/// A disclosure as staff enter it.
#[derive(Debug, Clone)]
pub struct NewDisclosure {
    pub participant_id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    pub basis: Basis,
    /// Required when the basis is `authorization`: the authorization it was made under.
    pub authorization_id: Option<i64>,
    /// A copy of the written request (instead of, or beside, the purpose).
    pub written_request: Option<NewAttachment>,
    /// The entry this one corrects (the old entry stays, out of force).
    pub corrects_id: Option<i64>,
    /// Routine, or for the Privacy Official's review: needed exactly where the
    /// minimum-necessary standard applies (desk-core's `minimum::check`).
    pub minimum_necessary: Option<desk_core::minimum::MinimumNecessary>,
    /// The Privacy Official's review, when she logs a disclosure marked for review herself.
    pub review_note: Option<String>,
    /// Under an authorization: the person recording confirmed that the information falls
    /// within the form's description (desk-core's `authorization::needs_confirmation`); kept
    /// with the entry.
    pub information_confirmed: bool,
    /// Made on the plan's behalf by this business associate of the register (164.528(b)(1)):
    /// the accounting names it. Such an entry carries no minimum-necessary marking (desk-core's
    /// `minimum::check_made`).
    pub associate_id: Option<i64>,
}

/// An authorization form as recorded from the paper.
#[derive(Debug, Clone)]
pub struct NewAuthorization {
    pub participant_id: i64,
    pub request_id: Option<i64>,
    pub information: String,
    pub discloser: String,
    pub recipient: String,
    pub purpose: String,
    pub expires: Option<Expiry>,
    pub signed_on: Option<NaiveDate>,
    pub signer: Option<Signer>,
    pub statements: Statements,
    pub received_on: NaiveDate,
    pub scan: Option<NewAttachment>,
    /// A form with missing elements is kept only when the person recording has seen each
    /// missing element named (it is then on file as defective, and nothing can be disclosed
    /// under it).
    pub defects_seen: bool,
}

/// A suspension statement from a health oversight agency or law enforcement.
#[derive(Debug, Clone)]
pub struct NewSuspension {
    pub participant_id: i64,
    pub statement: SuspensionStatement,
    pub scan: Option<NewAttachment>,
}

/// A suspension on file, with the period it holds for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuspensionEntry {
    pub id: i64,
    pub statement: SuspensionStatement,
    /// The period in force (an oral one cut at 30 days).
    pub effective: Suspension,
}

/// What desk-core judges an authorization by, from its stored row.
pub(crate) fn authorization_terms(
    conn: &Connection,
    authorization_id: i64,
) -> Result<(i64, Authorization)> {
    let row = conn
        .query_row(
            "SELECT a.participant_id, a.information, a.discloser, a.recipient, a.purpose,
                    a.expires, a.signed_on, a.signer, a.statements,
                    (SELECT v.received_on FROM revocations v WHERE v.authorization_id = a.id
                       AND NOT EXISTS (SELECT 1 FROM revocations w WHERE w.corrects_id = v.id)
                     ORDER BY v.received_on LIMIT 1),
                    (SELECT 1 FROM authorizations c WHERE c.corrects_id = a.id)
             FROM authorizations a WHERE a.id = ?1",
            [authorization_id],
            |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ),
                    (
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<i64>>(10)?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "authorization",
        })?;
    let (
        (participant_id, information, discloser, recipient, purpose),
        (expires, signed_on, signer, statements, revoked_on, replaced),
    ) = row;
    if replaced.is_some() {
        return Err(FieldError::new("authorizationId", "was replaced by a correction").into());
    }
    fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
        serde_json::from_str(text).map_err(|_| Error::Damaged)
    }
    let employment = crate::participant::get(conn, participant_id)?
        .summary
        .employment;
    Ok((
        participant_id,
        Authorization {
            information: authorization::present(Some(&information)),
            discloser: authorization::present(Some(&discloser)),
            recipient: authorization::present(Some(&recipient)),
            purpose: authorization::present(Some(&purpose)),
            expires: parse(&expires)?,
            signed_on: crate::sql::parse_opt_date(signed_on)?,
            signer: parse(&signer)?,
            statements: parse(&statements)?,
            revoked_on: crate::sql::parse_opt_date(revoked_on)?,
            // A dependent has no employment of their own: an "employment ends" expiry is missing.
            subject: SubjectStatus::of_participant(employment),
        },
    ))
}

/// What a disclosure must carry before anything is written: the recipient, the description,
/// a purpose (or a copy of the written request), the minimum-necessary marking where the
/// standard applies to the plan's own disclosure, and an authorization exactly when the basis is
/// one.
pub(crate) fn check_disclosure(new: &NewDisclosure) -> Result<()> {
    for (field, text) in [
        ("recipient", &new.recipient),
        ("description", &new.description),
    ] {
        if text.trim().is_empty() {
            return Err(FieldError::new(field, "is required").into());
        }
    }
    if new.purpose.trim().is_empty() && new.written_request.is_none() {
        return Err(FieldError::new(
            "purpose",
            "is required (or attach a copy of the written request)",
        )
        .into());
    }
    desk_core::minimum::check_made(new.basis, new.minimum_necessary, new.associate_id.is_some())
        .map_err(|e| Error::from(FieldError::from_rule("minimumNecessary", e)))?;
    match (new.basis, new.authorization_id) {
        (Basis::Authorization, None) => Err(FieldError::new(
            "authorizationId",
            "choose the authorization it was made under",
        )
        .into()),
        (b, Some(_)) if b != Basis::Authorization => Err(FieldError::new(
            "authorizationId",
            "is only for a disclosure under an authorization",
        )
        .into()),
        _ => Ok(()),
    }
}

/// The business associate a disclosure was made by: on the register, its agreement running on
/// the day of the disclosure (field `associateId`).
fn check_associate(tx: &Transaction<'_>, associate_id: i64, on: NaiveDate) -> Result<()> {
    let entry = crate::associate::get(tx, associate_id).map_err(|e| match e {
        Error::NotFound { .. } => FieldError::new("associateId", "is not in the register").into(),
        other => other,
    })?;
    if !entry.associate.active_on(on) {
        return Err(FieldError::new(
            "associateId",
            "its agreement had ended before the day of the disclosure",
        )
        .into());
    }
    Ok(())
}

/// Write a checked disclosure ([`check_disclosure`]) with its audit row, or, when it falls
/// outside the authorization it names, only the refusal's audit row and the reason.
pub(crate) fn insert_disclosure(
    tx: &Transaction<'_>,
    me: Option<i64>,
    now: DateTime<Utc>,
    new: &NewDisclosure,
) -> Result<std::result::Result<i64, authorization::Overreach>> {
    crate::participant::get(tx, new.participant_id)?;
    if let Some(associate_id) = new.associate_id {
        check_associate(tx, associate_id, new.disclosed_on)?;
    }
    if let Some(auth_id) = new.authorization_id {
        let (owner, auth) = authorization_terms(tx, auth_id).map_err(|e| match e {
            Error::NotFound { .. } => FieldError::new("authorizationId", "is not on file").into(),
            other => other,
        })?;
        if owner != new.participant_id {
            return Err(FieldError::new(
                "authorizationId",
                "is another participant's authorization",
            )
            .into());
        }
        let proposed = ProposedDisclosure {
            recipient: new.recipient.trim().to_owned(),
            information: new.description.trim().to_owned(),
            purpose: new.purpose.trim().to_owned(),
            on: new.disclosed_on,
            information_confirmed: new.information_confirmed,
        };
        let refused = authorization::refusal(&auth, &proposed)
            .map_err(|e| Error::from(FieldError::new(e.field(), "cannot be judged")))?;
        if let Some(reason) = refused {
            audit::append(
                tx,
                now,
                me,
                "disclosure.refused",
                "authorization",
                Some(auth_id),
            )?;
            return Ok(Err(reason));
        }
    }
    if let Some(old) = new.corrects_id {
        let owner: Option<i64> = tx
            .query_row(
                "SELECT participant_id FROM disclosures WHERE id = ?1",
                [old],
                |r| r.get(0),
            )
            .optional()?;
        match owner {
            None => return Err(FieldError::new("correctsId", "is not on file").into()),
            Some(p) if p != new.participant_id => {
                return Err(
                    FieldError::new("correctsId", "is another participant's disclosure").into(),
                )
            }
            Some(_) => {}
        }
        let replaced: Option<i64> = tx
            .query_row(
                "SELECT id FROM disclosures WHERE corrects_id = ?1",
                [old],
                |r| r.get(0),
            )
            .optional()?;
        if replaced.is_some() {
            return Err(FieldError::new("correctsId", "was already corrected").into());
        }
    }
    let attachment_id = match &new.written_request {
        Some(a) => {
            Some(attachment::insert(tx, a, me, now).map_err(|e| rename(e, "writtenRequest"))?)
        }
        None => None,
    };
    let marking = new.minimum_necessary.as_ref().map(json).transpose()?;
    tx.execute(
        "INSERT INTO disclosures (participant_id, disclosed_on, recipient,
             recipient_address, description, purpose, basis, authorization_id,
             corrects_id, attachment_id, created_at, created_by, minimum_necessary,
             information_confirmed, associate_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        rusqlite::params![
            new.participant_id,
            date(new.disclosed_on),
            new.recipient.trim(),
            new.recipient_address.trim(),
            new.description.trim(),
            new.purpose.trim(),
            enum_str(&new.basis)?,
            new.authorization_id,
            new.corrects_id,
            attachment_id,
            ts(now),
            me,
            marking,
            (new.authorization_id.is_some() && new.information_confirmed) as i64,
            new.associate_id,
        ],
    )?;
    let id = tx.last_insert_rowid();
    let action = if new.corrects_id.is_some() {
        "disclosure.correct"
    } else {
        "disclosure.record"
    };
    audit::append(tx, now, me, action, "disclosure", Some(id))?;
    crate::minimum::on_record(
        tx,
        id,
        new.minimum_necessary,
        new.review_note.as_deref(),
        me,
        now,
    )?;
    Ok(Ok(id))
}

fn suspension_error(e: SuspensionError) -> Error {
    FieldError::from_rule(e.field(), e).into()
}

impl Store {
    /// An authorization as desk-core judges it (its revocation and the subject's employment
    /// included).
    pub fn authorization_terms(&self, authorization_id: i64) -> Result<Authorization> {
        Ok(authorization_terms(&self.conn, authorization_id)?.1)
    }

    /// Log a disclosure (fields `recipient`, `description`, `purpose`, `disclosedOn`,
    /// `authorizationId`, `correctsId`, `writtenRequest`, `associateId`). A disclosure under an
    /// authorization must name it and stay inside its terms (desk-core's
    /// `authorization::refusal`): otherwise it is refused, the reason on the field it breaks.
    /// One made by a business associate names an entry of the register whose agreement ran on
    /// the day of the disclosure. Returns its id.
    pub fn record_disclosure(&mut self, new: &NewDisclosure) -> Result<i64> {
        check_disclosure(new)?;
        let now = self.now();
        not_in_future("disclosedOn", new.disclosed_on, now)?;
        // A refusal is itself audited: the write commits its audit row and nothing else.
        let outcome = self.write(|tx, me| insert_disclosure(tx, me, now, new))?;
        outcome.map_err(|reason| {
            FieldError::new(reason.field(), reason.message().trim_end_matches('.')).into()
        })
    }

    /// Keep an authorization form (with its scan, in the same write). A form missing any
    /// element (desk-core's `authorization::validate`) is refused on `defects` unless
    /// `defects_seen`; the defects are never dropped silently. Returns its id.
    pub fn record_authorization(&mut self, new: &NewAuthorization) -> Result<i64> {
        let now = self.now();
        not_in_future("receivedOn", new.received_on, now)?;
        self.write(|tx, me| {
            let participant = crate::participant::get(tx, new.participant_id)?;
            let auth = Authorization {
                information: authorization::present(Some(&new.information)),
                discloser: authorization::present(Some(&new.discloser)),
                recipient: authorization::present(Some(&new.recipient)),
                purpose: authorization::present(Some(&new.purpose)),
                expires: new.expires.clone(),
                signed_on: new.signed_on,
                signer: new.signer.clone(),
                statements: new.statements,
                revoked_on: None,
                subject: SubjectStatus::of_participant(participant.summary.employment),
            };
            let validity = authorization::validate(&auth, new.received_on)
                .map_err(|e| Error::from(FieldError::new(e.field(), "cannot be judged")))?;
            if !validity.is_valid() && !new.defects_seen {
                return Err(FieldError::new(
                    "defects",
                    format!(
                        "the form is missing {} element(s): read the list and confirm to keep it on file as defective",
                        validity.defects.len()
                    ),
                )
                .into());
            }
            let scan = match &new.scan {
                Some(a) => Some(attachment::insert(tx, a, me, now).map_err(|e| rename(e, "scan"))?),
                None => None,
            };
            tx.execute(
                "INSERT INTO authorizations (participant_id, request_id, information, discloser,
                     recipient, purpose, expires, signed_on, signer, statements, attachment_id,
                     received_on, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                rusqlite::params![
                    new.participant_id,
                    new.request_id,
                    new.information.trim(),
                    new.discloser.trim(),
                    new.recipient.trim(),
                    new.purpose.trim(),
                    json(&new.expires)?,
                    new.signed_on.map(date),
                    json(&new.signer)?,
                    json(&new.statements)?,
                    scan,
                    date(new.received_on),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "authorization.record", "authorization", Some(id))?;
            Ok(id)
        })
    }

    /// Log a written revocation received on `received_on` (today or earlier, not before the
    /// authorization was received). From that day on nothing may be disclosed under it.
    pub fn revoke_authorization(
        &mut self,
        authorization_id: i64,
        received_on: NaiveDate,
        scan: Option<&NewAttachment>,
    ) -> Result<i64> {
        let now = self.now();
        not_in_future("receivedOn", received_on, now)?;
        self.write(|tx, me| {
            let row: Option<(String, Option<i64>)> = tx
                .query_row(
                    "SELECT a.received_on,
                            (SELECT v.id FROM revocations v WHERE v.authorization_id = a.id
                               AND NOT EXISTS (SELECT 1 FROM revocations w WHERE w.corrects_id = v.id))
                     FROM authorizations a WHERE a.id = ?1",
                    [authorization_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((auth_received, existing)) = row else {
                return Err(Error::NotFound {
                    entity: "authorization",
                });
            };
            if existing.is_some() {
                return Err(FieldError::new("receivedOn", "the authorization is already revoked").into());
            }
            if received_on < parse_date(&auth_received)? {
                return Err(FieldError::new(
                    "receivedOn",
                    "is before the authorization itself was received",
                )
                .into());
            }
            let scan_id = match scan {
                Some(a) => Some(attachment::insert(tx, a, me, now).map_err(|e| rename(e, "scan"))?),
                None => None,
            };
            tx.execute(
                "INSERT INTO revocations (authorization_id, received_on, attachment_id, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![authorization_id, date(received_on), scan_id, ts(now), me],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "authorization.revoke", "authorization", Some(authorization_id))?;
            Ok(id)
        })
    }

    /// Record a suspension statement (desk-core checks it and cuts an oral one at 30 days).
    pub fn record_suspension(&mut self, new: &NewSuspension) -> Result<i64> {
        new.statement.effective().map_err(suspension_error)?;
        let now = self.now();
        not_in_future("statedOn", new.statement.stated_on, now)?;
        self.write(|tx, me| {
            crate::participant::get(tx, new.participant_id)?;
            insert_suspension(
                tx,
                me,
                now,
                new.participant_id,
                &new.statement,
                new.scan.as_ref(),
                None,
            )
        })
    }

    /// An oral suspension confirmed in writing on `confirmed_on` (within its 30 days): a
    /// correcting row that holds for the whole period asked for.
    pub fn confirm_suspension(
        &mut self,
        suspension_id: i64,
        confirmed_on: NaiveDate,
        scan: Option<&NewAttachment>,
    ) -> Result<i64> {
        let now = self.now();
        not_in_future("confirmedOn", confirmed_on, now)?;
        self.write(|tx, me| {
            let (participant_id, statement) = suspension_row(tx, suspension_id)?;
            let confirmed = statement
                .confirmed_in_writing(confirmed_on)
                .map_err(suspension_error)?;
            insert_suspension(
                tx,
                me,
                now,
                participant_id,
                &confirmed,
                scan,
                Some(suspension_id),
            )
        })
    }

    /// The participant's suspensions in force (not replaced by a correction), oldest first.
    pub fn suspensions_of(&self, participant_id: i64) -> Result<Vec<SuspensionEntry>> {
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT s.id FROM suspensions s WHERE s.participant_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM suspensions c WHERE c.corrects_id = s.id)
                 ORDER BY s.from_on, s.id",
            )?
            .query_map([participant_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| {
                let (_, statement) = suspension_row(&self.conn, id)?;
                let effective = statement.effective().map_err(|_| Error::Damaged)?;
                Ok(SuspensionEntry {
                    id,
                    statement,
                    effective,
                })
            })
            .collect()
    }

    /// The attachment holding a disclosure's copy of the written request, if one is kept.
    pub fn written_request_of(&self, disclosure_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT attachment_id FROM disclosures WHERE id = ?1",
                [disclosure_id],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten())
    }

    /// The logbook as desk-core's accounting reads it: the participant's disclosures in force
    /// (id = row id; the recipient's name, and their address beside it when known — a
    /// suspension matches the name alone; a business associate's named as the accounting names
    /// it) and suspensions in force.
    pub fn accounting_inputs(
        &self,
        participant_id: i64,
    ) -> Result<(Vec<Disclosure>, Vec<Suspension>)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.disclosed_on, d.recipient, d.recipient_address, d.description,
                    d.purpose, d.basis, b.name, b.holds
             FROM disclosures d
             LEFT JOIN business_associates b ON b.id = d.associate_id
             WHERE d.participant_id = ?1
               AND NOT EXISTS (SELECT 1 FROM disclosures c WHERE c.corrects_id = d.id)
             ORDER BY d.disclosed_on, d.id",
        )?;
        let rows = stmt
            .query_map([participant_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    (
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut disclosures = Vec::with_capacity(rows.len());
        for (id, on, recipient, recipient_address, description, purpose, basis, associate) in rows {
            let by_associate = match associate {
                (Some(name), holds) => {
                    let holds: Vec<desk_core::associate::Holding> = match holds {
                        Some(h) => serde_json::from_str(&h).map_err(|_| Error::Damaged)?,
                        None => Vec::new(),
                    };
                    Some(desk_core::associate::described(&name, &holds))
                }
                (None, _) => None,
            };
            // Only an entry with no purpose needs to know whether its written request is kept
            // (the few such rows are read on their own; the rest come from the index alone).
            let written_request_copy =
                purpose.trim().is_empty() && self.written_request_of(id)?.is_some();
            disclosures.push(Disclosure {
                id: id.to_string(),
                on: parse_date(&on)?,
                recipient,
                recipient_address,
                description,
                purpose,
                basis: enum_from(&basis)?,
                written_request_copy,
                by_associate,
            });
        }
        let suspensions = self
            .suspensions_of(participant_id)?
            .into_iter()
            .map(|s| s.effective)
            .collect();
        Ok((disclosures, suspensions))
    }
}

fn rename(e: Error, field: &'static str) -> Error {
    match e {
        Error::Invalid { problem, .. } => Error::Invalid { field, problem },
        other => other,
    }
}

fn suspension_row(conn: &Connection, id: i64) -> Result<(i64, SuspensionStatement)> {
    let row = conn
        .query_row(
            "SELECT participant_id, agency, recipient, stated_on, from_on, to_on, written
             FROM suspensions WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "suspension",
        })?;
    let (participant_id, agency, recipient, stated_on, from, to, written) = row;
    let from = parse_date(&from)?;
    Ok((
        participant_id.ok_or(Error::Damaged)?,
        SuspensionStatement {
            agency,
            recipient,
            // Rows from before schema 4 have no statement day: the period's start stands in.
            stated_on: crate::sql::parse_opt_date(stated_on)?.unwrap_or(from),
            from,
            to: parse_date(&to)?,
            written: written == 1,
        },
    ))
}

fn insert_suspension(
    tx: &Transaction<'_>,
    me: Option<i64>,
    now: chrono::DateTime<Utc>,
    participant_id: i64,
    s: &SuspensionStatement,
    scan: Option<&NewAttachment>,
    corrects_id: Option<i64>,
) -> Result<i64> {
    let scan_id = match scan {
        Some(a) => Some(attachment::insert(tx, a, me, now).map_err(|e| rename(e, "scan"))?),
        None => None,
    };
    tx.execute(
        "INSERT INTO suspensions (participant_id, agency, recipient, from_on, to_on, written,
             attachment_id, corrects_id, created_at, created_by, stated_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            participant_id,
            s.agency.trim(),
            s.recipient.trim(),
            date(s.from),
            date(s.to),
            i64::from(s.written),
            scan_id,
            corrects_id,
            ts(now),
            me,
            date(s.stated_on),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let action = if corrects_id.is_some() {
        "suspension.confirm"
    } else {
        "suspension.record"
    };
    audit::append(tx, now, me, action, "suspension", Some(id))?;
    Ok(id)
}

/// A date staff typed for something that has happened: refused, on its field, when after today.
pub(crate) fn not_in_future(field: &'static str, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if on > local_date(now) {
        return Err(FieldError::new(field, "cannot be in the future").into());
    }
    Ok(())
}
