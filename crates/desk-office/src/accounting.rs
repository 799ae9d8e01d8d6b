//! An accounting request's accounting: desk-core's result over the logbook, the period asked
//! about, the fee notice, a withdrawal, and the accounting letter.

use chrono::NaiveDate;
use desk_core::accounting::{
    self, AccountingRequest, AccountingStep, Period, SpecialServiceCharge,
};
use desk_core::clock::{self, Right};
use desk_core::disclosure::Disclosure;
use desk_core::letter::{self, AccountingFee, AccountingStatement, Addressee, LetterKind};
use desk_core::organization::Organization;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{RequestSummary, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form::{self, code_of};
use crate::letter::{LetterDone, With};

/// One line of an accounting (a repeated disclosure summarised in `repeated`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountingLine {
    pub on: NaiveDate,
    pub recipient: String,
    pub description: String,
    pub purpose: String,
    /// A summarised repeated disclosure: how often or how many ("3 disclosures")…
    pub repeated: Option<String>,
    /// …and the date of the last.
    pub repeated_last_on: Option<NaiveDate>,
    /// Made on the plan's behalf by this business associate, as the letter names it.
    pub disclosed_by: Option<String>,
}

/// A logged disclosure the accounting leaves out, and why (desk-core's reason code).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcludedLine {
    pub on: NaiveDate,
    pub recipient: String,
    pub reason: String,
    /// Made by this business associate, as the letter would name it.
    pub disclosed_by: Option<String>,
}

/// An accounting request's accounting, as desk-core computes it over the logbook.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountingView {
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
    /// The period the individual asked about (either end open).
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub lines: Vec<AccountingLine>,
    pub excluded: Vec<ExcludedLine>,
    pub free: bool,
    pub previous_on: Option<NaiveDate>,
    #[ts(type = "number")]
    pub pages: u64,
    /// The whole fee: the pages, and the special service charge told in the fee notice.
    #[ts(type = "number")]
    pub fee_cents: u64,
    /// The special service charge of the latest fee notice (0: none), and what it pays for.
    #[ts(type = "number")]
    pub special_charge_cents: u64,
    pub special_charge_reason: String,
    /// desk-core's charge per page of a second accounting in twelve months.
    #[ts(type = "number")]
    pub cents_per_page: u64,
    #[ts(type = "number | null")]
    pub fee_notice_letter_id: Option<i64>,
    #[ts(type = "number | null")]
    pub accounting_letter_id: Option<i64>,
    pub withdrawn: bool,
    /// desk-core's open steps.
    pub steps: Vec<AccountingStep>,
    /// The one 30-day extension may still be noticed (inside the first 60 days, once, before
    /// the accounting is prepared).
    pub extension_open: bool,
}

/// The fee notice as staff send it: an optional special service charge (dollars, blank for
/// none) for extensive clerical or supervisory assistance, and what it pays for.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FeeNoticeForm {
    pub special_charge: String,
    pub special_charge_reason: String,
}

/// The period an accounting request asks about, as typed (YYYY-MM-DD; blank for an open end).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AccountingPeriodForm {
    pub period_from: String,
    pub period_to: String,
}

/// What an accounting request's accounting is: desk-core's result over the logbook, the
/// statement for the letter, and its page count and fee.
struct Computed {
    r: RequestSummary,
    org: Organization,
    /// Who the letters go to (the confidential-communication address when one is in force).
    recipient: Addressee,
    log: Vec<Disclosure>,
    result: accounting::Accounting,
    window: (NaiveDate, NaiveDate),
    statement: AccountingStatement,
    previous: Option<NaiveDate>,
    pages: u64,
    period: Period,
    /// The latest fee notice's special service charge.
    charge: Option<SpecialServiceCharge>,
}

/// desk-core's charge refusal, on the form's field.
fn charge_error(e: accounting::ChargeError) -> Error {
    let field = match e {
        accounting::ChargeError::NoReason => "specialChargeReason",
        _ => "specialCharge",
    };
    Error::field(field, crate::error::rule_sentence(e))
}

