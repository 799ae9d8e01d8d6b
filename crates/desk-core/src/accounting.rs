//! Accountings of disclosures (45 CFR 164.528): which logged disclosures go in, and the fee.
//!
//! The window runs from the latest of (`requested_on` minus six years, same month and day;
//! 14 April 2003; the period asked for) to the earliest of (`requested_on`; the period's end),
//! both ends inclusive. "Same month and day" for 29 February, which six years earlier never
//! exists, is 28 February: the date stays in its month (chrono's month arithmetic), which also
//! gives the individual the longer window. The same rule dates "twelve months before" for the fee.

use crate::disclosure::{Basis, Disclosure};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// No accounting reaches before the Privacy Rule's compliance date.
pub const COMPLIANCE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2003, 4, 14) {
    Some(date) => date,
    None => panic!("14 April 2003 is a real date"),
};

/// Cents charged per page for a second accounting within twelve months.
pub const CENTS_PER_PAGE: u64 = 15;

/// Days the fee notice gives the person to answer (pay, withdraw or change the request) before
/// the accounting goes ahead.
pub const FEE_REPLY_DAYS: u64 = 14;

/// The day by which the person answers a fee notice dated `dated`.
pub fn fee_reply_by(dated: NaiveDate) -> NaiveDate {
    dated
        .checked_add_days(chrono::Days::new(FEE_REPLY_DAYS))
        .unwrap_or(dated)
}

/// Why a fee notice dated today cannot go out: its reply period would run past the day the
/// accounting is due (164.528(c)(1)), so the Plan could not wait for the answer and still be
/// on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeeReplyError {
    #[error("the 14-day reply period would run past the due date: notice the 30-day extension first, then prepare the fee notice")]
    ExtendFirst,
    #[error("the 14-day reply period would run past the due date, and no extension is left: the fee notice can no longer be answered in time")]
    PastDue,
}

impl FeeReplyError {
    /// The form field the error is about: the fee notice itself.
    pub fn field(&self) -> &'static str {
        "fee"
    }
}

/// The day the person answers a fee notice dated `dated`, when that fits the clock: on or
/// before the (effective) due date of `deadline`. Otherwise the extension comes first while it
/// is still available, and without one the notice is refused.
pub fn fee_reply_within(
    dated: NaiveDate,
    deadline: &crate::clock::Deadline,
) -> Result<NaiveDate, FeeReplyError> {
    let reply_by = fee_reply_by(dated);
    if reply_by <= deadline.effective_due_on {
        Ok(reply_by)
    } else if deadline.extension_available {
        Err(FeeReplyError::ExtendFirst)
    } else {
        Err(FeeReplyError::PastDue)
    }
}

/// The part of the record the individual asked about; either end may be left open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A health oversight agency's or law enforcement's temporary suspension (164.528(a)(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub recipient: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Suspension {
    /// Is the suspension in force on `on` (both ends inclusive)?
    pub fn is_active_on(&self, on: NaiveDate) -> bool {
        self.from <= on && on <= self.to
    }

    /// Does it hold back disclosures to `recipient`? The names are compared ignoring case and
    /// surrounding white space (CLI.md); an unknown (blank) recipient is never held back.
    pub fn covers(&self, recipient: &str) -> bool {
        let recipient = recipient.trim().to_lowercase();
        !recipient.is_empty() && self.recipient.trim().to_lowercase() == recipient
    }

    /// Does it hold back this disclosure? Only a health oversight or law enforcement
    /// disclosure to its recipient (164.528(a)(2)), while the suspension is in force on `on`.
    pub fn holds_back(&self, disclosure: &Disclosure, on: NaiveDate) -> bool {
        disclosure.basis.may_be_suspended()
            && self.is_active_on(on)
            && self.covers(&disclosure.recipient)
    }
}

/// What the individual asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountingRequest {
    pub requested_on: NaiveDate,
    pub period: Period,
    /// The last accounting given to this individual, if any.
    pub previous_accounting_on: Option<NaiveDate>,
    /// Pages the accounting runs to, for the fee.
    pub pages: u64,
}

