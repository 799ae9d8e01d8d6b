//! An accounting request's steps: the accounting, the period asked about, the fee notice, a
//! withdrawal, and the accounting letter.

use super::*;
use desk_office::accounting::{self, AccountingPeriodForm};
use desk_office::letter;
use desk_office::logbook::{self, DisclosureCheckForm};

fn disclose(o: &mut Office, p: i64, days_ago: u64, basis: &str, recipient: &str) {
    let today = o.today();
    logbook::record_disclosure(
        &mut o.store,
        &DisclosureCheckForm {
            participant_id: p,
            disclosed_on: today - Days::new(days_ago),
            recipient: recipient.into(),
            recipient_address: String::new(),
            description: "claims history".into(),
            purpose: "as the law requires".into(),
            basis: basis.into(),
            conflicts_seen: false,
            authorization_id: None,
            written_request: None,
            corrects_id: None,
            minimum_necessary: marking(basis),
            review_note: String::new(),
            information_confirmed: false,
            associate_id: None,
        },
    )
    .expect("disclosure recorded");
}

fn period(from: &str, to: &str) -> AccountingPeriodForm {
    AccountingPeriodForm {
        period_from: from.into(),
        period_to: to.into(),
    }
}

/// A participant whose first accounting was given (its letter mailed) today, and a second
/// accounting request from them (not free). Returns (participant, second request).
fn second_in_a_year(o: &mut Office) -> (i64, i64) {
    let (p, first) = o.request("accounting");
    disclose(o, p, 10, "required_by_law", "County Court");
    let done = accounting::letter(&mut o.store, first).expect("the first accounting is free");
    let today = o.today();
    letter::mark_sent(
        &mut o.store,
        done.letter_id,
        letter::Delivery::Mail,
        &iso(today),
    )
    .expect("the first accounting is sent");
    let second = o.request_from(p, "accounting", 0);
    (p, second)
}

#[test]
fn get_lists_accounted_disclosures_and_says_why_others_are_left_out() {
    let mut o = office();
    let (p, r) = o.request("accounting");
    disclose(&mut o, p, 10, "required_by_law", "County Court");
    disclose(&mut o, p, 5, "payment", "Blue Lab");
    let today = o.today();
    let view = writes_nothing(&mut o.store, |s| accounting::get(s, r).expect("accounting"));
    assert_eq!(
        view.lines.len(),
        1,
        "only the disclosure required by law is accounted"
    );
    assert_eq!(view.lines[0].recipient, "County Court");
    assert_eq!(view.lines[0].on, today - Days::new(10));
    assert_eq!(view.excluded.len(), 1);
    assert_eq!(view.excluded[0].recipient, "Blue Lab");
    assert_eq!(view.excluded[0].reason, "payment", "left out for its basis");
    assert!(view.free, "the first accounting in twelve months is free");
    assert_eq!(view.fee_cents, 0);
    assert_eq!(view.previous_on, None);
    assert!(view.pages >= 1);
    assert_eq!(view.cents_per_page, 15);
    assert_eq!(
        view.window_to, today,
        "the accounting runs to the day it was asked for"
    );
    assert_eq!(
        (view.period_from, view.period_to),
        (None, None),
        "six years unless asked"
    );
    assert_eq!(
        view.steps,
        vec![AccountingStep::SetPeriod, AccountingStep::Letter],
        "no fee notice for a free accounting"
    );
    assert_eq!(
        (view.fee_notice_letter_id, view.accounting_letter_id),
        (None, None)
    );
    assert!(!view.withdrawn);
}

#[test]
fn get_refuses_a_request_that_is_not_for_an_accounting() {
    let mut o = office();
    let (_, r) = o.request("access");
    refused_on(
        accounting::get(&o.store, r),
        "kind",
        "an access request has no accounting",
    );
}

