//! The request page, the pre-filled request form and its signed scan.

use super::*;
use desk_office::request;

#[test]
fn page_shows_a_verified_access_request_and_is_audited() {
    let mut o = office();
    let (p, r) = o.request("access");
    let today = o.today();
    let before = audit_count(&o.store);
    let page = request::page(&mut o.store, r).expect("the request page");
    assert_eq!(page.id, r);
    assert_eq!(page.kind, RequestKind::Access);
    assert_eq!(
        page.status,
        RequestStatus::Verified,
        "the intake verified the requester"
    );
    assert_eq!(page.channel, Channel::InPerson);
    assert_eq!(page.requester_role, RequesterRole::Individual);
    assert_eq!(page.participant_id, p);
    assert_eq!(
        page.requester_name, "Jan Doe",
        "the individual asks for themself"
    );
    assert_eq!(page.received_on, today);
    assert_eq!(page.effective_due_on, Some(today + Days::new(30)));
    assert_eq!(
        page.days_left,
        Some(30),
        "30 days are left on the day it is received"
    );
    assert!(!page.overdue);
    assert!(
        page.extension_available,
        "the one extension is open in the first period"
    );
    assert_eq!(
        page.verifications.len(),
        1,
        "the intake's verification is shown"
    );
    assert_eq!(page.verifications[0].outcome, VerificationOutcome::Verified);
    assert_eq!(page.verifications[0].verified_by, "Pat Official");
    assert!(page.decisions.is_empty() && page.letters.is_empty());
    assert!(!page.signed_form_received, "no signed form came back yet");
    assert_eq!(
        page.decisions_open,
        vec!["grant", "extension", "denial"],
        "a verified access request takes any of the three decisions"
    );
    let row = audited(&o.store, before, "request.view");
    assert_eq!(
        (row.entity.as_str(), row.entity_id),
        ("request", Some(r)),
        "viewing the page is recorded against the request"
    );
}

#[test]
fn page_of_a_request_not_on_file_is_not_found_and_records_no_view() {
    let mut o = office();
    let (_, r) = o.request("access");
    writes_nothing(&mut o.store, |s| {
        refused_with(
            request::page(s, r + 100),
            ErrorCode::NotFound,
            "there is no such request",
        )
    });
}

#[test]
fn form_pdf_keeps_the_prefilled_request_form_like_a_letter() {
    let mut o = office();
    let (_, r) = o.request("amendment");
    let before = audit_count(&o.store);
    let pdf = request::form_pdf(&mut o.store, r).expect("the request form");
    assert_pdf(&pdf, "the amendment request form");
    let letters = o.store.letters_of(r).expect("letters");
    assert_eq!(letters.len(), 1, "the form is kept with the request");
    assert_eq!(letters[0].kind, "amendment_request_form");
    let kept = o.store.letter(letters[0].id).expect("kept form");
    assert_eq!(kept.pdf, pdf, "the bytes returned are the bytes kept");
    let row = audited(&o.store, before, "letter.store");
    assert_eq!(row.entity_id, Some(letters[0].id));
}

#[test]
fn a_complaint_is_not_a_request_intake_takes() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let form = intake("complaint", evidence(p, o.today()));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            desk_office::intake::log(s, &form),
            "kind",
            "complaints go in the complaint log",
        )
    });
    assert!(
        o.store
            .list_requests(&desk_store::RequestFilter::default())
            .expect("requests")
            .is_empty(),
        "no request was logged"
    );
}

#[test]
fn form_signed_attaches_the_scan_to_the_request() {
    let mut o = office();
    let (_, r) = o.request("access");
    let before = audit_count(&o.store);
    request::form_signed(&mut o.store, r, &upload("signed.pdf", PDF)).expect("attached");
    let page = request::page(&mut o.store, r).expect("page");
    assert!(
        page.signed_form_received,
        "the signed form's scan is on the request"
    );
    let signed: Vec<_> = page
        .attachments
        .iter()
        .filter(|a| a.kind == AttachmentKind::SignedForm)
        .collect();
    assert_eq!(signed.len(), 1);
    assert_eq!(
        signed[0].media_type, "application/pdf",
        "the type is read from the bytes"
    );
    assert_eq!(signed[0].file_name, "signed.pdf");
    let row = audited(&o.store, before, "attachment.add");
    assert_eq!(row.entity_id, Some(signed[0].id));
}

