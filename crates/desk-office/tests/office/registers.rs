//! The Privacy Official's registers: restrictions (decision, letters, end, conflicts),
//! confidential communications, complaints.

use super::*;
use desk_office::communication::{self, CommunicationDecisionForm};
use desk_office::complaint::{self, ComplaintForm};
use desk_office::logbook::{self, DisclosureCheckForm};
use desk_office::restriction::{self, RestrictionDecisionForm};
use desk_office::{decision, letter, participant, response};

fn agree(request_id: i64) -> RestrictionDecisionForm {
    RestrictionDecisionForm {
        request_id,
        outcome: "agree".into(),
        information: "Claims for counseling visits".into(),
        manner: String::new(),
        not_disclosed_to: ASSOCIATE.into(),
        reason: String::new(),
    }
}

/// A restriction agreed and answered. Returns (participant, request, restriction id, letter).
fn agreed(o: &mut Office) -> (i64, i64, i64, i64) {
    let (p, r) = o.request("restriction");
    restriction::decide(&mut o.store, &agree(r)).expect("agreed");
    let done = response::respond(&mut o.store, r).expect("letters");
    let list = restriction::list(&o.store, p).expect("register");
    (p, r, list[0].id, done.letter_id)
}

fn check_form(
    participant_id: i64,
    on: NaiveDate,
    recipient: &str,
    basis: &str,
) -> DisclosureCheckForm {
    DisclosureCheckForm {
        participant_id,
        disclosed_on: on,
        recipient: recipient.into(),
        recipient_address: String::new(),
        description: "claims history".into(),
        purpose: "payment review".into(),
        basis: basis.into(),
        conflicts_seen: false,
        authorization_id: None,
        written_request: None,
        corrects_id: None,
        minimum_necessary: marking(basis),
        review_note: String::new(),
        information_confirmed: false,
        associate_id: None,
    }
}

// ---- restrictions ----

#[test]
fn restriction_decide_agrees_at_once_with_the_terms_as_wording() {
    let mut o = office();
    let (_, r) = o.request("restriction");
    let before = audit_count(&o.store);
    let row = restriction::decide(&mut o.store, &agree(r)).expect("agreed");
    assert_eq!(
        row.outcome,
        OutcomeKind::Grant,
        "agreeing is the request's grant"
    );
    assert!(!row.needs_approval, "agreeing needs no approval");
    assert_eq!(
        row.summary,
        format!("agreed: \u{201c}Claims for counseling visits; not to be disclosed to {ASSOCIATE}.\u{201d}"),
        "the register quotes the restriction as agreed"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["request.begin_review", "decision.draft", "request.grant"]
    );
}

#[test]
fn restriction_decide_refuses_missing_terms_or_reason_on_their_fields() {
    let mut o = office();
    let (_, r) = o.request("restriction");
    let no_information = RestrictionDecisionForm {
        information: " ".into(),
        ..agree(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::decide(s, &no_information),
            "information",
            "say what is restricted",
        )
    });
    let no_manner = RestrictionDecisionForm {
        not_disclosed_to: String::new(),
        ..agree(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::decide(s, &no_manner),
            "manner",
            "say how, or who must not receive it",
        )
    });
    let no_reason = RestrictionDecisionForm {
        outcome: "deny".into(),
        ..agree(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::decide(s, &no_reason),
            "reason",
            "a denial says why",
        )
    });
    let unknown = RestrictionDecisionForm {
        outcome: "perhaps".into(),
        ..agree(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::decide(s, &unknown),
            "outcome",
            "agree or deny only",
        )
    });
    assert!(o.store.decisions_of(r).expect("decisions").is_empty());
}

#[test]
fn a_staff_restriction_denial_waits_for_approval_before_its_letter() {
    let mut o = office();
    let (p, r) = o.request("restriction");
    let mut sam = o.staff();
    let deny = RestrictionDecisionForm {
        outcome: "deny".into(),
        reason: "The plan cannot administer this restriction.".into(),
        ..agree(r)
    };
    let row = restriction::decide(&mut sam, &deny).expect("drafted");
    assert!(
        row.needs_approval,
        "a restriction denial waits like every denial"
    );
    assert_eq!(
        row.summary,
        "not agreed: The plan cannot administer this restriction."
    );
    writes_nothing(&mut sam, |s| {
        refused_on(
            response::respond(s, r),
            "decision",
            "its letter waits for approval",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            decision::approve(s, row.id, ""),
            ErrorCode::Forbidden,
            "staff cannot approve",
        )
    });
    decision::approve(&mut o.store, row.id, "").expect("approved");
    let done = response::respond(&mut o.store, r).expect("letter");
    assert_eq!(done.title, "Response to Restriction Request");
    let list = restriction::list(&o.store, p).expect("register");
    assert_eq!(list.len(), 1, "the denial is in the register");
    assert!(!list[0].agreed);
    assert!(
        list[0].business_associates.is_empty(),
        "no associate is told of a denial"
    );
}