/// Why a logged disclosure stays out of the accounting, first that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Exclusion {
    /// One of the ten bases never accounted for.
    NeverAccounted(Basis),
    OutsidePeriod,
    Suspended,
}

impl Exclusion {
    /// The reason code of CLI.md: the basis itself, `outside_period` or `suspended`.
    pub fn code(self) -> &'static str {
        match self {
            Exclusion::NeverAccounted(basis) => basis.as_str(),
            Exclusion::OutsidePeriod => "outside_period",
            Exclusion::Suspended => "suspended",
        }
    }
}

/// The result: indexes into the disclosures given, so callers keep their own identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accounting {
    /// The window actually covered; `None` when it is empty (start after end).
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Included disclosures in date order, ties in input order.
    pub included: Vec<usize>,
    /// Excluded disclosures in input order, with the first reason that applies.
    pub excluded: Vec<(usize, Exclusion)>,
    pub free: bool,
    pub fee_cents: u64,
}

/// Why an accounting cannot be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountingError {
    #[error("pages: {pages} pages at 15 cents is more than can be counted")]
    FeeOverflow { pages: u64 },
}

impl AccountingError {
    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            AccountingError::FeeOverflow { .. } => "pages",
        }
    }
}

/// `date` minus `months`, same day of the month; a day the target month lacks becomes its last
/// day (29 February → 28 February). `None` only at the very start of the calendar.
pub fn months_before(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_sub_months(Months::new(months))
}

/// The first and last day an accounting requested on `requested_on` covers; the start may be
/// after the end when the period asked for lies wholly outside the six years.
pub fn window(requested_on: NaiveDate, period: Period) -> (NaiveDate, NaiveDate) {
    let six_years = months_before(requested_on, 72).unwrap_or(NaiveDate::MIN);
    let mut start = six_years.max(COMPLIANCE_DATE);
    if let Some(from) = period.from {
        start = start.max(from);
    }
    let end = match period.to {
        Some(to) => requested_on.min(to),
        None => requested_on,
    };
    (start, end)
}

/// Is an accounting provided on `on` free (the CLI contract asks on `requested_on`)? It is
/// unless one was provided in the twelve months before; one exactly twelve months earlier (same
/// day) counts as outside them.
pub fn is_free(on: NaiveDate, previous: Option<NaiveDate>) -> bool {
    let Some(previous) = previous else {
        return true;
    };
    match months_before(on, 12) {
        Some(year_before) => previous <= year_before,
        None => false,
    }
}

/// The first reason, if any, a disclosure stays out of the accounting provided on
/// `provided_on` (the day a suspension is tested on).
pub fn exclusion(
    disclosure: &Disclosure,
    window: (NaiveDate, NaiveDate),
    provided_on: NaiveDate,
    suspensions: &[Suspension],
) -> Option<Exclusion> {
    if !disclosure.basis.is_accounted() {
        return Some(Exclusion::NeverAccounted(disclosure.basis));
    }
    if disclosure.on < window.0 || disclosure.on > window.1 {
        return Some(Exclusion::OutsidePeriod);
    }
    let held_back = suspensions
        .iter()
        .any(|s| s.holds_back(disclosure, provided_on));
    held_back.then_some(Exclusion::Suspended)
}

/// The fee for an accounting of `pages` pages: nothing for the first in 12 months (`free`),
/// otherwise [`CENTS_PER_PAGE`] a page. The pages are the letter's own, so a caller that lays
/// the letter out after [`account`] prices it here.
pub fn fee_for(free: bool, pages: u64) -> Result<u64, AccountingError> {
    if free {
        return Ok(0);
    }
    pages
        .checked_mul(CENTS_PER_PAGE)
        .ok_or(AccountingError::FeeOverflow { pages })
}

/// A special service charge on a fee-bearing accounting (county procedure: when extensive
/// clerical or supervisory assistance is involved, a reasonable charge based on the cost
/// incurred, on top of the per-page fee). It is told in the fee notice, with what it is for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialServiceCharge {
    pub cents: u64,
    /// The assistance it pays for, in the words of the notice.
    pub reason: String,
}

