//! Intake: the verification checklist and logging a new request in one write.

use super::*;
use desk_office::intake::{self, RequesterForm};
use desk_store::RequestFilter;

fn requests(store: &Store) -> usize {
    store
        .list_requests(&RequestFilter::default())
        .expect("requests")
        .len()
}

#[test]
fn check_verifies_the_individual_in_person_with_a_matching_photo_id() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let view = writes_nothing(&mut o.store, |s| {
        intake::check(s, &evidence(p, today)).expect("the checklist")
    });
    assert!(
        view.sufficient,
        "photo ID seen, matching and copied is enough in person"
    );
    assert_eq!(view.outcome, VerificationOutcome::Verified);
    assert!(view.can_log, "a verified requester's request can be logged");
    assert_eq!(
        view.checklist
            .iter()
            .map(|i| (i.code.as_str(), i.shown))
            .collect::<Vec<_>>(),
        vec![
            ("photo_id", true),
            ("photo_id_matches", true),
            ("copy_filed", true)
        ],
        "in person, the individual shows a photo ID that matches and its copy is filed"
    );
    assert_eq!(view.next_step, None, "nothing more to collect");
    assert_eq!(view.ssn_matched, None, "no SSN digits were read out");
    assert!(
        !view.authority_required,
        "the individual states no authority"
    );
}

#[test]
fn check_on_the_telephone_compares_the_ssn_digits_with_the_store() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let mut call = EvidenceForm {
        channel: "telephone".into(),
        photo_id_kind: None,
        photo_id_matches: false,
        copy_filed: false,
        photo_id_expires_on: None,
        ssn_digits: Some(pw("1234")),
        ..evidence(p, today)
    };
    let right = intake::check(&o.store, &call).expect("checklist");
    assert_eq!(
        right.ssn_matched,
        Some(true),
        "1234 are the last four digits on file"
    );
    assert!(
        right.sufficient,
        "a matching SSN verifies a caller who is the participant"
    );
    call.ssn_digits = Some(pw("9999"));
    let wrong = intake::check(&o.store, &call).expect("checklist");
    assert_eq!(wrong.ssn_matched, Some(false), "9999 is not on file");
    assert_eq!(wrong.outcome, VerificationOutcome::NotVerified);
    assert!(
        wrong.can_log,
        "an unverified caller's request is logged, to wait for the written request"
    );
    assert_eq!(
        wrong.next_step,
        Some(NextStep::AskForWrittenRequest),
        "a caller whose SSN does not match is asked to write"
    );
}

#[test]
fn check_for_a_parent_reads_the_childs_enrolment_and_age_from_the_store() {
    let mut o = office();
    let parent = o.employee("E1", "Doe", "Jan");
    let child = o.child(parent, "Kim", "2015-06-01");
    let today = o.today();
    let form = EvidenceForm {
        role: "parent".into(),
        requester_participant_id: Some(parent),
        ..evidence(child, today)
    };
    let view = intake::check(&o.store, &form).expect("checklist");
    assert_eq!(
        view.dependent_enrolled,
        Some(true),
        "the child is enrolled under the parent"
    );
    assert_eq!(
        view.child_is_minor,
        Some(true),
        "a child born in 2015 is a minor"
    );
    assert!(
        view.sufficient,
        "photo ID, enrolment and age verify a parent"
    );
}

#[test]
fn check_refuses_a_role_it_does_not_know_on_its_field() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let form = EvidenceForm {
        role: "neighbour".into(),
        ..evidence(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(intake::check(s, &form), "role", "a role outside the list")
    });
    let form = EvidenceForm {
        photo_id_kind: Some("library_card".into()),
        ..evidence(p, today)
    };
    refused_on(
        intake::check(&o.store, &form),
        "photoIdKind",
        "a photo ID kind outside the list",
    );
}