#[test]
fn respond_to_an_agreed_restriction_keeps_the_entry_the_letter_and_the_associate_notice() {
    let mut o = office();
    let (p, r) = o.request("restriction");
    restriction::decide(&mut o.store, &agree(r)).expect("agreed");
    let before = audit_count(&o.store);
    let done = response::respond(&mut o.store, r).expect("letters");
    assert_eq!(done.title, "Response to Restriction Request");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the response",
    );
    let kinds: Vec<String> = o
        .store
        .letters_of(r)
        .expect("letters")
        .into_iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(kinds, vec!["restriction_response", "restriction_notice"]);
    let list = restriction::list(&o.store, p).expect("register");
    assert_eq!(list.len(), 1);
    assert!(list[0].agreed);
    assert_eq!(list[0].request_id, r);
    assert_eq!(list[0].business_associates, vec![ASSOCIATE.to_owned()]);
    assert_eq!(list[0].decided_on, o.today());
    assert_eq!(list[0].ended_on, None);
    assert_eq!(
        actions_since(&o.store, before)[..4],
        [
            "restriction.record",
            "letter.store",
            "letter.store",
            "associate.notice"
        ],
        "the entry, its letters and the associate's notice are one write"
    );
    let told = o.store.associate_notices_of(r).expect("notices");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].associate_name, ASSOCIATE);
    assert_eq!(told[0].kind, desk_core::associate::NoticeKind::Restriction);
    // The letters were prepared: a second response is refused and keeps nothing more.
    writes_nothing(&mut o.store, |s| {
        refused_on(
            response::respond(s, r),
            "decision",
            "the letters exist already",
        )
    });
    assert_eq!(o.store.letters_of(r).expect("letters").len(), 2);
}

/// The median height of a PDF's words (pdftotext -bbox), in points: about 1.12 × the body's
/// type size.
pub fn median_word_height(pdf: &[u8]) -> f32 {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let html = String::from_utf8(out.stdout).expect("utf-8");
    let attr = |line: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = line[start..].find('"').expect("quote") + start;
        line[start..end].parse().expect("number")
    };
    let mut heights: Vec<f32> = html
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<word "))
        .map(|l| attr(l, "yMax") - attr(l, "yMin"))
        .collect();
    assert!(!heights.is_empty(), "the letter has words");
    heights.sort_by(f32::total_cmp);
    heights[heights.len() / 2]
}

#[test]
fn a_participant_who_asked_for_large_print_gets_large_letters_and_the_associate_does_not() {
    let mut o = office();
    let (p, r) = o.request("restriction");
    o.store
        .set_large_print(p, true, desk_store::ChangeSource::Staff)
        .expect("large print");
    restriction::decide(&mut o.store, &agree(r)).expect("agreed");
    response::respond(&mut o.store, r).expect("letters");
    let letters = o.store.letters_of(r).expect("letters");
    let height = |o: &mut Office, kind: &str| {
        let id = letters
            .iter()
            .find(|l| l.kind == kind)
            .unwrap_or_else(|| panic!("a {kind}"))
            .id;
        median_word_height(&letter::pdf(&mut o.store, id).expect("bytes"))
    };
    let to_participant = height(&mut o, "restriction_response");
    let to_associate = height(&mut o, "restriction_notice");
    assert!(
        to_participant >= 18.0,
        "the response to the participant is in large print (words {to_participant:.1} pt high)"
    );
    assert!(
        to_associate < 15.0,
        "the business associate's notice about them is regular print (words {to_associate:.1} pt high)"
    );

    // Another participant, who did not ask, gets the regular letter.
    let (_, r2) = o.request("restriction");
    restriction::decide(&mut o.store, &agree(r2)).expect("agreed");
    response::respond(&mut o.store, r2).expect("letters");
    let regular = o
        .store
        .letters_of(r2)
        .expect("letters")
        .into_iter()
        .find(|l| l.kind == "restriction_response")
        .expect("response")
        .id;
    let h = median_word_height(&letter::pdf(&mut o.store, regular).expect("bytes"));
    assert!(h < 15.0, "regular print by default (words {h:.1} pt high)");

    // The forms the participant fills in and signs follow their choice.
    let form = desk_office::request::form_pdf(&mut o.store, r).expect("the request form");
    let h = median_word_height(&form);
    assert!(
        h >= 18.0,
        "the request form for their signature is large ({h:.1} pt)"
    );
    let form = logbook::authorization_form_pdf(&mut o.store, p, None).expect("authorization form");
    let h = median_word_height(&form);
    assert!(h >= 18.0, "the authorization form is large ({h:.1} pt)");
    let form = desk_office::request::form_pdf(&mut o.store, r2).expect("the request form");
    let h = median_word_height(&form);
    assert!(
        h < 15.0,
        "another participant's form is regular ({h:.1} pt)"
    );
}

