//! Requesters the desk could not verify: the Privacy Official's queue of referred requests, and
//! the contacts asked to write (a caller whose SSN digits did not match, an unknown caller, a
//! referral she refused). Such a request waits as "awaiting a written request" with no clock;
//! when the written request comes, its clock runs from that day. The moves are desk-core's.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::clock::{self, Right};
use desk_core::identity::VerificationOutcome;
use desk_core::lifecycle::Step;
use desk_core::person::Role;
use desk_core::request::RequestStatus;
use rusqlite::Transaction;

use crate::error::{FieldError, Result};
use crate::request::{self, RequestFilter, RequestSummary};
use crate::sql::{date, ts};
use crate::{attachment, audit, verification, NewAttachment, NewVerification, Store};

/// A request referred to the Privacy Official, waiting for her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub request: RequestSummary,
    /// The referral itself (the verification row a decision corrects).
    pub verification_id: i64,
    pub referred_by: String,
    pub referred_at: DateTime<Utc>,
    /// What the desk noted: what was missing, who must step in.
    pub note: String,
}

/// Move a request to "awaiting a written request" inside `tx`: desk-core's move, the clock
/// cleared until the written request comes, and the audit row.
pub(crate) fn await_written_request(
    tx: &Transaction<'_>,
    request_id: i64,
    now: DateTime<Utc>,
    me: Option<i64>,
) -> Result<()> {
    request::apply(tx, request_id, &Step::AskForWrittenRequest, now)?;
    tx.execute(
        "UPDATE requests SET due_on = NULL, updated_at = ?2 WHERE id = ?1",
        (request_id, ts(now)),
    )?;
    audit::append(
        tx,
        now,
        me,
        "request.ask_for_written_request",
        "request",
        Some(request_id),
    )?;
    Ok(())
}

impl Store {
    /// Requests referred to the Privacy Official and not yet settled, oldest first (Privacy
    /// Official only).
    pub fn referrals(&self) -> Result<Vec<Referral>> {
        self.require(Role::PrivacyOfficial)?;
        let received = request::list(
            &self.conn,
            &RequestFilter {
                statuses: vec![RequestStatus::Received],
                ..RequestFilter::default()
            },
        )?;
        let mut out = Vec::new();
        for r in received {
            let standing = self.standing_verification(r.id)?;
            if let Some(v) =
                standing.filter(|v| v.outcome == VerificationOutcome::ReferredToPrivacyOfficial)
            {
                out.push(Referral {
                    request: r,
                    verification_id: v.id,
                    referred_by: v.verified_by_name,
                    referred_at: v.verified_at,
                    note: v.note,
                });
            }
        }
        out.sort_by_key(|x| (x.referred_at, x.request.id));
        Ok(out)
    }

    /// The requester could not be verified: the person is asked to write (field `reason`
    /// says why). A referral is settled so by the Privacy Official only: her decision is a
    /// "not verified" row correcting the referral. The request then waits as "awaiting a
    /// written request", its clock cleared. One write with its audit rows.
    pub fn ask_for_written_request(&mut self, request_id: i64, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(FieldError::new("reason", "is required").into());
        }
        let standing = self.standing_verification(request_id)?;
        let now = self.now();
        self.write(|tx, me| {
            if let Some(v) = &standing {
                if v.outcome == VerificationOutcome::ReferredToPrivacyOfficial {
                    verification::record(
                        tx,
                        me,
                        &NewVerification {
                            request_id,
                            method: v.method,
                            document_type: String::new(),
                            document_last_digits: String::new(),
                            document_expires_on: None,
                            outcome: VerificationOutcome::NotVerified,
                            note: reason.to_owned(),
                            attachment_id: None,
                            corrects_id: Some(v.id),
                            escalations: Vec::new(),
                        },
                        now,
                    )?;
                }
            }
            await_written_request(tx, request_id, now, me)
        })
    }

    /// The written request came on `on` (not in the future, nor before the first contact),
    /// with its scan when there is one: the request is received again and its clock runs from
    /// `on`. Its requester is then verified as any other. One write with its audit rows.
    pub fn written_request_received(
        &mut self,
        request_id: i64,
        on: NaiveDate,
        scan: Option<&NewAttachment>,
    ) -> Result<()> {
        let today = self.today();
        let now = self.now();
        self.write(|tx, me| {
            let r = request::get(tx, request_id)?;
            if on > today {
                return Err(FieldError::new("written_on", "is in the future").into());
            }
            if on < r.received_on {
                return Err(FieldError::new(
                    "written_on",
                    "is before the request was first received",
                )
                .into());
            }
            request::apply(tx, request_id, &Step::WrittenRequestReceived, now)?;
            let due_on = match Right::of_kind(r.kind) {
                Some(right) => Some(clock::due_on(right, on).map_err(|_| {
                    FieldError::new("written_on", "the due date falls outside the calendar")
                })?),
                None => None,
            };
            tx.execute(
                "UPDATE requests SET written_request_on = ?2, due_on = ?3, updated_at = ?4
                 WHERE id = ?1",
                rusqlite::params![request_id, date(on), due_on.map(date), ts(now)],
            )?;
            if let Some(scan) = scan {
                let mut scan = scan.clone();
                scan.request_id = Some(request_id);
                let aid = attachment::insert(tx, &scan, me, now)?;
                audit::append(tx, now, me, "attachment.add", "attachment", Some(aid))?;
            }
            audit::append(
                tx,
                now,
                me,
                "request.written_request_received",
                "request",
                Some(request_id),
            )?;
            Ok(())
        })
    }

    /// The day the written request came, for a contact that was asked to write.
    pub fn written_request_on(&self, request_id: i64) -> Result<Option<NaiveDate>> {
        let text: Option<String> = self.conn.query_row(
            "SELECT written_request_on FROM requests WHERE id = ?1",
            [request_id],
            |r| r.get(0),
        )?;
        text.map(|t| crate::sql::parse_date(&t)).transpose()
    }
}
