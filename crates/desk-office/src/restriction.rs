//! Restrictions (164.522(a)): the decision (agree, with the questionnaire's answers 1–3, or
//! deny), its letters — the response and one notice per business associate, kept with the
//! register entry in one write — ending a restriction, and the conflict check of a disclosure.

use chrono::NaiveDate;
use desk_core::associate::NoticeKind;
use desk_core::decision::{Addressee, RestrictionAgreed, RestrictionDecision, RestrictionDenied};
use desk_core::letter;
use desk_core::person::RequesterRole;
use desk_core::restriction::{EndedBy, RestrictionTerms};
use desk_store::{DecisionOutcome, NewRestriction, RequestSummary, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decision::{self, DecisionRow};
use crate::error::{sentence, Error, Result};
use crate::form::{self, parse_code};
use crate::letter::{LetterDone, With};

/// The decision on a restriction request: agree (with the questionnaire's answers 1–3) or deny.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RestrictionDecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// `agree` or `deny`
    pub outcome: String,
    /// 1) the information to be restricted.
    pub information: String,
    /// 2) how its use and disclosure is restricted.
    pub manner: String,
    /// 3) who must not receive it, one per line.
    pub not_disclosed_to: String,
    /// Deny: why the plan cannot agree.
    pub reason: String,
}

/// Ending an agreed restriction: from when, by whom, and the business associates to tell.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EndRestrictionForm {
    #[ts(type = "number")]
    pub restriction_id: i64,
    /// YYYY-MM-DD, today or later.
    pub ended_on: String,
    /// `individual` or `plan`.
    pub ended_by: String,
    /// The associates to tell of the end, by register id; null for those told of the
    /// restriction.
    #[ts(type = "Array<number> | null")]
    pub associate_ids: Option<Vec<i64>>,
}

/// A restriction decision in the register.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestrictionRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    pub wording: String,
    pub agreed: bool,
    pub business_associates: Vec<String>,
    pub decided_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// Once ended.
    pub ended_by: Option<EndedBy>,
    /// While it runs: the associates an end would be told to, ticked when they were told of
    /// the restriction.
    pub end_candidates: Vec<crate::associate::NoticeCandidate>,
}

/// The form as desk-core's restriction decision (the terms checked by desk-core).
fn decision_from(form: &RestrictionDecisionForm, store: &Store) -> Result<RestrictionDecision> {
    match form.outcome.as_str() {
        "agree" => {
            let terms = RestrictionTerms {
                information: form.information.trim().to_owned(),
                manner: form.manner.trim().to_owned(),
                not_disclosed_to: form::lines(&form.not_disclosed_to),
            };
            terms
                .validate()
                .map_err(|e| Error::field(e.field, sentence(e.problem)))?;
            // The associates desk-core's rule would tell; the letters tell those staff tick.
            Ok(RestrictionDecision::Agreed(RestrictionAgreed {
                restriction: terms.wording(),
                business_associates: crate::associate::candidates_for(
                    store,
                    NoticeKind::Restriction,
                )?
                .into_iter()
                .filter(|c| c.ticked)
                .map(|c| c.name)
                .collect(),
                terms: Some(terms),
            }))
        }
        "deny" if form.reason.trim().is_empty() => Err(Error::field(
            "reason",
            "Say why the plan cannot agree to the restriction.",
        )),
        "deny" => Ok(RestrictionDecision::Denied(RestrictionDenied {
            reason: form.reason.trim().to_owned(),
        })),
        _ => Err(Error::field("outcome", "Choose agree or deny.")),
    }
}

/// Record the decision on a restriction request. The Privacy Official decides restrictions
/// (county policy): an agreement staff record waits in her Approvals queue, hers stands at once;
/// a denial waits for her approval like every denial.
pub fn decide(store: &mut Store, form: &RestrictionDecisionForm) -> Result<DecisionRow> {
    let decision = decision_from(form, store)?;
    decision::draft(
        store,
        form.request_id,
        &DecisionOutcome::Restriction(decision),
        &[
            ("restriction", "information"),
            ("status", "outcome"),
            ("step", "outcome"),
        ],
    )
}