/// Why a special service charge cannot stand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChargeError {
    #[error("special_charge_reason: say what extensive clerical or supervisory assistance the charge pays for")]
    NoReason,
    #[error("special_charge: the first accounting in 12 months is free, so it carries no charge")]
    Free,
    #[error("special_charge: the fee is more than can be counted")]
    Overflow,
}

impl ChargeError {
    /// The field a form should mark.
    pub fn field(&self) -> &'static str {
        match self {
            ChargeError::NoReason => "special_charge_reason",
            ChargeError::Free | ChargeError::Overflow => "special_charge",
        }
    }
}

/// The whole fee: [`fee_for`] the pages, plus a special service charge (none, or one of 0
/// cents, adds nothing). A free accounting takes no charge; a charge needs its reason.
pub fn fee_with_charge(
    free: bool,
    pages: u64,
    charge: Option<&SpecialServiceCharge>,
) -> Result<u64, ChargeError> {
    let charge = charge.filter(|c| c.cents > 0);
    if let Some(c) = charge {
        if free {
            return Err(ChargeError::Free);
        }
        if c.reason.trim().is_empty() {
            return Err(ChargeError::NoReason);
        }
    }
    let base = fee_for(free, pages).map_err(|_| ChargeError::Overflow)?;
    base.checked_add(charge.map_or(0, |c| c.cents))
        .ok_or(ChargeError::Overflow)
}

/// Builds the accounting (CLI.md `check accounting`): the contract tests a suspension on
/// `requested_on`; the app, which knows the day the accounting is provided, calls
/// [`account_on`].
pub fn account(
    request: &AccountingRequest,
    disclosures: &[Disclosure],
    suspensions: &[Suspension],
) -> Result<Accounting, AccountingError> {
    account_on(request, request.requested_on, disclosures, suspensions)
}

/// Builds the accounting provided on `provided_on`: the right to *receive* an accounting is
/// what a suspension suspends (164.528(a)(2)), so a suspension in force that day holds its
/// disclosures back, even one stated after the request was received; and it is free unless an
/// accounting was provided in the twelve months before that day.
pub fn account_on(
    request: &AccountingRequest,
    provided_on: NaiveDate,
    disclosures: &[Disclosure],
    suspensions: &[Suspension],
) -> Result<Accounting, AccountingError> {
    let window = window(request.requested_on, request.period);
    let mut included = Vec::new();
    let mut excluded = Vec::new();
    for (index, disclosure) in disclosures.iter().enumerate() {
        match exclusion(disclosure, window, provided_on, suspensions) {
            Some(reason) => excluded.push((index, reason)),
            None => included.push(index),
        }
    }
    // Stable: ties stay in input order.
    included.sort_by_key(|&i| disclosures[i].on);
    let free = is_free(provided_on, request.previous_accounting_on);
    let fee_cents = fee_for(free, request.pages)?;
    Ok(Accounting {
        window: (window.0 <= window.1).then_some(window),
        included,
        excluded,
        free,
        fee_cents,
    })
}

/// An oral suspension lasts at most this many days from the day it was stated, unless a
/// written statement is given within them (164.528(a)(2)(ii)).
pub const ORAL_SUSPENSION_DAYS: u64 = 30;

/// A suspension statement as the agency or official gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspensionStatement {
    /// The agency or official that asked (for the log; not compared).
    pub agency: String,
    /// Whose disclosures are held back (compared with each disclosure's recipient).
    pub recipient: String,
    /// The day the statement was made (an oral one's 30 days count from it).
    pub stated_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Given (or confirmed) in writing.
    pub written: bool,
}

/// Why a suspension statement cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SuspensionError {
    #[error("agency: is required")]
    AgencyMissing,
    #[error("recipient: is required")]
    RecipientMissing,
    #[error("to: the suspension ends before it starts")]
    EndsBeforeStart,
    #[error("from: a suspension cannot start before the statement was made")]
    StartsBeforeStatement,
    #[error("confirmedOn: the written statement came after the oral one's 30 days")]
    ConfirmedTooLate,
    #[error("confirmedOn: the statement is already in writing")]
    AlreadyWritten,
}

