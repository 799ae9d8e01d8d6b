//! Accountings of disclosures (45 CFR 164.528): which logged disclosures go in, and the fee.
//!
//! The window runs from the latest of (`requested_on` minus six years, same month and day;
//! 14 April 2003; the period asked for) to the earliest of (`requested_on`; the period's end),
//! both ends inclusive. "Same month and day" for 29 February, which six years earlier never
//! exists, is 28 February: the date stays in its month (chrono's month arithmetic), which also
//! gives the individual the longer window. The same rule dates "twelve months before" for the fee.

use crate::authorization::normalized;
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

    /// Does it hold back disclosures to `recipient` (compared ignoring case and spacing)?
    pub fn covers(&self, recipient: &str) -> bool {
        let recipient = normalized(recipient);
        !recipient.is_empty() && normalized(&self.recipient) == recipient
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
    /// One of the nine bases never accounted for.
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

/// Is an accounting requested on `requested_on` free? It is unless one was given in the twelve
/// months before; one exactly twelve months earlier (same day) counts as outside them.
pub fn is_free(requested_on: NaiveDate, previous: Option<NaiveDate>) -> bool {
    let Some(previous) = previous else {
        return true;
    };
    match months_before(requested_on, 12) {
        Some(year_before) => previous <= year_before,
        None => false,
    }
}

/// The first reason, if any, a disclosure stays out of the accounting.
pub fn exclusion(
    disclosure: &Disclosure,
    window: (NaiveDate, NaiveDate),
    requested_on: NaiveDate,
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
        .any(|s| s.is_active_on(requested_on) && s.covers(&disclosure.recipient));
    held_back.then_some(Exclusion::Suspended)
}

/// Builds the accounting (CLI.md `check accounting`).
pub fn account(
    request: &AccountingRequest,
    disclosures: &[Disclosure],
    suspensions: &[Suspension],
) -> Result<Accounting, AccountingError> {
    let window = window(request.requested_on, request.period);
    let mut included = Vec::new();
    let mut excluded = Vec::new();
    for (index, disclosure) in disclosures.iter().enumerate() {
        match exclusion(disclosure, window, request.requested_on, suspensions) {
            Some(reason) => excluded.push((index, reason)),
            None => included.push(index),
        }
    }
    // Stable: ties stay in input order.
    included.sort_by_key(|&i| disclosures[i].on);
    let free = is_free(request.requested_on, request.previous_accounting_on);
    let fee_cents = if free {
        0
    } else {
        request
            .pages
            .checked_mul(CENTS_PER_PAGE)
            .ok_or(AccountingError::FeeOverflow {
                pages: request.pages,
            })?
    };
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
