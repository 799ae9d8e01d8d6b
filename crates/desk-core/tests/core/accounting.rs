//! Accountings of disclosures (164.528): window, exclusions, suspensions, fee; repeated summaries.

use crate::support::d;
use desk_core::accounting::{
    account, is_free, window, AccountingRequest, Exclusion, Period, Suspension,
};
use desk_core::disclosure::{repeated, Basis, Disclosure};

fn disclosure(id: &str, on: &str, recipient: &str, basis: Basis) -> Disclosure {
    Disclosure {
        id: id.into(),
        on: d(on),
        recipient: recipient.into(),
        recipient_address: String::new(),
        description: "Claims".into(),
        purpose: "Subpoena".into(),
        basis,
        written_request_copy: false,
        by_associate: None,
    }
}

fn request(requested_on: &str) -> AccountingRequest {
    AccountingRequest {
        requested_on: d(requested_on),
        period: Period::default(),
        previous_accounting_on: None,
        pages: 2,
    }
}

#[test]
fn ten_bases_are_never_accounted() {
    let never: Vec<&str> = Basis::ALL
        .iter()
        .filter(|b| !b.is_accounted())
        .map(|b| b.as_str())
        .collect();
    assert_eq!(
        never,
        [
            "treatment",
            "payment",
            "operations",
            "to_individual",
            "incidental",
            "authorization",
            "national_security",
            "correctional_custody",
            "limited_data_set",
            "involvement_in_care"
        ],
        "164.528(a)(1) exceptions, named as CLI.md names them (164.510 among them)"
    );
    let accounted: Vec<&str> = Basis::ALL
        .iter()
        .filter(|b| b.is_accounted())
        .map(|b| b.as_str())
        .collect();
    assert_eq!(
        accounted,
        [
            "required_by_law",
            "judicial",
            "law_enforcement",
            "public_health",
            "health_oversight",
            "abuse_neglect",
            "decedent",
            "organ_donation",
            "research",
            "serious_threat",
            "workers_compensation",
            "impermissible"
        ],
        "the twelve accounted bases: 164.512 and an impermissible disclosure"
    );
    for b in Basis::ALL {
        let wire = serde_json::to_value(b).expect("serialised");
        assert_eq!(wire, b.as_str(), "as_str is the serde name");
    }
}

#[test]
fn the_window() {
    let cases: &[(&str, Period, &str, &str, &str)] = &[
        (
            "2025-06-01",
            Period::default(),
            "2019-06-01",
            "2025-06-01",
            "six years back, same month and day",
        ),
        (
            "2024-02-29",
            Period::default(),
            "2018-02-28",
            "2024-02-29",
            "29 February six years back is 28 February",
        ),
        (
            "2009-01-01",
            Period::default(),
            "2003-04-14",
            "2009-01-01",
            "nothing before the compliance date",
        ),
        (
            "2025-06-01",
            Period {
                from: Some(d("2024-01-01")),
                to: Some(d("2024-12-31")),
            },
            "2024-01-01",
            "2024-12-31",
            "the period asked for",
        ),
        (
            "2025-06-01",
            Period {
                from: Some(d("2010-01-01")),
                to: Some(d("2030-01-01")),
            },
            "2019-06-01",
            "2025-06-01",
            "a period wider than the rule allows is cut",
        ),
        (
            "2025-06-01",
            Period {
                from: None,
                to: Some(d("2020-01-01")),
            },
            "2019-06-01",
            "2020-01-01",
            "open start",
        ),
    ];
    for (requested, period, from, to, why) in cases {
        assert_eq!(window(d(requested), *period), (d(from), d(to)), "{why}");
    }
}

