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

/// What a request's clock is worked out from: the stored facts of one case on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockFacts {
    /// The right with a clock; `None` for a request answered "promptly".
    pub right: Option<Right>,
    pub received_on: NaiveDate,
    /// A contact asked to write whose written request has not come: no clock runs.
    pub awaiting_written_request: bool,
    /// The day the written request came, for a contact asked to write.
    pub written_request_on: Option<NaiveDate>,
    /// The day the extension was given (its notice drafted).
    pub extension_given_on: Option<NaiveDate>,
    /// The day the extension's notice was first mailed: it counts as noticed then.
    pub extension_mailed_on: Option<NaiveDate>,
    /// The extended due date given with the extension (at most 30 days past the first).
    pub extended_due_on: Option<NaiveDate>,
    /// The day the answer went out.
    pub answered_on: Option<NaiveDate>,
    /// Closed or withdrawn without an answer.
    pub ended_unanswered: bool,
    pub today: NaiveDate,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// How the due date was worked out, step by step ("received 2026-03-02", "30 days →
/// 2026-04-01", "extension noticed 2026-03-28 (mailed that day) → 2026-05-01", "answered
/// 2026-04-20, on time"): the request page shows it under the due date and the case file
/// prints it. An extension counts from the day its notice was first mailed, and only when that
/// was on or before the first due date.
pub fn working(f: &ClockFacts) -> Vec<String> {
    let mut steps = vec![format!("received {}", iso(f.received_on))];
    let from = match f.written_request_on {
        Some(on) => {
            steps.push(format!(
                "written request came {}, the clock runs from it",
                iso(on)
            ));
            on
        }
        None if f.awaiting_written_request => {
            steps.push("awaiting a written request: no clock runs until it comes".to_string());
            return steps;
        }
        None => f.received_on,
    };
    let Some(right) = f.right else {
        steps.push("to be answered promptly: no fixed period".to_string());
        steps.push(match f.answered_on {
            Some(on) => format!("answered {}", iso(on)),
            None if f.ended_unanswered => "ended without an answer".to_string(),
            None => format!(
                "not yet answered, {} since it came",
                days((f.today - from).num_days().max(0))
            ),
        });
        return steps;
    };
    let Ok(first) = due_on(right, from) else {
        steps.push("the due date falls outside the supported calendar".to_string());
        return steps;
    };
    steps.push(format!("{} days → {}", right.period_days(), iso(first)));
    let extended = f
        .extended_due_on
        .or_else(|| extended_due_on(right, from).ok());
    let mut due = first;
    match (f.extension_given_on, f.extension_mailed_on) {
        (None, None) => {}
        (Some(given), None) => steps.push(format!(
            "extension given {}, its notice not yet mailed: {} counts until it is",
            iso(given),
            iso(first)
        )),
        (given, Some(mailed)) => {
            let noticed = match given {
                Some(g) if g == mailed => format!("extension noticed {} (mailed that day)", iso(g)),
                Some(g) => format!(
                    "extension given {}, noticed {} (mailed then)",
                    iso(g),
                    iso(mailed)
                ),
                None => format!("extension noticed {} (mailed that day)", iso(mailed)),
            };
            match (extension_status(first, Some(mailed)), extended) {
                (Extension::Valid, Some(ext)) => {
                    due = ext;
                    steps.push(format!("{noticed} → {}", iso(ext)));
                }
                _ => steps.push(format!(
                    "{noticed}, after the first period ended: it extends nothing, {} counts",
                    iso(first)
                )),
            }
        }
    }
    steps.push(match f.answered_on {
        Some(on) if on <= due => format!("answered {}, on time", iso(on)),
        Some(on) => format!("answered {}, {} late", iso(on), days((on - due).num_days())),
        None if f.ended_unanswered => "ended without an answer".to_string(),
        None if f.today > due => format!(
            "not answered: {} overdue on {}",
            days((f.today - due).num_days()),
            iso(f.today)
        ),
        None if f.today == due => format!("not yet answered: due today, {}", iso(f.today)),
        None => format!(
            "not yet answered: {} left on {}",
            days((due - f.today).num_days()),
            iso(f.today)
        ),
    });
    steps
}

/// [`working`] as one line, its steps joined by semicolons.
pub fn working_sentence(f: &ClockFacts) -> String {
    working(f).join("; ")
}

