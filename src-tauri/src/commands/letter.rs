//! Letters: the response letter for a request's decision (rendered, kept with its SHA-256, shown
//! in the preview), saving a copy as PDF, and recording how it was sent.

use std::path::PathBuf;

use desk_core::decision::{Addressee, AmendmentDecision};
use desk_core::letter;
use desk_core::person::RequesterRole;
use desk_store::{DecisionOutcome, DecisionState, DeliveryMethod, NewLetter};
use tauri::ipc::Response;
use tauri::State;

use super::decision::today;
use super::{code_of, parse_code, store_error};
use crate::dto::LetterDone;
use crate::error::{ApiError, Result};
use crate::session::Desk;

/// The title a stored letter's kind prints under.
pub fn title_of(kind: &str) -> String {
    match kind {
        "access_response" => "Response to Inspection Request",
        "amendment_response" => "Response to Amendment or Correction Request",
        "restriction_response" => "Response to Restriction Request",
        "confidential_communication_response" => "Response to Confidential Communications Request",
        "amendment_notice" => "Notice of an Accepted Amendment",
        "restriction_notice" => "Notice of Agreed Restriction (business associate)",
        "complaint_acknowledgement" => "Acknowledgement of a Complaint",
        "restriction_ended" => "Ending of an Agreed Restriction",
        "restriction_ended_notice" => "Notice That a Restriction Has Ended (business associate)",
        "inspection_request_form" => "Request to Inspect Health Information (form)",
        "amendment_request_form" => "Request to Correct or Amend a Record (form)",
        "restriction_request_form" => "Request Not to Use or Disclose (form)",
        "confidential_communication_request_form" => {
            "Request for Confidential Communications (form)"
        }
        "accounting_request_form" => "Request for an Accounting of Disclosures (form)",
        "accounting" => "Accounting of Disclosures",
        "accounting_fee_notice" => "Accounting of Disclosures: Fee Notice",
        other => return other.replace('_', " "),
    }
    .to_owned()
}

/// Render the response letter for the request's decision in force (a denial only once it is
/// approved), addressed to the requester, and keep its exact bytes; for an accepted amendment,
/// also a notice to each person to be told.
#[tauri::command]
pub fn letter_create(desk: State<'_, Desk>, request_id: i64) -> Result<LetterDone> {
    let dated = today();
    desk.with_store(|store| {
        let r = store.request(request_id).map_err(|e| store_error(e, &[]))?;
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let decision = store
            .decisions_of(request_id)
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .rev()
            .find(|d| d.superseded_by.is_none())
            .ok_or_else(|| ApiError::field("decision", "Record a decision first."))?;
        if !matches!(
            decision.state,
            DecisionState::InForce | DecisionState::Approved
        ) {
            return Err(ApiError::field(
                "decision",
                "A denial's letter waits for the Privacy Official's approval.",
            ));
        }
        let to_the_individual = r.requester_role == RequesterRole::Individual;
        let recipient = addressee_of(store, &r, dated)?;
        match &decision.outcome {
            DecisionOutcome::Restriction(d) => {
                return super::restriction::create_letters(
                    store,
                    &r,
                    &recipient,
                    d,
                    dated,
                    !to_the_individual,
                )
            }
            DecisionOutcome::ConfidentialCommunication(d) => {
                return super::communication::create_letters(
                    store,
                    &r,
                    &recipient,
                    d,
                    dated,
                    to_the_individual,
                )
            }
            _ => {}
        }
        let mut model = match &decision.outcome {
            DecisionOutcome::Access(d) => {
                letter::access_response(&org, &recipient, dated, r.received_on, d)
            }
            DecisionOutcome::Amendment(d) => {
                letter::amendment_response(&org, &recipient, dated, r.received_on, d)
            }
            _ => {
                return Err(ApiError::field(
                    "decision",
                    "This kind of request has no response letter here yet.",
                ))
            }
        };
        if r.requester_role != RequesterRole::Individual {
            model = model.about(&r.participant_name);
        }
        let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
        let pdf = desk_letters::render(&model, &org, signature.as_deref())
            .map_err(|_| ApiError::internal("rendering the letter"))?;
        let kind = code_of(&model.kind);
        let mut letters = vec![NewLetter {
            request_id: Some(request_id),
            kind: kind.clone(),
            pdf,
            corrects_id: None,
        }];
        // An accepted amendment: a notice to each person to be told, kept with the letter.
        if let DecisionOutcome::Amendment(AmendmentDecision::Grant(grant)) = &decision.outcome {
            for to in &grant.notify {
                let notice = letter::amendment_notice(
                    &org,
                    to,
                    dated,
                    &r.participant_name,
                    &r.summary,
                    dated,
                );
                letters.push(NewLetter {
                    request_id: Some(request_id),
                    kind: code_of(&notice.kind),
                    pdf: desk_letters::render(&notice, &org, signature.as_deref())
                        .map_err(|_| ApiError::internal("rendering a notice of the amendment"))?,
                    corrects_id: None,
                });
            }
        }
        // The response and its notices are kept in one write: all of them or none.
        let id = store
            .store_letters(&letters)
            .map_err(|e| store_error(e, &[]))?[0];
        let meta = store.letter(id).map_err(|e| store_error(e, &[]))?.meta;
        Ok(LetterDone {
            letter_id: id,
            sha256: meta.sha256,
            title: title_of(&kind),
        })
    })
}