#[test]
fn exclusions_first_reason_wins() {
    let disclosures = [
        disclosure("old", "2019-05-31", "Circuit Court", Basis::Judicial),
        disclosure("edge", "2019-06-01", "Circuit Court", Basis::Judicial),
        disclosure("tpo-old", "2010-01-01", "Blue Cross", Basis::Payment),
        disclosure(
            "susp",
            "2024-01-01",
            "State Oversight Board",
            Basis::HealthOversight,
        ),
        disclosure(
            "susp-old",
            "2018-01-01",
            "state oversight  board",
            Basis::HealthOversight,
        ),
        disclosure("future", "2025-06-02", "Circuit Court", Basis::Judicial),
        disclosure("b", "2024-03-01", "Sheriff", Basis::LawEnforcement),
        disclosure("a", "2024-03-01", "Health Dept", Basis::PublicHealth),
        disclosure(
            "lapsed",
            "2024-04-01",
            "FBI Field Office",
            Basis::LawEnforcement,
        ),
    ];
    let suspensions = [
        Suspension {
            recipient: "State Oversight Board".into(),
            from: d("2025-01-01"),
            to: d("2025-12-31"),
        },
        Suspension {
            recipient: "FBI Field Office".into(),
            from: d("2024-01-01"),
            to: d("2025-05-31"),
        },
    ];
    let got = account(&request("2025-06-01"), &disclosures, &suspensions).expect("priced");
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&i| disclosures[i].id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&got.included),
        ["edge", "b", "a", "lapsed"],
        "date order, ties in input order; the six-year edge day is inside; a lapsed suspension holds nothing back"
    );
    let excluded: Vec<(&str, &str)> = got
        .excluded
        .iter()
        .map(|&(i, r)| (disclosures[i].id.as_str(), r.code()))
        .collect();
    assert_eq!(
        excluded,
        [
            ("old", "outside_period"),
            ("tpo-old", "payment"),
            ("susp", "suspended"),
            ("susp-old", "outside_period"),
            ("future", "outside_period"),
        ],
        "input order; basis before outside_period before suspended"
    );
    assert!(got.free && got.fee_cents == 0, "first accounting is free");
}

#[test]
fn suspension_ends_are_inclusive() {
    let s = Suspension {
        recipient: "Sheriff".into(),
        from: d("2025-01-01"),
        to: d("2025-06-01"),
    };
    assert!(s.is_active_on(d("2025-06-01")), "last day still suspends");
    assert!(s.is_active_on(d("2025-01-01")), "first day suspends");
    assert!(!s.is_active_on(d("2025-06-02")), "lapsed the day after");
    assert!(!s.covers("  "), "a blank recipient is nobody");
}

#[test]
fn the_fee_is_free_once_a_year() {
    for (requested, previous, free, why) in [
        ("2025-06-01", None, true, "never had one"),
        (
            "2025-06-01",
            Some("2024-06-01"),
            true,
            "exactly twelve months earlier counts as outside",
        ),
        (
            "2025-06-01",
            Some("2024-06-02"),
            false,
            "one day inside the twelve months",
        ),
        ("2025-06-01", Some("2025-05-31"), false, "yesterday"),
        (
            "2024-02-29",
            Some("2023-02-28"),
            true,
            "leap day: twelve months earlier is 28 February",
        ),
        (
            "2025-02-28",
            Some("2024-02-29"),
            false,
            "29 February 2024 is within twelve months of 28 February 2025",
        ),
        ("2025-03-31", Some("2024-03-31"), true, "month end"),
    ] {
        assert_eq!(is_free(d(requested), previous.map(d)), free, "{why}");
    }
    let mut paid = request("2025-06-01");
    paid.previous_accounting_on = Some(d("2025-01-01"));
    paid.pages = 7;
    let got = account(&paid, &[], &[]).expect("priced");
    assert_eq!((got.free, got.fee_cents), (false, 105), "15 cents a page");
    paid.pages = u64::MAX;
    assert!(
        account(&paid, &[], &[]).is_err(),
        "an absurd page count is an error, not a wrap"
    );
    let _ = Exclusion::Suspended;
}

