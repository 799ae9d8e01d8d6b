//! Confidential communications (164.522(b)): the decision (accommodate — mandatory when the
//! person says disclosure could endanger them — or explain why not), and its response letter
//! kept with the register entry in one write.

use chrono::NaiveDate;
use desk_core::associate::NoticeKind;
use desk_core::communication::{self, CommunicationRequest};
use desk_core::decision::{Addressee, ConfidentialCommunicationDecision};
use desk_core::letter;
use desk_core::person::RequesterRole;
use desk_store::{DecisionOutcome, NewCommunication, RequestSummary, Store};
use serde::Deserialize;
use ts_rs::TS;

use crate::decision::{self, DecisionRow};
use crate::error::{sentence, Error, Result};
use crate::form;
use crate::letter::{LetterDone, With};

/// The decision on a confidential-communication request.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CommunicationDecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// `accommodate` or `deny`
    pub outcome: String,
    /// One address line per text line.
    pub alternate_address: String,
    pub alternate_means: String,
    /// The person said disclosure could endanger them.
    pub endangerment: bool,
    pub reason: String,
}

/// Record the decision on a confidential-communication request (desk-core refuses a refusal
/// when the person says disclosure could endanger them). The Privacy Official decides them: an
/// accommodation staff record waits in her Approvals queue, hers stands at once.
pub fn decide(store: &mut Store, form: &CommunicationDecisionForm) -> Result<DecisionRow> {
    let request = CommunicationRequest {
        alternate_address: form::lines(&form.alternate_address),
        alternate_means: form.alternate_means.trim().to_owned(),
        endangerment: form.endangerment,
    };
    let accommodate = match form.outcome.as_str() {
        "accommodate" => true,
        "deny" => false,
        _ => return Err(Error::field("outcome", "Choose accommodate or deny.")),
    };
    let decision = communication::decide(&request, accommodate, &form.reason)
        .map_err(|e| Error::field(e.field, sentence(e.problem)))?;
    decision::draft(
        store,
        form.request_id,
        &DecisionOutcome::ConfidentialCommunication(decision),
        &[
            ("means", "alternateAddress"),
            ("status", "outcome"),
            ("step", "outcome"),
        ],
    )
}

/// The response letter, kept with the register entry in one write (issued by
/// `response::respond`); an accommodation also goes to the business associates that send the
/// individual mail (those `told`, by register id, or those desk-core's rule ticks), each notice
/// kept with its entry in the associates' notices.
pub(crate) fn respond(
    store: &mut Store,
    r: &RequestSummary,
    recipient: &Addressee,
    decision: &ConfidentialCommunicationDecision,
    dated: NaiveDate,
    told: Option<&[i64]>,
) -> Result<LetterDone> {
    let to_the_individual = r.requester_role == RequesterRole::Individual;
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
    let to = communication::response_addressee(recipient, to_the_individual, decision);
    let org = store.organization()?;
    let mut model =
        letter::confidential_communication_response(&org, &to, dated, r.received_on, decision);
    if !to_the_individual {
        model = model.about(&r.participant_name);
    }
    let notices = match decision {
        ConfidentialCommunicationDecision::Accommodated {
            means,
            alternate_address,
            ..
        } => {
            let arranged = if alternate_address.is_empty() {
                letter::Arranged::Means(means.clone())
            } else {
                letter::Arranged::Address(alternate_address.clone())
            };
            let kind = NoticeKind::ConfidentialCommunication;
            let individual = crate::associate::individual(store, r.participant_id)?;
            let to = crate::associate::to_tell(store, kind, told, |e| {
                e.associate.to_be_told(kind, dated)
            })?;
            crate::associate::notices_to(r.id, &to, kind, dated, |e| {
                letter::communication_notice(
                    &org,
                    &e.associate.addressee(),
                    dated,
                    &individual,
                    &arranged,
                    dated,
                )
            })
        }
        ConfidentialCommunicationDecision::Denied { .. } => Vec::new(),
    };
    crate::letter::issue_telling(
        store,
        Some(r.id),
        &model,
        &[],
        &notices,
        With::Communication(&entry),
    )
}

/// Ending an accommodation at the individual's request.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EndAccommodationForm {
    #[ts(type = "number")]
    pub communication_id: i64,
    /// From this day (YYYY-MM-DD, today or later) letters go to the address on file.
    pub ended_on: String,
    /// The business associates to tell it has ended (register ids); absent: those told of the
    /// accommodation whose agreement still runs.
    #[serde(default)]
    #[ts(type = "Array<number> | null")]
    pub associate_ids: Option<Vec<i64>>,
}

/// End an accommodation from a day (never back-dated; refused on `endedOn`), with the letter
/// confirming it to the individual at the address on file, kept in the same write.
pub fn end_accommodation(store: &mut Store, form: &EndAccommodationForm) -> Result<LetterDone> {
    let ended_on = crate::form::date(&form.ended_on, "endedOn")?;
    let dated = crate::today(store);
    let org = store.organization()?;
    let entry = store.confidential_communication(form.communication_id)?;
    let person = crate::prefill::form_person(store, entry.1)?;
    let recipient = desk_core::decision::Addressee {
        name: person.name,
        address: person.address,
    };
    let arranged = if entry.0.alternate_means.trim().is_empty() {
        entry.0.alternate_address.join(", ")
    } else {
        entry.0.alternate_means.clone()
    };
    let model =
        desk_core::letter::accommodation_ended(&org, &recipient, dated, &arranged, ended_on);
    let told = crate::associate::told_of(
        store,
        entry.0.request_id,
        NoticeKind::ConfidentialCommunication,
    )?;
    let kind = NoticeKind::CommunicationEnd;
    let individual = crate::associate::individual(store, entry.1)?;
    let what = if entry.0.alternate_address.is_empty() {
        letter::Arranged::Means(entry.0.alternate_means.clone())
    } else {
        letter::Arranged::Address(entry.0.alternate_address.clone())
    };
    let to = crate::associate::to_tell(store, kind, form.associate_ids.as_deref(), |e| {
        told.contains(&e.id)
    })?;
    let notices = crate::associate::notices_to(entry.0.request_id, &to, kind, dated, |e| {
        letter::communication_ended_notice(
            &org,
            &e.associate.addressee(),
            dated,
            &individual,
            &what,
            ended_on,
        )
    });
    crate::letter::issue_telling(
        store,
        Some(entry.0.request_id),
        &model,
        &[],
        &notices,
        With::CommunicationEnd {
            communication_id: form.communication_id,
            on: ended_on,
        },
    )
}
