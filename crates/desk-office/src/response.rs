//! The response to a request: the letter for the decision in force, with what goes with it
//! (an accepted amendment's notices, a restriction's or a confidential communication's register
//! entry), issued in one write.

use desk_core::decision::AmendmentDecision;
use desk_core::letter;
use desk_core::person::RequesterRole;
use desk_store::{DecisionOutcome, DecisionRecord, DecisionState, Store};

use crate::form::code_of;

use crate::error::{Error, Result};
use crate::letter::{LetterDone, With};

/// The letters that answer a request's decision.
const RESPONSE_KINDS: [letter::LetterKind; 4] = [
    letter::LetterKind::AccessResponse,
    letter::LetterKind::AmendmentResponse,
    letter::LetterKind::RestrictionResponse,
    letter::LetterKind::ConfidentialCommunicationResponse,
];

/// The decision in force, when its letter may go out (a denial once approved).
fn in_force(store: &Store, request_id: i64) -> Result<Option<DecisionRecord>> {
    Ok(store
        .decisions_of(request_id)?
        .into_iter()
        .rev()
        .find(|d| d.superseded_by.is_none())
        .filter(|d| matches!(d.state, DecisionState::InForce | DecisionState::Approved)))
}

/// A reviewer's decision whose letter is still to be prepared.
fn review_due(store: &Store, request_id: i64) -> Result<Option<desk_store::DenialReviewRecord>> {
    let Some(review) = store.denial_review_of(request_id)? else {
        return Ok(None);
    };
    let Some(decided_at) = review.decided_at else {
        return Ok(None);
    };
    let kind = code_of(&letter::LetterKind::DenialReview);
    let prepared = store
        .letters_of(request_id)?
        .iter()
        .any(|l| l.kind == kind && l.rendered_at >= decided_at);
    Ok((!prepared).then_some(review))
}

/// Whether the response letter for the decision in force is still to be prepared: there is
/// such a decision, and no response letter was prepared since it was drafted (or, after a
/// review of a denial, the review's letter since the reviewer decided).
pub fn due(store: &Store, request_id: i64) -> Result<bool> {
    if review_due(store, request_id)?.is_some() {
        return Ok(true);
    }
    let Some(decision) = in_force(store, request_id)? else {
        return Ok(false);
    };
    let prepared = store.letters_of(request_id)?.iter().any(|l| {
        RESPONSE_KINDS.iter().any(|k| code_of(k) == l.kind) && l.rendered_at >= decision.drafted_at
    });
    Ok(!prepared)
}

/// Issue the response letter for the request's decision in force (a denial only once it is
/// approved), addressed to the requester; for an accepted amendment, with a notice to each
/// person to be told; for a restriction or a confidential communication, with its register
/// entry. The business associates told of an accepted amendment, an agreed restriction or an
/// accommodation are those desk-core's rule ticks (see [`respond_telling`]).
pub fn respond(store: &mut Store, request_id: i64) -> Result<LetterDone> {
    respond_telling(store, request_id, None)
}

/// What staff send to prepare the response letter: the business associates to tell (by their
/// register ids), or null for those desk-core's rule ticks.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RespondForm {
    #[ts(type = "number")]
    pub request_id: i64,
    #[ts(type = "Array<number> | null")]
    pub associate_ids: Option<Vec<i64>>,
}

/// [`respond`] telling the business associates staff ticked (`told`, by register id; `None`
/// for those the rule ticks), each notice kept with its register entry in the same write as
/// the response. Refused on `associateIds` for an associate not in the register or whose
/// agreement has ended.
pub fn respond_telling(
    store: &mut Store,
    request_id: i64,
    told: Option<&[i64]>,
) -> Result<LetterDone> {
    let dated = crate::today(store);
    let r = store.request(request_id)?;
    let org = store.organization()?;
    if let Some(review) = review_due(store, request_id)? {
        return review_letter(store, &r, review, dated);
    }
    let decision = store
        .decisions_of(request_id)?
        .into_iter()
        .rev()
        .find(|d| d.superseded_by.is_none())
        .ok_or_else(|| Error::field("decision", "Record a decision first."))?;
    if !matches!(
        decision.state,
        DecisionState::InForce | DecisionState::Approved
    ) {
        return Err(Error::field(
            "decision",
            "A denial's letter waits for the Privacy Official's approval.",
        ));
    }
    if !due(store, request_id)? {
        return Err(Error::field(
            "decision",
            "The response letter for this decision was already prepared: open it below.",
        ));
    }
    let recipient = crate::letter::addressee_of(store, &r, dated)?;
    let about = |model: letter::Letter| {
        if r.requester_role == RequesterRole::Individual {
            model
        } else {
            model.about(&r.participant_name)
        }
    };
    match &decision.outcome {
        DecisionOutcome::Access(d) => {
            let model = about(letter::access_response(
                &org,
                &recipient,
                dated,
                r.clock_from(),
                d,
            ));
            crate::letter::issue(store, Some(request_id), &model, &[], With::Nothing)
        }
        DecisionOutcome::Amendment(d) => {
            let model = about(letter::amendment_response(
                &org,
                &recipient,
                dated,
                r.clock_from(),
                d,
            ));
            // An accepted amendment: a notice to each person to be told, and to each business
            // associate that holds the record, kept with the letter.
            let (notices, to_associates) = match d {
                AmendmentDecision::Grant(grant) => {
                    let notices: Vec<letter::Letter> = grant
                        .notify
                        .iter()
                        .map(|to| {
                            letter::amendment_notice(
                                &org,
                                to,
                                dated,
                                &r.participant_name,
                                &r.summary,
                                dated,
                            )
                        })
                        .collect();
                    (notices, amendment_notices(store, &r, &org, told, dated)?)
                }
                _ => (Vec::new(), Vec::new()),
            };
            crate::letter::issue_telling(
                store,
                Some(request_id),
                &model,
                &notices,
                &to_associates,
                With::Nothing,
            )
        }
        DecisionOutcome::Restriction(d) => {
            crate::restriction::respond(store, &r, &recipient, d, dated, told)
        }
        DecisionOutcome::ConfidentialCommunication(d) => {
            crate::communication::respond(store, &r, &recipient, d, dated, told)
        }
        _ => Err(Error::field(
            "decision",
            "This kind of request has no response letter here yet.",
        )),
    }
}