#[test]
fn list_is_empty_for_a_participant_without_restrictions() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let list = writes_nothing(&mut o.store, |s| restriction::list(s, p).expect("register"));
    assert!(list.is_empty());
}

#[test]
fn end_ends_an_agreed_restriction_from_today_with_its_letters() {
    let mut o = office();
    let (p, r, id, _) = agreed(&mut o);
    let today = o.today();
    let before = audit_count(&o.store);
    let done = restriction::end(&mut o.store, id, &iso(today), "individual").expect("ended");
    assert_eq!(done.title, "Ending of an Agreed Restriction");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the ending letter",
    );
    let list = restriction::list(&o.store, p).expect("register");
    assert_eq!(
        list.len(),
        1,
        "the register shows the entry once, with its end"
    );
    assert_eq!(list[0].ended_on, Some(today));
    assert_eq!(list[0].ended_by, Some(EndedBy::Individual));
    let kinds: Vec<String> = o
        .store
        .letters_of(r)
        .expect("letters")
        .into_iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds[2..],
        ["restriction_ended", "restriction_ended_notice"],
        "a letter to the individual and a notice to the associate told"
    );
    let row = audited(&o.store, before, "restriction.end");
    assert_eq!(row.entity_id, Some(list[0].id));
}

#[test]
fn end_refuses_a_backdated_end_or_an_unknown_ender_and_writes_nothing() {
    let mut o = office();
    let (p, r, id, _) = agreed(&mut o);
    let yesterday = o.today() - Days::new(1);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::end(s, id, &iso(yesterday), "plan"),
            "endedOn",
            "an end is for the future only",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::end(s, id, "next week", "plan"),
            "endedOn",
            "YYYY-MM-DD",
        )
    });
    let today = o.today();
    writes_nothing(&mut o.store, |s| {
        refused_on(
            restriction::end(s, id, &iso(today), "the mayor"),
            "endedBy",
            "individual or plan",
        )
    });
    assert_eq!(
        restriction::list(&o.store, p).expect("register")[0].ended_on,
        None
    );
    assert_eq!(
        o.store.letters_of(r).expect("letters").len(),
        2,
        "no letter was added"
    );
}

#[test]
fn conflicts_quote_the_restriction_a_disclosure_would_break() {
    let mut o = office();
    let (p, _, id, _) = agreed(&mut o);
    let today = o.today();
    let found = writes_nothing(&mut o.store, |s| {
        logbook::conflicts(s, &check_form(p, today, ASSOCIATE, "payment")).expect("checked")
    });
    assert_eq!(
        found.len(),
        1,
        "a disclosure to the named associate conflicts"
    );
    assert_eq!(found[0].restriction_id, id);
    assert_eq!(
        found[0].quoted,
        format!(
            "\u{201c}Claims for counseling visits; not to be disclosed to {ASSOCIATE}.\u{201d}"
        )
    );
    let by_law = logbook::conflicts(
        &o.store,
        &check_form(p, today, ASSOCIATE, "required_by_law"),
    )
    .expect("checked");
    assert!(
        by_law.is_empty(),
        "a disclosure required by law is never bound by a restriction"
    );
    // Issue 15, point 10: a subpoena to a recipient named in question 3 is a 164.512(e)
    // disclosure, which a restriction does not bind.
    let subpoena = logbook::conflicts(&o.store, &check_form(p, today, ASSOCIATE, "judicial"))
        .expect("checked");
    assert!(
        subpoena.is_empty(),
        "a subpoena is never bound by a restriction: {subpoena:?}"
    );
    let other =
        logbook::conflicts(&o.store, &check_form(p, today, "Dr Ames", "payment")).expect("checked");
    assert!(
        other.is_empty(),
        "another recipient is not named by the restriction"
    );
}