impl SuspensionError {
    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            SuspensionError::AgencyMissing => "agency",
            SuspensionError::RecipientMissing => "recipient",
            SuspensionError::EndsBeforeStart => "to",
            SuspensionError::StartsBeforeStatement => "from",
            SuspensionError::ConfirmedTooLate | SuspensionError::AlreadyWritten => "confirmedOn",
        }
    }
}

impl SuspensionStatement {
    /// The last day an oral statement can hold, `None` for a written one.
    pub fn oral_limit(&self) -> Option<NaiveDate> {
        (!self.written).then(|| {
            self.stated_on
                .checked_add_days(chrono::Days::new(ORAL_SUSPENSION_DAYS))
                .unwrap_or(NaiveDate::MAX)
        })
    }

    /// The suspension in force: the period asked for, cut at 30 days after an oral statement.
    pub fn effective(&self) -> Result<Suspension, SuspensionError> {
        if self.agency.trim().is_empty() {
            return Err(SuspensionError::AgencyMissing);
        }
        if self.recipient.trim().is_empty() {
            return Err(SuspensionError::RecipientMissing);
        }
        if self.to < self.from {
            return Err(SuspensionError::EndsBeforeStart);
        }
        if self.from < self.stated_on {
            return Err(SuspensionError::StartsBeforeStatement);
        }
        let to = match self.oral_limit() {
            Some(limit) => self.to.min(limit),
            None => self.to,
        };
        Ok(Suspension {
            recipient: self.recipient.trim().to_owned(),
            from: self.from,
            to,
        })
    }

    /// An oral statement confirmed in writing on `on`: from then on it holds for the whole
    /// period asked for; a confirmation after the 30 days does not revive it.
    pub fn confirmed_in_writing(
        &self,
        on: NaiveDate,
    ) -> Result<SuspensionStatement, SuspensionError> {
        let Some(limit) = self.oral_limit() else {
            return Err(SuspensionError::AlreadyWritten);
        };
        if on > limit {
            return Err(SuspensionError::ConfirmedTooLate);
        }
        Ok(SuspensionStatement {
            written: true,
            ..self.clone()
        })
    }
}

/// Why a period asked for cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    #[error("the end of the period comes before its start")]
    EndBeforeStart,
    #[error("the period cannot start after the request was received")]
    StartsAfterRequest,
}

impl PeriodError {
    /// The form field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            PeriodError::EndBeforeStart => "period_to",
            PeriodError::StartsAfterRequest => "period_from",
        }
    }
}

/// A period the individual asked for, as recorded on an accounting request received on
/// `requested_on`. Either end may be open; an end after the request date, or a start before the
/// six years, is allowed and cut by [`window`] (the letter says what the accounting covers).
pub fn check_period(requested_on: NaiveDate, period: Period) -> Result<(), PeriodError> {
    if let (Some(from), Some(to)) = (period.from, period.to) {
        if to < from {
            return Err(PeriodError::EndBeforeStart);
        }
    }
    if period.from.is_some_and(|from| from > requested_on) {
        return Err(PeriodError::StartsAfterRequest);
    }
    Ok(())
}

/// Where an accounting request stands: what has been prepared for it so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountingProgress {
    /// The accounting is free (the first in twelve months).
    pub free: bool,
    pub fee_notice_prepared: bool,
    pub accounting_prepared: bool,
    pub withdrawn: bool,
    /// The requester was verified (not a contact still unverified, referred, or waiting to
    /// write): nothing about the disclosures goes out before.
    pub verified: bool,
}

/// What staff may do next on an accounting request.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountingStep {
    /// Record (or correct) the period the individual asked about.
    SetPeriod,
    /// Tell the fee before a paid accounting, so the person may withdraw or change the request.
    FeeNotice,
    /// The person withdrew after the fee notice.
    Withdraw,
    /// The accounting letter itself (again, when a corrected one is needed).
    Letter,
}

