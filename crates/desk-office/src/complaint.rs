//! Complaints (164.530(d)): logged, acknowledged by letter (kept with the log entry in one
//! write), closed with the outcome.

use chrono::NaiveDate;
use desk_core::complaint::ComplaintStage;
use desk_core::decision::Addressee;
use desk_core::letter;
use desk_store::{NewComplaint, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form;
use crate::letter::{LetterDone, With};

/// A complaint as logged.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ComplaintForm {
    pub received_on: NaiveDate,
    /// The participant the complaint is about, when it names one (shown on their page).
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    pub name: String,
    /// One address line per text line.
    pub address_lines: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComplaintRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub received_on: NaiveDate,
    pub description: String,
    pub stage: ComplaintStage,
    pub acknowledged_on: Option<NaiveDate>,
    pub disposition: String,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
}

const FIELDS: &[(&str, &str)] = &[("complainant", "name"), ("acknowledgedOn", "complaint")];

/// Log a complaint. Returns its id.
pub fn log(store: &mut Store, form: &ComplaintForm) -> Result<i64> {
    if let Some(p) = form.participant_id {
        store
            .participant(p)
            .map_err(|_| Error::field("participantId", "Choose a participant on file, or none."))?;
    }
    store
        .log_complaint(&NewComplaint {
            participant_id: form.participant_id,
            request_id: None,
            complainant: Addressee {
                name: form.name.trim().to_owned(),
                address: form::lines(&form.address_lines),
            },
            received_on: form.received_on,
            description: form.description.clone(),
        })
        .map_err(fields(FIELDS))
}

/// The complaint log, newest first.
pub fn list(store: &Store) -> Result<Vec<ComplaintRow>> {
    Ok(store.complaints()?.into_iter().map(row).collect())
}

/// The complaints that name participant `id`, newest first.
pub fn of_participant(store: &Store, id: i64) -> Result<Vec<ComplaintRow>> {
    Ok(store
        .complaints()?
        .into_iter()
        .filter(|c| c.participant_id == Some(id))
        .map(row)
        .collect())
}

fn row(c: desk_store::ComplaintEntry) -> ComplaintRow {
    ComplaintRow {
        id: c.id,
        name: c.complainant.name,
        received_on: c.received_on,
        description: c.description,
        stage: c.stage,
        acknowledged_on: c.acknowledged_on,
        disposition: c.disposition,
        letter_id: c.letter_id,
        participant_id: c.participant_id,
    }
}

/// Acknowledge a complaint today with its letter (kept in the same write).
pub fn acknowledge(store: &mut Store, complaint_id: i64) -> Result<LetterDone> {
    let dated = crate::today(store);
    let c = store
        .complaints()?
        .into_iter()
        .find(|c| c.id == complaint_id)
        .ok_or_else(|| Error::field("complaint", "This entry was replaced; reload."))?;
    let org = store.organization()?;
    let model = letter::complaint_acknowledgement(&org, &c.complainant, dated, c.received_on);
    crate::letter::issue(
        store,
        None,
        &model,
        &[],
        With::ComplaintAcknowledgement {
            complaint_id,
            on: dated,
        },
    )
}

/// Record a complaint's outcome.
pub fn close(store: &mut Store, complaint_id: i64, disposition: &str) -> Result<()> {
    store
        .record_complaint_outcome(complaint_id, disposition)
        .map_err(fields(FIELDS))?;
    Ok(())
}