/// The notices of an accepted amendment to the business associates that hold the record: the
/// amendment as asked, to incorporate within the agreement's days for an amendment.
fn amendment_notices(
    store: &Store,
    r: &desk_store::RequestSummary,
    org: &desk_core::organization::Organization,
    told: Option<&[i64]>,
    dated: chrono::NaiveDate,
) -> Result<Vec<(desk_store::NewAssociateNotice, letter::Letter)>> {
    use desk_core::associate::{Duty, NoticeKind};
    let kind = NoticeKind::Amendment;
    let individual = crate::associate::individual(store, r.participant_id)?;
    let to = crate::associate::to_tell(store, kind, told, |e| e.associate.to_be_told(kind, dated))?;
    Ok(crate::associate::notices_to(r.id, &to, kind, dated, |e| {
        let a = &e.associate;
        letter::associate_amendment_notice(
            org,
            &a.addressee(),
            dated,
            &individual,
            &r.summary,
            dated,
            a.duties.days(Duty::Amendment),
            a.duties.due(Duty::Amendment, dated),
        )
    }))
}

/// The notice of kind the response letter due for the request's decision in force sends to
/// business associates, if any: an accepted amendment, an agreed restriction, a
/// confidential-communication accommodation.
pub(crate) fn notice_kind(
    store: &Store,
    request_id: i64,
) -> Result<Option<desk_core::associate::NoticeKind>> {
    use desk_core::associate::NoticeKind;
    use desk_core::decision::{ConfidentialCommunicationDecision, RestrictionDecision};
    if review_due(store, request_id)?.is_some() || !due(store, request_id)? {
        return Ok(None);
    }
    Ok(match in_force(store, request_id)?.map(|d| d.outcome) {
        Some(DecisionOutcome::Amendment(AmendmentDecision::Grant(_))) => {
            Some(NoticeKind::Amendment)
        }
        Some(DecisionOutcome::Restriction(RestrictionDecision::Agreed(_))) => {
            Some(NoticeKind::Restriction)
        }
        Some(DecisionOutcome::ConfidentialCommunication(
            ConfidentialCommunicationDecision::Accommodated { .. },
        )) => Some(NoticeKind::ConfidentialCommunication),
        _ => None,
    })
}

/// The letter that tells the reviewer's decision (upheld, or reversed with the access given),
/// to whoever asked.
fn review_letter(
    store: &mut Store,
    r: &desk_store::RequestSummary,
    review: desk_store::DenialReviewRecord,
    dated: chrono::NaiveDate,
) -> Result<LetterDone> {
    let org = store.organization()?;
    let recipient = crate::letter::addressee_of(store, r, dated)?;
    let (outcome, _) = review
        .outcome
        .ok_or_else(|| Error::internal("reading the reviewer's decision"))?;
    // The denial's date: the day its letter went out (or was prepared).
    let kind = code_of(&letter::LetterKind::AccessResponse);
    let denied_on = store
        .letters_of(r.id)?
        .iter()
        .filter(|l| l.kind == kind && l.rendered_at <= review.referred_at)
        .map(|l| {
            l.deliveries
                .first()
                .map_or(l.rendered_at.date_naive(), |d| d.delivered_on)
        })
        .next_back()
        .unwrap_or(review.asked_on);
    let mut model = letter::denial_review(
        &org,
        &recipient,
        dated,
        review.asked_on,
        &desk_core::decision::DenialReview {
            reviewer: format!("{}, {}", review.reviewer.trim(), review.licence.trim()),
            denied_on,
            outcome,
        },
    );
    if r.requester_role != RequesterRole::Individual {
        model = model.about(&r.participant_name);
    }
    crate::letter::issue(store, Some(r.id), &model, &[], With::Nothing)
}