#[test]
fn set_period_records_the_period_asked_about() {
    let mut o = office();
    let (p, r) = o.request("accounting");
    disclose(&mut o, p, 10, "required_by_law", "County Court");
    disclose(&mut o, p, 2, "judicial", "County Clerk");
    let today = o.today();
    let from = today - Days::new(5);
    let before = audit_count(&o.store);
    accounting::set_period(&mut o.store, r, &period(&iso(from), "")).expect("recorded");
    let row = audited(&o.store, before, "accounting.period");
    assert_eq!((row.entity.as_str(), row.entity_id), ("request", Some(r)));
    let view = accounting::get(&o.store, r).expect("accounting");
    assert_eq!((view.period_from, view.period_to), (Some(from), None));
    assert_eq!(view.window_from, from);
    assert_eq!(
        view.lines
            .iter()
            .map(|l| l.recipient.as_str())
            .collect::<Vec<_>>(),
        vec!["County Clerk"],
        "the disclosure before the period is left out"
    );
    assert_eq!(view.excluded[0].reason, "outside_period");
}

#[test]
fn set_period_refuses_a_period_that_ends_before_it_starts() {
    let mut o = office();
    let (_, r) = o.request("accounting");
    let today = o.today();
    let backwards = period(&iso(today - Days::new(1)), &iso(today - Days::new(30)));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::set_period(s, r, &backwards),
            "periodTo",
            "the end is before the start",
        )
    });
    let after = period(&iso(today + Days::new(1)), "");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::set_period(s, r, &after),
            "periodFrom",
            "a period cannot start after the request",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::set_period(s, r, &period("1/1/2024", "")),
            "periodFrom",
            "YYYY-MM-DD",
        )
    });
    assert_eq!(
        accounting::get(&o.store, r)
            .expect("accounting")
            .period_from,
        None
    );
}

#[test]
fn letter_gives_a_free_accounting_and_fixes_its_period() {
    let mut o = office();
    let (p, r) = o.request("accounting");
    disclose(&mut o, p, 10, "required_by_law", "County Court");
    let before = audit_count(&o.store);
    let done = accounting::letter(&mut o.store, r).expect("the accounting");
    assert_eq!(done.title, "Accounting of Disclosures");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the accounting",
    );
    assert_eq!(
        audited(&o.store, before, "letter.store").entity_id,
        Some(done.letter_id)
    );
    let view = accounting::get(&o.store, r).expect("accounting");
    assert_eq!(view.accounting_letter_id, Some(done.letter_id));
    assert!(
        !view.steps.contains(&AccountingStep::SetPeriod),
        "the period is fixed now"
    );
    let today = o.today();
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::set_period(s, r, &period(&iso(today - Days::new(3)), "")),
            "periodFrom",
            "the letter fixed the period",
        )
    });
}

#[test]
fn a_second_accounting_in_a_year_needs_its_fee_notice_before_the_letter() {
    let mut o = office();
    let (_, r) = second_in_a_year(&mut o);
    let today = o.today();
    let view = accounting::get(&o.store, r).expect("accounting");
    assert!(
        !view.free,
        "the second accounting in twelve months has a fee"
    );
    assert_eq!(view.previous_on, Some(today));
    assert_eq!(view.fee_cents, view.pages * view.cents_per_page);
    assert!(view.fee_cents > 0);
    assert_eq!(
        view.steps,
        vec![AccountingStep::SetPeriod, AccountingStep::FeeNotice],
        "the letter is not open until the fee was told"
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::letter(s, r),
            "fee",
            "the fee is told before the accounting",
        )
    });
    assert_eq!(
        accounting::get(&o.store, r)
            .expect("accounting")
            .accounting_letter_id,
        None
    );

    let before = audit_count(&o.store);
    let notice = accounting::fee_notice(&mut o.store, r, &Default::default()).expect("fee notice");
    assert_eq!(notice.title, "Accounting of Disclosures: Fee Notice");
    assert_pdf(
        &letter::pdf(&mut o.store, notice.letter_id).expect("bytes"),
        "the fee notice",
    );
    assert_eq!(
        audited(&o.store, before, "letter.store").entity_id,
        Some(notice.letter_id)
    );
    let view = accounting::get(&o.store, r).expect("accounting");
    assert_eq!(view.fee_notice_letter_id, Some(notice.letter_id));
    assert_eq!(
        view.steps,
        vec![
            AccountingStep::SetPeriod,
            AccountingStep::FeeNotice,
            AccountingStep::Withdraw,
            AccountingStep::Letter
        ],
        "once told, the person may withdraw, and the letter may go out"
    );
    let done = accounting::letter(&mut o.store, r).expect("the paid accounting");
    assert_eq!(done.title, "Accounting of Disclosures");
}

