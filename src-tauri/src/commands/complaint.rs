//! Complaints (164.530(d)): logged, acknowledged by letter (kept with the log entry in one
//! write), closed with the outcome.

use desk_core::decision::Addressee;
use desk_core::letter;
use desk_store::{NewComplaint, NewLetter};
use tauri::State;

use super::decision::today;
use super::{code_of, store_error};
use crate::dto::{ComplaintForm, ComplaintRow, LetterDone};
use crate::error::{ApiError, Result};
use crate::session::Desk;

const FIELDS: &[(&str, &str)] = &[
    ("description", "description"),
    ("receivedOn", "receivedOn"),
    ("complainant", "name"),
    ("acknowledgedOn", "complaint"),
    ("disposition", "disposition"),
    ("complaint", "complaint"),
];

/// Log a complaint. Returns its id.
#[tauri::command]
pub fn complaint_log(desk: State<'_, Desk>, form: ComplaintForm) -> Result<i64> {
    desk.with_store(|store| {
        store
            .log_complaint(&NewComplaint {
                participant_id: None,
                request_id: None,
                complainant: Addressee {
                    name: form.name.trim().to_owned(),
                    address: form
                        .address_lines
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect(),
                },
                received_on: form.received_on,
                description: form.description.clone(),
            })
            .map_err(|e| store_error(e, FIELDS))
    })
}

/// The complaint log, newest first.
#[tauri::command]
pub fn complaint_list(desk: State<'_, Desk>) -> Result<Vec<ComplaintRow>> {
    desk.with_store(|store| {
        Ok(store
            .complaints()
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .map(|c| ComplaintRow {
                id: c.id,
                name: c.complainant.name,
                received_on: c.received_on,
                description: c.description,
                stage: code_of(&c.stage),
                acknowledged_on: c.acknowledged_on,
                disposition: c.disposition,
                letter_id: c.letter_id,
            })
            .collect())
    })
}

/// Acknowledge a complaint today with its letter (kept in the same write).
#[tauri::command]
pub fn complaint_acknowledge(desk: State<'_, Desk>, complaint_id: i64) -> Result<LetterDone> {
    let dated = today();
    desk.with_store(|store| {
        let c = store
            .complaints()
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .find(|c| c.id == complaint_id)
            .ok_or_else(|| ApiError::field("complaint", "This entry was replaced; reload."))?;
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
        let model = letter::complaint_acknowledgement(&org, &c.complainant, dated, c.received_on);
        let pdf = desk_letters::render(&model, &org, signature.as_deref())
            .map_err(|_| ApiError::internal("rendering the acknowledgement"))?;
        let (_, letter_id) = store
            .acknowledge_complaint(
                complaint_id,
                dated,
                &NewLetter {
                    request_id: None,
                    kind: code_of(&model.kind),
                    pdf,
                    corrects_id: None,
                },
            )
            .map_err(|e| store_error(e, FIELDS))?;
        let meta = store
            .letter(letter_id)
            .map_err(|e| store_error(e, &[]))?
            .meta;
        Ok(LetterDone {
            letter_id,
            sha256: meta.sha256,
            title: super::letter::title_of(&meta.kind),
        })
    })
}

/// Record a complaint's outcome.
#[tauri::command]
pub fn complaint_close(
    desk: State<'_, Desk>,
    complaint_id: i64,
    disposition: String,
) -> Result<()> {
    desk.with_store(|store| {
        store
            .record_complaint_outcome(complaint_id, &disposition)
            .map(|_| ())
            .map_err(|e| store_error(e, FIELDS))
    })
}