fn compute(store: &Store, request_id: i64, dated: NaiveDate) -> Result<Computed> {
    let r = store.request(request_id)?;
    if r.kind != RequestKind::Accounting {
        return Err(Error::field(
            "kind",
            "This is not a request for an accounting.",
        ));
    }
    let org = store.organization()?;
    let (log, suspensions) = store.accounting_inputs(r.participant_id)?;
    let previous = store.previous_accounting_on(r.participant_id, request_id)?;
    let period = store.accounting_period(request_id)?;
    let ask = AccountingRequest {
        requested_on: r.received_on,
        period,
        previous_accounting_on: previous,
        pages: 0,
    };
    // A suspension is tested on the day the accounting is provided: the day it is prepared.
    let mut result = accounting::account_on(&ask, dated, &log, &suspensions)
        .map_err(|e| Error::field(e.field(), e.to_string()))?;
    let window = accounting::window(ask.requested_on, ask.period);
    let included: Vec<Disclosure> = result.included.iter().map(|&i| log[i].clone()).collect();
    let mut statement = AccountingStatement::summarised(window.0, window.1, &included, 0);
    // The fee is counted by the page of the letter itself, as printed regularly: large print
    // is an accommodation and costs the reader nothing more.
    let recipient = crate::letter::addressee_of(store, &r, dated)?;
    let model = letter::accounting(&org, &recipient, dated, r.received_on, &statement);
    let pages = desk_letters::page_count(&model, &org)
        .map_err(|_| Error::internal("laying out the accounting"))? as u64;
    let charge = store.accounting_charge(request_id)?;
    result.fee_cents =
        accounting::fee_with_charge(result.free, pages, charge.as_ref()).map_err(charge_error)?;
    statement.fee_cents = result.fee_cents;
    Ok(Computed {
        r,
        org,
        recipient,
        log,
        result,
        window,
        statement,
        previous,
        pages,
        period,
        charge,
    })
}

fn letter_of_kind(store: &Store, request_id: i64, kind: LetterKind) -> Result<Option<i64>> {
    let kind = code_of(&kind);
    Ok(store
        .letters_of(request_id)?
        .into_iter()
        .rev()
        .find(|l| l.kind == kind)
        .map(|l| l.id))
}

/// desk-core's verdict on the next step of an accounting request, as the form's error.
fn check_step(store: &Store, request_id: i64, step: AccountingStep) -> Result<()> {
    let progress = store.accounting_progress(request_id)?;
    accounting::check_step(progress, step)
        .map_err(|e| Error::from(desk_store::FieldError::new(e.field(), e.to_string())))
}

/// The accounting an accounting request would give today.
pub fn get(store: &Store, request_id: i64) -> Result<AccountingView> {
    let c = compute(store, request_id, crate::today(store))?;
    let progress = store.accounting_progress(request_id)?;
    Ok(AccountingView {
        window_from: c.window.0,
        window_to: c.window.1,
        period_from: c.period.from,
        period_to: c.period.to,
        lines: c
            .statement
            .printed()
            .into_iter()
            .map(|e| AccountingLine {
                on: e.on,
                recipient: e.recipient.clone(),
                description: e.description.clone(),
                purpose: if e.written_request_of.is_some() {
                    "(the copy of the written request is enclosed)".to_owned()
                } else {
                    e.purpose.clone()
                },
                repeated: e.repeated.as_ref().map(|r| r.frequency.clone()),
                repeated_last_on: e.repeated.as_ref().map(|r| r.last_on),
                disclosed_by: e.disclosed_by.clone(),
            })
            .collect(),
        excluded: c
            .result
            .excluded
            .iter()
            .filter_map(|(i, why)| {
                c.log.get(*i).map(|d| ExcludedLine {
                    on: d.on,
                    recipient: d.recipient.clone(),
                    reason: why.code().to_owned(),
                    disclosed_by: d.by_associate.clone(),
                })
            })
            .collect(),
        free: c.result.free,
        previous_on: c.previous,
        pages: c.pages,
        fee_cents: c.result.fee_cents,
        special_charge_cents: c.charge.as_ref().map_or(0, |x| x.cents),
        special_charge_reason: c.charge.map(|x| x.reason).unwrap_or_default(),
        cents_per_page: accounting::CENTS_PER_PAGE,
        fee_notice_letter_id: letter_of_kind(store, request_id, LetterKind::AccountingFeeNotice)?,
        accounting_letter_id: letter_of_kind(store, request_id, LetterKind::Accounting)?,
        withdrawn: c.r.status == RequestStatus::Withdrawn,
        steps: accounting::open_steps(progress).into_iter().collect(),
        extension_open: accounting::check_extension(progress).is_ok()
            && clock::deadline(
                Right::Accounting,
                c.r.clock_from(),
                c.r.extension_noticed_on,
                crate::today(store),
            )
            .is_ok_and(|d| d.extension_available),
    })
}

/// Why an accounting needs more time.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ExtensionForm {
    pub reason: String,
}

/// The one 30-day extension (164.528(c)(1)(ii)): the written notice, with the reason and the
/// new date, kept with the new due date in one write. Refused on `reason` without one, or when
/// the first 60 days have run out or the extension was used; on `fee` once withdrawn or
/// answered.
pub fn extend(store: &mut Store, request_id: i64, form: &ExtensionForm) -> Result<LetterDone> {
    let dated = crate::today(store);
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(Error::field("reason", "Say why more time is needed."));
    }
    let progress = store.accounting_progress(request_id)?;
    accounting::check_extension(progress)
        .map_err(|e| Error::from(desk_store::FieldError::new(e.field(), e.to_string())))?;
    let c = compute(store, request_id, dated)?;
    let respond_by = clock::extended_due_on(Right::Accounting, c.r.clock_from())
        .map_err(|_| Error::field("reason", "The extended date is out of range."))?;
    let model = letter::accounting_extension_notice(
        &c.org,
        &c.recipient,
        dated,
        c.r.clock_from(),
        &desk_core::decision::Extension {
            reason: reason.to_owned(),
            respond_by,
        },
    );
    crate::letter::issue(
        store,
        Some(request_id),
        &model,
        &[],
        With::Extension {
            request_id,
            noticed_on: dated,
            extended_due_on: respond_by,
        },
    )
}