#[test]
fn conflicts_refuse_a_basis_outside_the_list() {
    let mut o = office();
    let (p, _, _, _) = agreed(&mut o);
    let today = o.today();
    refused_on(
        logbook::conflicts(&o.store, &check_form(p, today, ASSOCIATE, "curiosity")),
        "basis",
        "a basis outside desk-core's list",
    );
}

// ---- confidential communications ----

fn accommodate(request_id: i64) -> CommunicationDecisionForm {
    CommunicationDecisionForm {
        request_id,
        outcome: "accommodate".into(),
        alternate_address: "PO Box 12\nSampleton, FL 32961".into(),
        alternate_means: String::new(),
        endangerment: false,
        reason: String::new(),
    }
}

#[test]
fn communication_decide_and_respond_keep_the_entry_and_address_later_letters_there() {
    let mut o = office();
    let (p, r) = o.request("confidential_communication");
    let before = audit_count(&o.store);
    let row = communication::decide(&mut o.store, &accommodate(r)).expect("accommodated");
    assert_eq!(row.outcome, OutcomeKind::Grant);
    assert!(!row.needs_approval);
    assert!(row.summary.starts_with("accommodated: "), "{}", row.summary);
    assert!(actions_since(&o.store, before).contains(&"decision.draft".to_owned()));

    let before = audit_count(&o.store);
    let done = response::respond(&mut o.store, r).expect("letter");
    assert_eq!(
        done.title,
        "Response to Confidential Communications Request"
    );
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the response",
    );
    assert_eq!(
        actions_since(&o.store, before)[..2],
        ["confidential_communication.record", "letter.store"],
        "the entry and its letter are one write"
    );
    let page = participant::page(&mut o.store, p).expect("page");
    assert_eq!(
        page.confidential_communications
            .iter()
            .map(|c| (c.text.as_str(), c.in_force))
            .collect::<Vec<_>>(),
        vec![("PO Box 12, Sampleton, FL 32961 \u{2014} accommodated", true)]
    );
    // Every later letter to the individual goes to the alternate address.
    let access = o.request_from(p, "access", 0);
    let summary = o.store.request(access).expect("request");
    let today = o.today();
    let to = letter::addressee_of(&o.store, &summary, today).expect("addressee");
    assert_eq!(
        to.address,
        vec!["PO Box 12".to_owned(), "Sampleton, FL 32961".to_owned()],
        "the accommodation in force decides where letters go"
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(
            response::respond(s, r),
            "decision",
            "the letter was already prepared",
        )
    });

    // The person moves back home and asks to end it: never back-dated, confirmed by letter,
    // and from that day letters go to the address on file.
    let id = page.confidential_communications[0].id;
    let end = |on: NaiveDate| communication::EndAccommodationForm {
        communication_id: id,
        ended_on: iso(on),
        associate_ids: None,
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            communication::end_accommodation(s, &end(today - Days::new(1))),
            "endedOn",
            "never back-dated",
        )
    });
    let before = audit_count(&o.store);
    let done = communication::end_accommodation(&mut o.store, &end(today)).expect("ended");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["letter.store", "communication.end"]
    );
    let text = pdf_text(&o.store.letter(done.letter_id).expect("pdf").pdf);
    assert!(
        text.contains("12 Palm Avenue"),
        "confirmed at home:\n{text}"
    );
    assert!(text.contains("PO Box 12"), "says what it was:\n{text}");
    let to = letter::addressee_of(&o.store, &summary, today).expect("addressee");
    assert_eq!(to.address[0], "12 Palm Avenue", "letters go home again");
    let page = participant::page(&mut o.store, p).expect("page");
    assert!(!page.confidential_communications[0].in_force);
    assert_eq!(page.confidential_communications[0].ended_on, Some(today));
    let e = writes_nothing(&mut o.store, |s| {
        communication::end_accommodation(
            s,
            &communication::EndAccommodationForm {
                communication_id: page.confidential_communications[0].id,
                ended_on: iso(today),
                associate_ids: None,
            },
        )
        .expect_err("ended already")
    });
    assert_eq!(e.field.as_deref(), Some("endedOn"));
}