#[test]
fn repeated_disclosures_are_summarised() {
    let log = [
        disclosure("r2", "2024-02-01", "Health Dept", Basis::PublicHealth),
        disclosure("r1", "2024-01-01", "Health Dept", Basis::PublicHealth),
        disclosure("x", "2024-01-15", "Sheriff", Basis::LawEnforcement),
        disclosure("r3", "2024-03-01", "health  dept", Basis::PublicHealth),
    ];
    let got = repeated(&log);
    assert_eq!(got.len(), 2, "one group per recipient and purpose");
    assert_eq!(
        (
            got[0].first_id.as_str(),
            got[0].first_on,
            got[0].count,
            got[0].last_on
        ),
        ("r1", d("2024-01-01"), 3, d("2024-03-01")),
        "first, how many, date of the last"
    );
    assert_eq!((got[1].first_id.as_str(), got[1].count), ("x", 1));
}

#[test]
fn the_accounting_letter_summarises_repeated_disclosures() {
    use desk_core::letter::{self, AccountingStatement, Block};
    let log = [
        disclosure("h2", "2024-10-31", "Health Dept", Basis::PublicHealth),
        disclosure("h1", "2024-09-30", "Health Dept", Basis::PublicHealth),
        disclosure("s1", "2024-10-02", "Sheriff", Basis::LawEnforcement),
        disclosure("h3", "2024-11-30", "health  dept", Basis::PublicHealth),
        disclosure("t1", "2024-10-05", "Blue Cross", Basis::Payment),
    ];
    let req = AccountingRequest {
        requested_on: d("2025-06-01"),
        period: Period::default(),
        previous_accounting_on: None,
        pages: 1,
    };
    let acc = account(&req, &log, &[]).expect("accounted");
    let included: Vec<Disclosure> = acc.included.iter().map(|&i| log[i].clone()).collect();
    let (from, to) = acc.window.expect("a window");
    let statement = AccountingStatement::summarised(from, to, &included, acc.fee_cents);
    assert_eq!(
        statement.entries.len(),
        2,
        "three to Health Dept become one"
    );
    let health = &statement.entries[0];
    assert_eq!(health.on, d("2024-09-30"), "the first of them");
    assert_eq!(health.recipient, "Health Dept");
    let rep = health.repeated.as_ref().expect("summarised");
    assert_eq!(rep.frequency, "3 disclosures", "how many");
    assert_eq!(rep.last_on, d("2024-11-30"), "the date of the last");
    assert!(
        statement.entries[1].repeated.is_none(),
        "a single disclosure is not a summary"
    );

    let model = letter::accounting(
        &org(),
        &jane(),
        d("2025-06-10"),
        d("2025-06-01"),
        &statement,
    );
    let rows = model
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t.rows.clone()),
            _ => None,
        })
        .expect("a table");
    assert_eq!(rows.len(), 2, "one row per entry");
    let when = rows[0][0].replace('\u{a0}', " ");
    assert_eq!(
        when, "September 30, 2024 (first); 3 disclosures; last November 30, 2024",
        "first, how many, last"
    );
    assert!(
        rows[0][0].contains("September\u{a0}30,\u{a0}2024")
            && rows[0][0].contains("last\u{a0}November\u{a0}30,\u{a0}2024"),
        "each date is kept on one line: {:?}",
        rows[0][0]
    );
    assert!(
        model
            .plain_text()
            .contains("repeated disclosures to one recipient"),
        "the letter explains the summary"
    );
}

mod period_and_steps {
    use super::*;
    use desk_core::accounting::{
        check_period, check_step, open_steps, AccountingProgress, AccountingStep as Step,
        AccountingStepError as StepError, PeriodError,
    };

    fn period(from: Option<&str>, to: Option<&str>) -> Period {
        Period {
            from: from.map(d),
            to: to.map(d),
        }
    }

