//! The audit log is append-only and hash-chained.

use super::*;

#[test]
fn the_chain_verifies_and_a_tampered_row_is_found() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let seq = store
        .record_event("letter.print", "request", Some(1))
        .expect("event");
    assert!(seq > 40, "every write appended an audit row (seq {seq})");
    assert_eq!(
        store.verify_audit().expect("verify"),
        None,
        "an untouched chain verifies"
    );
    assert!(
        store
            .record_event("Jane Doe looked", "request", None)
            .is_err(),
        "free text (possible PHI) is refused as an action"
    );
    store.lock();

    let raw =
        desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    let e = raw
        .execute("UPDATE audit_log SET action = 'user.add' WHERE seq = 5", [])
        .expect_err("the trigger refuses updates");
    assert!(
        e.to_string().contains("append-only"),
        "refused by the trigger: {e}"
    );
    assert!(
        raw.execute("DELETE FROM audit_log WHERE seq = 5", [])
            .is_err(),
        "the trigger refuses deletes"
    );
    raw.execute_batch(
        "DROP TRIGGER audit_log_append_only_update;
         UPDATE audit_log SET entity_id = 999 WHERE seq = 5;",
    )
    .expect("tamper with triggers dropped");
    drop(raw);

    let store = sign_in(&fx.path);
    assert_eq!(
        store.verify_audit().expect("verify"),
        Some(5),
        "the first broken seq is reported"
    );
}

#[test]
fn records_are_never_hard_deleted() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    store.lock();
    let raw =
        desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    for table in ["participants", "coverage", "requests", "users", "settings"] {
        let e = raw
            .execute(&format!("DELETE FROM {table}"), [])
            .expect_err("deletes are refused");
        assert!(e.to_string().contains("never deleted"), "{table}: {e}");
    }
    raw.execute(
        "INSERT INTO complaints (received_on, description, created_at) VALUES ('2025-01-01', 'x', 'now')",
        [],
    )
    .expect("a complaint is logged");
    let e = raw
        .execute("UPDATE complaints SET description = 'y'", [])
        .expect_err("logged facts are not edited");
    assert!(e.to_string().contains("correcting row"), "{e}");
    raw.execute(
        "INSERT INTO complaints (received_on, description, corrects_id, created_at)
         VALUES ('2025-01-01', 'y', 1, 'now')",
        [],
    )
    .expect("a correction is a new row pointing at the old");
}

fn actions(store: &Store, n: u32) -> Vec<String> {
    let mut rows = store.recent_audit(n).expect("audit");
    rows.reverse();
    rows.into_iter().map(|r| r.action).collect()
}

#[test]
fn sign_in_sign_out_lock_and_failed_attempts_are_recorded() {
    let (fx, store) = new_store();
    let me = store.user().expect("user").id;
    store.sign_out().expect("signed out");

    // Two wrong passwords and an unknown name while the database is closed.
    for (user, password) in [(PO_USER, "wrong-1"), (PO_USER, "wrong-2"), ("nobody", "x1")] {
        let e = Store::sign_in(&fx.path, user, &pw(password), Utc::now()).expect_err("refused");
        assert!(matches!(e, desk_store::Error::WrongCredentials), "{e:?}");
    }
    let store = sign_in(&fx.path);
    let rows = store.recent_audit(5).expect("audit");
    let got: Vec<(&str, Option<i64>)> = rows
        .iter()
        .rev()
        .map(|r| (r.action.as_str(), r.entity_id))
        .collect();
    assert_eq!(
        got,
        [
            ("session.sign_out", Some(me)),
            ("session.sign_in_failed", Some(me)),
            ("session.sign_in_failed", Some(me)),
            ("session.sign_in_failed", None),
            ("session.sign_in", Some(me)),
        ],
        "the failures kept in the key file reach the audit log at the next sign-in, the unknown \
         name without an id"
    );
    store.lock_idle().expect("locked");

    // The failures were flushed once: the next sign-in does not repeat them.
    let store = sign_in(&fx.path);
    assert_eq!(
        actions(&store, 2),
        ["session.lock", "session.sign_in"],
        "an idle lock is recorded and the failures are not written twice"
    );
    assert_eq!(store.verify_audit().expect("verify"), None);
    let keys = std::fs::read_to_string(desk_store::key_file_path(&fx.path)).expect("keys");
    assert!(
        !keys.contains("failed_sign_ins"),
        "the key file no longer holds the flushed failures: {keys}"
    );
}

#[test]
fn failed_recovery_codes_are_recorded() {
    let (fx, store) = new_store();
    store.lock();
    assert!(Store::open_with_recovery(&fx.path, &pw("AAAA-BBBB"), Utc::now()).is_err());
    let store =
        Store::open_with_recovery(&fx.path, &fx.recovery_code, Utc::now()).expect("recovery");
    assert_eq!(
        actions(&store, 2),
        ["session.recovery_failed", "session.recovery"]
    );
}

#[test]
fn the_trail_filters_by_participant_and_user_for_the_privacy_official_only() {
    let (fx, mut store) = new_store();
    let (p1, r1) = access_request(&mut store);
    let (p2, _r2) = access_request(&mut store);
    let po = store.user().expect("po").id;
    let mut staff = staff_store(&fx, store);
    let sam = staff.user().expect("sam").id;
    staff
        .record_event("participant.view", "participant", Some(p1))
        .expect("view");
    staff
        .record_event("request.view", "request", Some(r1))
        .expect("view");
    staff
        .record_event("participant.view", "participant", Some(p2))
        .expect("view");
    let e = staff
        .audit_trail(&desk_store::AuditFilter::default())
        .expect_err("staff may not read the trail");
    assert!(matches!(e, desk_store::Error::NotPermitted { .. }), "{e:?}");
    staff.lock();

    let mut store = sign_in(&fx.path);
    let about_p1 = store
        .audit_trail(&desk_store::AuditFilter {
            participant_id: Some(p1),
            ..Default::default()
        })
        .expect("trail");
    let got: Vec<(String, Option<i64>)> = about_p1
        .iter()
        .map(|r| (r.action.clone(), r.user_id))
        .collect();
    assert_eq!(
        got,
        [
            ("request.view".to_owned(), Some(sam)),
            ("participant.view".to_owned(), Some(sam)),
            ("request.create".to_owned(), Some(po)),
            ("participant.add".to_owned(), Some(po)),
        ],
        "participant 1's rows only, newest first, with their request's rows"
    );
    let by_sam = store
        .audit_trail(&desk_store::AuditFilter {
            user_id: Some(sam),
            ..Default::default()
        })
        .expect("trail");
    assert!(by_sam.iter().all(|r| r.user_id == Some(sam)));
    assert_eq!(
        by_sam
            .iter()
            .filter(|r| r.action == "participant.view")
            .count(),
        2
    );
    assert_eq!(
        last_action(&store),
        "audit.view",
        "reading the trail is recorded"
    );
}
