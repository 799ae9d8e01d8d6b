//! A case's endings (closed, withdrawn, reopened, each with its reason) and its notes: rows that
//! are never changed, each with its audit row.

use super::*;
use desk_core::request::RequestStatus;
use desk_store::{EndStep, NewNote, NoteKind};

#[test]
fn a_withdrawn_case_reopens_where_it_stood_with_a_correcting_row() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);
    assert_eq!(
        store.endings_open(rid).expect("open"),
        vec![EndStep::Withdraw],
        "a waiting case cannot be closed"
    );
    let e = store
        .end_request(rid, EndStep::Close, "Nothing more to do")
        .expect_err("not answered");
    assert_eq!(field_of(e), "status");
    let before = store.audit_count().expect("count");
    let e = store
        .end_request(rid, EndStep::Withdraw, "   ")
        .expect_err("no reason");
    assert_eq!(field_of(e), "reason");
    assert_eq!(
        store.audit_count().expect("count"),
        before,
        "nothing written"
    );
    assert_eq!(
        store.request(rid).expect("request").status,
        RequestStatus::Verified
    );

    assert_eq!(
        store
            .end_request(rid, EndStep::Withdraw, "Called on 3/5 to withdraw")
            .expect("withdrawn"),
        RequestStatus::Withdrawn
    );
    assert_eq!(last_action(&store), "request.withdraw");
    assert_eq!(
        store.endings_open(rid).expect("open"),
        vec![EndStep::Reopen]
    );
    assert_eq!(
        store
            .end_request(rid, EndStep::Reopen, "Withdrawal logged on the wrong case")
            .expect("reopened"),
        RequestStatus::Verified,
        "back where it stood"
    );
    assert_eq!(last_action(&store), "request.reopen");
    let endings = store.endings_of(rid).expect("endings");
    assert_eq!(endings.len(), 2);
    assert_eq!(endings[0].step, EndStep::Withdraw);
    assert_eq!(endings[0].status_before, RequestStatus::Verified);
    assert_eq!(endings[0].reason, "Called on 3/5 to withdraw");
    assert_eq!(endings[0].by, "Pat Official");
    assert_eq!(endings[1].step, EndStep::Reopen);
    assert_eq!(endings[1].corrects_id, Some(endings[0].id));
    assert_eq!(endings[1].status_after, RequestStatus::Verified);
    let e = desk_store::fixture::execute(&store, "UPDATE request_endings SET reason = 'x'")
        .expect_err("never changed");
    assert!(e.to_string().contains("never changed"), "{e}");
    assert!(desk_store::fixture::execute(&store, "DELETE FROM request_endings").is_err());
}

#[test]
fn a_case_ended_before_endings_were_kept_reopens_by_its_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v6.db");
    desk_store::fixture::create_at_version(
        &path,
        &organization(),
        PO_USER,
        &pw(PO_PASSWORD),
        at(0),
        6,
    )
    .expect("a version 6 file");
    let rid = {
        let mut old = desk_store::fixture::sign_in_without_migrating(
            &path,
            PO_USER,
            &pw(PO_PASSWORD),
            Utc::now(),
        )
        .expect("sign in");
        let (_, rid) = access_request(&mut old);
        desk_store::fixture::execute(
            &old,
            &format!("UPDATE requests SET status = 'withdrawn' WHERE id = {rid}"),
        )
        .expect("withdrawn as version 6 recorded it");
        old.lock();
        rid
    };
    let mut store = sign_in(&path);
    assert!(store.endings_of(rid).expect("endings").is_empty());
    assert_eq!(
        store
            .end_request(rid, EndStep::Reopen, "Withdrawn by mistake")
            .expect("reopened"),
        RequestStatus::Received,
        "never verified: back to received"
    );
    let endings = store.endings_of(rid).expect("endings");
    assert_eq!(endings.len(), 1);
    assert_eq!(
        endings[0].corrects_id, None,
        "no recorded ending to correct"
    );
}

#[test]
fn notes_are_taken_down_dated_and_corrected_by_a_new_note() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let today = store.today();
    let first = store
        .add_case_note(&NewNote {
            request_id: rid,
            kind: NoteKind::PhoneCall,
            on_day: d("2025-03-05"),
            text: "  Asked when the copies will be ready. ".into(),
            corrects_id: None,
        })
        .expect("noted");
    assert_eq!(first.text, "Asked when the copies will be ready.");
    assert_eq!(first.by, "Pat Official");
    assert_eq!(last_action(&store), "request.note");
    for (on_day, text, corrects, field) in [
        (d("2025-03-01"), "Too early", None, "on_day"),
        (today + chrono::Days::new(1), "Tomorrow", None, "on_day"),
        (d("2025-03-05"), " ", None, "text"),
        (d("2025-03-05"), "Fix", Some(first.id + 99), "corrects_id"),
    ] {
        let before = store.audit_count().expect("count");
        let e = store
            .add_case_note(&NewNote {
                request_id: rid,
                kind: NoteKind::MailReceived,
                on_day,
                text: text.into(),
                corrects_id: corrects,
            })
            .expect_err(field);
        assert_eq!(field_of(e), field);
        assert_eq!(
            store.audit_count().expect("count"),
            before,
            "{field}: nothing written"
        );
    }
    let fix = store
        .add_case_note(&NewNote {
            request_id: rid,
            kind: NoteKind::PhoneCall,
            on_day: d("2025-03-06"),
            text: "Asked when the copies will be ready (called on the 6th).".into(),
            corrects_id: Some(first.id),
        })
        .expect("corrected");
    let e = store
        .add_case_note(&NewNote {
            request_id: rid,
            kind: NoteKind::Note,
            on_day: d("2025-03-06"),
            text: "Again".into(),
            corrects_id: Some(first.id),
        })
        .expect_err("once");
    assert_eq!(field_of(e), "corrects_id");
    let notes = store.notes_of(rid).expect("notes");
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].corrected_by, Some(fix.id));
    assert_eq!(notes[1].corrects_id, Some(first.id));
}