    #[test]
    fn a_period_is_checked_on_the_field_it_breaks() {
        let on = d("2026-03-01");
        assert_eq!(check_period(on, Period::default()), Ok(()));
        assert_eq!(
            check_period(on, period(Some("2024-01-01"), Some("2024-12-31"))),
            Ok(())
        );
        // Before the six years or past the request: kept, and cut by the window.
        assert_eq!(
            check_period(on, period(Some("2015-01-01"), Some("2027-01-01"))),
            Ok(())
        );
        assert_eq!(
            window(on, period(Some("2015-01-01"), Some("2027-01-01"))),
            (d("2020-03-01"), on)
        );
        let e = check_period(on, period(Some("2024-12-31"), Some("2024-01-01")))
            .expect_err("the end before the start");
        assert_eq!(
            (e.clone(), e.field()),
            (PeriodError::EndBeforeStart, "period_to")
        );
        let e = check_period(on, period(Some("2026-03-02"), None))
            .expect_err("a start after the request");
        assert_eq!(
            (e.clone(), e.field()),
            (PeriodError::StartsAfterRequest, "period_from")
        );
        // The same day both ends: one day's accounting.
        assert_eq!(
            check_period(on, period(Some("2025-05-05"), Some("2025-05-05"))),
            Ok(())
        );
    }

    #[test]
    fn a_period_narrows_the_accounting() {
        let mut ask = request("2026-03-01");
        let log = [
            disclosure("a", "2023-06-01", "Court", Basis::Judicial),
            disclosure("b", "2024-06-01", "Court", Basis::Judicial),
            disclosure("c", "2025-06-01", "Court", Basis::Judicial),
        ];
        ask.period = period(Some("2024-01-01"), Some("2024-12-31"));
        let result = account(&ask, &log, &[]).expect("accounted");
        assert_eq!(result.included, [1]);
        assert_eq!(
            result.excluded,
            [(0, Exclusion::OutsidePeriod), (2, Exclusion::OutsidePeriod)]
        );
        assert_eq!(result.window, Some((d("2024-01-01"), d("2024-12-31"))));
    }

    fn progress(free: bool, notice: bool, letter: bool, withdrawn: bool) -> AccountingProgress {
        AccountingProgress {
            free,
            fee_notice_prepared: notice,
            accounting_prepared: letter,
            withdrawn,
            verified: true,
        }
    }

    #[test]
    fn nothing_goes_out_to_a_requester_nobody_verified() {
        let p = AccountingProgress {
            verified: false,
            ..progress(true, false, false, false)
        };
        assert_eq!(check_step(p, Step::Letter), Err(StepError::NotVerified));
        assert_eq!(StepError::NotVerified.field(), "status");
        assert_eq!(
            open_steps(p),
            [Step::SetPeriod],
            "only the period may be noted"
        );
        let paid = AccountingProgress {
            verified: false,
            ..progress(false, false, false, false)
        };
        assert_eq!(
            check_step(paid, Step::FeeNotice),
            Err(StepError::NotVerified)
        );
    }

    #[test]
    fn a_free_accounting_goes_straight_to_the_letter() {
        let p = progress(true, false, false, false);
        assert_eq!(open_steps(p), [Step::SetPeriod, Step::Letter]);
        assert_eq!(check_step(p, Step::FeeNotice), Err(StepError::Free));
        assert_eq!(check_step(p, Step::Withdraw), Err(StepError::NoFeeNotice));
    }

    #[test]
    fn a_paid_accounting_needs_the_fee_notice_first() {
        let p = progress(false, false, false, false);
        assert_eq!(open_steps(p), [Step::SetPeriod, Step::FeeNotice]);
        let e = check_step(p, Step::Letter).expect_err("the fee notice comes first");
        assert_eq!((e, e.field()), (StepError::FeeNoticeFirst, "fee"));
        assert_eq!(check_step(p, Step::Withdraw), Err(StepError::NoFeeNotice));
        // After the notice: the person pays (letter), withdraws, or changes the period (and
        // the notice is prepared again with the new fee).
        let p = progress(false, true, false, false);
        assert_eq!(
            open_steps(p),
            [
                Step::SetPeriod,
                Step::FeeNotice,
                Step::Withdraw,
                Step::Letter
            ]
        );
    }