#[test]
fn form_signed_refuses_a_file_that_is_not_a_scan_on_the_scan_field() {
    let mut o = office();
    let (_, r) = o.request("access");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            request::form_signed(s, r, &upload("form.txt", b"not a scan")),
            "scan",
            "only PNG, JPEG and PDF scans are kept",
        )
    });
    let not_base64 = UploadForm {
        file_name: "form.pdf".into(),
        base64: "%%% not base64 %%%".into(),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            request::form_signed(s, r, &not_base64),
            "scan",
            "a file that cannot be decoded",
        )
    });
    assert!(
        o.store.attachments_of(r).expect("attachments").is_empty(),
        "nothing was attached"
    );
}

#[test]
fn the_response_letter_is_due_once_and_the_answered_case_closes_and_reopens() {
    use desk_office::letter::{self, Delivery};
    use desk_office::request::{end, EndForm};
    use desk_office::{decision, response};
    use desk_store::EndStep;
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 5);
    let today = o.today();
    let page = request::page(&mut o.store, r).expect("page");
    assert!(!page.letter_due, "no decision yet");
    assert_eq!(page.endings_open, vec![EndStep::Withdraw]);
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    assert!(request::page(&mut o.store, r).expect("page").letter_due);
    let done = response::respond(&mut o.store, r).expect("letter");
    let page = request::page(&mut o.store, r).expect("page");
    assert!(
        !page.letter_due,
        "prepared: mark it sent, do not prepare it again"
    );
    let e = writes_nothing(&mut o.store, |s| {
        response::respond(s, r).expect_err("already prepared")
    });
    assert_eq!(e.field.as_deref(), Some("decision"));
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");

    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.endings_open, vec![EndStep::Close, EndStep::Withdraw]);
    let form = |step, reason: &str| EndForm {
        request_id: r,
        step,
        reason: reason.into(),
    };
    let e = writes_nothing(&mut o.store, |s| {
        end(s, &form(EndStep::Close, "")).expect_err("no reason")
    });
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Validation, Some("reason"))
    );
    let before = audit_count(&o.store);
    assert_eq!(
        end(&mut o.store, &form(EndStep::Close, "Copies collected")).expect("closed"),
        RequestStatus::Closed
    );
    assert_eq!(actions_since(&o.store, before), vec!["request.close"]);
    let e = writes_nothing(&mut o.store, |s| {
        end(s, &form(EndStep::Withdraw, "Too late")).expect_err("ended")
    });
    assert_eq!(e.field.as_deref(), Some("status"));
    assert_eq!(
        end(
            &mut o.store,
            &form(EndStep::Reopen, "Asked for a second copy")
        )
        .expect("reopened"),
        RequestStatus::LetterSent,
        "back to answered"
    );
    let page = request::page(&mut o.store, r).expect("page");
    let steps: Vec<(EndStep, &str)> = page
        .endings
        .iter()
        .map(|x| (x.step, x.reason.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (EndStep::Close, "Copies collected"),
            (EndStep::Reopen, "Asked for a second copy")
        ]
    );
    assert_eq!(page.endings[1].by, "Pat Official");
}

#[test]
fn a_note_is_taken_down_on_its_day_and_refused_on_its_field() {
    use desk_office::request::{note, NoteForm};
    use desk_store::NoteKind;
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 5);
    let today = o.today();
    let form = |on_day: &str, text: &str, corrects_id| NoteForm {
        request_id: r,
        kind: NoteKind::PhoneCall,
        on_day: on_day.into(),
        text: text.into(),
        corrects_id,
    };
    for (f, field) in [
        (form("5 March", "Called", None), "onDay"),
        (form(&iso(today + Days::new(1)), "Called", None), "onDay"),
        (form(&iso(today), "  ", None), "text"),
        (form(&iso(today), "Called", Some(999)), "correctsId"),
    ] {
        let e = writes_nothing(&mut o.store, |s| note(s, &f).expect_err(field));
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    let before = audit_count(&o.store);
    let first = note(
        &mut o.store,
        &form(&iso(today), "Asked about the fee", None),
    )
    .expect("noted");
    assert_eq!(actions_since(&o.store, before), vec!["request.note"]);
    let fix = note(
        &mut o.store,
        &form(
            &iso(today),
            "Asked about the fee and the format",
            Some(first.id),
        ),
    )
    .expect("corrected");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.notes.len(), 2);
    assert_eq!(page.notes[0].corrected_by, Some(fix.id));
    assert_eq!(page.notes[1].text, "Asked about the fee and the format");
}
