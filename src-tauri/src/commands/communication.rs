//! Confidential communications (164.522(b)): the decision (accommodate — mandatory when the
//! person says disclosure could endanger them — or explain why not), its response letter kept
//! with the register entry in one write, and where every letter to the person is addressed.

use chrono::NaiveDate;
use desk_core::communication::{self, Accommodation, CommunicationRequest};
use desk_core::decision::{Addressee, ConfidentialCommunicationDecision};
use desk_core::letter;
use desk_store::{DecisionOutcome, NewCommunication, NewLetter, RequestSummary, Store};
use tauri::State;

use super::{capitalise, code_of, store_error};
use crate::dto::{CommunicationDecisionForm, DecisionRow, LetterDone};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Record the decision on a confidential-communication request (desk-core refuses a refusal
/// when the person says disclosure could endanger them).
#[tauri::command]
pub fn communication_decide(
    desk: State<'_, Desk>,
    form: CommunicationDecisionForm,
) -> Result<DecisionRow> {
    let request = CommunicationRequest {
        alternate_address: lines(&form.alternate_address),
        alternate_means: form.alternate_means.trim().to_owned(),
        endangerment: form.endangerment,
    };
    let accommodate = match form.outcome.as_str() {
        "accommodate" => true,
        "deny" => false,
        _ => return Err(ApiError::field("outcome", "Choose accommodate or deny.")),
    };
    let decision = communication::decide(&request, accommodate, &form.reason)
        .map_err(|e| ApiError::field(e.field, capitalise(e.problem)))?;
    desk.with_store(|store| {
        let id = store
            .draft_decision(
                form.request_id,
                &DecisionOutcome::ConfidentialCommunication(decision),
            )
            .map_err(|e| {
                store_error(
                    e,
                    &[
                        ("means", "alternateAddress"),
                        ("reason", "reason"),
                        ("status", "outcome"),
                        ("step", "outcome"),
                    ],
                )
            })?;
        let d = store.decision(id).map_err(|e| store_error(e, &[]))?;
        Ok(super::decision::decision_row(&d))
    })
}

/// Where a letter dated `on` goes: to the individual's alternate address while an
/// accommodation is in force (desk-core's rule), otherwise to `usual`.
pub fn addressed(
    store: &Store,
    participant_id: i64,
    to_the_individual: bool,
    usual: Addressee,
    on: NaiveDate,
) -> Result<Addressee> {
    let accommodations = store
        .accommodations_of(participant_id)
        .map_err(|e| store_error(e, &[]))?;
    Ok(communication::addressee(
        &usual,
        to_the_individual,
        &accommodations,
        on,
    ))
}

/// The response letter, kept with the register entry in one write (called by `letter_create`).
/// An accommodation's own response already goes to the alternate address.
pub fn create_letters(
    store: &mut Store,
    r: &RequestSummary,
    recipient: &Addressee,
    decision: &ConfidentialCommunicationDecision,
    dated: NaiveDate,
    to_the_individual: bool,
) -> Result<LetterDone> {
    let already = store
        .confidential_communications_of(r.participant_id)
        .map_err(|e| store_error(e, &[]))?
        .iter()
        .any(|x| x.request_id == r.id);
    if already {
        return Err(ApiError::field(
            "decision",
            "The letter for this request was already prepared: open it below.",
        ));
    }
    let entry = match decision {
        ConfidentialCommunicationDecision::Accommodated {
            means,
            alternate_address,
            endangerment,
        } => NewCommunication {
            request_id: r.id,
            alternate_address: alternate_address.clone(),
            alternate_means: if alternate_address.is_empty() {
                means.clone()
            } else {
                String::new()
            },
            endangerment: *endangerment,
            accommodated: true,
            reason: String::new(),
            decided_on: dated,
        },
        ConfidentialCommunicationDecision::Denied { reason } => NewCommunication {
            request_id: r.id,
            alternate_address: Vec::new(),
            alternate_means: String::new(),
            endangerment: false,
            accommodated: false,
            reason: reason.clone(),
            decided_on: dated,
        },
    };
    let this = Accommodation {
        id: i64::MAX,
        alternate_address: entry.alternate_address.clone(),
        alternate_means: entry.alternate_means.clone(),
        accommodated: entry.accommodated,
        decided_on: dated,
        ended_on: None,
    };
    let to = communication::addressee(recipient, to_the_individual, &[this], dated);
    let org = store.organization().map_err(|e| store_error(e, &[]))?;
    let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
    let mut model =
        letter::confidential_communication_response(&org, &to, dated, r.received_on, decision);
    if !to_the_individual {
        model = model.about(&r.participant_name);
    }
    let pdf = desk_letters::render(&model, &org, signature.as_deref())
        .map_err(|_| ApiError::internal("rendering the letter"))?;
    let (_, ids) = store
        .record_communication(
            &entry,
            &[NewLetter {
                request_id: Some(r.id),
                kind: code_of(&model.kind),
                pdf,
                corrects_id: None,
            }],
        )
        .map_err(|e| store_error(e, &[]))?;
    let meta = store.letter(ids[0]).map_err(|e| store_error(e, &[]))?.meta;
    Ok(LetterDone {
        letter_id: ids[0],
        sha256: meta.sha256,
        title: super::letter::title_of(&meta.kind),
    })
}