    #[test]
    fn nothing_follows_a_withdrawal_and_the_period_is_fixed_by_the_letter() {
        let p = progress(false, true, false, true);
        assert_eq!(open_steps(p), []);
        assert_eq!(check_step(p, Step::Letter), Err(StepError::Withdrawn));
        let p = progress(false, true, true, false);
        assert_eq!(open_steps(p), [], "the letter answered the request");
        let e = check_step(p, Step::SetPeriod).expect_err("the period is fixed");
        assert_eq!((e, e.field()), (StepError::PeriodFixed, "period_from"));
        assert_eq!(check_step(p, Step::Withdraw), Err(StepError::Answered));
        assert_eq!(check_step(p, Step::FeeNotice), Err(StepError::Answered));
        assert_eq!(check_step(p, Step::Letter), Err(StepError::Answered));
        let p = progress(true, false, true, false);
        assert_eq!(open_steps(p), [], "a free accounting too is answered once");
    }
}

#[test]
fn a_second_accounting_is_priced_by_the_page_and_a_first_is_free() {
    use desk_core::accounting::{fee_for, AccountingError, CENTS_PER_PAGE};
    assert_eq!(fee_for(true, 3), Ok(0), "the first in 12 months is free");
    assert_eq!(fee_for(false, 3), Ok(3 * CENTS_PER_PAGE));
    assert_eq!(
        fee_for(false, u64::MAX),
        Err(AccountingError::FeeOverflow { pages: u64::MAX })
    );
}

#[test]
fn a_fee_notice_is_answered_within_fourteen_days() {
    use desk_core::accounting::fee_reply_by;
    assert_eq!(
        fee_reply_by(d("2025-06-20")),
        d("2025-07-04"),
        "14 days after the notice's date"
    );
}

/// CLI.md revision 2: a suspension holds back only health oversight and law enforcement
/// disclosures to its recipient, matched ignoring case and surrounding white space.
#[test]
fn a_suspension_holds_back_only_oversight_and_law_enforcement_to_its_recipient() {
    let disclosures = [
        disclosure(
            "oversight",
            "2024-01-01",
            "  county sheriff ",
            Basis::HealthOversight,
        ),
        disclosure(
            "police",
            "2024-01-02",
            "COUNTY SHERIFF",
            Basis::LawEnforcement,
        ),
        disclosure("court", "2024-01-03", "County Sheriff", Basis::Judicial),
        disclosure("law", "2024-01-04", "County Sheriff", Basis::RequiredByLaw),
        disclosure("other", "2024-01-05", "City Police", Basis::LawEnforcement),
    ];
    let suspensions = [Suspension {
        recipient: "County Sheriff".into(),
        from: d("2025-01-01"),
        to: d("2025-12-31"),
    }];
    let got = account(&request("2025-06-01"), &disclosures, &suspensions).expect("priced");
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&i| disclosures[i].id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&got.included),
        ["court", "law", "other"],
        "a judicial or required-by-law disclosure to the same recipient is accounted; another recipient is not held back"
    );
    let excluded: Vec<(&str, &str)> = got
        .excluded
        .iter()
        .map(|&(i, r)| (disclosures[i].id.as_str(), r.code()))
        .collect();
    assert_eq!(
        excluded,
        [("oversight", "suspended"), ("police", "suspended")],
        "case and surrounding white space aside, the recipient is the suspension's"
    );
}

/// Issue 15, point 3: the recipient's address is kept beside the name (printed in the
/// accounting, never part of the name a suspension is matched on).
#[test]
fn the_recipient_address_is_printed_beside_the_name() {
    let mut sheriff = disclosure("a", "2024-01-01", "County Sheriff", Basis::Judicial);
    sheriff.recipient_address = "1 Court St".into();
    let entries = desk_core::letter::accounting_entries(&[sheriff]);
    assert_eq!(
        (
            entries[0].recipient.as_str(),
            entries[0].recipient_address.as_deref()
        ),
        ("County Sheriff", Some("1 Court St")),
        "164.528(b)(2)(ii): the name and, when known, the address"
    );
}