/// Whoever asked, at the address on file for them; while a confidential-communication
/// accommodation is in force, a letter to the individual goes to the alternate address.
pub fn addressee_of(
    store: &desk_store::Store,
    r: &desk_store::RequestSummary,
    dated: chrono::NaiveDate,
) -> Result<Addressee> {
    let request_id = r.id;
    // The letter goes to whoever asked, at the address on file for them.
    let requester = store
        .requester_of(request_id)
        .map_err(|e| store_error(e, &[]))?;
    let recipient = match &requester {
        Some(q) => Addressee {
            name: q.name.clone(),
            address: q.address.clone(),
        },
        None => {
            let p = store
                .participant(r.participant_id)
                .map_err(|e| store_error(e, &[]))?;
            Addressee {
                name: r.participant_name.clone(),
                address: p.address.lines(),
            }
        }
    };
    let to_the_individual = r.requester_role == RequesterRole::Individual;
    super::communication::addressed(store, r.participant_id, to_the_individual, recipient, dated)
}

/// A stored letter's exact bytes.
#[tauri::command]
pub fn letter_pdf(desk: State<'_, Desk>, letter_id: i64) -> Result<Response> {
    desk.with_store(|store| {
        let letter = store.letter(letter_id).map_err(|e| store_error(e, &[]))?;
        store
            .record_event("letter.view", "letter", Some(letter_id))
            .map_err(|e| store_error(e, &[]))?;
        Ok(Response::new(letter.pdf))
    })
}

/// Where "Save as PDF" puts files: the Documents folder, in a "Records Desk" folder.
pub(super) fn save_dir() -> Result<PathBuf> {
    let base = dirs::document_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
        .ok_or_else(|| ApiError::internal("finding the Documents folder"))?;
    Ok(base.join("Records Desk"))
}

/// Save a stored letter as a PDF file (only the owner may read it); returns its path.
#[tauri::command]
pub fn letter_save(desk: State<'_, Desk>, letter_id: i64) -> Result<String> {
    desk.with_store(|store| {
        let letter = store.letter(letter_id).map_err(|e| store_error(e, &[]))?;
        let dir = save_dir()?;
        std::fs::create_dir_all(&dir).map_err(|_| ApiError::internal("creating the folder"))?;
        // The name carries ids, not names: the file may sit in a shared folder.
        let path = dir.join(format!(
            "request-{}-{}-{}.pdf",
            letter.meta.request_id.unwrap_or(0),
            letter.meta.kind.replace('_', "-"),
            letter_id
        ));
        write_private(&path, &letter.pdf).map_err(|_| ApiError::internal("saving the PDF"))?;
        store
            .record_event("letter.save", "letter", Some(letter_id))
            .map_err(|e| store_error(e, &[]))?;
        Ok(path.display().to_string())
    })
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Record how and when a letter went out.
#[tauri::command]
pub fn letter_mark_sent(
    desk: State<'_, Desk>,
    letter_id: i64,
    delivery: String,
    sent_on: String,
) -> Result<()> {
    let method: DeliveryMethod = match delivery.as_str() {
        "mail" => DeliveryMethod::Mailed,
        "in_person" => DeliveryMethod::HandedOver,
        "email" => DeliveryMethod::Emailed,
        "fax" => DeliveryMethod::Faxed,
        other => parse_code(other, "delivery")?,
    };
    let on = super::date_field(&sent_on, "sentOn")?;
    desk.with_store(|store| {
        store
            .mark_letter_delivered(letter_id, method, on)
            .map_err(|e| store_error(e, &[("delivered_on", "sentOn")]))?;
        Ok(())
    })
}
