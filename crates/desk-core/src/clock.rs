//! Answer clocks: when access, amendment and accounting requests are due, and the one extension.
//!
//! 45 CFR 164.524(b)(2) (access: 30 days), 164.526(b)(2) (amendment: 60 days) and 164.528(c)(1)
//! (accounting: 60 days) each allow one extension of 30 days, and only when the written notice of
//! it went out on or before the original due date. Days are calendar days.

use crate::request::RequestKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Days added by the one extension the rule allows.
pub const EXTENSION_DAYS: u32 = 30;

/// The right being exercised, for the three requests that run on a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Right {
    /// Inspect or copy (164.524): 30 days.
    Access,
    /// Amend (164.526): 60 days.
    Amendment,
    /// Accounting of disclosures (164.528): 60 days.
    Accounting,
}

impl Right {
    /// The period, in calendar days, the plan has to answer.
    pub fn period_days(self) -> u32 {
        match self {
            Right::Access => 30,
            Right::Amendment | Right::Accounting => 60,
        }
    }

    /// The clocked right behind a request kind, if that kind runs on a clock at all
    /// (restrictions and confidential communications are answered "promptly").
    pub fn of_kind(kind: RequestKind) -> Option<Right> {
        match kind {
            RequestKind::Access => Some(Right::Access),
            RequestKind::Amendment => Some(Right::Amendment),
            RequestKind::Accounting => Some(Right::Accounting),
            _ => None,
        }
    }

    /// The name used on the wire and in letters.
    pub fn as_str(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Amendment => "amendment",
            Right::Accounting => "accounting",
        }
    }
}

/// What became of an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Extension {
    /// No extension notice was sent.
    None,
    /// Noticed on or before the original due date: 30 more days.
    Valid,
    /// Noticed after the original due date: it extends nothing.
    Late,
}

impl Extension {
    pub fn as_str(self) -> &'static str {
        match self {
            Extension::None => "none",
            Extension::Valid => "valid",
            Extension::Late => "late",
        }
    }
}

/// The clock of one request on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// `received_on` + the period: the original due date, kept even when extended.
    pub due_on: NaiveDate,
    pub extension: Extension,
    /// `due_on`, plus 30 days for a valid extension.
    pub effective_due_on: NaiveDate,
    /// No extension notice was sent yet and `as_of` is on or before `due_on`.
    pub extension_available: bool,
    /// `effective_due_on` − `as_of`; negative when overdue.
    pub days_left: i64,
    /// `as_of` is after `effective_due_on`.
    pub overdue: bool,
}

/// Why a clock cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClockError {
    /// Adding the period or the extension leaves the calendar chrono can represent.
    #[error("{field}: the due date falls outside the supported calendar")]
    OutOfRange { field: &'static str },
    /// The extension's notice is dated before the request was received (CLI.md revision 2).
    #[error("extension_noticed_on: the notice is dated before the request was received")]
    NoticedBeforeReceipt,
}

impl ClockError {
    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            ClockError::OutOfRange { field } => field,
            ClockError::NoticedBeforeReceipt => "extension_noticed_on",
        }
    }
}

/// The due date for a right received on `received_on`, without any extension.
pub fn due_on(right: Right, received_on: NaiveDate) -> Result<NaiveDate, ClockError> {
    received_on
        .checked_add_days(chrono::Days::new(u64::from(right.period_days())))
        .ok_or(ClockError::OutOfRange {
            field: "received_on",
        })
}

/// The date an extended request must be answered by: the original due date plus the one
/// extension's 30 days.
pub fn extended_due_on(right: Right, received_on: NaiveDate) -> Result<NaiveDate, ClockError> {
    due_on(right, received_on)?
        .checked_add_days(chrono::Days::new(u64::from(EXTENSION_DAYS)))
        .ok_or(ClockError::OutOfRange {
            field: "extension_noticed_on",
        })
}

/// Is an extension whose notice went out on `noticed_on` valid for a request due on `due_on`?
pub fn extension_status(due_on: NaiveDate, noticed_on: Option<NaiveDate>) -> Extension {
    match noticed_on {
        None => Extension::None,
        Some(noticed) if noticed <= due_on => Extension::Valid,
        Some(_) => Extension::Late,
    }
}

/// The full clock of a request on `as_of` (CLI.md `check deadline`). A notice dated before the
/// request was received cannot be judged ([`ClockError::NoticedBeforeReceipt`]).
pub fn deadline(
    right: Right,
    received_on: NaiveDate,
    extension_noticed_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<Deadline, ClockError> {
    if extension_noticed_on.is_some_and(|noticed| noticed < received_on) {
        return Err(ClockError::NoticedBeforeReceipt);
    }
    let due_on = due_on(right, received_on)?;
    let extension = extension_status(due_on, extension_noticed_on);
    let effective_due_on = match extension {
        Extension::Valid => due_on
            .checked_add_days(chrono::Days::new(u64::from(EXTENSION_DAYS)))
            .ok_or(ClockError::OutOfRange {
                field: "extension_noticed_on",
            })?,
        Extension::None | Extension::Late => due_on,
    };
    let days_left = effective_due_on.signed_duration_since(as_of).num_days();
    Ok(Deadline {
        due_on,
        extension,
        effective_due_on,
        extension_available: extension_noticed_on.is_none() && as_of <= due_on,
        days_left,
        overdue: as_of > effective_due_on,
    })
}

/// A request's answer due within this many days counts as due soon on the dashboard.
pub const DUE_SOON_DAYS: i64 = 5;

/// How pressing an open request is on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Urgency {
    /// Days until the effective due date (negative once overdue); `None` when answered "promptly".
    pub days_left: Option<i64>,
    /// `today` is after the effective due date.
    pub overdue: bool,
    /// Not overdue, and [`DUE_SOON_DAYS`] or fewer days left.
    pub due_soon: bool,
}

/// The dashboard's reading of an effective due date (`None` for requests answered promptly).
pub fn urgency(effective_due_on: Option<NaiveDate>, today: NaiveDate) -> Urgency {
    let days_left = effective_due_on.map(|due| (due - today).num_days());
    let overdue = days_left.is_some_and(|d| d < 0);
    let due_soon = days_left.is_some_and(|d| (0..=DUE_SOON_DAYS).contains(&d));
    Urgency {
        days_left,
        overdue,
        due_soon,
    }
}

#[cfg(test)]
mod urgency_tests {
    use super::*;

    #[test]
    fn due_soon_is_five_days_or_fewer_and_overdue_is_after_the_due_day() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 10).expect("date");
        let at = |d: i64| Some(today + chrono::Days::new(0) + chrono::Duration::days(d));
        for (due, days, overdue, soon) in [
            (at(6), Some(6), false, false),
            (at(5), Some(5), false, true),
            (at(0), Some(0), false, true),
            (at(-1), Some(-1), true, false),
            (None, None, false, false),
        ] {
            let u = urgency(due, today);
            assert_eq!(
                (u.days_left, u.overdue, u.due_soon),
                (days, overdue, soon),
                "due {due:?}"
            );
        }
    }
}
