//! Requesters the desk could not verify: the Privacy Official's referral queue (verified,
//! refused with the written-request letter, or sent to the County Attorney), and a caller whose
//! SSN digits did not match, logged as awaiting a written request.

use super::*;
use desk_core::identity::VerificationMethod;
use desk_office::referral::{self, ReasonForm, VerifyForm, WrittenForm};
use desk_office::{dashboard, request};

/// An access request from the individual in person, referred because staff had doubts.
fn referred(o: &mut Office) -> i64 {
    referred_on(o, 0)
}

/// Like [`referred`], received `days_ago` days before the office's day.
fn referred_on(o: &mut Office, days_ago: u64) -> i64 {
    let p = o.employee("E1", "Doe", "Jan");
    let mut seen = evidence(p, o.today() - Days::new(days_ago));
    seen.doubt = true;
    let done = desk_office::intake::log(&mut o.store, &intake("access", seen)).expect("logged");
    assert_eq!(
        done.verification.outcome,
        VerificationOutcome::ReferredToPrivacyOfficial
    );
    done.request_id
}

fn verify_form(request_id: i64, seen: &str) -> VerifyForm {
    VerifyForm {
        request_id,
        method: VerificationMethod::PhotoId,
        seen: seen.into(),
        note: String::new(),
    }
}

#[test]
fn the_privacy_official_verifies_a_referral_and_staff_cannot() {
    let mut o = office();
    let r = referred(&mut o);
    let queue = referral::queue(&o.store).expect("queue");
    assert_eq!(
        queue.iter().map(|x| x.request_id).collect::<Vec<_>>(),
        vec![r]
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert!(page.referred && page.verification_open);

    let mut sam = o.staff();
    let e = writes_nothing(&mut sam, |s| {
        referral::verify(s, &verify_form(r, "Driver licence")).expect_err("staff")
    });
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(
        referral::queue(&sam).is_err(),
        "the queue is the Privacy Official's"
    );

    let e = writes_nothing(&mut o.store, |s| {
        referral::verify(s, &verify_form(r, "  ")).expect_err("nothing seen")
    });
    assert_eq!(e.field.as_deref(), Some("seen"));
    let before = audit_count(&o.store);
    referral::verify(
        &mut o.store,
        &verify_form(
            r,
            "Driver licence; called the employee at the number on file",
        ),
    )
    .expect("verified");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["verification.record", "request.verify"]
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::Verified);
    assert!(!page.referred && !page.verification_open);
    assert_eq!(
        page.verifications.len(),
        1,
        "the referral is corrected, not kept beside"
    );
    assert_eq!(page.verifications[0].verified_by, "Pat Official");
    assert!(referral::queue(&o.store).expect("queue").is_empty());
}

#[test]
fn a_refused_referral_waits_for_the_written_request_with_its_letter_then_runs_its_clock() {
    let mut o = office();
    let r = referred_on(&mut o, 10);
    let e = writes_nothing(&mut o.store, |s| {
        referral::refuse(
            s,
            &ReasonForm {
                request_id: r,
                reason: " ".into(),
            },
        )
        .expect_err("why")
    });
    assert_eq!(e.field.as_deref(), Some("reason"));
    referral::refuse(
        &mut o.store,
        &ReasonForm {
            request_id: r,
            reason: "The ID did not match the person at the desk".into(),
        },
    )
    .expect("refused");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::AwaitingWrittenRequest);
    assert_eq!(page.effective_due_on, None, "no clock until it is written");
    assert!(page.written_letter_due && !page.verification_open);
    let board = dashboard::get(&o.store).expect("dashboard");
    assert!(
        !board.rows.iter().any(|x| x.id == r),
        "it waits for the person"
    );

    let done = referral::letter(&mut o.store, r).expect("letter");
    let letters = o.store.letters_of(r).expect("letters");
    let kinds: Vec<&str> = letters.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["written_request_needed", "inspection_request_form"],
        "the letter and its pre-filled form, kept together"
    );
    assert_eq!(done.letter_id, letters[0].id);
    let text = pdf_text(&o.store.letter(done.letter_id).expect("pdf").pdf);
    assert!(
        text.contains("12 Palm Avenue"),
        "to the address on file:\n{text}"
    );
    assert!(text.contains("in writing"), "{text}");
    assert!(!referral::letter_due(&o.store, r).expect("due"));
    let e = writes_nothing(&mut o.store, |s| referral::letter(s, r).expect_err("once"));
    assert_eq!(e.field.as_deref(), Some("status"));

    let today = o.today();
    let e = writes_nothing(&mut o.store, |s| {
        referral::written_request_received(
            s,
            &WrittenForm {
                request_id: r,
                written_on: iso(today + Days::new(1)),
                scan: None,
            },
        )
        .expect_err("future")
    });
    assert_eq!(e.field.as_deref(), Some("writtenOn"));
    referral::written_request_received(
        &mut o.store,
        &WrittenForm {
            request_id: r,
            written_on: iso(today),
            scan: Some(upload("written-request.pdf", PDF)),
        },
    )
    .expect("came");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::Received);
    assert_eq!(page.written_request_on, Some(today));
    assert_eq!(
        page.effective_due_on,
        Some(today + Days::new(30)),
        "the clock runs from the written request, not the call 10 days before"
    );
    assert!(page.extension_available);
    assert!(page.verification_open && !page.referred);
    let mut sam = o.staff();
    referral::verify(
        &mut sam,
        &verify_form(r, "Signed request; signature matches the enrollment form"),
    )
    .expect("staff verify a written request");
    assert_eq!(
        sam.request(r).expect("request").status,
        RequestStatus::Verified
    );
    let mut more_time = decision_form(r, OutcomeKind::Extension);
    more_time.reason = "The claims administrator holds the records".into();
    desk_office::decision::record(&mut sam, &more_time).expect("extended");
    let notice = desk_office::response::respond(&mut sam, r).expect("the notice");
    desk_office::letter::mark_sent(
        &mut sam,
        notice.letter_id,
        desk_office::letter::Delivery::Mail,
        &iso(today),
    )
    .expect("mailed");
    assert_eq!(
        sam.request(r).expect("request").effective_due_on(),
        Some(today + Days::new(60)),
        "the extension counts from the written request too"
    );
}

