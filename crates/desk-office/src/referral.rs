//! Requesters the desk could not verify. The Privacy Official's queue of referred requests, and
//! her three answers: the verification recorded (what was seen, by her), a refusal that asks the
//! person to write, or legal process sent to the County Attorney. A contact asked to write gets
//! the letter, with the pre-filled request form, at the address on file; when the written
//! request comes, its clock runs from that day and its requester is verified as any other.

use chrono::NaiveDate;
use desk_core::identity::{VerificationMethod, VerificationOutcome};
use desk_core::letter;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{AttachmentKind, EndStep, NewVerification, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form::{self, code_of, UploadForm};
use crate::letter::{LetterDone, With};

/// A referred request in the Privacy Official's queue.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReferralRow {
    #[ts(type = "number")]
    pub request_id: i64,
    pub kind: RequestKind,
    pub participant: String,
    pub received_on: NaiveDate,
    pub referred_by: String,
    /// What the desk noted: what was missing, who must step in.
    pub note: String,
    /// Days since it was referred.
    #[ts(type = "number")]
    pub days_waiting: i64,
}

/// The referred requests waiting for the Privacy Official, oldest first.
pub fn queue(store: &Store) -> Result<Vec<ReferralRow>> {
    let today = crate::today(store);
    Ok(store
        .referrals()?
        .into_iter()
        .map(|r| ReferralRow {
            request_id: r.request.id,
            kind: r.request.kind,
            participant: r.request.participant_name.clone(),
            received_on: r.request.received_on,
            referred_by: r.referred_by,
            note: r.note,
            days_waiting: (today - r.request.received_on).num_days().max(0),
        })
        .collect())
}

/// The verification of a request not yet verified: how, and what was seen.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct VerifyForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub method: VerificationMethod,
    /// What was seen: "Florida driver licence, photo matches", "signed request; signature
    /// matches the enrollment form".
    pub seen: String,
    pub note: String,
}

/// Record that the requester is verified, correcting the verification that stands (a referral
/// is the Privacy Official's to settle). Refused on `seen` without what was seen, on `status`
/// when the request is not waiting for a verification.
pub fn verify(store: &mut Store, form: &VerifyForm) -> Result<()> {
    let seen = form.seen.trim();
    if seen.is_empty() {
        return Err(Error::field("seen", "Say what was seen."));
    }
    if seen.chars().count() > 100 {
        return Err(Error::field("seen", "Keep it to 100 characters."));
    }
    let standing = store.standing_verification(form.request_id)?;
    store.record_verification(&NewVerification {
        request_id: form.request_id,
        method: form.method,
        document_type: seen.to_owned(),
        document_last_digits: String::new(),
        document_expires_on: None,
        outcome: VerificationOutcome::Verified,
        note: form.note.trim().to_owned(),
        attachment_id: None,
        corrects_id: standing.map(|v| v.id),
        escalations: Vec::new(),
    })?;
    Ok(())
}

/// A refusal or a routing, with its reason.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ReasonForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub reason: String,
}

/// The Privacy Official cannot verify the requester: the person is asked to write, and the
/// request waits as "awaiting a written request" (refused on `reason` without one).
pub fn refuse(store: &mut Store, form: &ReasonForm) -> Result<()> {
    store.ask_for_written_request(form.request_id, &form.reason)?;
    Ok(())
}

/// The Privacy Official sends the request's legal process to the County Attorney: the office's
/// part ends, with the reason kept.
pub fn route_to_county_attorney(store: &mut Store, form: &ReasonForm) -> Result<RequestStatus> {
    Ok(store.end_request(form.request_id, EndStep::CountyAttorney, &form.reason)?)
}

/// Whether the letter asking for a written request is still to be prepared.
pub fn letter_due(store: &Store, request_id: i64) -> Result<bool> {
    let r = store.request(request_id)?;
    if r.status != RequestStatus::AwaitingWrittenRequest {
        return Ok(false);
    }
    let kind = code_of(&letter::LetterKind::WrittenRequestNeeded);
    Ok(!store.letters_of(request_id)?.iter().any(|l| l.kind == kind))
}

/// The letter to the address on file asking for the request in writing, with the request form
/// pre-filled from the file as its enclosure (kept together in one write).
pub fn letter(store: &mut Store, request_id: i64) -> Result<LetterDone> {
    if !letter_due(store, request_id)? {
        return Err(Error::field(
            "status",
            "This request does not wait for a written request, or its letter was already prepared.",
        ));
    }
    let r = store.request(request_id)?;
    let dated = crate::today(store);
    let org = store.organization()?;
    let person = crate::prefill::form_person(store, r.participant_id)?;
    // To the participant at the address on file (or the one they asked to be written to),
    // never to the caller nobody could verify.
    let on_file = letter::Addressee {
        name: person.name.clone(),
        address: person.address.clone(),
    };
    let accommodations = store.accommodations_of(r.participant_id)?;
    let recipient = desk_core::communication::addressee(&on_file, true, &accommodations, dated);
    let model = letter::written_request_needed(
        &org,
        &recipient,
        dated,
        r.received_on,
        r.channel,
        r.kind,
        None,
    );
    let enclosure = crate::prefill::form_model(&org, &person, &r, dated)?;
    crate::letter::issue(store, Some(request_id), &model, &[enclosure], With::Nothing)
}

/// The written request came.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct WrittenForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// The day it came (YYYY-MM-DD): its clock runs from then.
    pub written_on: String,
    /// Its scan, when there is one.
    pub scan: Option<UploadForm>,
}

/// The written request came: the request is received again, its clock running from that day.
pub fn written_request_received(store: &mut Store, form: &WrittenForm) -> Result<()> {
    let on = form::date(&form.written_on, "writtenOn")?;
    let scan = form
        .scan
        .as_ref()
        .map(|s| form::attachment(s, AttachmentKind::SignedForm, Some(form.request_id), "scan"))
        .transpose()?;
    store.written_request_received(form.request_id, on, scan.as_ref())?;
    Ok(())
}
