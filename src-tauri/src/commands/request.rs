//! Requests: intake in one write (requester, request, scan and verification), the request page,
//! the pre-filled request form and the signed form's scan.

use base64::Engine;
use chrono::Local;
use desk_core::clock::{self, Right};
use desk_core::letter::{self, FormPerson};
use desk_core::lifecycle::{self, Step};
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{
    AttachmentKind, NewAttachment, NewIntake, NewRequest, NewRequester, NewVerification, Store,
    VerificationOutcome,
};
use tauri::ipc::Response;
use tauri::State;

use super::intake::verification_view;
use super::{code_of, parse_code, store_error};
use crate::dto::{
    AttachmentRow, IntakeForm, IntakeResult, LetterRow, RequestPage, UploadForm, VerificationRow,
};
use crate::error::{ApiError, Result};
use crate::session::Desk;

/// Store field names → the intake form's.
const INTAKE_FIELDS: &[(&str, &str)] = &[
    ("received_on", "evidence.receivedOn"),
    ("participant_id", "evidence.participantId"),
    ("due_on", "evidence.receivedOn"),
    ("name", "requester.name"),
    ("address", "requester.addressLines"),
    ("authority", "requester.authority"),
    ("bytes", "scan"),
    ("media_type", "scan"),
    ("file_name", "scan"),
    ("summary", "details"),
];

/// A picked file as the store takes it (the media type is read from the bytes there).
pub fn attachment_from(
    upload: &UploadForm,
    kind: AttachmentKind,
    request_id: Option<i64>,
) -> Result<NewAttachment> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(upload.base64.trim())
        .map_err(|_| ApiError::field("scan", "The file could not be read. Choose it again."))?;
    Ok(NewAttachment {
        request_id,
        kind,
        file_name: upload.file_name.clone(),
        bytes,
        corrects_id: None,
    })
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Log a new request: desk-core judges the verification, the store writes it all at once.
#[tauri::command]
pub fn request_intake(desk: State<'_, Desk>, form: IntakeForm) -> Result<IntakeResult> {
    let kind: RequestKind = parse_code(&form.kind, "kind")?;
    let role: RequesterRole = parse_code(&form.evidence.role, "evidence.role")?;
    let channel: Channel = parse_code(&form.evidence.channel, "evidence.channel")?;
    if form.details.trim().is_empty() {
        return Err(ApiError::field("details", "Say what is asked for."));
    }
    desk.with_store(|store| {
        let verdict = verification_view(store, &form.evidence)?;
        let (evidence, _) = super::intake::evidence_record(store, &form.evidence)?;
        let participant = store
            .participant(form.evidence.participant_id)
            .map_err(|e| store_error(e, &[("participant", "evidence.participantId")]))?;
        let requester = match (&form.requester, role) {
            (Some(r), _) => Some(NewRequester {
                role,
                participant_id: None,
                name: r.name.trim().to_owned(),
                organization: r.organization.trim().to_owned(),
                address: lines(&r.address_lines),
                phone: r.phone.trim().to_owned(),
                authority: r.authority.trim().to_owned(),
            }),
            (None, RequesterRole::Individual) => None,
            (None, _) => {
                // A parent on file: the requester is that participant.
                let id = form
                    .evidence
                    .requester_participant_id
                    .ok_or_else(|| ApiError::field("requester.name", "Enter who is asking."))?;
                let parent = store.participant(id).map_err(|e| store_error(e, &[]))?;
                Some(NewRequester {
                    role,
                    participant_id: Some(id),
                    name: format!("{} {}", parent.summary.first_name, parent.summary.last_name),
                    organization: String::new(),
                    address: parent.address.lines(),
                    phone: parent.phone.clone(),
                    authority: String::new(),
                })
            }
        };
        let outcome = if verdict.sufficient {
            VerificationOutcome::Verified
        } else if verdict.next_step.as_deref() == Some("refer_to_privacy_official") {
            VerificationOutcome::ReferredToPrivacyOfficial
        } else {
            VerificationOutcome::NotVerified
        };
        let scan = form
            .scan
            .as_ref()
            .map(|s| attachment_from(s, AttachmentKind::PhotoId, None))
            .transpose()?;
        let note = verdict
            .checklist
            .iter()
            .filter(|i| !i.shown)
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let id = store
            .intake(&NewIntake {
                request: NewRequest {
                    kind,
                    channel,
                    received_on: form.evidence.received_on,
                    participant_id: participant.summary.id,
                    requester_role: role,
                    requester_id: None,
                    due_on: None,
                    summary: form.details.trim().to_owned(),
                },
                requester,
                scan,
                verification: Some(NewVerification {
                    request_id: 0,
                    method: desk_core::identity::method(role, &evidence),
                    document_type: form.evidence.photo_id_kind.clone().unwrap_or_default(),
                    document_last_digits: String::new(),
                    document_expires_on: None,
                    outcome,
                    note: if note.is_empty() {
                        String::new()
                    } else {
                        format!("missing: {note}")
                    },
                    attachment_id: None,
                    corrects_id: None,
                }),
            })
            .map_err(|e| store_error(e, INTAKE_FIELDS))?;
        Ok(IntakeResult {
            request_id: id,
            verification: verdict,
        })
    })
}

