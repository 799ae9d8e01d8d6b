//! Decisions: grant, extension (the one 30-day extension and its notice) or denial; a denial
//! waits for the Privacy Official's approval. The decision form becomes desk-core's decision here,
//! and the response letter for the decision in force is issued from here.

use desk_core::clock::{self, Right};
use desk_core::decision::Addressee;
use desk_core::decision::{
    AccessDecision, AccessDenial, AccessGrant, AmendmentDecision, AmendmentDenial, AmendmentGrant,
    ConfidentialCommunicationDecision, Extension, RestrictionDecision,
};
use desk_core::letter;
use desk_core::request::RequestKind;
use desk_store::{DecisionOutcome, DecisionRecord, DecisionState, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form::{self, code_of, parse_code};

/// A decision as drafted, with its approval.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DecisionRow {
    #[ts(type = "number")]
    pub id: i64,
    pub outcome: OutcomeKind,
    /// In plain words, for the request page.
    pub summary: String,
    pub drafted_by: String,
    #[ts(type = "string")]
    pub drafted_at: chrono::DateTime<chrono::Utc>,
    /// A denial waits for the Privacy Official; grants and extensions need no approval.
    pub needs_approval: bool,
    pub approved_by: Option<String>,
    #[ts(type = "string | null")]
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// A denial the Privacy Official sent back: it waits for nobody.
    pub returned: bool,
}

/// A decision as the decision form sends it.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    pub outcome: OutcomeKind,
    /// Access grant: how and where access is given.
    pub access: String,
    /// Access grant: `paper` or `electronic`.
    pub format: String,
    /// Access grant: when the copies or the inspection are ready.
    pub available_on: Option<chrono::NaiveDate>,
    /// Access grant: the fee, priced by desk-core's rule and told in advance.
    pub fee: FeeForm,
    /// Amendment grant: the people to tell, one per line: `Name, address; more address`.
    pub notify: String,
    /// Extension: why more time is needed.
    pub reason: String,
    /// Denial: the grounds (desk-core codes).
    pub grounds: Vec<String>,
    /// Denial: the explanation in plain words.
    pub explanation: String,
    /// Access denial in part: what is released (blank: the denial is whole).
    pub released: String,
    /// Access denial in part: what is denied, for the grounds given.
    pub withheld: String,
    /// Access denial: the business associate of the register that holds records the plan
    /// does not (its name and address are printed from the register); null when none.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub held_by_associate_id: Option<i64>,
    /// Access denial: another holder of records the plan does not, not an associate: its name,
    /// then its address, one line each; blank when none.
    pub held_by: String,
}

impl DecisionForm {
    /// A form for `outcome` with every other field blank, for a caller to fill in.
    pub fn new(request_id: i64, outcome: OutcomeKind) -> Self {
        DecisionForm {
            request_id,
            outcome,
            access: String::new(),
            format: String::new(),
            available_on: None,
            fee: FeeForm::default(),
            notify: String::new(),
            reason: String::new(),
            grounds: Vec::new(),
            explanation: String::new(),
            released: String::new(),
            withheld: String::new(),
            held_by_associate_id: None,
            held_by: String::new(),
        }
    }
}

/// How the plan prices a copy (45 CFR 164.524(c)(4)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FeeMethod {
    /// No fee.
    #[default]
    None,
    /// The actual cost: copying labour, supplies and postage, each as it is.
    Actual,
    /// The posted average-cost schedule: a rate per page, or per electronic copy.
    Average,
    /// One flat fee, at most $6.50, for electronic copies of electronic records only.
    Flat,
}

/// The fee as the decision form sends it: sums of money as typed ("12.50"), checked here.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FeeForm {
    pub method: FeeMethod,
    /// How the records are kept: `paper` or `electronic`.
    pub records: String,
    /// Actual cost: labour for copying (or converting).
    pub copying: String,
    /// Actual cost: paper, toner, a CD or USB drive.
    pub supplies: String,
    /// Actual or average cost: postage, when the copy is mailed.
    pub postage: String,
    /// Average cost: pages copied (paper copies).
    pub pages: String,
    /// Average cost: the schedule's rate, per page (paper) or per electronic copy.
    pub rate: String,
    /// Flat fee.
    pub flat: String,
    /// A summary the person agreed to, with its fee (blank: none).
    pub summary: String,
}

