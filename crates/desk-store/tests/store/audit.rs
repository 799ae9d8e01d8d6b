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
