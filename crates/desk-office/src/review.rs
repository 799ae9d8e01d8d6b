//! Review of a reviewable access denial: the individual's request for review referred to a
//! licensed health care professional who took no part in the denial (desk-core refuses anyone
//! who drafted or approved it), the reviewer's decision, then its letter (issued as the
//! request's response, `response::respond`) and, when reversed, the access it gives.

use chrono::NaiveDate;
use desk_core::decision::{AccessGrant, ReviewOutcome};
use desk_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decision::{fee_cents, FeeForm};
use crate::error::{fields, Error, Result};
use crate::form::{self, parse_code};

/// The individual asked for review of the denial.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ReviewRequestForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// The day the request for review came (YYYY-MM-DD).
    pub asked_on: String,
    /// The reviewing professional, by name.
    pub reviewer: String,
    /// Their licence ("Florida medical licence ME 12345"): a licensed health care professional.
    pub licence: String,
}

/// Refer the request for review to the reviewer. Refused on `reviewer` for someone who drafted
/// or approved the denial, on `licence` without one, on `decision` when no ground is
/// reviewable or it was reviewed already.
pub fn request(store: &mut Store, form: &ReviewRequestForm) -> Result<()> {
    let asked_on = form::date(&form.asked_on, "askedOn")?;
    if form.licence.trim().is_empty() {
        return Err(Error::field(
            "licence",
            "Give the reviewer's licence: the reviewer must be a licensed health care professional.",
        ));
    }
    store
        .request_denial_review(form.request_id, asked_on, &form.reviewer, &form.licence)
        .map_err(fields(&[("status", "decision")]))?;
    Ok(())
}

/// The reviewer's decision, as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ReviewDecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// The day the reviewer decided (YYYY-MM-DD).
    pub decided_on: String,
    /// The denial stands (else it is reversed and access is given).
    pub upheld: bool,
    /// Upheld: the reviewer's reason.
    pub explanation: String,
    /// Reversed: how and where access is given.
    pub access: String,
    /// Reversed: `paper` or `electronic`.
    pub format: String,
    /// Reversed: when the copies or the inspection are ready (YYYY-MM-DD).
    pub available_on: String,
    /// Reversed: the fee, priced by desk-core's rule.
    pub fee: FeeForm,
}

/// Record the reviewer's decision; its letter is the request's response next.
pub fn complete(store: &mut Store, form: &ReviewDecisionForm) -> Result<()> {
    let decided_on = form::date(&form.decided_on, "decidedOn")?;
    let outcome = if form.upheld {
        ReviewOutcome::Upheld {
            explanation: form.explanation.trim().to_owned(),
        }
    } else {
        if form.access.trim().is_empty() {
            return Err(Error::field("access", "Say how access is given."));
        }
        let format = parse_code(&form.format, "format")?;
        ReviewOutcome::Reversed(AccessGrant {
            access: form.access.trim().to_owned(),
            format,
            available_on: form::date(&form.available_on, "availableOn")?,
            fee_cents: fee_cents(&form.fee, desk_core::fee::Format::from(format))?,
        })
    };
    store.complete_denial_review(form.request_id, &outcome, decided_on)?;
    Ok(())
}

/// A request's review, for its page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewRow {
    pub asked_on: NaiveDate,
    pub reviewer: String,
    pub licence: String,
    /// Null until the reviewer decides.
    pub upheld: Option<bool>,
    pub decided_on: Option<NaiveDate>,
    /// The reviewer's decision in plain words.
    pub summary: String,
}

/// The request's latest review, if any.
pub fn row(store: &Store, request_id: i64) -> Result<Option<ReviewRow>> {
    Ok(store.denial_review_of(request_id)?.map(|v| {
        let (upheld, decided_on, summary) = match &v.outcome {
            Some((ReviewOutcome::Upheld { explanation }, on)) => {
                (Some(true), Some(*on), format!("Upheld: {explanation}"))
            }
            Some((ReviewOutcome::Reversed(g), on)) => (
                Some(false),
                Some(*on),
                format!(
                    "Reversed: {} (available {})",
                    g.access,
                    desk_core::letter::date(g.available_on)
                ),
            ),
            None => (None, None, "Waiting for the reviewer".to_owned()),
        };
        ReviewRow {
            asked_on: v.asked_on,
            reviewer: v.reviewer,
            licence: v.licence,
            upheld,
            decided_on,
            summary,
        }
    }))
}