/// The response letter and one notice per business associate told of an agreed restriction
/// (those `told`, by register id, or those desk-core's rule ticks), each notice kept with its
/// entry in the associates' notices, all with the register entry in one write (the request's
/// letter, issued by `response::respond`). The response names the associates told.
pub(crate) fn respond(
    store: &mut Store,
    r: &RequestSummary,
    recipient: &Addressee,
    decision: &RestrictionDecision,
    dated: NaiveDate,
    told: Option<&[i64]>,
) -> Result<LetterDone> {
    let org = store.organization()?;
    let kind = NoticeKind::Restriction;
    let associates = match decision {
        RestrictionDecision::Agreed(_) => {
            crate::associate::to_tell(store, kind, told, |e| e.associate.to_be_told(kind, dated))?
        }
        RestrictionDecision::Denied(_) => Vec::new(),
    };
    // The response names the associates the notices go to.
    let decision = match decision {
        RestrictionDecision::Agreed(a) => RestrictionDecision::Agreed(RestrictionAgreed {
            business_associates: associates
                .iter()
                .map(|e| e.associate.name.clone())
                .collect(),
            ..a.clone()
        }),
        denied => denied.clone(),
    };
    let mut response =
        letter::restriction_response(&org, recipient, dated, r.received_on, &decision);
    if r.requester_role != RequesterRole::Individual {
        response = response.about(&r.participant_name);
    }
    let (entry, notices) = match &decision {
        RestrictionDecision::Agreed(a) => {
            let notices = crate::associate::notices_to(r.id, &associates, kind, dated, |e| {
                letter::restriction_notice(
                    &org,
                    &e.associate.addressee(),
                    dated,
                    &r.participant_name,
                    &a.restriction,
                    dated,
                )
            });
            (
                NewRestriction {
                    request_id: r.id,
                    wording: a.restriction.clone(),
                    terms: a.terms.clone(),
                    agreed: true,
                    business_associates: a.business_associates.clone(),
                    decided_on: dated,
                },
                notices,
            )
        }
        RestrictionDecision::Denied(_) => (
            NewRestriction {
                request_id: r.id,
                wording: if r.summary.trim().is_empty() {
                    "Restriction as requested".to_owned()
                } else {
                    r.summary.clone()
                },
                terms: None,
                agreed: false,
                business_associates: Vec::new(),
                decided_on: dated,
            },
            Vec::new(),
        ),
    };
    crate::letter::issue_telling(
        store,
        Some(r.id),
        &response,
        &[],
        &notices,
        With::Restriction(&entry),
    )
}

/// The participant's restriction register: every decision, agreed ones with their end.
pub fn list(store: &Store, participant_id: i64) -> Result<Vec<RestrictionRow>> {
    let agreed = store.agreed_restrictions(participant_id)?;
    let mut rows = Vec::new();
    for r in store.restrictions_of(participant_id)? {
        let end_candidates = if r.agreed && r.ended_on.is_none() {
            let told = told_of(store, &r)?;
            crate::associate::candidates(store, |e| told.contains(&e.id))?
        } else {
            Vec::new()
        };
        rows.push(RestrictionRow {
            id: r.id,
            request_id: r.request_id,
            wording: r.restriction,
            agreed: r.agreed,
            business_associates: r.business_associates,
            decided_on: r.decided_on,
            ended_on: r.ended_on,
            ended_by: agreed
                .iter()
                .find(|a| a.id == r.id)
                .and_then(|a| a.ended_by),
            end_candidates,
        });
    }
    Ok(rows)
}

/// The register ids of the associates told of a restriction: its notices, or (for one agreed
/// before the notices were kept) the register's entries of the names it lists.
fn told_of(store: &Store, entry: &desk_store::RestrictionEntry) -> Result<Vec<i64>> {
    let told = crate::associate::told_of(store, entry.request_id, NoticeKind::Restriction)?;
    if !told.is_empty() {
        return Ok(told);
    }
    Ok(store
        .associates()?
        .into_iter()
        .filter(|e| {
            entry
                .business_associates
                .iter()
                .any(|n| n.trim() == e.associate.name.trim())
        })
        .map(|e| e.id)
        .collect())
}

/// End an agreed restriction from `ended_on` (today or later), by `individual` or `plan`: a
/// letter to the individual and a notice to each business associate told of it, kept with the
/// end in one write. Returns the letter to the individual (its request page lists them all).
pub fn end(
    store: &mut Store,
    restriction_id: i64,
    ended_on: &str,
    ended_by: &str,
) -> Result<LetterDone> {
    end_telling(
        store,
        &EndRestrictionForm {
            restriction_id,
            ended_on: ended_on.to_owned(),
            ended_by: ended_by.to_owned(),
            associate_ids: None,
        },
    )
}

/// [`end`] telling the associates staff ticked (by register id; null: those told of the
/// restriction), each notice kept with its entry in the associates' notices. Refused on
/// `associateIds` for an associate not in the register or whose agreement has ended.
pub fn end_telling(store: &mut Store, form: &EndRestrictionForm) -> Result<LetterDone> {
    let restriction_id = form.restriction_id;
    let on = form::date(&form.ended_on, "endedOn")?;
    let by: EndedBy = parse_code(&form.ended_by, "endedBy")?;
    let dated = crate::today(store);
    let entry = store.restriction_entry(restriction_id)?;
    let r = store.request(entry.request_id)?;
    let recipient = crate::letter::addressee_of(store, &r, dated)?;
    let org = store.organization()?;
    let mut to_individual = letter::restriction_ended(
        &org,
        &recipient,
        dated,
        &entry.restriction,
        entry.decided_on,
        on,
        by,
    );
    if r.requester_role != RequesterRole::Individual {
        to_individual = to_individual.about(&r.participant_name);
    }
    let told = told_of(store, &entry)?;
    let kind = NoticeKind::RestrictionEnd;
    let to = crate::associate::to_tell(store, kind, form.associate_ids.as_deref(), |e| {
        told.contains(&e.id)
    })?;
    let notices = crate::associate::notices_to(r.id, &to, kind, dated, |e| {
        letter::restriction_ended_notice(
            &org,
            &e.associate.addressee(),
            dated,
            &r.participant_name,
            &entry.restriction,
            on,
            by,
        )
    });
    crate::letter::issue_telling(
        store,
        Some(r.id),
        &to_individual,
        &[],
        &notices,
        With::RestrictionEnd {
            restriction_id,
            on,
            by,
        },
    )
}