/// desk-core's input fields → the fee form's.
fn fee_field(core: &str) -> &'static str {
    match core {
        "method.cents" => "fee.flat",
        "method.pages" => "fee.pages",
        "copy" => "fee.method",
        "postage_cents" => "fee.postage",
        "agreed_summary_cents" => "fee.summary",
        _ => "fee.copying",
    }
}

/// The fee, priced by desk-core (only copying labour, supplies, postage and an agreed summary;
/// a flat fee at most $6.50 and only for electronic copies of electronic records). `copy` is
/// the copy the person asked for. A refusal names the fee form's field.
pub(crate) fn fee_cents(fee: &FeeForm, copy: desk_core::fee::Format) -> Result<u64> {
    use desk_core::fee::{self, Cost, FeeLine, FeeRequest, Method, Schedule};
    let money = |text: &str, field: &str| form::cents(text, field);
    let method = match fee.method {
        FeeMethod::None => return Ok(0),
        FeeMethod::Actual => Method::ActualCost {
            lines: [
                (Cost::CopyingLabour, money(&fee.copying, "fee.copying")?),
                (Cost::Supplies, money(&fee.supplies, "fee.supplies")?),
            ]
            .into_iter()
            .filter(|(_, cents)| *cents > 0)
            .map(|(cost, cents)| FeeLine { cost, cents })
            .collect(),
        },
        FeeMethod::Average => {
            let rate = money(&fee.rate, "fee.rate")?;
            let pages = match copy {
                fee::Format::Paper => fee
                    .pages
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| Error::field("fee.pages", "Enter how many pages are copied."))?,
                _ => 0,
            };
            Method::AverageCost {
                schedule: Schedule {
                    per_page_cents: rate,
                    per_electronic_copy_cents: rate,
                },
                pages,
            }
        }
        FeeMethod::Flat => {
            if fee.flat.trim().is_empty() {
                return Err(Error::field("fee.flat", "Enter the flat fee."));
            }
            Method::Flat {
                cents: money(&fee.flat, "fee.flat")?,
            }
        }
    };
    let summary = money(&fee.summary, "fee.summary")?;
    let request = FeeRequest {
        method,
        copy,
        records: parse_code(&fee.records, "fee.records")?,
        postage_cents: if fee.method == FeeMethod::Flat {
            0
        } else {
            money(&fee.postage, "fee.postage")?
        },
        agreed_summary_cents: (summary > 0).then_some(summary),
    };
    fee::estimate(&request).map(|e| e.total_cents).map_err(|e| {
        let message = match &e {
            fee::FeeError::FlatFeeTooHigh { cents } => format!(
                "A flat fee may be at most {}, not {}.",
                letter::dollars(fee::FLAT_FEE_LIMIT_CENTS),
                letter::dollars(*cents)
            ),
            other => crate::error::rule_sentence(other),
        };
        Error::field(fee_field(e.field()), message)
    })
}

/// A denial waiting for the Privacy Official.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApprovalRow {
    #[ts(type = "number")]
    pub decision_id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    pub kind: RequestKind,
    pub participant_name: String,
    pub summary: String,
    pub drafted_by: String,
    #[ts(type = "string")]
    pub drafted_at: chrono::DateTime<chrono::Utc>,
}

/// The store's names for the decision's fields → the decision form's.
const DECISION_FIELDS: &[(&str, &str)] = &[
    ("extension", "outcome"),
    ("extendedDueOn", "outcome"),
    ("extensionNoticedOn", "outcome"),
    ("status", "outcome"),
    ("step", "outcome"),
];