/// The decisions a request takes now: the steps desk-core's lifecycle allows from where it
/// stands (a verified request begins review first, as the store does when a decision is drafted).
/// The decision form answers access and amendment requests.
fn decisions_open(store: &Store, id: i64, kind: RequestKind) -> Result<Vec<String>> {
    if !matches!(kind, RequestKind::Access | RequestKind::Amendment) {
        return Ok(Vec::new());
    }
    let mut case = store.request_case(id).map_err(|e| store_error(e, &[]))?;
    if case.status == RequestStatus::Verified {
        case = lifecycle::advance(case, &Step::BeginReview).unwrap_or(case);
    }
    Ok([
        ("grant", Step::Grant),
        ("extension", Step::Extend),
        ("denial", Step::DraftDenial),
    ]
    .into_iter()
    .filter(|(_, step)| lifecycle::advance(case, step).is_ok())
    .map(|(word, _)| word.to_owned())
    .collect())
}

/// Everything the request page shows.
pub fn request_page(store: &Store, id: i64) -> Result<RequestPage> {
    let today = Local::now().date_naive();
    let r = store.request(id).map_err(|e| store_error(e, &[]))?;
    let requester = store.requester_of(id).map_err(|e| store_error(e, &[]))?;
    let due = r.effective_due_on();
    let urgency = desk_core::clock::urgency(due, today);
    let attachments = store.attachments_of(id).map_err(|e| store_error(e, &[]))?;
    let letters = store.letters_of(id).map_err(|e| store_error(e, &[]))?;
    let decisions = store.decisions_of(id).map_err(|e| store_error(e, &[]))?;
    let verifications = store
        .verifications_of(id)
        .map_err(|e| store_error(e, &[]))?;
    Ok(RequestPage {
        id,
        kind: code_of(&r.kind),
        status: code_of(&r.status),
        channel: code_of(&r.channel),
        requester_role: code_of(&r.requester_role),
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
        extension_available: Right::of_kind(r.kind)
            .and_then(|right| {
                clock::deadline(right, r.received_on, r.extension_noticed_on, today).ok()
            })
            .is_some_and(|d| d.extension_available),
        days_left: urgency.days_left,
        overdue: urgency.overdue,
        verifications: verifications
            .iter()
            .filter(|v| v.corrected_by.is_none())
            .map(|v| VerificationRow {
                id: v.id,
                method: code_of(&v.method),
                outcome: code_of(&v.outcome),
                verified_by: v.verified_by_name.clone(),
                verified_at: v.verified_at,
                note: v.note.clone(),
            })
            .collect(),
        decisions: decisions
            .iter()
            .filter(|d| d.superseded_by.is_none() || d.outcome.extension_respond_by().is_some())
            .map(super::decision::decision_row)
            .collect(),
        letters: letters
            .iter()
            .map(|l| {
                let delivery = l.deliveries.last();
                LetterRow {
                    id: l.id,
                    kind: l.kind.clone(),
                    title: super::letter::title_of(&l.kind),
                    sha256: l.sha256.clone(),
                    rendered_at: l.rendered_at,
                    delivery: delivery.map(|d| code_of(&d.method)),
                    sent_on: delivery.map(|d| d.delivered_on),
                }
            })
            .collect(),
        signed_form_received: attachments
            .iter()
            .any(|a| a.kind == AttachmentKind::SignedForm),
        attachments: attachments
            .iter()
            .map(|a| AttachmentRow {
                id: a.id,
                kind: code_of(&a.kind),
                file_name: a.file_name.clone(),
                media_type: a.media_type.clone(),
            })
            .collect(),
        decisions_open: decisions_open(store, id, r.kind)?,
    })
}