/// Issue 15, point 2: the right to *receive* an accounting is suspended (164.528(a)(2)), so a
/// suspension is tested on the day the accounting is provided, and a statement made after the
/// request can apply. Request 2025-06-01; an oral statement on 06-05 covering 06-05 to 07-05;
/// the accounting prepared 06-20.
#[test]
fn a_suspension_applies_on_the_day_the_accounting_is_provided() {
    use desk_core::accounting::{account_on, SuspensionStatement};
    let statement = SuspensionStatement {
        agency: "County Sheriff's Office".into(),
        recipient: "County Sheriff".into(),
        stated_on: d("2025-06-05"),
        from: d("2025-06-05"),
        to: d("2025-07-05"),
        written: false,
    };
    let suspension = statement
        .effective()
        .expect("a statement made after the request is recorded");
    let disclosures = [
        disclosure(
            "agency",
            "2025-03-01",
            "County Sheriff",
            Basis::LawEnforcement,
        ),
        disclosure("court", "2025-03-02", "Circuit Court", Basis::Judicial),
    ];
    let got = account_on(
        &request("2025-06-01"),
        d("2025-06-20"),
        &disclosures,
        std::slice::from_ref(&suspension),
    )
    .expect("priced");
    let excluded: Vec<(&str, &str)> = got
        .excluded
        .iter()
        .map(|&(i, r)| (disclosures[i].id.as_str(), r.code()))
        .collect();
    assert_eq!(
        excluded,
        [("agency", "suspended")],
        "the suspension is in force on the day the accounting is prepared"
    );
    assert_eq!(
        got.included,
        [1],
        "the court's disclosure is still accounted"
    );

    let after = account_on(
        &request("2025-06-01"),
        d("2025-07-06"),
        &disclosures,
        std::slice::from_ref(&suspension),
    )
    .expect("priced");
    assert_eq!(
        after.included,
        [0, 1],
        "prepared after the suspension lapsed, the agency's disclosure is accounted again"
    );
    let contract = account(
        &request("2025-06-01"),
        &disclosures,
        std::slice::from_ref(&suspension),
    )
    .expect("priced");
    assert!(
        contract.excluded.is_empty(),
        "the CLI contract still tests the suspension on requested_on"
    );
}

/// Issue 15, point 6: the fee notice's 14-day reply period must fit the clock. Received
/// 2025-01-01, the accounting is due 03-02 (60 days).
#[test]
fn a_fee_notice_reply_period_fits_the_due_date_or_the_extension_comes_first() {
    use desk_core::accounting::{fee_reply_within, FeeReplyError};
    use desk_core::clock::{deadline, Right};
    let received = d("2025-01-01");
    let plain = |dated: &str| deadline(Right::Accounting, received, None, d(dated)).expect("clock");
    assert_eq!(
        fee_reply_within(d("2025-02-16"), &plain("2025-02-16")),
        Ok(d("2025-03-02")),
        "a reply due on the due date itself fits"
    );
    let late = fee_reply_within(d("2025-02-20"), &plain("2025-02-20"));
    assert_eq!(
        late,
        Err(FeeReplyError::ExtendFirst),
        "a reply by 03-06 runs past 03-02 while the extension is still open"
    );
    assert_eq!(late.expect_err("refused").field(), "fee");

    let extended = deadline(
        Right::Accounting,
        received,
        Some(d("2025-02-20")),
        d("2025-02-20"),
    )
    .expect("clock");
    assert_eq!(
        fee_reply_within(d("2025-02-20"), &extended),
        Ok(d("2025-03-06")),
        "with the extension noticed the accounting is due 04-01"
    );
    assert_eq!(
        fee_reply_within(d("2025-03-25"), &extended),
        Err(FeeReplyError::PastDue),
        "the extension is used: a reply by 04-08 runs past 04-01"
    );
    let missed = deadline(Right::Accounting, received, None, d("2025-03-03")).expect("clock");
    assert_eq!(
        fee_reply_within(d("2025-03-03"), &missed),
        Err(FeeReplyError::PastDue),
        "past the first 60 days no extension can be noticed"
    );
}

