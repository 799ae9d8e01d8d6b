//! A request's page, its pre-filled request form for signature, and the signed form's scan.

use desk_core::clock::{self, Right};
use desk_core::identity::{VerificationMethod, VerificationOutcome};

use desk_core::lifecycle::{self, Step};
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::RequestKind;
/// Where a case stands (what closing, withdrawing or reopening leaves it in).
pub use desk_core::request::RequestStatus;
use desk_store::{AttachmentKind, EndStep, NewNote, NoteKind, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decision::{self, DecisionRow};
use crate::error::{fields, Result};
use crate::form::{self, UploadForm};
use crate::letter::{letter_row, LetterRow, With};

/// A verification as recorded.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VerificationRow {
    #[ts(type = "number")]
    pub id: i64,
    pub method: VerificationMethod,
    pub outcome: VerificationOutcome,
    pub verified_by: String,
    #[ts(type = "string")]
    pub verified_at: chrono::DateTime<chrono::Utc>,
    /// What was seen (the document, or what the Privacy Official relied on).
    pub seen: String,
    pub note: String,
    /// The document's expiry, when it shows one.
    pub expires_on: Option<chrono::NaiveDate>,
    /// Who had to step in, from the desk's first check to this one, each with its outcome.
    pub escalations: Vec<EscalationRow>,
}

/// One escalation at the desk and what came of it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EscalationRow {
    pub escalation: desk_core::identity::Escalation,
    /// "verified by Pat Official on 2026-03-04", "not verified: …", or "waiting".
    pub outcome: String,
}

/// The escalations along a standing verification's chain of corrections, each with the
/// verification that settled it (the one correcting the row that raised it).
fn escalations_of(all: &[desk_store::VerificationRecord], standing: i64) -> Vec<EscalationRow> {
    let mut chain = Vec::new();
    let mut at = all.iter().find(|v| v.id == standing);
    while let Some(v) = at {
        chain.push(v);
        at = v.corrects_id.and_then(|id| all.iter().find(|w| w.id == id));
    }
    chain.reverse();
    let mut rows = Vec::new();
    for v in &chain {
        let settled = v
            .corrected_by
            .and_then(|id| all.iter().find(|w| w.id == id));
        for e in &v.escalations {
            rows.push(EscalationRow {
                escalation: *e,
                outcome: match settled {
                    Some(w) => format!(
                        "{} by {} on {}",
                        match w.outcome {
                            VerificationOutcome::Verified => "verified",
                            VerificationOutcome::NotVerified => "not verified",
                            _ => "referred again",
                        },
                        w.verified_by_name,
                        w.verified_at.date_naive()
                    ),
                    None => "waiting".to_owned(),
                },
            });
        }
    }
    rows
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: AttachmentKind,
    pub file_name: String,
    pub media_type: String,
}

/// What was seen, in words: intake keeps the photo ID's kind as its code.
pub(crate) fn seen_words(document_type: &str) -> String {
    match document_type {
        "drivers_licence" => "driver licence".to_owned(),
        "passport" => "passport".to_owned(),
        "other_government" => "other government photo ID".to_owned(),
        other => other.to_owned(),
    }
}