/// The form as desk-core's decision for the request's kind (validated in one step).
fn outcome_from(
    form: &DecisionForm,
    kind: RequestKind,
    received_on: chrono::NaiveDate,
    due_on: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    associates: &[desk_store::AssociateEntry],
) -> Result<DecisionOutcome> {
    // Where to send the request (164.524(d)(3)): a business associate of the register, its
    // name and address as the register has them, or another holder as typed.
    let typed = form::lines(&form.held_by);
    let holder = match (form.held_by_associate_id, typed.as_slice()) {
        (Some(_), [_, ..]) => {
            return Err(Error::field(
                "heldBy",
                "Choose an associate from the register or type another holder, not both.",
            ))
        }
        (Some(id), []) => {
            let a = associates
                .iter()
                .find(|e| e.id == id && e.associate.active_on(today))
                .ok_or_else(|| {
                    Error::field(
                        "heldByAssociateId",
                        "Choose a business associate of the register whose agreement runs.",
                    )
                })?;
            let to = a.associate.addressee();
            Some(
                std::iter::once(to.name)
                    .chain(to.address)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }
        (None, [_]) => {
            return Err(Error::field(
                "heldBy",
                "Give the holder's name, then its address on the lines below.",
            ))
        }
        (None, []) => None,
        (None, lines) => Some(lines.join("\n")),
    };
    if !form.withheld.trim().is_empty() && form.released.trim().is_empty() {
        return Err(Error::field(
            "released",
            "Say what is released: a partial denial gives access to the rest.",
        ));
    }
    let extension = || -> Result<Extension> {
        let right = Right::of_kind(kind).ok_or_else(|| {
            Error::field("outcome", "This request has no answer period to extend.")
        })?;
        Ok(Extension {
            reason: form.reason.trim().to_owned(),
            respond_by: clock::extended_due_on(right, received_on)
                .map_err(|_| Error::field("outcome", "The extended date is out of range."))?,
        })
    };
    match (kind, form.outcome) {
        (RequestKind::Access, OutcomeKind::Grant) => {
            let format = parse_code(&form.format, "format")?;
            let available_on = form.available_on.ok_or_else(|| {
                Error::field("availableOn", "Enter the date access is available.")
            })?;
            // No later than the due date; once that has passed, at once.
            if let Some(due) = due_on {
                if available_on > due.max(today) {
                    let message = if due < today {
                        "The due date has passed: access must be given now, today.".to_owned()
                    } else {
                        format!(
                            "Access must be given by the due date, {}.",
                            desk_core::letter::date(due)
                        )
                    };
                    return Err(Error::field("availableOn", message));
                }
            }
            Ok(DecisionOutcome::Access(AccessDecision::Grant(
                AccessGrant {
                    access: form.access.trim().to_owned(),
                    format,
                    available_on,
                    fee_cents: fee_cents(&form.fee, format.into())?,
                },
            )))
        }
        (RequestKind::Access, OutcomeKind::Extension) => Ok(DecisionOutcome::Access(
            AccessDecision::Extension(extension()?),
        )),
        (RequestKind::Access, OutcomeKind::Denial) => Ok(DecisionOutcome::Access(
            AccessDecision::Denial(AccessDenial {
                grounds: grounds(form)?,
                explanation: form.explanation.trim().to_owned(),
                released: Some(form.released.trim().to_owned()).filter(|s| !s.is_empty()),
                withheld: Some(form.withheld.trim().to_owned()).filter(|s| !s.is_empty()),
                held_by: holder,
            }),
        )),
        (RequestKind::Amendment, OutcomeKind::Grant) => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Grant(AmendmentGrant {
                notify: form::named_addresses(&form.notify)
                    .into_iter()
                    .map(|(name, address)| Addressee { name, address })
                    .collect(),
            }),
        )),
        (RequestKind::Amendment, OutcomeKind::Extension) => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Extension(extension()?),
        )),
        (RequestKind::Amendment, OutcomeKind::Denial) => Ok(DecisionOutcome::Amendment(
            AmendmentDecision::Denial(AmendmentDenial {
                grounds: grounds(form)?,
                explanation: form.explanation.trim().to_owned(),
            }),
        )),
        _ => Err(Error::field(
            "outcome",
            "Choose grant, extension or denial for this request.",
        )),
    }
}

/// The denial's grounds as desk-core's codes (access or amendment grounds).
fn grounds<T: serde::de::DeserializeOwned>(form: &DecisionForm) -> Result<Vec<T>> {
    form.grounds
        .iter()
        .map(|g| parse_code(g, "grounds"))
        .collect()
}