/// Issue 15, point 5: a blank purpose (a disclosure logged with a copy of the written request
/// instead) is no purpose shared with another: such disclosures are never summarised as
/// repeated.
#[test]
fn blank_purposes_are_never_grouped_as_repeated() {
    let mut log = vec![
        disclosure("a", "2025-01-05", "Circuit Court", Basis::Judicial),
        disclosure("b", "2025-02-05", "Circuit Court", Basis::Judicial),
        disclosure("c", "2025-03-05", "Circuit Court", Basis::Judicial),
        disclosure("d", "2025-04-05", "Circuit Court", Basis::Judicial),
    ];
    log[0].purpose = String::new();
    log[1].purpose = "   ".into();
    let groups = repeated(&log);
    let firsts: Vec<(&str, usize)> = groups
        .iter()
        .map(|g| (g.first_id.as_str(), g.count))
        .collect();
    assert_eq!(
        firsts,
        [("a", 1), ("b", 1), ("c", 2)],
        "each blank purpose stands alone; the two with one purpose are summarised"
    );
}

#[test]
fn a_special_service_charge_adds_to_a_fee_bearing_accounting_with_its_reason() {
    use desk_core::accounting::{fee_with_charge, ChargeError, SpecialServiceCharge};
    let charge = |cents: u64, reason: &str| SpecialServiceCharge {
        cents,
        reason: reason.into(),
    };
    let clerk = charge(2_500, "Two hours of a clerk's time");
    assert_eq!(fee_with_charge(false, 4, None), Ok(60));
    assert_eq!(fee_with_charge(false, 4, Some(&clerk)), Ok(2_560));
    assert_eq!(
        fee_with_charge(false, 4, Some(&charge(0, ""))),
        Ok(60),
        "a charge of nothing needs no reason"
    );
    let e = fee_with_charge(false, 4, Some(&charge(2_500, "  "))).expect_err("a reason");
    assert_eq!(e, ChargeError::NoReason);
    assert_eq!(e.field(), "special_charge_reason");
    let e = fee_with_charge(true, 4, Some(&clerk)).expect_err("a free accounting");
    assert_eq!(
        (e.clone(), e.field()),
        (ChargeError::Free, "special_charge")
    );
    assert_eq!(fee_with_charge(true, 4, None), Ok(0));
    assert_eq!(
        fee_with_charge(false, 4, Some(&charge(u64::MAX, "everything"))),
        Err(ChargeError::Overflow),
        "an absurd sum is an error, not a wrap"
    );
}

#[test]
fn a_disclosure_logged_with_its_written_request_and_no_purpose_encloses_the_copy() {
    use desk_core::letter::{self, AccountingStatement, Block};
    // Two court disclosures logged with a copy of the subpoena and no purpose written, and one
    // with its purpose: the two are never grouped as repeated, each points to its enclosure in
    // the order the table prints them, and the letter says the copies are enclosed.
    let copy = |id: &str, on: &str| Disclosure {
        purpose: String::new(),
        written_request_copy: true,
        ..disclosure(id, on, "Circuit Court Clerk", Basis::Judicial)
    };
    let included = vec![
        copy("7", "2025-03-01"),
        disclosure("8", "2025-02-01", "Circuit Court Clerk", Basis::Judicial),
        copy("9", "2025-01-15"),
        Disclosure {
            purpose: String::new(),
            ..disclosure("10", "2025-04-01", "Sheriff", Basis::LawEnforcement)
        },
    ];
    let statement = AccountingStatement::summarised(d("2019-06-01"), d("2025-06-01"), &included, 0);
    assert_eq!(
        statement.entries.len(),
        4,
        "blank purposes are never grouped"
    );
    assert_eq!(
        statement.enclosures(),
        vec![(1, "9"), (2, "7")],
        "numbered in the table's date order; no copy kept for the sheriff's entry"
    );
    let model = letter::accounting(
        &org(),
        &jane(),
        d("2025-06-10"),
        d("2025-06-01"),
        &statement,
    );
    let rows = model
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t.rows.clone()),
            _ => None,
        })
        .expect("a table");
    let purposes: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        purposes,
        vec![
            "See the copy of the written request (enclosure 1)",
            "Subpoena",
            "See the copy of the written request (enclosure 2)",
            "",
        ]
    );
    let text = format!("{:?}", model.blocks);
    assert!(
        text.contains("encloses a copy of the written request") && text.contains("2 copies"),
        "the letter says the copies are enclosed"
    );
}

