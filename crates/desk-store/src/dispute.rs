//! The dispute that follows a denied amendment: the statement of disagreement (with its scan),
//! the plan's rebuttal (with the letter that sends the individual a copy), or the request that
//! the amendment request and denial go with future disclosures. desk-core decides which step is
//! open; rows are never changed.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::amendment::{self, Dispute, DisputeStep};
use desk_core::decision::AmendmentDecision;
use desk_core::request::{RequestKind, RequestStatus};
use rusqlite::Connection;

use crate::decision::{DecisionOutcome, DecisionState};
use crate::error::{FieldError, Result};
use crate::sql::{date, enum_from, enum_str, parse_date, parse_ts, ts};
use crate::{attachment, audit, letter, request, NewAttachment, NewLetter, Store};

/// Schema 7: the steps of amendment disputes.
pub(crate) const SCHEMA_V7: &[&str] = &[
    "CREATE TABLE amendment_disputes (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        step TEXT NOT NULL CHECK (step IN ('disagreement', 'rebuttal', 'include_with_disclosures')),
        on_day TEXT NOT NULL CHECK (date(on_day) = on_day),
        text TEXT NOT NULL DEFAULT '',
        attachment_id INTEGER REFERENCES attachments(id),
        letter_id INTEGER REFERENCES letters(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        UNIQUE (request_id, step)
    ) STRICT;",
    never_changed!("amendment_disputes"),
];

/// One step of a dispute, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeEntry {
    pub id: i64,
    pub request_id: i64,
    pub step: DisputeStep,
    pub on_day: NaiveDate,
    /// The rebuttal's text, or a note.
    pub text: String,
    pub attachment_id: Option<i64>,
    pub letter_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// A new step of a dispute.
#[derive(Debug, Clone)]
pub struct NewDisputeStep {
    pub request_id: i64,
    pub step: DisputeStep,
    /// The day the statement or the request came, or the rebuttal was written.
    pub on_day: NaiveDate,
    pub text: String,
    /// The statement's scan.
    pub scan: Option<NewAttachment>,
}

pub(crate) fn entries(conn: &Connection, request_id: i64) -> Result<Vec<DisputeEntry>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.request_id, d.step, d.on_day, d.text, d.attachment_id, d.letter_id, d.at,
                u.display_name
         FROM amendment_disputes d LEFT JOIN users u ON u.id = d.user_id
         WHERE d.request_id = ?1 ORDER BY d.id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    rows.map(|row| {
        let (id, rid, step, on_day, text, aid, lid, at, by) = row?;
        Ok(DisputeEntry {
            id,
            request_id: rid,
            step: enum_from(&step)?,
            on_day: parse_date(&on_day)?,
            text,
            attachment_id: aid,
            letter_id: lid,
            at: parse_ts(&at)?,
            by: by.unwrap_or_default(),
        })
    })
    .collect()
}

/// Where the request's dispute stands: desk-core's input.
pub(crate) fn dispute(conn: &Connection, request_id: i64) -> Result<Dispute> {
    let r = request::get(conn, request_id)?;
    let denied = r.kind == RequestKind::Amendment
        && matches!(r.status, RequestStatus::LetterSent | RequestStatus::Closed)
        && crate::decision::list(conn, request_id)?
            .iter()
            .rev()
            .find(|d| d.superseded_by.is_none())
            .is_some_and(|d| {
                d.state == DecisionState::Approved
                    && matches!(
                        d.outcome,
                        DecisionOutcome::Amendment(AmendmentDecision::Denial(_))
                    )
            });
    let done = entries(conn, request_id)?;
    let has = |s: DisputeStep| done.iter().any(|e| e.step == s);
    Ok(Dispute {
        denied,
        disagreement: has(DisputeStep::Disagreement),
        rebuttal: has(DisputeStep::Rebuttal),
        include_requested: has(DisputeStep::IncludeWithDisclosures),
    })
}

impl Store {
    /// Record a step of a denied amendment's dispute, as desk-core allows it (field `step` or
    /// `status` otherwise): the statement of disagreement with its scan, the rebuttal (its text
    /// required, field `text`) with `letters` (the individual's copy) kept in the same write, or
    /// the request that the amendment request and denial go with future disclosures. The day is
    /// not in the future nor before the request (field `on_day`). One write with its audit row.
    pub fn record_dispute_step(
        &mut self,
        new: &NewDisputeStep,
        letters: &[NewLetter],
    ) -> Result<i64> {
        let today = self.today();
        let now = self.now();
        self.write(|tx, me| {
            let state = dispute(tx, new.request_id)?;
            amendment::check(state, new.step).map_err(|e| FieldError::from_rule(e.field(), e))?;
            let r = request::get(tx, new.request_id)?;
            if new.on_day > today {
                return Err(FieldError::new("on_day", "is in the future").into());
            }
            if new.on_day < r.received_on {
                return Err(FieldError::new("on_day", "is before the request was received").into());
            }
            let text = new.text.trim();
            if new.step == DisputeStep::Rebuttal && text.is_empty() {
                return Err(FieldError::new("text", "is required").into());
            }
            let attachment_id = match &new.scan {
                Some(scan) => {
                    let mut scan = scan.clone();
                    scan.request_id = Some(new.request_id);
                    let aid = attachment::insert(tx, &scan, me, now)?;
                    audit::append(tx, now, me, "attachment.add", "attachment", Some(aid))?;
                    Some(aid)
                }
                None => None,
            };
            let ids = letter::insert_checked(tx, me, letters, now)?;
            tx.execute(
                "INSERT INTO amendment_disputes
                   (request_id, step, on_day, text, attachment_id, letter_id, at, user_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    new.request_id,
                    enum_str(&new.step)?,
                    date(new.on_day),
                    text,
                    attachment_id,
                    ids.first(),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "amendment.dispute",
                "request",
                Some(new.request_id),
            )?;
            Ok(id)
        })
    }

    /// A request's dispute steps, oldest first.
    pub fn dispute_of(&self, request_id: i64) -> Result<Vec<DisputeEntry>> {
        entries(&self.conn, request_id)
    }

    /// Where the request's dispute stands (desk-core's input).
    pub fn dispute_state(&self, request_id: i64) -> Result<Dispute> {
        dispute(&self.conn, request_id)
    }

    /// The participant's denied amendments whose dispute means something must go with a
    /// disclosure: each request with what must accompany it (desk-core's rule).
    pub fn disputes_to_accompany(
        &self,
        participant_id: i64,
    ) -> Result<Vec<(request::RequestSummary, Vec<amendment::Accompanying>)>> {
        let mut out = Vec::new();
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT DISTINCT d.request_id FROM amendment_disputes d
                 JOIN requests r ON r.id = d.request_id WHERE r.participant_id = ?1
                 ORDER BY d.request_id",
            )?;
            let rows = stmt.query_map([participant_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in ids {
            let with = amendment::must_accompany(dispute(&self.conn, id)?);
            if !with.is_empty() {
                out.push((request::get(&self.conn, id)?, with));
            }
        }
        Ok(out)
    }
}