#[tauri::command]
pub fn request_get(desk: State<'_, Desk>, id: i64) -> Result<RequestPage> {
    desk.with_store(|store| {
        store
            .record_event("request.view", "request", Some(id))
            .map_err(|e| store_error(e, &[]))?;
        request_page(store, id)
    })
}

/// The participant as the pre-filled forms print them.
pub fn form_person(store: &Store, participant_id: i64) -> Result<FormPerson> {
    let p = store
        .participant(participant_id)
        .map_err(|e| store_error(e, &[]))?;
    Ok(FormPerson {
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        date_of_birth: Some(p.summary.date_of_birth),
        employee_id: p.summary.employee_id.clone(),
        address: p.address.lines(),
        phone: Some(p.phone.clone()).filter(|s| !s.is_empty()),
    })
}

/// The pre-filled request form for the requester's signature, kept with its hash like a letter.
#[tauri::command]
pub fn request_form_pdf(desk: State<'_, Desk>, id: i64) -> Result<Response> {
    let today = Local::now().date_naive();
    desk.with_store(|store| {
        let r = store.request(id).map_err(|e| store_error(e, &[]))?;
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let person = form_person(store, r.participant_id)?;
        let form = match r.kind {
            RequestKind::Access => letter::inspection_request_form(&org, &person, None, today),
            RequestKind::Amendment => {
                letter::amendment_request_form(&org, &person, &r.summary, "", today)
            }
            RequestKind::Restriction => {
                letter::restriction_request_form(&org, &person, "", "", "", today)
            }
            RequestKind::ConfidentialCommunication => {
                letter::confidential_communication_request_form(&org, &person, "", false, today)
            }
            RequestKind::Accounting => {
                letter::accounting_request_form(&org, &person, None, None, None, today)
            }
            _ => {
                return Err(ApiError::field(
                    "kind",
                    "This kind of request has no request form.",
                ))
            }
        };
        let pdf = desk_letters::render(&form, &org, None)
            .map_err(|_| ApiError::internal("printing the request form"))?;
        store
            .store_letter(&desk_store::NewLetter {
                request_id: Some(id),
                kind: code_of(&form.kind),
                pdf: pdf.clone(),
                corrects_id: None,
            })
            .map_err(|e| store_error(e, &[]))?;
        Ok(Response::new(pdf))
    })
}

/// The signed request form came back: its scan is attached to the request.
#[tauri::command]
pub fn request_form_signed(desk: State<'_, Desk>, id: i64, scan: UploadForm) -> Result<()> {
    let attachment = attachment_from(&scan, AttachmentKind::SignedForm, Some(id))?;
    desk.with_store(|store| {
        store
            .add_attachment(&attachment)
            .map_err(|e| store_error(e, &[("bytes", "scan"), ("file_name", "scan")]))?;
        Ok(())
    })
}
