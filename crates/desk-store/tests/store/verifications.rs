//! Verifications: recorded with who and when; `verified` moves the request; corrections are rows.

use super::*;
use desk_core::request::RequestStatus;
use desk_store::{
    AttachmentKind, NewAttachment, NewVerification, VerificationMethod, VerificationOutcome,
};

fn phone_check(request_id: i64, outcome: VerificationOutcome) -> NewVerification {
    NewVerification {
        request_id,
        method: VerificationMethod::SsnMatch,
        document_type: String::new(),
        document_last_digits: String::new(),
        document_expires_on: None,
        outcome,
        note: String::new(),
        attachment_id: None,
        corrects_id: None,
        escalations: Vec::new(),
    }
}

#[test]
fn a_verified_outcome_moves_the_request_in_the_same_transaction() {
    let (fx, store) = new_store();
    let mut store = staff_store(&fx, store);
    let (_, rid) = access_request(&mut store);
    let no = store
        .record_verification(&phone_check(rid, VerificationOutcome::NotVerified))
        .expect("a failed check is recorded too");
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Received,
        "not verified: the request stays"
    );
    let scan = store
        .add_attachment(&NewAttachment {
            request_id: Some(rid),
            kind: AttachmentKind::PhotoId,
            file_name: "id.png".into(),
            bytes: PNG.to_vec(),
            corrects_id: None,
        })
        .expect("scan");
    let yes = store
        .record_verification(&NewVerification {
            method: VerificationMethod::PhotoId,
            document_type: "Florida driver licence".into(),
            document_last_digits: "4321".into(),
            document_expires_on: Some(d("2099-01-01")),
            attachment_id: Some(scan),
            ..phone_check(rid, VerificationOutcome::Verified)
        })
        .expect("verified");
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Verified
    );
    assert_eq!(last_action(&store), "request.verify", "the move is audited");

    let list = store.verifications_of(rid).expect("list");
    assert_eq!(list.iter().map(|v| v.id).collect::<Vec<_>>(), vec![no, yes]);
    let v = &list[1];
    assert_eq!(
        v.verified_by_name, "Sam Staff",
        "the signed-in user verified"
    );
    assert_eq!(v.document_last_digits, "4321");
    assert_eq!(v.attachment_id, Some(scan));

    let e = store
        .record_verification(&phone_check(rid, VerificationOutcome::Verified))
        .expect_err("verified twice");
    assert_eq!(
        field_of(e),
        "status",
        "the lifecycle refuses a second Verify"
    );
    assert_eq!(
        store.verifications_of(rid).expect("list").len(),
        2,
        "the refused row is not kept"
    );

    let fixed = store
        .record_verification(&NewVerification {
            corrects_id: Some(yes),
            escalations: Vec::new(),
            document_last_digits: "4312".into(),
            ..phone_check(rid, VerificationOutcome::Verified)
        })
        .expect("a correction of a verified row keeps the request where it is");
    let list = store.verifications_of(rid).expect("list");
    assert_eq!(
        list[1].corrected_by,
        Some(fixed),
        "the old row points forward"
    );
    assert_eq!(list[2].corrects_id, Some(yes), "the new row points back");
    let e = store
        .record_verification(&NewVerification {
            corrects_id: Some(fixed),
            escalations: Vec::new(),
            ..phone_check(rid, VerificationOutcome::NotVerified)
        })
        .expect_err("un-verifying after the request moved on");
    assert_eq!(field_of(e), "outcome");
}

#[test]
fn bad_verifications_name_their_field() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let (_, other) = access_request(&mut store);
    let other_scan = store
        .add_attachment(&NewAttachment {
            request_id: Some(other),
            kind: AttachmentKind::PhotoId,
            file_name: String::new(),
            bytes: PNG.to_vec(),
            corrects_id: None,
        })
        .expect("scan");
    let base = || phone_check(rid, VerificationOutcome::Verified);
    for (v, field) in [
        (
            NewVerification {
                document_last_digits: "123456789".into(),
                ..base()
            },
            "document_last_digits",
        ),
        (
            NewVerification {
                document_expires_on: Some(d("2020-01-01")),
                ..base()
            },
            "document_expires_on",
        ),
        (
            NewVerification {
                attachment_id: Some(other_scan),
                ..base()
            },
            "attachment_id",
        ),
        (
            NewVerification {
                corrects_id: Some(9_999),
                escalations: Vec::new(),
                ..base()
            },
            "corrects_id",
        ),
    ] {
        let e = store.record_verification(&v).expect_err(field);
        assert_eq!(field_of(e), field);
    }
    assert!(
        store.verifications_of(rid).expect("list").is_empty(),
        "nothing kept"
    );
    assert_eq!(
        store.request(rid).expect("r").status,
        RequestStatus::Received
    );
    let e = store
        .record_verification(&phone_check(9_999, VerificationOutcome::Verified))
        .expect_err("no request");
    assert!(
        matches!(e, desk_store::Error::NotFound { entity: "request" }),
        "{e:?}"
    );
}