/// Why a step is not open on an accounting request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountingStepError {
    #[error("the request was withdrawn")]
    Withdrawn,
    #[error("this accounting is free: it is the first in 12 months, so no fee notice is due")]
    Free,
    #[error("a fee is due: prepare the fee notice first, so the person may withdraw or change the request")]
    FeeNoticeFirst,
    #[error("only a request whose fee notice was prepared can be withdrawn for the fee")]
    NoFeeNotice,
    #[error("the accounting letter was prepared: the period it covers can no longer change")]
    PeriodFixed,
    #[error("the accounting letter was prepared: the request is answered")]
    Answered,
    #[error("the requester is not verified: no fee notice or accounting goes out before")]
    NotVerified,
    #[error(
        "the requester is not verified: no business associate is asked for its disclosures before"
    )]
    AskNotVerified,
}

impl AccountingStepError {
    /// The form field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            AccountingStepError::PeriodFixed => "period_from",
            AccountingStepError::NotVerified | AccountingStepError::AskNotVerified => "status",
            _ => "fee",
        }
    }
}

/// Is `step` open at `progress`? The fee notice comes before a paid accounting (164.528(c)(2):
/// the individual is told the fee in advance and may withdraw or modify the request), a
/// withdrawal only follows the notice, nothing follows a withdrawal, and the period is fixed
/// once the accounting is prepared. A changed period after the fee notice changes the fee, so
/// the notice may then be prepared again.
pub fn check_step(
    progress: AccountingProgress,
    step: AccountingStep,
) -> Result<(), AccountingStepError> {
    if progress.withdrawn {
        return Err(AccountingStepError::Withdrawn);
    }
    if !progress.verified && matches!(step, AccountingStep::FeeNotice | AccountingStep::Letter) {
        return Err(AccountingStepError::NotVerified);
    }
    match step {
        AccountingStep::SetPeriod if progress.accounting_prepared => {
            Err(AccountingStepError::PeriodFixed)
        }
        AccountingStep::SetPeriod => Ok(()),
        AccountingStep::FeeNotice if progress.free => Err(AccountingStepError::Free),
        AccountingStep::FeeNotice if progress.accounting_prepared => {
            Err(AccountingStepError::Answered)
        }
        AccountingStep::FeeNotice => Ok(()),
        AccountingStep::Withdraw if progress.free || !progress.fee_notice_prepared => {
            Err(AccountingStepError::NoFeeNotice)
        }
        AccountingStep::Withdraw if progress.accounting_prepared => {
            Err(AccountingStepError::Answered)
        }
        AccountingStep::Withdraw => Ok(()),
        AccountingStep::Letter if !progress.free && !progress.fee_notice_prepared => {
            Err(AccountingStepError::FeeNoticeFirst)
        }
        AccountingStep::Letter if progress.accounting_prepared => {
            Err(AccountingStepError::Answered)
        }
        AccountingStep::Letter => Ok(()),
    }
}

/// May the 30-day extension (164.528(c)(1)(ii)) still be noticed, as far as the accounting's own
/// steps go? Not once the person withdrew, nor once the accounting was prepared. (The lifecycle
/// and the clock decide the rest: once, and inside the first 60 days.)
pub fn check_extension(progress: AccountingProgress) -> Result<(), AccountingStepError> {
    if progress.withdrawn {
        Err(AccountingStepError::Withdrawn)
    } else if progress.accounting_prepared {
        Err(AccountingStepError::Answered)
    } else {
        Ok(())
    }
}

/// May the Plan ask its business associates for their disclosures in the period
/// (164.528(b)(1)), or record what they send? Not before the requester is verified (the
/// associate learns whose accounting it is), nor once the person withdrew or the accounting
/// was prepared (it could no longer include them).
pub fn check_ask_associates(progress: AccountingProgress) -> Result<(), AccountingStepError> {
    if progress.withdrawn {
        Err(AccountingStepError::Withdrawn)
    } else if !progress.verified {
        Err(AccountingStepError::AskNotVerified)
    } else if progress.accounting_prepared {
        Err(AccountingStepError::Answered)
    } else {
        Ok(())
    }
}

/// The steps open at `progress`, in the order staff take them.
pub fn open_steps(progress: AccountingProgress) -> Vec<AccountingStep> {
    [
        AccountingStep::SetPeriod,
        AccountingStep::FeeNotice,
        AccountingStep::Withdraw,
        AccountingStep::Letter,
    ]
    .into_iter()
    .filter(|&s| check_step(progress, s).is_ok())
    .collect()
}
