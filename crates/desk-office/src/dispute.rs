//! After an amendment is denied: the statement of disagreement (received, its scan attached),
//! the plan's rebuttal (its letter a copy to the individual), or the individual's request that
//! the amendment request and denial go with future disclosures. desk-core says which step is
//! open and what must then go with a disclosure; the logbook shows it.

use chrono::NaiveDate;
use desk_core::amendment::{self, Accompanying, DisputeStep};
use desk_core::letter;
use desk_store::{AttachmentKind, NewDisputeStep, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form::{self, UploadForm};
use crate::letter::{LetterDone, With};

/// A step of the dispute, as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DisputeForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub step: DisputeStep,
    /// The day the statement or request came, or the rebuttal was written (YYYY-MM-DD).
    pub on_day: String,
    /// The rebuttal's text (required for a rebuttal), or a note.
    pub text: String,
    /// The statement of disagreement's scan.
    pub scan: Option<UploadForm>,
}

/// One recorded step.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DisputeRow {
    pub step: DisputeStep,
    pub on_day: NaiveDate,
    pub text: String,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
    pub by: String,
}

/// A denied amendment's dispute on its request page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DisputeView {
    pub steps_open: Vec<DisputeStep>,
    pub rows: Vec<DisputeRow>,
    /// What must go with a disclosure of the information the amendment concerns.
    pub accompany: Vec<Accompanying>,
}

/// The request's dispute (none unless it is a denied amendment).
pub fn view(store: &Store, request_id: i64) -> Result<Option<DisputeView>> {
    let state = store.dispute_state(request_id)?;
    if !state.denied {
        return Ok(None);
    }
    Ok(Some(DisputeView {
        steps_open: amendment::open_steps(state),
        rows: store
            .dispute_of(request_id)?
            .into_iter()
            .map(|e| DisputeRow {
                step: e.step,
                on_day: e.on_day,
                text: e.text,
                letter_id: e.letter_id,
                by: e.by,
            })
            .collect(),
        accompany: amendment::must_accompany(state),
    }))
}

/// Record a step; a rebuttal's letter (the individual's copy) is issued with it and returned.
pub fn record(store: &mut Store, form: &DisputeForm) -> Result<Option<LetterDone>> {
    let on_day = form::date(&form.on_day, "onDay")?;
    let scan = form
        .scan
        .as_ref()
        .map(|s| form::attachment(s, AttachmentKind::Other, Some(form.request_id), "scan"))
        .transpose()?;
    let new = NewDisputeStep {
        request_id: form.request_id,
        step: form.step,
        on_day,
        text: form.text.clone(),
        scan,
    };
    if form.step != DisputeStep::Rebuttal {
        store.record_dispute_step(&new, &[])?;
        return Ok(None);
    }
    if form.text.trim().is_empty() {
        return Err(Error::field("text", "Write the rebuttal."));
    }
    let statement_on = store
        .dispute_of(form.request_id)?
        .iter()
        .find(|e| e.step == DisputeStep::Disagreement)
        .map(|e| e.on_day)
        .ok_or_else(|| {
            Error::field(
                "step",
                "A rebuttal answers a statement of disagreement: none was filed.",
            )
        })?;
    let dated = crate::today(store);
    let r = store.request(form.request_id)?;
    let org = store.organization()?;
    let recipient = crate::letter::addressee_of(store, &r, dated)?;
    let mut model = letter::amendment_rebuttal(&org, &recipient, dated, statement_on, &form.text);
    if r.requester_role != desk_core::person::RequesterRole::Individual {
        model = model.about(&r.participant_name);
    }
    crate::letter::issue(
        store,
        Some(form.request_id),
        &model,
        &[],
        With::Dispute(&new),
    )
    .map(Some)
}

/// What must go with a disclosure about the participant, for each of their denied amendments.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccompanyNotice {
    #[ts(type = "number")]
    pub request_id: i64,
    /// What the amendment asked to change (the request's summary).
    pub concerns: String,
    pub with: Vec<Accompanying>,
}

/// The participant's amendment disputes that a disclosure must carry.
pub fn notices(store: &Store, participant_id: i64) -> Result<Vec<AccompanyNotice>> {
    Ok(store
        .disputes_to_accompany(participant_id)?
        .into_iter()
        .map(|(r, with)| AccompanyNotice {
            request_id: r.id,
            concerns: r.summary,
            with,
        })
        .collect())
}
