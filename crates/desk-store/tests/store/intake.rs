//! Intake: the requester and the request in one transaction, the due date from the clock.

use super::*;
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{NewIntake, NewRequest, NewRequester};

fn parent_intake(participant_id: i64, parent_id: i64) -> NewIntake {
    NewIntake {
        request: NewRequest {
            kind: RequestKind::Access,
            channel: Channel::InPerson,
            received_on: d("2025-03-03"),
            participant_id,
            requester_role: RequesterRole::Parent,
            requester_id: None,
            due_on: None,
            summary: "claims 2024".into(),
        },
        requester: Some(NewRequester {
            role: RequesterRole::Parent,
            participant_id: Some(parent_id),
            name: "Ann Marsh".into(),
            organization: String::new(),
            address: vec!["12 Palm Avenue".into(), "Sampleton, FL 32960".into()],
            phone: "555-010-1234".into(),
            authority: String::new(),
        }),
        scan: None,
        verification: None,
        awaiting_written_request: false,
        authorization_id: None,
    }
}

#[test]
fn a_parent_and_the_request_are_taken_in_together_with_the_clock_due_date() {
    let (_fx, mut store) = new_store();
    let ann = store
        .add_participant(&employee("E100", "Marsh", "Ann", "1975-05-06"))
        .expect("ann");
    let tom = store
        .add_dependent(
            &dependent("Marsh", "Tom", "2015-01-02"),
            ann,
            Relationship::Child,
        )
        .expect("tom");
    let id = store.intake(&parent_intake(tom, ann)).expect("intake");
    let r = store.request(id).expect("request");
    assert_eq!(r.status, RequestStatus::Received);
    assert_eq!(
        r.due_on,
        Some(d("2025-04-02")),
        "an access request is due 30 days after it was received"
    );
    assert_eq!(
        r.participant_name, "Tom Marsh",
        "the request is about the child"
    );
    let requester = store
        .requester_of(id)
        .expect("requester")
        .expect("one was recorded");
    assert_eq!(requester.role, RequesterRole::Parent);
    assert_eq!(requester.participant_id, Some(ann), "the parent is on file");
    assert_eq!(requester.name, "Ann Marsh");
    assert_eq!(requester.address.len(), 2);
    let actions: Vec<String> = store
        .recent_audit(2)
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["request.create", "requester.add"], "both audited");

    let (_, plain) = access_request(&mut store);
    assert_eq!(
        store.requester_of(plain).expect("requester"),
        None,
        "a participant asking for themself needs no requester row"
    );
}