#[test]
fn fee_notice_refuses_a_free_accounting() {
    let mut o = office();
    let (_, r) = o.request("accounting");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, r, &Default::default()),
            "fee",
            "the first accounting in a year is free",
        )
    });
    assert!(o.store.letters_of(r).expect("letters").is_empty());
}

#[test]
fn withdraw_after_the_fee_notice_ends_the_request() {
    let mut o = office();
    let (_, r) = second_in_a_year(&mut o);
    accounting::fee_notice(&mut o.store, r, &Default::default()).expect("fee notice");
    let before = audit_count(&o.store);
    accounting::withdraw(&mut o.store, r).expect("withdrawn");
    assert_eq!(
        audited(&o.store, before, "request.withdraw").entity_id,
        Some(r),
        "the withdrawal is the lifecycle's step, audited"
    );
    let view = accounting::get(&o.store, r).expect("accounting");
    assert!(view.withdrawn);
    assert!(view.steps.is_empty(), "nothing follows a withdrawal");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::letter(s, r),
            "fee",
            "a withdrawn request gets no accounting",
        )
    });
}

#[test]
fn withdraw_refuses_a_request_without_a_fee_notice() {
    let mut o = office();
    let (_, r) = o.request("accounting");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::withdraw(s, r),
            "fee",
            "a withdrawal follows the fee notice",
        )
    });
    assert_eq!(
        desk_office::form::code_of(&o.store.request(r).expect("request").status),
        "verified",
        "the request was not withdrawn"
    );
}

#[test]
fn an_accounting_is_extended_once_with_its_notice_then_answered() {
    use desk_office::accounting::ExtensionForm;
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "accounting", 20);
    disclose(&mut o, p, 100, "judicial", "Circuit Court Clerk");
    let today = o.today();
    assert!(accounting::get(&o.store, r).expect("view").extension_open);
    let e = writes_nothing(&mut o.store, |s| {
        accounting::extend(s, r, &ExtensionForm { reason: " ".into() }).expect_err("why")
    });
    assert_eq!(e.field.as_deref(), Some("reason"));
    let before = audit_count(&o.store);
    let done = accounting::extend(
        &mut o.store,
        r,
        &ExtensionForm {
            reason: "The claims administrator's disclosures are still being gathered".into(),
        },
    )
    .expect("extended");
    let acts = actions_since(&o.store, before);
    assert!(
        acts.contains(&"request.extend".to_owned()) && acts.contains(&"letter.store".to_owned()),
        "the extension and its notice in one write: {acts:?}"
    );
    let summary = o.store.request(r).expect("request");
    let received = today - Days::new(20);
    assert_eq!(summary.extension_noticed_on, Some(today));
    assert_eq!(
        summary.extended_due_on,
        Some(received + Days::new(90)),
        "60 days and the one 30-day extension"
    );
    assert_eq!(
        summary.effective_due_on(),
        Some(received + Days::new(60)),
        "counted once its notice is mailed"
    );
    assert_eq!(summary.status, RequestStatus::Extended);
    let text = pdf_text(&o.store.letter(done.letter_id).expect("notice").pdf);
    assert!(text.contains("more time"), "{text}");
    assert!(!accounting::get(&o.store, r).expect("view").extension_open);
    let e = writes_nothing(&mut o.store, |s| {
        accounting::extend(
            s,
            r,
            &ExtensionForm {
                reason: "Again".into(),
            },
        )
        .expect_err("once")
    });
    assert_eq!(e.field.as_deref(), Some("reason"), "{}", e.message);
    // The notice going out answers nothing; the accounting letter does.
    letter::mark_sent(
        &mut o.store,
        done.letter_id,
        letter::Delivery::Mail,
        &iso(today),
    )
    .expect("notice sent");
    assert_eq!(
        o.store.request(r).expect("r").status,
        RequestStatus::Extended
    );
    assert_eq!(
        o.store.request(r).expect("r").effective_due_on(),
        Some(received + Days::new(90)),
        "the notice went out inside the 60 days"
    );
    let answer = accounting::letter(&mut o.store, r).expect("accounting");
    letter::mark_sent(
        &mut o.store,
        answer.letter_id,
        letter::Delivery::Mail,
        &iso(today),
    )
    .expect("sent");
    let summary = o.store.request(r).expect("request");
    assert_eq!(summary.status, RequestStatus::LetterSent);
    assert_eq!(summary.answered_on, Some(today));
    let report = desk_office::report::get(&o.store, 1).expect("report");
    assert_eq!((report.on_time, report.due_counted), (1, 1));
}

