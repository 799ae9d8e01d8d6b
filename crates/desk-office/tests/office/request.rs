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
fn form_pdf_refuses_a_complaint_which_has_no_request_form() {
    let mut o = office();
    let (_, r) = o.request("complaint");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            request::form_pdf(s, r),
            "kind",
            "a complaint has no pre-filled request form",
        )
    });
    assert!(
        o.store.letters_of(r).expect("letters").is_empty(),
        "no form was kept"
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