#[test]
fn intake_refuses_and_writes_nothing() {
    let (_fx, mut store) = new_store();
    let ann = store
        .add_participant(&employee("E100", "Marsh", "Ann", "1975-05-06"))
        .expect("ann");
    let before = store
        .list_requests(&Default::default())
        .expect("list")
        .len();
    let seq = store.recent_audit(1).expect("audit")[0].seq;

    let mut late = parent_intake(ann, ann);
    late.request.due_on = Some(d("2025-05-01"));
    let e = store.intake(&late).expect_err("later than the rule");
    assert!(
        e.to_string().contains("2025-04-02"),
        "names the rule's date: {e}"
    );
    assert_eq!(field_of(e), "due_on");

    let mut stricter = parent_intake(ann, ann);
    stricter.request.due_on = Some(d("2025-03-20"));
    let sid = store
        .intake(&stricter)
        .expect("an earlier date is the county's choice");
    assert_eq!(store.request(sid).expect("r").due_on, Some(d("2025-03-20")));
    assert_eq!(
        store.recent_audit(1).expect("audit")[0].seq,
        seq + 2,
        "the requester and the request, each audited"
    );
    let before = before + 1;
    let seq = seq + 2;

    for (change, field) in [
        (
            Box::new(|i: &mut NewIntake| {
                if let Some(r) = i.requester.as_mut() {
                    r.name = "  ".into()
                }
            }) as Box<dyn Fn(&mut NewIntake)>,
            "requester.name",
        ),
        (
            Box::new(|i: &mut NewIntake| {
                if let Some(r) = i.requester.as_mut() {
                    r.role = RequesterRole::ThirdParty
                }
            }),
            "requester.role",
        ),
        (
            Box::new(|i: &mut NewIntake| {
                if let Some(r) = i.requester.as_mut() {
                    r.participant_id = Some(9_999)
                }
            }),
            "requester.participant_id",
        ),
        (
            Box::new(|i: &mut NewIntake| {
                i.request.requester_role = RequesterRole::PersonalRepresentative;
                if let Some(r) = i.requester.as_mut() {
                    r.role = RequesterRole::PersonalRepresentative
                }
            }),
            "requester.authority",
        ),
        (
            Box::new(|i: &mut NewIntake| i.request.participant_id = 9_999),
            "participant_id",
        ),
        (
            Box::new(|i: &mut NewIntake| {
                i.requester = None;
                i.request.requester_id = Some(9_999)
            }),
            "requester_id",
        ),
        (
            Box::new(|i: &mut NewIntake| i.request.received_on = d("2999-01-01")),
            "received_on",
        ),
    ] {
        let mut bad = parent_intake(ann, ann);
        change(&mut bad);
        let e = store.intake(&bad).expect_err(field);
        assert_eq!(field_of(e), field);
    }
    assert_eq!(
        store
            .list_requests(&Default::default())
            .expect("list")
            .len(),
        before,
        "no request from a refused intake"
    );
    assert_eq!(
        store.recent_audit(1).expect("audit")[0].seq,
        seq,
        "and no audit row: the requester went with the request"
    );
}

#[test]
fn the_scan_and_the_verification_go_in_with_the_request_or_nothing_does() {
    use desk_store::{
        AttachmentKind, NewAttachment, NewVerification, VerificationMethod, VerificationOutcome,
    };
    let (_fx, mut store) = new_store();
    let ann = store
        .add_participant(&employee("E100", "Marsh", "Ann", "1975-05-06"))
        .expect("ann");
    let with_scan = |bytes: &[u8]| {
        let mut intake = parent_intake(ann, ann);
        intake.request.requester_role = RequesterRole::Individual;
        intake.requester = None;
        intake.scan = Some(NewAttachment {
            request_id: None,
            kind: AttachmentKind::PhotoId,
            file_name: "licence.png".into(),
            bytes: bytes.to_vec(),
            corrects_id: None,
        });
        intake.verification = Some(NewVerification {
            request_id: 0,
            method: VerificationMethod::PhotoId,
            document_type: "drivers_licence".into(),
            document_last_digits: String::new(),
            document_expires_on: None,
            outcome: VerificationOutcome::Verified,
            note: String::new(),
            attachment_id: None,
            corrects_id: None,
            escalations: Vec::new(),
        });
        intake
    };
    let id = store.intake(&with_scan(PNG)).expect("intake");
    assert_eq!(
        store.request(id).expect("request").status,
        RequestStatus::Verified,
        "a verified intake leaves the request verified"
    );
    let scans = store.attachments_of(id).expect("attachments");
    assert_eq!(scans.len(), 1, "the scan is the request's");
    let checks = store.verifications_of(id).expect("verifications");
    assert_eq!(
        checks[0].attachment_id,
        Some(scans[0].id),
        "the verification points at the scan taken with it"
    );

    let before = store
        .list_requests(&Default::default())
        .expect("list")
        .len();
    let e = store
        .intake(&with_scan(b"not an image"))
        .expect_err("a scan that is no image");
    assert_eq!(field_of(e), "bytes");
    assert_eq!(
        store
            .list_requests(&Default::default())
            .expect("list")
            .len(),
        before,
        "a refused scan takes the request with it: one transaction"
    );
}