/// Issue 15, point 2, in the app: the accounting is computed for the day it is prepared, so
/// an oral suspension stated four days after the request (in force from then for 30 days)
/// holds back the agency's disclosure when the accounting is prepared 19 days after the
/// request (the issue's 06-01 / 06-05 / 06-20).
#[test]
fn a_suspension_stated_after_the_request_holds_back_on_the_day_of_preparation() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    disclose(&mut o, p, 60, "law_enforcement", "County Sheriff");
    disclose(&mut o, p, 50, "judicial", "Circuit Court");
    let r = o.request_from(p, "accounting", 19);
    let today = o.today();
    let stated = today - Days::new(15);
    logbook::record_suspension(
        &mut o.store,
        &logbook::SuspensionForm {
            participant_id: p,
            agency: "County Sheriff's Office".into(),
            recipient: "County Sheriff".into(),
            stated_on: iso(stated),
            from: iso(stated),
            to: iso(stated + Days::new(30)),
            written: false,
            scan: None,
        },
    )
    .expect("an oral statement made after the request is recorded");
    let view = accounting::get(&o.store, r).expect("accounting");
    let excluded: Vec<(&str, &str)> = view
        .excluded
        .iter()
        .map(|e| (e.recipient.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        excluded,
        [("County Sheriff", "suspended")],
        "the suspension is in force on the day the accounting is prepared"
    );
    let recipients: Vec<&str> = view.lines.iter().map(|l| l.recipient.as_str()).collect();
    assert_eq!(recipients, ["Circuit Court"]);
}

/// Issue 15, point 6: a fee notice whose 14-day reply period would run past the due date is
/// refused on `fee`, telling staff to notice the extension first; after the extension it goes.
#[test]
fn fee_notice_refuses_a_reply_period_past_the_due_date_until_the_extension() {
    let mut o = office();
    let (p, first) = o.request("accounting");
    disclose(&mut o, p, 10, "required_by_law", "County Court");
    let done = accounting::letter(&mut o.store, first).expect("the first accounting is free");
    let today = o.today();
    letter::mark_sent(
        &mut o.store,
        done.letter_id,
        letter::Delivery::Mail,
        &iso(today),
    )
    .expect("sent");
    // Received 50 days ago: due in 10 days, a reply in 14 is too late.
    let second = o.request_from(p, "accounting", 50);
    let e = writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, second, &Default::default()),
            "fee",
            "the reply period runs past the due date",
        )
    });
    assert!(
        e.message.contains("extension first"),
        "staff are told to use the extension first: {}",
        e.message
    );
    let notice = accounting::extend(
        &mut o.store,
        second,
        &accounting::ExtensionForm {
            reason: "The records are kept off site.".into(),
        },
    )
    .expect("extended");
    let e = writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, second, &Default::default()),
            "fee",
            "an extension counts once its notice is mailed",
        )
    });
    assert!(
        e.message.contains("mark the extension notice as sent"),
        "{}",
        e.message
    );
    let today = o.today();
    letter::mark_sent(
        &mut o.store,
        notice.letter_id,
        letter::Delivery::Mail,
        &iso(today),
    )
    .expect("the extension notice mailed");
    accounting::fee_notice(&mut o.store, second, &Default::default())
        .expect("with 40 days left the person has their 14 days to answer");
}

#[test]
fn no_accounting_goes_to_a_requester_nobody_verified() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let mut seen = evidence(p, o.today());
    seen.doubt = true;
    let r = desk_office::intake::log(&mut o.store, &intake("accounting", seen))
        .expect("referred")
        .request_id;
    let e = writes_nothing(&mut o.store, |s| {
        accounting::letter(s, r).expect_err("unverified")
    });
    assert_eq!(e.field.as_deref(), Some("status"), "{}", e.message);
    assert!(
        !accounting::get(&o.store, r)
            .expect("view")
            .steps
            .contains(&desk_core::accounting::AccountingStep::Letter),
        "the panel offers no letter"
    );
}