/// Everything the request page shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RequestPage {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub channel: Channel,
    pub requester_role: RequesterRole,
    pub requester_name: String,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub participant_name: String,
    pub summary: String,
    pub received_on: chrono::NaiveDate,
    pub due_on: Option<chrono::NaiveDate>,
    pub effective_due_on: Option<chrono::NaiveDate>,
    /// The day the extension was given (its notice drafted).
    pub extension_noticed_on: Option<chrono::NaiveDate>,
    /// The extended due date, counted once its notice is mailed in time.
    pub extended_due_on: Option<chrono::NaiveDate>,
    /// The day the extension's notice was mailed: it counts as noticed then.
    pub extension_mailed_on: Option<chrono::NaiveDate>,
    /// The notice was mailed after the first period ended, so the extension extends nothing.
    pub extension_late: bool,
    /// While no extension was given and the first period runs.
    pub extension_available: bool,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub overdue: bool,
    /// How the due date was worked out, in one line (desk-core's `clock::working`): "received
    /// 2026-03-02; 30 days → 2026-04-01; …".
    pub clock_working: String,
    pub verifications: Vec<VerificationRow>,
    pub decisions: Vec<DecisionRow>,
    pub letters: Vec<LetterRow>,
    pub attachments: Vec<AttachmentRow>,
    /// Whether the signed request form was received (scan attached).
    pub signed_form_received: bool,
    /// The decision kinds this request takes now (`grant`, `extension`, `denial`), by
    /// desk-core's lifecycle; the decision form answers access and amendment requests.
    pub decisions_open: Vec<String>,
    /// Whether the response letter for the decision in force is still to be prepared.
    pub letter_due: bool,
    /// Close, withdraw or reopen: the steps open now, by desk-core's lifecycle.
    pub endings_open: Vec<EndStep>,
    /// How the case ended and was reopened, oldest first.
    pub endings: Vec<EndingRow>,
    /// Calls taken and mail received, by day.
    pub notes: Vec<NoteRow>,
    /// The requester's verification can be recorded now (the request waits for it).
    pub verification_open: bool,
    /// The verification that stands is a referral: the Privacy Official settles it.
    pub referred: bool,
    /// The letter asking for a written request is still to be prepared.
    pub written_letter_due: bool,
    /// Nothing is decided yet: the Privacy Official may send its legal process to the County
    /// Attorney.
    pub county_attorney_open: bool,
    /// The day the written request came, for a contact that was asked to write.
    pub written_request_on: Option<chrono::NaiveDate>,
    /// The business associates of the register whose agreement runs: who may hold records the
    /// plan does not, and (for an access or amendment request) what each would be asked by when.
    pub associates: Vec<crate::associate::AssociateOption>,
    /// The request can be forwarded to an associate now (access or amendment, waiting for the
    /// office).
    pub forward_open: bool,
    /// What was asked of associates for this request (for access or an amendment: an
    /// accounting's associates are on its accounting panel), each with its clock and reply.
    pub associate_requests: Vec<crate::associate::AssociateRequestRow>,
    /// The notice the response letter due sends to associates (an accepted amendment, an
    /// agreed restriction, an accommodation), if any, with the associates to tick.
    pub notice_kind: Option<desk_core::associate::NoticeKind>,
    pub notice_candidates: Vec<crate::associate::NoticeCandidate>,
    /// The notices sent to associates for this request.
    pub associate_notices: Vec<crate::associate::AssociateNoticeRow>,
    /// The individual may ask for review of the denial in force (a reviewable ground, not yet
    /// reviewed, its letter sent).
    pub review_open: bool,
    /// The review asked for, and the reviewer's decision once recorded.
    pub review: Option<crate::review::ReviewRow>,
    /// A denied amendment's dispute: the steps open, those recorded, what goes with a
    /// disclosure.
    pub dispute: Option<crate::dispute::DisputeView>,
    /// Denials the Privacy Official sent back, with her reasons, oldest first.
    pub returns: Vec<ReturnRow>,
}

/// A drafted denial the Privacy Official sent back.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReturnRow {
    pub returned_by: String,
    #[ts(type = "string")]
    pub returned_at: chrono::DateTime<chrono::Utc>,
    pub reason: String,
}

/// A close, withdrawal or reopening of the case, with its reason.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EndingRow {
    #[ts(type = "number")]
    pub id: i64,
    pub step: EndStep,
    pub reason: String,
    pub status_before: RequestStatus,
    pub status_after: RequestStatus,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
}

/// Close, withdraw or reopen a case.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EndForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub step: EndStep,
    /// Why: kept with the case and shown on its page.
    pub reason: String,
}

/// A call taken or mail received, for the case's page.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NoteForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub kind: NoteKind,
    /// The day of the call or of the mail's arrival (YYYY-MM-DD).
    pub on_day: String,
    pub text: String,
    /// The note this one corrects, if any.
    #[ts(type = "number | null")]
    pub corrects_id: Option<i64>,
}

/// A case note as the page shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NoteRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: NoteKind,
    pub on_day: chrono::NaiveDate,
    pub text: String,
    #[ts(type = "number | null")]
    pub corrects_id: Option<i64>,
    /// The later note that corrects this one (then shown struck through).
    #[ts(type = "number | null")]
    pub corrected_by: Option<i64>,
    pub by: String,
}

fn note_row(n: &desk_store::Note) -> NoteRow {
    NoteRow {
        id: n.id,
        kind: n.kind,
        on_day: n.on_day,
        text: n.text.clone(),
        corrects_id: n.corrects_id,
        corrected_by: n.corrected_by,
        by: n.by.clone(),
    }
}

/// Close a case once answered, withdraw it while it is open, or reopen it back to where it
/// stood, always with the reason (refused on `reason` without one, on `status` when the step is
/// not open). Answers the status it is left in.
pub fn end(store: &mut Store, form: &EndForm) -> Result<RequestStatus> {
    Ok(store.end_request(form.request_id, form.step, &form.reason)?)
}