/// A decision in plain words for the request page (no PHI beyond what the page shows).
fn summary_of(outcome: &DecisionOutcome) -> String {
    use desk_core::letter::date;
    let grounds = |descriptions: Vec<&str>| descriptions.join("; ");
    match outcome {
        DecisionOutcome::Access(AccessDecision::Grant(g)) => format!(
            "{} ({} copies, available {}, fee {})",
            g.access,
            g.format.as_words(),
            date(g.available_on),
            letter::dollars(g.fee_cents)
        ),
        DecisionOutcome::Access(AccessDecision::Extension(e))
        | DecisionOutcome::Amendment(AmendmentDecision::Extension(e)) => {
            format!("answer by {}: {}", date(e.respond_by), e.reason)
        }
        DecisionOutcome::Access(AccessDecision::Denial(d)) => {
            grounds(d.grounds.iter().map(|g| g.description()).collect())
        }
        DecisionOutcome::Amendment(AmendmentDecision::Grant(g)) => {
            format!("amend the record; tell {} people", g.notify.len())
        }
        DecisionOutcome::Amendment(AmendmentDecision::Denial(d)) => {
            grounds(d.grounds.iter().map(|g| g.description()).collect())
        }
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

/// What kind of answer a decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OutcomeKind {
    Grant,
    Extension,
    Denial,
}

impl OutcomeKind {
    pub fn of(outcome: &DecisionOutcome) -> Self {
        if outcome.extension_respond_by().is_some() {
            OutcomeKind::Extension
        } else if outcome.is_denial() {
            OutcomeKind::Denial
        } else {
            OutcomeKind::Grant
        }
    }
}

pub fn row(d: &DecisionRecord) -> DecisionRow {
    DecisionRow {
        id: d.id,
        outcome: OutcomeKind::of(&d.outcome),
        summary: summary_of(&d.outcome),
        drafted_by: d.drafted_by_name.clone(),
        drafted_at: d.drafted_at,
        // A denial, or a decision the Privacy Official makes that staff drafted.
        needs_approval: d.outcome.is_denial()
            || d.approval.is_some()
            || matches!(
                d.state,
                DecisionState::PendingApproval | DecisionState::Returned
            ),
        approved_by: d.approval.as_ref().map(|a| a.approved_by_name.clone()),
        approved_at: d.approval.as_ref().map(|a| a.approved_at),
        returned: d.state == DecisionState::Returned,
    }
}

/// Draft a decision the registers' forms made (restriction, confidential communication).
pub(crate) fn draft(
    store: &mut Store,
    request_id: i64,
    outcome: &DecisionOutcome,
    names: &'static [(&'static str, &'static str)],
) -> Result<DecisionRow> {
    let id = store
        .draft_decision(request_id, outcome)
        .map_err(fields(names))?;
    Ok(row(&store.decision(id)?))
}

/// Record a decision: a grant or an extension stands at once (the store checks the extension's
/// notice is in time); a denial is a draft until the Privacy Official approves it.
pub fn record(store: &mut Store, form: &DecisionForm) -> Result<DecisionRow> {
    let r = store.request(form.request_id)?;
    let associates = store.associates()?;
    let outcome = outcome_from(
        form,
        r.kind,
        r.clock_from(),
        r.effective_due_on(),
        crate::today(store),
        &associates,
    )?;
    draft(store, form.request_id, &outcome, DECISION_FIELDS)
}

/// Denials waiting for the Privacy Official.
pub fn approvals(store: &Store) -> Result<Vec<ApprovalRow>> {
    let pending = store.pending_approvals()?;
    let mut rows = Vec::with_capacity(pending.len());
    for p in pending {
        let d = store.decision(p.decision_id)?;
        rows.push(ApprovalRow {
            decision_id: p.decision_id,
            request_id: p.request_id,
            kind: p.kind,
            participant_name: p.participant_name,
            summary: summary_of(&d.outcome),
            drafted_by: p.drafted_by_name,
            drafted_at: p.drafted_at,
        });
    }
    Ok(rows)
}

/// The Privacy Official approves a drafted denial (the store refuses anyone else).
/// The Privacy Official sends a drafted denial back with her reason (refused on `reason` without
/// one); staff see it on the request page and revise the denial or decide otherwise.
pub fn return_denial(store: &mut Store, decision_id: i64, reason: &str) -> Result<()> {
    store.return_denial(decision_id, reason)?;
    Ok(())
}

pub fn approve(store: &mut Store, decision_id: i64, note: &str) -> Result<()> {
    let d = store.decision(decision_id)?;
    if d.state != DecisionState::PendingApproval {
        return Err(Error::field(
            "decision",
            "This decision is not waiting for approval.",
        ));
    }
    store.approve_decision(decision_id, note)?;
    Ok(())
}