#[test]
fn a_special_service_charge_is_told_in_the_fee_notice_and_borne_by_the_accounting() {
    use desk_office::accounting::FeeNoticeForm;
    let mut o = office();
    let (_, r) = second_in_a_year(&mut o);
    let pages_fee = accounting::get(&o.store, r).expect("view").fee_cents;
    let no_reason = FeeNoticeForm {
        special_charge: "25.00".into(),
        special_charge_reason: " ".into(),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, r, &no_reason),
            "specialChargeReason",
            "a charge says what it pays for",
        )
    });
    let typo = FeeNoticeForm {
        special_charge: "twenty".into(),
        ..no_reason.clone()
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, r, &typo),
            "specialCharge",
            "dollars and cents",
        )
    });
    let form = FeeNoticeForm {
        special_charge: "$25.00".into(),
        special_charge_reason: "Two hours of a clerk's time retrieving archived claim files".into(),
    };
    let notice = accounting::fee_notice(&mut o.store, r, &form).expect("fee notice");
    let text = pdf_text(&letter::pdf(&mut o.store, notice.letter_id).expect("bytes"));
    let total = format!("${:.2}", (pages_fee + 2_500) as f64 / 100.0);
    assert!(
        text.contains(&total) && text.contains("special service charge of $25.00"),
        "the notice tells the whole fee and the charge: {text}"
    );
    let view = accounting::get(&o.store, r).expect("view");
    assert_eq!(view.special_charge_cents, 2_500);
    assert_eq!(view.fee_cents, pages_fee + 2_500);
    assert!(view.special_charge_reason.contains("archived claim files"));
    let done = accounting::letter(&mut o.store, r).expect("the accounting");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("letter").pdf);
    assert!(
        text.contains(&format!("The fee for this accounting is {total}")),
        "the accounting bears the fee told: {text}"
    );

    // On a free accounting there is no fee notice at all, so no charge either.
    let (_, free) = o.request("accounting");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::fee_notice(s, free, &form),
            "fee",
            "a free accounting has no fee notice",
        )
    });
}

#[test]
fn a_disclosure_logged_with_its_written_request_encloses_the_copy_in_the_accounting() {
    let mut o = office();
    let (p, r) = o.request("accounting");
    let today = o.today();
    // The subpoena itself (a PDF the office scanned), kept instead of a purpose.
    let subpoena = desk_letters::render(
        &desk_core::letter::complaint_acknowledgement(
            &organization(),
            &desk_core::letter::Addressee {
                name: "Clerk of the Circuit Court".into(),
                address: vec!["2000 16th Avenue".into()],
            },
            today,
            today,
        ),
        &organization(),
        None,
    )
    .expect("a PDF to keep as the written request");
    let form = DisclosureCheckForm {
        participant_id: p,
        disclosed_on: today - Days::new(3),
        recipient: "Circuit Court Clerk".into(),
        recipient_address: String::new(),
        description: "Claims records named in the subpoena".into(),
        purpose: String::new(),
        basis: "judicial".into(),
        conflicts_seen: false,
        authorization_id: None,
        written_request: Some(upload("subpoena.pdf", &subpoena)),
        corrects_id: None,
        minimum_necessary: marking("judicial"),
        review_note: String::new(),
        information_confirmed: false,
        associate_id: None,
    };
    logbook::record_disclosure(&mut o.store, &form).expect("logged with the copy");
    let view = accounting::get(&o.store, r).expect("view");
    assert_eq!(
        view.lines[0].purpose,
        "(the copy of the written request is enclosed)"
    );
    let done = accounting::letter(&mut o.store, r).expect("the accounting");
    let pdf = o.store.letter(done.letter_id).expect("letter").pdf;
    let text = pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("See the copy of the") && text.contains("(enclosure 1)"),
        "the Purpose column refers to the enclosure: {text}"
    );
    assert!(
        flat.contains("encloses a copy of the written request"),
        "the letter says the copy is enclosed: {text}"
    );
    assert!(
        text.contains("Enclosure 1: copy of the written request for the disclosure of")
            && text.contains("Clerk of the Circuit Court"),
        "the copy prints with the letter, after its caption: {text}"
    );
}