#[test]
fn communication_decide_refuses_a_denial_when_the_person_is_endangered() {
    let mut o = office();
    let (_, r) = o.request("confidential_communication");
    let endangered = CommunicationDecisionForm {
        outcome: "deny".into(),
        endangerment: true,
        reason: "The plan mails only to the address on file.".into(),
        ..accommodate(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            communication::decide(s, &endangered),
            "outcome",
            "the plan must accommodate a person who says disclosure could endanger them",
        )
    });
    let nowhere = CommunicationDecisionForm {
        alternate_address: String::new(),
        ..accommodate(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            communication::decide(s, &nowhere),
            "alternateAddress",
            "say where to write",
        )
    });
    let unknown = CommunicationDecisionForm {
        outcome: "ignore".into(),
        ..accommodate(r)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            communication::decide(s, &unknown),
            "outcome",
            "accommodate or deny only",
        )
    });
    assert!(o.store.decisions_of(r).expect("decisions").is_empty());
}

// ---- complaints ----

fn complaint_form(received_on: NaiveDate) -> ComplaintForm {
    ComplaintForm {
        received_on,
        participant_id: None,
        name: "Robin Roe".into(),
        address_lines: "4 Oak Lane\nSampleton, FL 32960".into(),
        description: "My claims were discussed at the front desk.".into(),
    }
}

#[test]
fn a_complaint_that_names_a_participant_shows_on_their_page() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let e = writes_nothing(&mut o.store, |s| {
        complaint::log(
            s,
            &ComplaintForm {
                participant_id: Some(p + 99),
                ..complaint_form(today)
            },
        )
        .expect_err("not on file")
    });
    assert_eq!(e.field.as_deref(), Some("participantId"));
    let id = complaint::log(
        &mut o.store,
        &ComplaintForm {
            participant_id: Some(p),
            ..complaint_form(today)
        },
    )
    .expect("logged");
    complaint::log(&mut o.store, &complaint_form(today)).expect("about nobody on file");
    let page = participant::page(&mut o.store, p).expect("page");
    assert_eq!(page.complaints.len(), 1);
    assert_eq!(page.complaints[0].id, id);
    assert_eq!(page.complaints[0].participant_id, Some(p));
}

#[test]
fn complaint_log_list_acknowledge_and_close() {
    let mut o = office();
    let today = o.today();
    let before = audit_count(&o.store);
    let id = complaint::log(&mut o.store, &complaint_form(today)).expect("logged");
    assert_eq!(
        audited(&o.store, before, "complaint.log").entity_id,
        Some(id)
    );
    let older =
        complaint::log(&mut o.store, &complaint_form(today - Days::new(3))).expect("logged");
    let list = writes_nothing(&mut o.store, |s| complaint::list(s).expect("log"));
    assert_eq!(
        list.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![id, older],
        "newest received first"
    );
    assert_eq!(list[0].stage, ComplaintStage::Logged);
    assert_eq!(list[0].name, "Robin Roe");

    let before = audit_count(&o.store);
    let done = complaint::acknowledge(&mut o.store, id).expect("acknowledged");
    assert_eq!(done.title, "Acknowledgement of Your Complaint");
    assert_pdf(
        &letter::pdf(&mut o.store, done.letter_id).expect("bytes"),
        "the acknowledgement",
    );
    let now = complaint::list(&o.store).expect("log");
    let row = now
        .iter()
        .find(|c| c.received_on == today)
        .expect("the complaint");
    assert_eq!(row.stage, ComplaintStage::Acknowledged);
    assert_eq!(row.acknowledged_on, Some(today));
    assert_eq!(
        row.letter_id,
        Some(done.letter_id),
        "the letter is kept with the entry"
    );
    assert_eq!(
        actions_since(&o.store, before)[..2],
        ["letter.store", "complaint.acknowledge"],
        "the acknowledgement and its letter are one write"
    );

    let before = audit_count(&o.store);
    complaint::close(
        &mut o.store,
        row.id,
        "Staff were reminded of the privacy rules.",
    )
    .expect("closed");
    let closed = complaint::list(&o.store).expect("log");
    let row = closed
        .iter()
        .find(|c| c.received_on == today)
        .expect("the complaint");
    assert_eq!(row.stage, ComplaintStage::Closed);
    assert_eq!(row.disposition, "Staff were reminded of the privacy rules.");
    assert_eq!(
        audited(&o.store, before, "complaint.close").entity_id,
        Some(row.id)
    );
}