/// Take down a call or a piece of mail on the case (audited); a correction is a new note that
/// names the one it corrects.
pub fn note(store: &mut Store, form: &NoteForm) -> Result<NoteRow> {
    let on_day = form::date(&form.on_day, "onDay")?;
    let n = store.add_case_note(&NewNote {
        request_id: form.request_id,
        kind: form.kind,
        on_day,
        text: form.text.clone(),
        corrects_id: form.corrects_id,
    })?;
    Ok(note_row(&n))
}

/// The decisions the decision form offers now, by desk-core's lifecycle.
fn decisions_open(store: &Store, id: i64, kind: RequestKind) -> Result<Vec<String>> {
    if !matches!(kind, RequestKind::Access | RequestKind::Amendment) {
        return Ok(Vec::new());
    }
    Ok(lifecycle::decisions_open(store.request_case(id)?)
        .iter()
        .filter_map(|step| match step {
            Step::Grant => Some("grant"),
            Step::Extend => Some("extension"),
            Step::DraftDenial => Some("denial"),
            _ => None,
        })
        .map(str::to_owned)
        .collect())
}

/// The facts desk-core works a request's clock out from, on `today`.
pub(crate) fn clock_facts(
    r: &desk_store::RequestSummary,
    today: chrono::NaiveDate,
) -> clock::ClockFacts {
    clock::ClockFacts {
        right: Right::of_kind(r.kind),
        received_on: r.received_on,
        awaiting_written_request: r.status == RequestStatus::AwaitingWrittenRequest,
        written_request_on: r.written_request_on,
        extension_given_on: r.extension_noticed_on,
        extension_mailed_on: r.extension_mailed_on,
        extended_due_on: r.extended_due_on,
        answered_on: r.answered_on,
        ended_unanswered: matches!(r.status, RequestStatus::Closed | RequestStatus::Withdrawn)
            && r.answered_on.is_none(),
        today,
    }
}

/// The request page (viewing it is audited).
pub fn page(store: &mut Store, id: i64) -> Result<RequestPage> {
    store.request(id)?;
    store.record_event("request.view", "request", Some(id))?;
    view(store, id)
}

