//! Decisions: grant, extension (the one 30-day extension and its notice) or denial; a denial
//! waits for the Privacy Official's approval. The decision form becomes a desk-core decision here.

use chrono::Local;
use desk_core::clock::{self, Right};
use desk_core::decision::{
    AccessDecision, AccessDenial, AccessDenialGround, AccessGrant, Addressee, AmendmentDecision,
    AmendmentDenial, AmendmentDenialGround, AmendmentGrant, Extension, Format,
};
use desk_core::decision::{ConfidentialCommunicationDecision, RestrictionDecision};
use desk_core::request::RequestKind;
use desk_store::{DecisionOutcome, DecisionRecord, DecisionState};
use tauri::State;

use super::{code_of, parse_code, store_error};
use crate::dto::{ApprovalRow, DecisionForm, DecisionRow};
use crate::error::{ApiError, Result};
use crate::session::Desk;

const DECISION_FIELDS: &[(&str, &str)] = &[
    ("extension", "outcome"),
    ("extended_due_on", "outcome"),
    ("extension_noticed_on", "outcome"),
    ("status", "outcome"),
    ("step", "outcome"),
    ("access", "access"),
    ("grounds", "grounds"),
    ("explanation", "explanation"),
    ("reason", "reason"),
    ("notify", "notify"),
];

/// "Name, address; more address" per line → the people to tell.
fn addressees(text: &str) -> Vec<Addressee> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.split_once(',') {
            Some((name, rest)) => Addressee {
                name: name.trim().to_owned(),
                address: rest
                    .split(';')
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect(),
            },
            None => Addressee {
                name: line.to_owned(),
                address: Vec::new(),
            },
        })
        .collect()
}

/// The form as desk-core's decision for the request's kind (validated in one step).
fn outcome_from(
    form: &DecisionForm,
    kind: RequestKind,
    respond_by: Option<chrono::NaiveDate>,
) -> Result<DecisionOutcome> {
    let extension = || -> Result<Extension> {
        Ok(Extension {
            reason: form.reason.trim().to_owned(),
            respond_by: respond_by.ok_or_else(|| {
                ApiError::field("outcome", "This request has no answer period to extend.")
            })?,
        })
    };
    match (kind, form.outcome.as_str()) {
        (RequestKind::Access, "grant") => Ok(DecisionOutcome::Access(AccessDecision::Grant(
            AccessGrant {
                access: form.access.trim().to_owned(),
                format: parse_code::<Format>(&form.format, "format")?,
                available_on: form.available_on.ok_or_else(|| {
                    ApiError::field("availableOn", "Enter the date access is available.")
                })?,
                fee_cents: u64::from(form.fee_cents.unwrap_or(0)),
            },
        ))),
        (RequestKind::Access, "extension") => Ok(DecisionOutcome::Access(
            AccessDecision::Extension(extension()?),
        )),
        (RequestKind::Access, "denial") => Ok(DecisionOutcome::Access(AccessDecision::Denial(
            AccessDenial {
                grounds: form
                    .grounds
                    .iter()
                    .map(|g| parse_code::<AccessDenialGround>(g, "grounds"))
                    .collect::<Result<_>>()?,
                explanation: form.explanation.trim().to_owned(),
                released: None,
                held_by: None,
            },
        ))),
        (RequestKind::Amendment, "grant") => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Grant(AmendmentGrant {
                notify: addressees(&form.notify),
            }),
        )),
        (RequestKind::Amendment, "extension") => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Extension(extension()?),
        )),
        (RequestKind::Amendment, "denial") => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Denial(AmendmentDenial {
                grounds: form
                    .grounds
                    .iter()
                    .map(|g| parse_code::<AmendmentDenialGround>(g, "grounds"))
                    .collect::<Result<_>>()?,
                explanation: form.explanation.trim().to_owned(),
            }),
        )),
        _ => Err(ApiError::field(
            "outcome",
            "Choose grant, extension or denial for this request.",
        )),
    }
}

