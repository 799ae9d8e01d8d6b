//! Intake: the requester, the request, the scan and the verification taken at the desk, in one
//! transaction. It sits above `request`, `attachment` and `verification` (a verification moves
//! its request's lifecycle, so `verification` depends on `request`, never the other way).

use chrono::NaiveDate;
use desk_core::clock::{self, Right};

use crate::error::{FieldError, Result};
use crate::request::{self, NewRequest, NewRequester};
use crate::sql::date;
use crate::{attachment, audit, verification, Store};

/// A request and, unless the participant asks for themself with nothing more to note, who is
/// asking. The requester's role is the request's `requester_role`.
#[derive(Debug, Clone)]
pub struct NewIntake {
    /// `due_on`: `None` computes it from desk-core's clock for the kind; a date later than the
    /// clock's is refused (an earlier one is the county's stricter choice).
    pub request: NewRequest,
    pub requester: Option<NewRequester>,
    /// The scanned ID or document taken at intake (its `request_id` is set to the new request).
    pub scan: Option<crate::NewAttachment>,
    /// The verification done at intake (its `request_id` is set to the new request; its
    /// `attachment_id`, when `None`, to the scan).
    pub verification: Option<crate::NewVerification>,
    /// The requester could not be verified and is asked to write (desk-core's next step): the
    /// request waits as "awaiting a written request", with no clock until it comes.
    pub awaiting_written_request: bool,
    /// A third party's authorization in the register, linked to the request: it must be the
    /// participant's and valid on the day received (desk-core's `authorization::validate`, in
    /// the same write), or the intake is refused on `authorizationId`.
    pub authorization_id: Option<i64>,
}

/// Link a third party's authorization to its request, once desk-core finds it usable.
fn link_authorization(
    tx: &rusqlite::Transaction<'_>,
    request_id: i64,
    authorization_id: i64,
    req: &NewRequest,
) -> Result<()> {
    let field = "authorizationId";
    let (owner, auth) =
        crate::logbook::authorization_terms(tx, authorization_id).map_err(|e| match e {
            crate::Error::NotFound { .. } => FieldError::new(field, "is not on file").into(),
            other => other,
        })?;
    if owner != req.participant_id {
        return Err(FieldError::new(field, "is another participant's authorization").into());
    }
    let validity = desk_core::authorization::validate(&auth, req.received_on)
        .map_err(|e| FieldError::new(field, format!("cannot be judged: {e}")))?;
    if let Some(defect) = validity.defects.first() {
        return Err(FieldError::new(field, defect.message().trim_end_matches('.')).into());
    }
    tx.execute(
        "UPDATE requests SET authorization_id = ?2 WHERE id = ?1",
        (request_id, authorization_id),
    )?;
    Ok(())
}

/// The due date intake stores: the clock's for the kind, or an earlier one the caller gives.
fn intake_due_on(req: &NewRequest) -> Result<Option<NaiveDate>> {
    let Some(right) = Right::of_kind(req.kind) else {
        return Ok(req.due_on);
    };
    let rule = clock::due_on(right, req.received_on)
        .map_err(|_| FieldError::new("received_on", "the due date falls outside the calendar"))?;
    match req.due_on {
        None => Ok(Some(rule)),
        Some(given) if given <= rule => Ok(Some(given)),
        Some(_) => Err(FieldError::new(
            "due_on",
            format!(
                "is later than the rule allows: {} days after the date received is {}",
                right.period_days(),
                date(rule)
            ),
        )
        .into()),
    }
}

impl Store {
    /// The authorization in the register a third party's request was taken under, if any.
    pub fn request_authorization(&self, request_id: i64) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT authorization_id FROM requests WHERE id = ?1",
            [request_id],
            |r| r.get(0),
        )?)
    }

    /// Intake: the requester (when given) and the request, with its audit entry, in one
    /// transaction. Returns the request's id.
    pub fn intake(&mut self, intake: &NewIntake) -> Result<i64> {
        let now = self.now();
        let mut req = intake.request.clone();
        req.due_on = if intake.awaiting_written_request {
            None
        } else {
            intake_due_on(&req)?
        };
        self.write(|tx, me| {
            if let Some(r) = &intake.requester {
                req.requester_id = Some(request::insert_requester(
                    tx,
                    r,
                    req.requester_role,
                    me,
                    now,
                )?);
            }
            let id = request::insert(tx, &req, me, now)?;
            if let Some(rid) = req.requester_id {
                audit::append(tx, now, me, "requester.add", "requester", Some(rid))?;
            }
            audit::append(tx, now, me, "request.create", "request", Some(id))?;
            if let Some(aid) = intake.authorization_id {
                link_authorization(tx, id, aid, &req)?;
            }
            let mut scan_id = None;
            if let Some(scan) = &intake.scan {
                let mut scan = scan.clone();
                scan.request_id = Some(id);
                let aid = attachment::insert(tx, &scan, me, now)?;
                audit::append(tx, now, me, "attachment.add", "attachment", Some(aid))?;
                scan_id = Some(aid);
            }
            if let Some(v) = &intake.verification {
                let mut v = v.clone();
                v.request_id = id;
                v.attachment_id = v.attachment_id.or(scan_id);
                verification::record(tx, me, &v, now)?;
            }
            if intake.awaiting_written_request {
                crate::referral::await_written_request(tx, id, now, me)?;
            }
            Ok(id)
        })
    }
}