/// The request page's content, read only: the caller records why it was read.
pub(crate) fn view(store: &Store, id: i64) -> Result<RequestPage> {
    let r = store.request(id)?;
    let today = crate::today(store);
    let requester = store.requester_of(id)?;
    let due = r.effective_due_on();
    let urgency = clock::urgency(due, today);
    let attachments = store.attachments_of(id)?;
    let letters = store.letters_of(id)?;
    let decisions = store.decisions_of(id)?;
    let verifications = store.verifications_of(id)?;
    let notice_kind = crate::response::notice_kind(store, id)?;
    Ok(RequestPage {
        id,
        kind: r.kind,
        status: r.status,
        channel: r.channel,
        requester_role: r.requester_role,
        requester_name: requester
            .as_ref()
            .map_or_else(|| r.participant_name.clone(), |q| q.name.clone()),
        participant_id: r.participant_id,
        participant_name: r.participant_name.clone(),
        summary: r.summary.clone(),
        received_on: r.received_on,
        due_on: r.due_on,
        effective_due_on: due,
        extension_noticed_on: r.extension_noticed_on,
        extended_due_on: r.extended_due_on,
        extension_mailed_on: r.extension_mailed_on,
        extension_late: r.extension_late(),
        extension_available: r.extension_noticed_on.is_none()
            && Right::of_kind(r.kind)
                .and_then(|right| {
                    clock::deadline(right, r.clock_from(), r.extension_mailed_on, today).ok()
                })
                .is_some_and(|d| d.extension_available),
        days_left: urgency.days_left,
        overdue: urgency.overdue,
        clock_working: clock::working_sentence(&clock_facts(&r, today)),
        verifications: verifications
            .iter()
            .filter(|v| v.corrected_by.is_none())
            .map(|v| VerificationRow {
                id: v.id,
                method: v.method,
                outcome: v.outcome,
                verified_by: v.verified_by_name.clone(),
                verified_at: v.verified_at,
                seen: seen_words(&v.document_type),
                note: v.note.clone(),
                expires_on: v.document_expires_on,
                escalations: escalations_of(&verifications, v.id),
            })
            .collect(),
        decisions: decisions
            .iter()
            .filter(|d| d.superseded_by.is_none() || d.outcome.extension_respond_by().is_some())
            .map(decision::row)
            .collect(),
        letters: letters.iter().map(letter_row).collect::<Result<_>>()?,
        signed_form_received: attachments
            .iter()
            .any(|a| a.kind == AttachmentKind::SignedForm),
        attachments: attachments
            .iter()
            .map(|a| AttachmentRow {
                id: a.id,
                kind: a.kind,
                file_name: a.file_name.clone(),
                media_type: a.media_type.clone(),
            })
            .collect(),
        decisions_open: decisions_open(store, id, r.kind)?,
        letter_due: crate::response::due(store, id)?,
        endings_open: store.endings_open(id)?,
        endings: store
            .endings_of(id)?
            .iter()
            .map(|e| EndingRow {
                id: e.id,
                step: e.step,
                reason: e.reason.clone(),
                status_before: e.status_before,
                status_after: e.status_after,
                at: e.at,
                by: e.by.clone(),
            })
            .collect(),
        notes: store.notes_of(id)?.iter().map(note_row).collect(),
        verification_open: lifecycle::advance(store.request_case(id)?, &Step::Verify).is_ok(),
        referred: store
            .standing_verification(id)?
            .is_some_and(|v| v.outcome == VerificationOutcome::ReferredToPrivacyOfficial),
        written_letter_due: crate::referral::letter_due(store, id)?,
        county_attorney_open: lifecycle::advance(
            store.request_case(id)?,
            &Step::RouteToCountyAttorney,
        )
        .is_ok(),
        written_request_on: store.written_request_on(id)?,
        review_open: review_open(store, id)?,
        review: crate::review::row(store, id)?,
        dispute: crate::dispute::view(store, id)?,
        returns: store
            .denial_returns(id)?
            .into_iter()
            .map(|x| ReturnRow {
                returned_by: x.returned_by_name,
                returned_at: x.returned_at,
                reason: x.reason,
            })
            .collect(),
        associates: crate::associate::options(store, r.kind)?,
        forward_open: crate::associate::forward_open(&r),
        // An accounting's associates are asked, and answer, on its accounting panel.
        associate_requests: store
            .associate_requests_of(id)?
            .iter()
            .filter(|q| q.duty != desk_core::associate::Duty::Accounting)
            .map(|q| crate::associate::request_row(q, today))
            .collect(),
        notice_kind,
        notice_candidates: match notice_kind {
            Some(kind) => crate::associate::candidates_for(store, kind)?,
            None => Vec::new(),
        },
        associate_notices: crate::associate::notices_of(store, id)?,
    })
}

/// Whether a review of the denial in force can be asked for now: desk-core's lifecycle with a
/// reviewer who took no part (any name but the deciders').
fn review_open(store: &Store, id: i64) -> Result<bool> {
    let Some(d) = store
        .decisions_of(id)?
        .into_iter()
        .rev()
        .find(|d| d.superseded_by.is_none())
    else {
        return Ok(false);
    };
    let reviewable = matches!(
        &d.outcome,
        desk_store::DecisionOutcome::Access(desk_core::decision::AccessDecision::Denial(x))
            if x.is_reviewable()
    );
    let step = Step::RequestReview {
        reviewable,
        reviewer: lifecycle::Reviewer {
            id: "\u{0}reviewer".into(),
            licensed: true,
        },
        deciders: Vec::new(),
    };
    Ok(lifecycle::advance(store.request_case(id)?, &step).is_ok())
}

/// The pre-filled request form for the requester's signature, kept with its hash like a letter.
/// Returns its bytes.
pub fn form_pdf(store: &mut Store, id: i64) -> Result<Vec<u8>> {
    let today = crate::today(store);
    let r = store.request(id)?;
    let org = store.organization()?;
    let person = crate::prefill::form_person(store, r.participant_id)?;
    let model = crate::prefill::form_model(&org, &person, &r, today)?;
    let done = crate::letter::issue(store, Some(id), &model, &[], With::Nothing)?;
    Ok(store.letter(done.letter_id)?.pdf)
}

/// The signed request form came back: its scan is attached to the request.
pub fn form_signed(store: &mut Store, id: i64, scan: &UploadForm) -> Result<()> {
    let attachment = form::attachment(scan, AttachmentKind::SignedForm, Some(id), "scan")?;
    store
        .add_attachment(&attachment)
        .map_err(fields(&[("bytes", "scan"), ("fileName", "scan")]))?;
    Ok(())
}
