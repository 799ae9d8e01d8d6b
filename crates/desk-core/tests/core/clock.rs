//! Answer clocks: due dates, the one extension, days left.

use crate::support::d;
use desk_core::clock::{deadline, due_on, Extension, Right};
use desk_core::request::RequestKind;

#[test]
fn periods_follow_the_rule() {
    for (right, days) in [
        (Right::Access, 30),
        (Right::Amendment, 60),
        (Right::Accounting, 60),
    ] {
        assert_eq!(
            right.period_days(),
            days,
            "{right:?}: 164.524/526/528 periods (the county's 60-day off-site access is gone)"
        );
    }
    assert_eq!(
        Right::of_kind(RequestKind::Restriction),
        None,
        "restrictions are answered promptly, not on a clock"
    );
    assert_eq!(Right::of_kind(RequestKind::Access), Some(Right::Access));
}

#[test]
fn due_dates_cross_month_ends_and_leap_days() {
    for (right, received, due) in [
        (Right::Access, "2025-01-31", "2025-03-02"),
        (Right::Access, "2024-01-31", "2024-03-01"),
        (Right::Access, "2024-02-29", "2024-03-30"),
        (Right::Amendment, "2024-12-31", "2025-03-01"),
        (Right::Amendment, "2023-12-31", "2024-02-29"),
        (Right::Accounting, "2025-11-15", "2026-01-14"),
    ] {
        assert_eq!(
            due_on(right, d(received)),
            Ok(d(due)),
            "{right:?} received {received}: calendar days, not months"
        );
    }
}

struct Case {
    right: Right,
    received: &'static str,
    noticed: Option<&'static str>,
    as_of: &'static str,
    due: &'static str,
    extension: Extension,
    effective: &'static str,
    available: bool,
    days_left: i64,
    overdue: bool,
    why: &'static str,
}

#[test]
fn deadline_table() {
    let cases = [
        Case {
            right: Right::Access,
            received: "2025-01-31",
            noticed: None,
            as_of: "2025-02-20",
            due: "2025-03-02",
            extension: Extension::None,
            effective: "2025-03-02",
            available: true,
            days_left: 10,
            overdue: false,
            why: "CLI.md example",
        },
        Case {
            right: Right::Access,
            received: "2025-01-31",
            noticed: Some("2025-03-02"),
            as_of: "2025-03-10",
            due: "2025-03-02",
            extension: Extension::Valid,
            effective: "2025-04-01",
            available: false,
            days_left: 22,
            overdue: false,
            why: "notice on the due day is in time",
        },
        Case {
            right: Right::Access,
            received: "2025-01-31",
            noticed: Some("2025-03-03"),
            as_of: "2025-03-10",
            due: "2025-03-02",
            extension: Extension::Late,
            effective: "2025-03-02",
            available: false,
            days_left: -8,
            overdue: true,
            why: "notice the day after the due day extends nothing",
        },
        Case {
            right: Right::Access,
            received: "2025-01-31",
            noticed: None,
            as_of: "2025-03-02",
            due: "2025-03-02",
            extension: Extension::None,
            effective: "2025-03-02",
            available: true,
            days_left: 0,
            overdue: false,
            why: "on the due day itself: not overdue, extension still possible",
        },
        Case {
            right: Right::Access,
            received: "2025-01-31",
            noticed: None,
            as_of: "2025-03-03",
            due: "2025-03-02",
            extension: Extension::None,
            effective: "2025-03-02",
            available: false,
            days_left: -1,
            overdue: true,
            why: "the day after: overdue, too late to extend",
        },
        Case {
            right: Right::Amendment,
            received: "2025-01-01",
            noticed: Some("2025-01-15"),
            as_of: "2025-04-01",
            due: "2025-03-02",
            extension: Extension::Valid,
            effective: "2025-04-01",
            available: false,
            days_left: 0,
            overdue: false,
            why: "extended amendment, last day",
        },
        Case {
            right: Right::Accounting,
            received: "2024-01-01",
            noticed: None,
            as_of: "2023-12-01",
            due: "2024-03-01",
            extension: Extension::None,
            effective: "2024-03-01",
            available: true,
            days_left: 91,
            overdue: false,
            why: "leap year February counts 29 days",
        },
    ];
    for c in cases {
        let got =
            deadline(c.right, d(c.received), c.noticed.map(d), d(c.as_of)).expect("dates in range");
        assert_eq!(got.due_on, d(c.due), "{}: due_on", c.why);
        assert_eq!(got.extension, c.extension, "{}: extension", c.why);
        assert_eq!(
            got.effective_due_on,
            d(c.effective),
            "{}: effective_due_on",
            c.why
        );
        assert_eq!(
            got.extension_available, c.available,
            "{}: extension_available",
            c.why
        );
        assert_eq!(got.days_left, c.days_left, "{}: days_left", c.why);
        assert_eq!(got.overdue, c.overdue, "{}: overdue", c.why);
    }
}

#[test]
fn the_calendar_edge_is_an_error_not_a_panic() {
    let last = chrono::NaiveDate::MAX;
    assert!(
        deadline(Right::Access, last, None, last).is_err(),
        "a due date past the calendar must be reported, not wrapped"
    );
}

#[test]
fn an_extended_access_request_is_due_thirty_days_after_its_first_due_date() {
    use desk_core::clock::{extended_due_on, Right};
    let received = chrono::NaiveDate::from_ymd_opt(2025, 1, 31).expect("date");
    assert_eq!(
        extended_due_on(Right::Access, received),
        Ok(chrono::NaiveDate::from_ymd_opt(2025, 4, 1).expect("date")),
        "30 days to 03-02, then 30 more"
    );
}

/// CLI.md revision 2: an extension noticed before the request was received cannot be judged,
/// and the error names `extension_noticed_on`.
#[test]
fn an_extension_noticed_before_receipt_is_refused() {
    let err = deadline(
        Right::Access,
        d("2025-01-31"),
        Some(d("2025-01-30")),
        d("2025-02-20"),
    )
    .expect_err("noticed the day before it was received");
    assert_eq!(err.field(), "extension_noticed_on");
    assert!(
        err.to_string().starts_with("extension_noticed_on: "),
        "the message names the field first: {err}"
    );
    let same_day = deadline(
        Right::Access,
        d("2025-01-31"),
        Some(d("2025-01-31")),
        d("2025-02-20"),
    )
    .expect("noticed the day it was received");
    assert_eq!(same_day.extension, Extension::Valid);
}