/// A decision in plain words for the request page (no PHI beyond what the page shows).
fn summary_of(outcome: &DecisionOutcome) -> String {
    use desk_core::letter::date;
    match outcome {
        DecisionOutcome::Access(AccessDecision::Grant(g)) => format!(
            "{} ({} copies, available {}, fee {})",
            g.access,
            g.format.as_words(),
            date(g.available_on),
            desk_core::letter::dollars(g.fee_cents)
        ),
        DecisionOutcome::Access(AccessDecision::Extension(e))
        | DecisionOutcome::Amendment(AmendmentDecision::Extension(e)) => {
            format!("answer by {}: {}", date(e.respond_by), e.reason)
        }
        DecisionOutcome::Access(AccessDecision::Denial(d)) => d
            .grounds
            .iter()
            .map(|g| g.description())
            .collect::<Vec<_>>()
            .join("; "),
        DecisionOutcome::Amendment(AmendmentDecision::Grant(g)) => {
            format!("amend the record; tell {} people", g.notify.len())
        }
        DecisionOutcome::Amendment(AmendmentDecision::Denial(d)) => d
            .grounds
            .iter()
            .map(|g| g.description())
            .collect::<Vec<_>>()
            .join("; "),
        DecisionOutcome::Restriction(RestrictionDecision::Agreed(a)) => {
            format!("agreed: \u{201c}{}\u{201d}", a.restriction)
        }
        DecisionOutcome::Restriction(RestrictionDecision::Denied(d)) => {
            format!("not agreed: {}", d.reason)
        }
        DecisionOutcome::ConfidentialCommunication(
            ConfidentialCommunicationDecision::Accommodated { means, .. },
        ) => format!("accommodated: {means}"),
        DecisionOutcome::ConfidentialCommunication(ConfidentialCommunicationDecision::Denied {
            reason,
        }) => format!("not accommodated: {reason}"),
        other => code_of(&other.request_kind()),
    }
    .replace('\u{a0}', " ")
}

fn outcome_word(outcome: &DecisionOutcome) -> &'static str {
    if outcome.extension_respond_by().is_some() {
        "extension"
    } else if outcome.is_denial() {
        "denial"
    } else {
        "grant"
    }
}

pub fn decision_row(d: &DecisionRecord) -> DecisionRow {
    DecisionRow {
        id: d.id,
        outcome: outcome_word(&d.outcome).to_owned(),
        summary: summary_of(&d.outcome),
        drafted_by: d.drafted_by_name.clone(),
        drafted_at: d.drafted_at,
        needs_approval: d.outcome.is_denial(),
        approved_by: d.approval.as_ref().map(|a| a.approved_by_name.clone()),
        approved_at: d.approval.as_ref().map(|a| a.approved_at),
    }
}

/// Record a decision: a grant or an extension stands at once; a denial is a draft until the
/// Privacy Official approves it.
#[tauri::command]
pub fn decision_record(desk: State<'_, Desk>, form: DecisionForm) -> Result<DecisionRow> {
    desk.with_store(|store| {
        let r = store
            .request(form.request_id)
            .map_err(|e| store_error(e, &[]))?;
        // The date an extension runs to, by desk-core's clock (a notice on the due day is the
        // latest valid one); the store decides whether today's notice is still in time.
        let respond_by = Right::of_kind(r.kind).and_then(|right| {
            let due = clock::due_on(right, r.received_on).ok()?;
            clock::deadline(right, r.received_on, Some(due), due)
                .ok()
                .map(|d| d.effective_due_on)
        });
        let outcome = outcome_from(&form, r.kind, respond_by)?;
        let id = store
            .draft_decision(form.request_id, &outcome)
            .map_err(|e| store_error(e, DECISION_FIELDS))?;
        let d = store.decision(id).map_err(|e| store_error(e, &[]))?;
        Ok(decision_row(&d))
    })
}

/// Denials waiting for the Privacy Official.
#[tauri::command]
pub fn approval_list(desk: State<'_, Desk>) -> Result<Vec<ApprovalRow>> {
    desk.with_store(|store| {
        let pending = store.pending_approvals().map_err(|e| store_error(e, &[]))?;
        let mut rows = Vec::with_capacity(pending.len());
        for p in pending {
            let d = store
                .decision(p.decision_id)
                .map_err(|e| store_error(e, &[]))?;
            rows.push(ApprovalRow {
                decision_id: p.decision_id,
                request_id: p.request_id,
                kind: code_of(&p.kind),
                participant_name: p.participant_name,
                summary: summary_of(&d.outcome),
                drafted_by: p.drafted_by_name,
                drafted_at: p.drafted_at,
            });
        }
        Ok(rows)
    })
}

/// The Privacy Official approves a drafted denial (the store refuses anyone else).
#[tauri::command]
pub fn decision_approve(desk: State<'_, Desk>, decision_id: i64, note: String) -> Result<()> {
    desk.with_store(|store| {
        let d = store
            .decision(decision_id)
            .map_err(|e| store_error(e, &[]))?;
        if d.state != DecisionState::PendingApproval {
            return Err(ApiError::field(
                "decision",
                "This decision is not waiting for approval.",
            ));
        }
        store
            .approve_decision(decision_id, &note)
            .map_err(|e| store_error(e, &[("note", "note")]))
    })
}

/// Today as the letters date it.
pub fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}