fn org() -> desk_core::organization::Organization {
    desk_core::organization::Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources Department".into(),
        address: vec!["1840 25th Street".into()],
        phone: "1".into(),
        fax: "2".into(),
        privacy_official: desk_core::organization::Official {
            name: "Pat Official".into(),
            title: "Administrator".into(),
        },
        business_associates: vec![],
    }
}

fn jane() -> desk_core::letter::Addressee {
    desk_core::letter::Addressee {
        name: "Jane Q. Participant".into(),
        address: vec!["12 Palm Ave".into()],
    }
}

#[test]
fn a_business_associates_disclosures_are_listed_under_its_name_after_the_plans_own() {
    use desk_core::letter::{self, AccountingStatement, Block};
    let bcbs = "Blue Cross and Blue Shield of Florida, the Plan's claims administrator";
    let by = |id: &str, on: &str| Disclosure {
        by_associate: Some(bcbs.to_owned()),
        ..disclosure(id, on, "County Health Department", Basis::PublicHealth)
    };
    // The plan and its claims administrator each told the health department twice, for the
    // same purpose: each maker's repeats are summarised apart from the other's.
    let included = vec![
        by("1", "2025-01-10"),
        disclosure(
            "2",
            "2025-02-01",
            "County Health Department",
            Basis::PublicHealth,
        ),
        by("3", "2025-03-10"),
        disclosure(
            "4",
            "2025-04-01",
            "County Health Department",
            Basis::PublicHealth,
        ),
        disclosure("5", "2025-05-01", "Circuit Court Clerk", Basis::Judicial),
    ];
    let statement = AccountingStatement::summarised(d("2019-06-01"), d("2025-06-01"), &included, 0);
    assert_eq!(statement.entries.len(), 3);
    let printed: Vec<(Option<&str>, &str)> = statement
        .printed()
        .iter()
        .map(|e| (e.disclosed_by.as_deref(), e.recipient.as_str()))
        .collect();
    assert_eq!(
        printed,
        vec![
            (None, "County Health Department"),
            (None, "Circuit Court Clerk"),
            (Some(bcbs), "County Health Department"),
        ],
        "the plan's own first, then the associate's, each by date"
    );
    let model = letter::accounting(
        &org(),
        &jane(),
        d("2025-06-10"),
        d("2025-06-01"),
        &statement,
    );
    let text = model.plain_text();
    assert!(
        text.contains(&format!("Disclosed by {bcbs}")),
        "the associate is named:\n{text}"
    );
    assert!(text.contains("Disclosed by the Plan"), "{text}");
    assert!(
        text.contains("that the Plan, and its business associates on its behalf, made from"),
        "{text}"
    );
    let tables = model
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 2, "one table for the plan, one for the associate");

    // Without an associate's disclosure the letter is one table, as it always was.
    let own = AccountingStatement::summarised(d("2019-06-01"), d("2025-06-01"), &included[4..], 0);
    let text =
        letter::accounting(&org(), &jane(), d("2025-06-10"), d("2025-06-01"), &own).plain_text();
    assert!(!text.contains("Disclosed by"), "{text}");
    assert!(text.contains("that the Plan made from"), "{text}");
}

#[test]
fn associates_are_asked_once_the_requester_is_verified_and_until_the_accounting_is_prepared() {
    use desk_core::accounting::{check_ask_associates, AccountingProgress, AccountingStepError};
    let verified = AccountingProgress {
        free: true,
        verified: true,
        ..AccountingProgress::default()
    };
    assert_eq!(check_ask_associates(verified), Ok(()));
    let e = check_ask_associates(AccountingProgress {
        verified: false,
        ..verified
    })
    .expect_err("not before verification");
    assert_eq!(
        (e, e.field()),
        (AccountingStepError::AskNotVerified, "status")
    );
    assert_eq!(
        check_ask_associates(AccountingProgress {
            accounting_prepared: true,
            ..verified
        }),
        Err(AccountingStepError::Answered)
    );
    assert_eq!(
        check_ask_associates(AccountingProgress {
            withdrawn: true,
            ..verified
        }),
        Err(AccountingStepError::Withdrawn)
    );
}