#[cfg(test)]
mod working_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn access(received: &str, today: &str) -> ClockFacts {
        ClockFacts {
            right: Some(Right::Access),
            received_on: d(received),
            awaiting_written_request: false,
            written_request_on: None,
            extension_given_on: None,
            extension_mailed_on: None,
            extended_due_on: None,
            answered_on: None,
            ended_unanswered: false,
            today: d(today),
        }
    }

    #[test]
    fn the_working_reads_as_the_office_would_explain_it() {
        let extended_on_time = ClockFacts {
            extension_given_on: Some(d("2026-03-28")),
            extension_mailed_on: Some(d("2026-03-28")),
            extended_due_on: Some(d("2026-05-01")),
            answered_on: Some(d("2026-04-20")),
            ..access("2026-03-02", "2026-06-01")
        };
        let late_notice = ClockFacts {
            extension_given_on: Some(d("2026-03-30")),
            extension_mailed_on: Some(d("2026-04-03")),
            extended_due_on: Some(d("2026-05-01")),
            answered_on: Some(d("2026-04-20")),
            ..access("2026-03-02", "2026-06-01")
        };
        let notice_not_mailed = ClockFacts {
            extension_given_on: Some(d("2026-03-28")),
            extended_due_on: Some(d("2026-05-01")),
            ..access("2026-03-02", "2026-03-29")
        };
        let awaiting = ClockFacts {
            awaiting_written_request: true,
            ..access("2026-03-02", "2026-03-10")
        };
        let written_came = ClockFacts {
            written_request_on: Some(d("2026-03-09")),
            ..access("2026-03-02", "2026-03-10")
        };
        let cases = [
            (
                extended_on_time,
                "received 2026-03-02; 30 days → 2026-04-01; extension noticed 2026-03-28 \
                 (mailed that day) → 2026-05-01; answered 2026-04-20, on time",
            ),
            (
                late_notice,
                "received 2026-03-02; 30 days → 2026-04-01; extension given 2026-03-30, noticed \
                 2026-04-03 (mailed then), after the first period ended: it extends nothing, \
                 2026-04-01 counts; answered 2026-04-20, 19 days late",
            ),
            (
                notice_not_mailed,
                "received 2026-03-02; 30 days → 2026-04-01; extension given 2026-03-28, its \
                 notice not yet mailed: 2026-04-01 counts until it is; not yet answered: 3 days \
                 left on 2026-03-29",
            ),
            (
                access("2026-03-02", "2026-03-31"),
                "received 2026-03-02; 30 days → 2026-04-01; not yet answered: 1 day left on \
                 2026-03-31",
            ),
            (
                access("2026-03-02", "2026-04-06"),
                "received 2026-03-02; 30 days → 2026-04-01; not answered: 5 days overdue on \
                 2026-04-06",
            ),
            (
                ClockFacts {
                    answered_on: Some(d("2026-04-01")),
                    ..access("2026-03-02", "2026-04-06")
                },
                "received 2026-03-02; 30 days → 2026-04-01; answered 2026-04-01, on time",
            ),
            (
                awaiting,
                "received 2026-03-02; awaiting a written request: no clock runs until it comes",
            ),
            (
                written_came,
                "received 2026-03-02; written request came 2026-03-09, the clock runs from it; \
                 30 days → 2026-04-08; not yet answered: 29 days left on 2026-03-10",
            ),
            (
                ClockFacts {
                    right: Some(Right::Accounting),
                    ended_unanswered: true,
                    ..access("2026-03-02", "2026-06-01")
                },
                "received 2026-03-02; 60 days → 2026-05-01; ended without an answer",
            ),
            (
                ClockFacts {
                    right: None,
                    ..access("2026-03-02", "2026-03-05")
                },
                "received 2026-03-02; to be answered promptly: no fixed period; not yet \
                 answered, 3 days since it came",
            ),
        ];
        for (facts, expected) in cases {
            assert_eq!(working_sentence(&facts), expected, "{facts:?}");
        }
    }

    #[test]
    fn the_working_ends_on_the_date_the_clock_counts() {
        // The last date the working arrives at is the effective due date `deadline` computes.
        let facts = ClockFacts {
            extension_given_on: Some(d("2026-03-28")),
            extension_mailed_on: Some(d("2026-03-31")),
            ..access("2026-03-02", "2026-04-10")
        };
        let clock = deadline(
            Right::Access,
            d("2026-03-02"),
            Some(d("2026-03-31")),
            d("2026-04-10"),
        )
        .expect("clock");
        let steps = working(&facts);
        assert!(
            steps[2].ends_with(&iso(clock.effective_due_on)),
            "the extension step ends on the extended date: {steps:?}"
        );
        assert_eq!(steps[3], "not yet answered: 21 days left on 2026-04-10");
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
