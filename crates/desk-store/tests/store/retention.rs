//! Nothing is deleted inside its six years; a purge past them lists first and needs a Privacy
//! Official.

use super::*;
use desk_store::{fixture, Error};

#[test]
fn a_delete_inside_retention_is_refused_and_a_purge_after_it_removes_the_whole_case() {
    let (fx, mut store) = new_store();
    let (_, old_case) = access_request(&mut store);
    verify(&mut store, old_case);
    let (_, other_case) = access_request(&mut store);
    let today = Utc::now().date_naive();

    assert!(
        store.purge_plan(today).expect("plan").is_empty(),
        "nothing is past retention today"
    );
    let e = store
        .purge(today, &[old_case])
        .expect_err("a case inside retention is refused");
    match e {
        Error::Retained { field, kept_until } => {
            assert_eq!(field, "request_id");
            assert_eq!(
                kept_until,
                desk_core::retention::kept_until(today, None),
                "kept six years from today's work on it"
            );
        }
        other => panic!("expected Retained, got {other:?}"),
    }
    let e = fixture::execute(
        &store,
        &format!("DELETE FROM requests WHERE id = {old_case}"),
    )
    .expect_err("the trigger refuses a raw delete");
    assert!(e.to_string().contains("never deleted"), "{e}");
    assert!(store.request(old_case).is_ok(), "still on file");

    // Seven years on both cases are past retention: the plan lists them with their rows.
    let later = today + chrono::Days::new(7 * 366);
    let plan = store.purge_plan(later).expect("plan");
    let ids: Vec<i64> = plan.iter().map(|p| p.request_id).collect();
    assert_eq!(ids, [old_case, other_case]);
    assert_eq!(
        plan[0].rows,
        [("verifications", 1), ("requests", 1)],
        "the plan names what would go"
    );
    let mut staff = staff_store(&fx, store);
    assert!(matches!(
        staff.purge_plan(later),
        Err(Error::NotPermitted { .. })
    ));
    assert!(matches!(
        staff.purge(later, &[old_case]),
        Err(Error::NotPermitted { .. })
    ));
    staff.lock();

    let mut store = sign_in(&fx.path);
    let triggers = |s: &Store| {
        fixture::query_i64(
            s,
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%never%'",
        )
        .expect("triggers")
    };
    let before = triggers(&store);
    let removed = store.purge(later, &[old_case]).expect("purged");
    assert_eq!(removed, 2, "the request and its verification");
    assert!(matches!(
        store.request(old_case),
        Err(Error::NotFound { .. })
    ));
    assert!(store.request(other_case).is_ok(), "the other case stays");
    assert_eq!(last_action(&store), "retention.purge");
    assert_eq!(store.verify_audit().expect("verify"), None);
    let e = fixture::execute(
        &store,
        &format!("DELETE FROM requests WHERE id = {other_case}"),
    )
    .expect_err("the triggers are back after the purge");
    assert!(e.to_string().contains("never deleted"), "{e}");
    assert_eq!(
        triggers(&store),
        before,
        "every retention trigger is in place again"
    );
}