#[test]
fn complaint_log_refuses_a_future_date_a_blank_name_or_description() {
    let mut o = office();
    let tomorrow = o.today() + Days::new(1);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::log(s, &complaint_form(tomorrow)),
            "receivedOn",
            "not received yet",
        )
    });
    let today = o.today();
    let nameless = ComplaintForm {
        name: "  ".into(),
        ..complaint_form(today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(complaint::log(s, &nameless), "name", "say who complains")
    });
    let empty = ComplaintForm {
        description: String::new(),
        ..complaint_form(today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::log(s, &empty),
            "description",
            "describe the complaint",
        )
    });
    assert!(
        complaint::list(&o.store).expect("log").is_empty(),
        "nothing was logged"
    );
}

#[test]
fn complaint_acknowledge_refuses_a_second_acknowledgement() {
    let mut o = office();
    let today = o.today();
    let id = complaint::log(&mut o.store, &complaint_form(today)).expect("logged");
    complaint::acknowledge(&mut o.store, id).expect("acknowledged");
    let current = complaint::list(&o.store).expect("log")[0].id;
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::acknowledge(s, current),
            "complaint",
            "acknowledged once only",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::acknowledge(s, id),
            "complaint",
            "the old row was replaced",
        )
    });
}

#[test]
fn complaint_close_refuses_a_blank_outcome_and_a_second_close() {
    let mut o = office();
    let today = o.today();
    let id = complaint::log(&mut o.store, &complaint_form(today)).expect("logged");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::close(s, id, "  "),
            "disposition",
            "say what was found and done",
        )
    });
    complaint::close(&mut o.store, id, "No breach found.").expect("closed");
    let current = complaint::list(&o.store).expect("log")[0].id;
    writes_nothing(&mut o.store, |s| {
        refused_on(
            complaint::close(s, current, "Again."),
            "disposition",
            "the outcome is recorded once",
        )
    });
}

#[test]
fn staff_record_a_restriction_or_accommodation_and_the_privacy_official_decides() {
    use desk_office::request;
    let mut o = office();
    let (p, r) = o.request("restriction");
    let mut sam = o.staff();
    let row = restriction::decide(&mut sam, &agree(r)).expect("recorded by staff");
    assert!(
        row.needs_approval && row.approved_by.is_none(),
        "the agreement waits for the Privacy Official"
    );
    let page = request::page(&mut sam, r).expect("page");
    assert_eq!(page.status, RequestStatus::PendingApproval);
    assert!(!page.letter_due, "no letter before she decides");
    assert!(
        restriction::list(&sam, p).expect("register").is_empty(),
        "nothing is agreed yet"
    );
    writes_nothing(&mut sam, |s| {
        refused_with(
            decision::approve(s, row.id, ""),
            ErrorCode::Forbidden,
            "staff cannot agree to a restriction",
        )
    });
    let queue = decision::approvals(&o.store).expect("queue");
    assert_eq!(
        queue.iter().map(|a| a.request_id).collect::<Vec<_>>(),
        vec![r]
    );
    decision::approve(
        &mut o.store,
        row.id,
        "Agreed: the claims administrator can hold these apart",
    )
    .expect("she agrees");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::Decided);
    assert!(page.letter_due);
    let done = response::respond(&mut o.store, r).expect("letters under her name");
    assert!(
        pdf_text(&o.store.letter(done.letter_id).expect("letter").pdf).contains("Pat Official")
    );
    assert!(restriction::list(&o.store, p).expect("register")[0].agreed);

    // Her own decision stands at once.
    let (_, mine) = o.request("restriction");
    let row = restriction::decide(&mut o.store, &agree(mine)).expect("decided");
    assert!(!row.needs_approval);
    assert_eq!(
        o.store.request(mine).expect("r").status,
        RequestStatus::Decided
    );

    // An accommodation staff record waits for her too.
    let (_, c) = o.request("confidential_communication");
    let mut sam = o.staff();
    let row = communication::decide(&mut sam, &accommodate(c)).expect("recorded");
    assert!(row.needs_approval);
    assert_eq!(
        sam.request(c).expect("r").status,
        RequestStatus::PendingApproval
    );
    decision::approve(&mut o.store, row.id, "").expect("accommodated");
    assert_eq!(
        o.store.request(c).expect("r").status,
        RequestStatus::Decided
    );
}
