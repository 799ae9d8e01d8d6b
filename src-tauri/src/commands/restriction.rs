//! Restrictions (164.522(a)): the decision (agree, with the questionnaire's answers 1–3, or
//! deny), its letters — the response and one notice per business associate, kept with the
//! register entry in one write — ending a restriction, and the conflict check (and a minimal
//! recording) of a new disclosure.

use chrono::NaiveDate;
use desk_core::authorization::ProposedDisclosure;
use desk_core::decision::{Addressee, RestrictionAgreed, RestrictionDecision, RestrictionDenied};
use desk_core::disclosure::Basis;
use desk_core::letter;
use desk_core::restriction::{EndedBy, RestrictionTerms};
use desk_store::{DecisionOutcome, NewLetter, NewRestriction, RequestSummary, Store};
use tauri::State;

use super::{capitalise, code_of, parse_code, store_error};
use crate::dto::{
    ConflictView, DecisionRow, DisclosureCheckForm, LetterDone, RestrictionDecisionForm,
    RestrictionRow,
};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The form as desk-core's restriction decision (the terms checked by desk-core).
fn decision_from(form: &RestrictionDecisionForm, store: &Store) -> Result<RestrictionDecision> {
    match form.outcome.as_str() {
        "agree" => {
            let terms = RestrictionTerms {
                information: form.information.trim().to_owned(),
                manner: form.manner.trim().to_owned(),
                not_disclosed_to: lines(&form.not_disclosed_to),
            };
            terms
                .validate()
                .map_err(|e| ApiError::field(e.field, capitalise(e.problem)))?;
            let org = store.organization().map_err(|e| store_error(e, &[]))?;
            Ok(RestrictionDecision::Agreed(RestrictionAgreed {
                restriction: terms.wording(),
                business_associates: org
                    .business_associates
                    .iter()
                    .map(|b| b.name.trim().to_owned())
                    .filter(|n| !n.is_empty())
                    .collect(),
                terms: Some(terms),
            }))
        }
        "deny" if form.reason.trim().is_empty() => Err(ApiError::field(
            "reason",
            "Say why the plan cannot agree to the restriction.",
        )),
        "deny" => Ok(RestrictionDecision::Denied(RestrictionDenied {
            reason: form.reason.trim().to_owned(),
        })),
        _ => Err(ApiError::field("outcome", "Choose agree or deny.")),
    }
}