/// Record the period the individual asked about (both blank: the full six years).
pub fn set_period(store: &mut Store, request_id: i64, form: &AccountingPeriodForm) -> Result<()> {
    let period = Period {
        from: form::optional_date(&form.period_from, "periodFrom")?,
        to: form::optional_date(&form.period_to, "periodTo")?,
    };
    store.set_accounting_period(request_id, period)?;
    Ok(())
}

/// The fee notice, told before an accounting that is not the first in 12 months. Refused on
/// `fee` when the person's 14 days to answer would run past the due date (desk-core's
/// `fee_reply_within`: the extension first while it is open).
pub fn fee_notice(store: &mut Store, request_id: i64, form: &FeeNoticeForm) -> Result<LetterDone> {
    let dated = crate::today(store);
    check_step(store, request_id, AccountingStep::FeeNotice)?;
    let cents = form::cents(&form.special_charge, "specialCharge")?;
    let charge = (cents > 0).then(|| SpecialServiceCharge {
        cents,
        reason: form.special_charge_reason.trim().to_owned(),
    });
    let c = compute(store, request_id, dated)?;
    let fee_cents = accounting::fee_with_charge(c.result.free, c.pages, charge.as_ref())
        .map_err(charge_error)?;
    let Some(previous_on) = c.previous else {
        return Err(Error::internal("finding the previous accounting"));
    };
    // The person's 14 days to answer must end by the (effective) due date, which an
    // extension moves only once its notice went out.
    let deadline = clock::deadline(
        Right::Accounting,
        c.r.clock_from(),
        c.r.extension_mailed_on,
        dated,
    )
    .map_err(|_| Error::internal("computing the accounting's clock"))?;
    let reply_by = accounting::fee_reply_within(dated, &deadline).map_err(|e| {
        if c.r.extension_noticed_on.is_some() && c.r.extension_mailed_on.is_none() {
            Error::field(
                "fee",
                "The extension counts once its notice is mailed: mark the extension notice as sent first.",
            )
        } else {
            Error::from(desk_store::FieldError::new(e.field(), e.to_string()))
        }
    })?;
    let model = letter::accounting_fee_notice(
        &c.org,
        &c.recipient,
        dated,
        c.r.clock_from(),
        &AccountingFee {
            previous_on,
            pages: u32::try_from(c.pages).unwrap_or(u32::MAX),
            fee_cents,
            reply_by,
            special_charge: charge.clone(),
        },
    );
    crate::letter::issue(
        store,
        Some(request_id),
        &model,
        &[],
        With::FeeNotice {
            request_id,
            charge: charge.as_ref(),
        },
    )
}

/// The person withdrew the request after the fee notice.
pub fn withdraw(store: &mut Store, request_id: i64) -> Result<()> {
    store.withdraw_accounting(request_id)?;
    Ok(())
}

/// The accounting letter (a fee due is told first by the fee notice, and the person may have
/// withdrawn).
pub fn letter(store: &mut Store, request_id: i64) -> Result<LetterDone> {
    let dated = crate::today(store);
    check_step(store, request_id, AccountingStep::Letter)?;
    let c = compute(store, request_id, dated)?;
    let model = letter::accounting(&c.org, &c.recipient, dated, c.r.clock_from(), &c.statement);
    // A disclosure logged with a copy of its written request and no purpose: the copy goes
    // with the letter, numbered as the table refers to it.
    let mut copies = Vec::new();
    for (n, id) in c.statement.enclosures() {
        let entry = c
            .log
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| Error::internal("finding an enclosed disclosure"))?;
        let attachment = id
            .parse::<i64>()
            .ok()
            .map(|id| store.written_request_of(id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::internal("finding a written request to enclose"))?;
        let caption = format!(
            "Enclosure {n}: copy of the written request for the disclosure of {} to {}",
            desk_core::letter::long_date(entry.on),
            entry.recipient.trim()
        );
        copies.push((caption, store.attachment(attachment)?.bytes));
    }
    let enclosures: Vec<desk_letters::Enclosure<'_>> = copies
        .iter()
        .map(|(caption, bytes)| desk_letters::Enclosure { caption, bytes })
        .collect();
    crate::letter::issue_with_enclosures(
        store,
        Some(request_id),
        &model,
        &enclosures,
        With::Answer { request_id },
    )
}