#[test]
fn log_writes_the_request_and_its_verification_in_one_write() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let before = audit_count(&o.store);
    let mut form = intake("access", evidence(p, today));
    form.scan = Some(upload("licence.png", &base64_png()));
    let done = intake::log(&mut o.store, &form).expect("logged");
    let r = o
        .store
        .request(done.request_id)
        .expect("the request is on file");
    assert_eq!(r.participant_id, p);
    assert_eq!(r.received_on, today);
    assert_eq!(
        r.due_on,
        Some(today + Days::new(30)),
        "access is due in 30 days"
    );
    assert_eq!(r.summary, "claims history for 2024");
    assert_eq!(
        desk_office::form::code_of(&r.status),
        "verified",
        "a verified intake moves the request to verified"
    );
    assert_eq!(done.verification.outcome, VerificationOutcome::Verified);
    let v = o
        .store
        .verifications_of(done.request_id)
        .expect("verifications");
    assert_eq!(v.len(), 1, "the verification is kept with the request");
    assert!(
        v[0].attachment_id.is_some(),
        "the scanned ID is the verification's evidence"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec![
            "request.create",
            "attachment.add",
            "verification.record",
            "request.verify"
        ],
        "intake is audited as one write: request, scan, verification, the move to verified"
    );
    let row = audited(&o.store, before, "request.create");
    assert_eq!(
        row.entity_id,
        Some(done.request_id),
        "the row names the new request"
    );
}

/// The PNG of main.rs as bytes.
fn base64_png() -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(PNG_BASE64)
        .expect("png")
}

#[test]
fn log_of_a_parent_on_file_records_the_parent_as_the_requester() {
    let mut o = office();
    let parent = o.employee("E1", "Doe", "Jan");
    let child = o.child(parent, "Kim", "2015-06-01");
    let today = o.today();
    let before = audit_count(&o.store);
    let form = intake(
        "access",
        EvidenceForm {
            role: "parent".into(),
            requester_participant_id: Some(parent),
            ..evidence(child, today)
        },
    );
    let done = intake::log(&mut o.store, &form).expect("logged");
    let who = o
        .store
        .requester_of(done.request_id)
        .expect("requester")
        .expect("a parent is recorded as the requester");
    assert_eq!(who.name, "Jan Doe", "the parent on file is the requester");
    assert_eq!(who.participant_id, Some(parent));
    assert!(
        actions_since(&o.store, before).contains(&"requester.add".to_owned()),
        "the requester row is audited"
    );
}

#[test]
fn log_refuses_a_date_received_in_the_future_and_writes_nothing() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let tomorrow = o.today() + Days::new(1);
    let form = intake("access", evidence(p, tomorrow));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &form),
            "evidence.receivedOn",
            "a request cannot be received tomorrow",
        )
    });
    assert_eq!(requests(&o.store), 0, "no request was logged");
}

#[test]
fn log_refuses_blank_details_an_unknown_kind_and_a_representative_without_authority() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let mut blank = intake("access", evidence(p, today));
    blank.details = "   ".into();
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &blank),
            "details",
            "what is asked for must be said",
        )
    });
    let unknown = intake("gossip", evidence(p, today));
    writes_nothing(&mut o.store, |s| {
        refused_on(intake::log(s, &unknown), "kind", "a kind outside the list")
    });
    let mut representative = intake(
        "access",
        EvidenceForm {
            role: "personal_representative".into(),
            representative_document: Some("power_of_attorney".into()),
            ..evidence(p, today)
        },
    );
    representative.requester = Some(RequesterForm {
        name: "Lee Agent".into(),
        organization: String::new(),
        address_lines: "3 Elm Street\nSampleton, FL 32960".into(),
        phone: "555-010-7777".into(),
        authority: "  ".into(),
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &representative),
            "requester.authority",
            "a personal representative states the authority they act under",
        )
    });
    let mut bad_scan = intake("access", evidence(p, today));
    bad_scan.scan = Some(upload("notes.txt", b"plain text is not a scan"));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &bad_scan),
            "scan",
            "a scan must be a PNG, JPEG or PDF",
        )
    });
    assert_eq!(
        requests(&o.store),
        0,
        "no request was logged by any refusal"
    );
}

#[test]
fn log_refuses_a_participant_not_on_file_on_the_participant_field() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let form = intake("access", evidence(p + 100, today));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &form),
            "evidence.participantId",
            "the form marks the participant field when the participant is not on file",
        )
    });
    assert_eq!(requests(&o.store), 0, "no request was logged");
}