/// Record the decision on a restriction request. Agreeing stands at once; a denial waits for
/// the Privacy Official like every denial.
#[tauri::command]
pub fn restriction_decide(
    desk: State<'_, Desk>,
    form: RestrictionDecisionForm,
) -> Result<DecisionRow> {
    desk.with_store(|store| {
        let decision = decision_from(&form, store)?;
        let id = store
            .draft_decision(form.request_id, &DecisionOutcome::Restriction(decision))
            .map_err(|e| {
                store_error(
                    e,
                    &[
                        ("restriction", "information"),
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

/// The response letter and, when agreed, one notice to each business associate in the
/// organization profile, kept with the register entry in one write (called by `letter_create`).
pub fn create_letters(
    store: &mut Store,
    r: &RequestSummary,
    recipient: &Addressee,
    decision: &RestrictionDecision,
    dated: NaiveDate,
    about_participant: bool,
) -> Result<LetterDone> {
    let already = store
        .restrictions_of(r.participant_id)
        .map_err(|e| store_error(e, &[]))?
        .iter()
        .any(|x| x.request_id == r.id);
    if already {
        return Err(ApiError::field(
            "decision",
            "The letters for this restriction were already prepared: open them below.",
        ));
    }
    let org = store.organization().map_err(|e| store_error(e, &[]))?;
    let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
    let render = |model: &letter::Letter| {
        desk_letters::render(model, &org, signature.as_deref())
            .map_err(|_| ApiError::internal("rendering the letter"))
    };
    let mut response =
        letter::restriction_response(&org, recipient, dated, r.received_on, decision);
    if about_participant {
        response = response.about(&r.participant_name);
    }
    let mut letters = vec![NewLetter {
        request_id: Some(r.id),
        kind: code_of(&response.kind),
        pdf: render(&response)?,
        corrects_id: None,
    }];
    let mut told = Vec::new();
    let entry = match decision {
        RestrictionDecision::Agreed(a) => {
            for ba in org
                .business_associates
                .iter()
                .filter(|b| a.business_associates.iter().any(|n| n == b.name.trim()))
            {
                let notice = letter::restriction_notice(
                    &org,
                    &Addressee {
                        name: ba.name.trim().to_owned(),
                        address: ba.address.clone(),
                    },
                    dated,
                    &r.participant_name,
                    &a.restriction,
                    dated,
                );
                letters.push(NewLetter {
                    request_id: Some(r.id),
                    kind: code_of(&notice.kind),
                    pdf: render(&notice)?,
                    corrects_id: None,
                });
                told.push(ba.name.trim().to_owned());
            }
            NewRestriction {
                request_id: r.id,
                wording: a.restriction.clone(),
                terms: a.terms.clone(),
                agreed: true,
                business_associates: told,
                decided_on: dated,
            }
        }
        RestrictionDecision::Denied(_) => NewRestriction {
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
    };
    let (_, ids) = store
        .record_restriction(&entry, &letters)
        .map_err(|e| store_error(e, &[]))?;
    let meta = store.letter(ids[0]).map_err(|e| store_error(e, &[]))?.meta;
    Ok(LetterDone {
        letter_id: ids[0],
        sha256: meta.sha256,
        title: super::letter::title_of(&meta.kind),
    })
}

/// The participant's restriction register: every decision, agreed ones with their end.
#[tauri::command]
pub fn restriction_list(desk: State<'_, Desk>, participant_id: i64) -> Result<Vec<RestrictionRow>> {
    desk.with_store(|store| {
        let agreed = store
            .agreed_restrictions(participant_id)
            .map_err(|e| store_error(e, &[]))?;
        Ok(store
            .restrictions_of(participant_id)
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .map(|r| RestrictionRow {
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
                    .and_then(|a| a.ended_by)
                    .map(|b| code_of(&b)),
            })
            .collect())
    })
}

/// End an agreed restriction from `ended_on` (today or later), by `individual` or `plan`: a
/// letter to the individual and a notice to each business associate told of it, kept with the
/// end in one write. Returns the letter to the individual (its request page lists them all).
#[tauri::command]
pub fn restriction_end(
    desk: State<'_, Desk>,
    restriction_id: i64,
    ended_on: String,
    ended_by: String,
) -> Result<LetterDone> {
    let on = super::date_field(&ended_on, "endedOn")?;
    let by: EndedBy = parse_code(&ended_by, "endedBy")?;
    let dated = super::decision::today();
    desk.with_store(|store| {
        let entry = store
            .restriction_entry(restriction_id)
            .map_err(|e| store_error(e, &[]))?;
        let r = store
            .request(entry.request_id)
            .map_err(|e| store_error(e, &[]))?;
        let to_the_individual = r.requester_role == desk_core::person::RequesterRole::Individual;
        let usual = match store.requester_of(r.id).map_err(|e| store_error(e, &[]))? {
            Some(q) => Addressee {
                name: q.name,
                address: q.address,
            },
            None => Addressee {
                name: r.participant_name.clone(),
                address: store
                    .participant(r.participant_id)
                    .map_err(|e| store_error(e, &[]))?
                    .address
                    .lines(),
            },
        };
        let recipient = super::communication::addressed(
            store,
            r.participant_id,
            to_the_individual,
            usual,
            dated,
        )?;
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
        let render = |model: &letter::Letter| {
            desk_letters::render(model, &org, signature.as_deref())
                .map_err(|_| ApiError::internal("rendering the letter"))
        };
        let mut to_individual = letter::restriction_ended(
            &org,
            &recipient,
            dated,
            &entry.restriction,
            entry.decided_on,
            on,
            by,
        );
        if !to_the_individual {
            to_individual = to_individual.about(&r.participant_name);
        }
        let mut letters = vec![NewLetter {
            request_id: Some(r.id),
            kind: code_of(&to_individual.kind),
            pdf: render(&to_individual)?,
            corrects_id: None,
        }];
        for ba in org
            .business_associates
            .iter()
            .filter(|b| entry.business_associates.iter().any(|n| n == b.name.trim()))
        {
            let notice = letter::restriction_ended_notice(
                &org,
                &Addressee {
                    name: ba.name.trim().to_owned(),
                    address: ba.address.clone(),
                },
                dated,
                &r.participant_name,
                &entry.restriction,
                on,
                by,
            );
            letters.push(NewLetter {
                request_id: Some(r.id),
                kind: code_of(&notice.kind),
                pdf: render(&notice)?,
                corrects_id: None,
            });
        }
        store
            .end_restriction(restriction_id, on, by, &letters)
            .map_err(|e| store_error(e, &[]))?;
        let newest = store
            .letters_of(r.id)
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .rev()
            .find(|l| l.kind == code_of(&to_individual.kind))
            .ok_or_else(|| ApiError::internal("finding the letter"))?;
        Ok(LetterDone {
            letter_id: newest.id,
            sha256: newest.sha256,
            title: super::letter::title_of(&newest.kind),
        })
    })
}

pub fn proposed(form: &DisclosureCheckForm) -> Result<(ProposedDisclosure, Basis)> {
    Ok((
        ProposedDisclosure {
            recipient: form.recipient.trim().to_owned(),
            information: form.description.trim().to_owned(),
            purpose: form.purpose.trim().to_owned(),
            on: form.disclosed_on,
        },
        parse_code(&form.basis, "basis")?,
    ))
}

pub fn warnings(store: &Store, form: &DisclosureCheckForm) -> Result<Vec<ConflictView>> {
    let (p, basis) = proposed(form)?;
    Ok(store
        .disclosure_conflicts(form.participant_id, &p, basis)
        .map_err(|e| store_error(e, &[]))?
        .into_iter()
        .map(|w| ConflictView {
            restriction_id: w.restriction_id,
            quoted: w.quoted,
            message: w.message,
        })
        .collect())
}

/// The warnings a proposed disclosure raises against the participant's agreed restrictions,
/// each quoting the restriction (empty when there is no conflict).
#[tauri::command]
pub fn disclosure_conflicts(
    desk: State<'_, Desk>,
    form: DisclosureCheckForm,
) -> Result<Vec<ConflictView>> {
    desk.with_store(|store| warnings(store, &form))
}