#[test]
fn legal_process_goes_to_the_county_attorney_by_the_privacy_official() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let mut seen = evidence(p, o.today());
    seen.legal_process = Some("subpoena".into());
    seen.doubt = true;
    let r = desk_office::intake::log(&mut o.store, &intake("access", seen))
        .expect("logged")
        .request_id;
    let queue = referral::queue(&o.store).expect("queue");
    assert!(
        queue[0].note.contains("County Attorney"),
        "the desk's note says who must step in: {}",
        queue[0].note
    );
    let form = ReasonForm {
        request_id: r,
        reason: "Subpoena for claims records sent to the County Attorney".into(),
    };
    let mut sam = o.staff();
    let e = writes_nothing(&mut sam, |s| {
        referral::route_to_county_attorney(s, &form).expect_err("staff")
    });
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        referral::route_to_county_attorney(&mut o.store, &form).expect("routed"),
        RequestStatus::Closed
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.endings[0].step, desk_store::EndStep::CountyAttorney);
    assert!(referral::queue(&o.store).expect("queue").is_empty());
}

#[test]
fn a_caller_whose_ssn_does_not_match_is_logged_as_awaiting_a_written_request() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let mut call = evidence(p, o.today());
    call.channel = "telephone".into();
    call.photo_id_kind = None;
    call.photo_id_matches = false;
    call.copy_filed = false;
    call.ssn_digits = Some(pw("9999"));
    let view = desk_office::intake::check(&o.store, &call).expect("check");
    assert!(view.can_log && !view.sufficient);
    assert_eq!(view.next_step, Some(NextStep::AskForWrittenRequest));
    let before = audit_count(&o.store);
    let r = desk_office::intake::log(&mut o.store, &intake("access", call))
        .expect("logged")
        .request_id;
    let actions = actions_since(&o.store, before);
    assert_eq!(
        actions.last().map(String::as_str),
        Some("request.ask_for_written_request")
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::AwaitingWrittenRequest);
    assert_eq!(
        page.verifications[0].outcome,
        VerificationOutcome::NotVerified
    );
    assert!(page.written_letter_due);
    assert!(
        referral::queue(&o.store).expect("queue").is_empty(),
        "not a referral: the person is asked to write"
    );
    let report = desk_office::report::get(&o.store, 1).expect("report");
    assert_eq!(
        report.open, 0,
        "the report's open requests are the office's to answer"
    );
}

#[test]
fn the_verification_is_kept_in_full_with_its_escalations_and_their_outcome() {
    use desk_core::identity::Escalation;
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    // An ID that expired the day before cannot log the request.
    let mut expired = evidence(p, today);
    expired.photo_id_expires_on = Some(today - Days::new(1));
    let view = desk_office::intake::check(&o.store, &expired).expect("judged");
    assert!(!view.sufficient, "an expired ID identifies nobody");
    // Valid, but staff doubt it: referred, with the ID's kind and expiry kept.
    let mut seen = evidence(p, today);
    seen.photo_id_expires_on = Some(today + Days::new(400));
    seen.doubt = true;
    let r = desk_office::intake::log(&mut o.store, &intake("access", seen))
        .expect("referred")
        .request_id;
    let page = request::page(&mut o.store, r).expect("page");
    let v = &page.verifications[0];
    assert_eq!(v.expires_on, Some(today + Days::new(400)));
    assert_eq!(v.seen, "driver licence");
    assert_eq!(
        v.escalations
            .iter()
            .map(|e| (e.escalation, e.outcome.as_str()))
            .collect::<Vec<_>>(),
        vec![(Escalation::PrivacyOfficial, "waiting")]
    );
    // The Privacy Official settles it: the escalation shows what came of it, and by whom.
    referral::verify(
        &mut o.store,
        &verify_form(r, "Driver licence; called the number on file"),
    )
    .expect("verified");
    let page = request::page(&mut o.store, r).expect("page");
    let outcome = &page.verifications[0].escalations[0].outcome;
    assert!(
        outcome.starts_with("verified by Pat Official on "),
        "{outcome}"
    );
}

#[test]
fn ssn_digits_read_out_are_compared_and_never_kept() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    assert!(o.store.participant(p).expect("participant").has_ssn_last4);
    // The test employees' last four digits on file.
    let digits = "1234".to_owned();
    let mut call = evidence(p, o.today());
    call.channel = "telephone".into();
    call.photo_id_kind = None;
    call.ssn_digits = Some(desk_core::Sensitive::new(digits.clone()));
    desk_office::intake::log(&mut o.store, &intake("access", call)).expect("verified by phone");
    let kept = desk_store::fixture::query_text(
        &o.store,
        "SELECT group_concat(document_type || document_last_digits || note || escalations, '|')
         FROM verifications",
    )
    .expect("verifications");
    assert!(
        !kept.contains(&digits),
        "no SSN digits in a verification: {kept}"
    );
}
