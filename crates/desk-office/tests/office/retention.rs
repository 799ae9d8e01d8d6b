//! Retention: the cases past their six years, listed with what a purge removes, and the purge
//! of exactly those (Privacy Official only).

use super::*;
use desk_office::retention::{self, PurgeForm};

/// A demo database (only such a database runs on a simulated clock), signed in as its
/// Privacy Official, with one verified access request made today.
fn demo_office() -> (Office, i64) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("demo.db");
    let (store, _code) = Store::create_demo(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        Utc::now(),
    )
    .expect("a demo database is created");
    let mut o = Office { dir, path, store };
    let (_, request) = o.request("access");
    (o, request)
}

/// Seven years on: the store's clock, and with it the office's day.
fn seven_years_on(o: &mut Office) {
    o.store
        .simulate_clock(Utc::now() + chrono::Duration::days(7 * 366))
        .expect("a demo database runs on a simulated clock");
}

#[test]
fn plan_lists_nothing_inside_retention_and_writes_nothing() {
    let mut o = office();
    o.request("access");
    let plan = writes_nothing(&mut o.store, |s| retention::plan(s).expect("plan"));
    assert!(plan.is_empty(), "every case is inside its six years");
}

#[test]
fn plan_lists_a_case_past_retention_with_its_rows_and_purge_removes_it() {
    let (mut o, request) = demo_office();
    let made_on = o.today();
    seven_years_on(&mut o);
    let plan = writes_nothing(&mut o.store, |s| retention::plan(s).expect("plan"));
    assert_eq!(plan.len(), 1, "the one case");
    let case = &plan[0];
    assert_eq!(case.request_id, request);
    assert_eq!(case.created_on, made_on);
    assert_eq!(case.last_effective_on, made_on);
    assert_eq!(
        case.kept_until,
        desk_core::retention::kept_until(made_on, Some(made_on)),
        "desk-core's six years"
    );
    assert_eq!(
        case.rows
            .iter()
            .map(|r| (r.table.as_str(), r.count))
            .collect::<Vec<_>>(),
        vec![("verifications", 1), ("requests", 1)],
        "what the purge would remove, children first"
    );

    let before = audit_count(&o.store);
    let done = retention::purge(
        &mut o.store,
        &PurgeForm {
            request_ids: vec![request],
        },
    )
    .expect("purged");
    assert_eq!((done.cases, done.rows), (1, 2));
    let row = audited(&o.store, before, "retention.purge");
    assert_eq!(row.entity, "request");
    assert_eq!(row.entity_id, Some(request));
    assert!(
        o.store.request(request).is_err(),
        "the request is no longer on file"
    );
    assert!(retention::plan(&o.store).expect("plan").is_empty());
    assert_eq!(o.store.verify_audit().expect("verify"), None);
}

#[test]
fn purge_refuses_a_case_inside_retention_on_request_ids_and_removes_nothing() {
    let mut o = office();
    let (_, request) = o.request("access");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            retention::purge(
                s,
                &PurgeForm {
                    request_ids: vec![request],
                },
            ),
            "requestIds",
            "a case inside its six years is kept",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            retention::purge(
                s,
                &PurgeForm {
                    request_ids: Vec::new(),
                },
            ),
            "requestIds",
            "a purge names its cases",
        )
    });
    assert!(o.store.request(request).is_ok(), "still on file");
}

#[test]
fn purge_refuses_a_case_named_twice_and_removes_nothing() {
    let (mut o, request) = demo_office();
    seven_years_on(&mut o);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            retention::purge(
                s,
                &PurgeForm {
                    request_ids: vec![request, request],
                },
            ),
            "requestIds",
            "each case once",
        )
    });
    assert!(o.store.request(request).is_ok(), "still on file");
}

#[test]
fn plan_and_purge_are_the_privacy_officials_alone() {
    let (mut o, request) = demo_office();
    let mut sam = o.staff();
    sam.simulate_clock(Utc::now() + chrono::Duration::days(7 * 366))
        .expect("demo clock");
    writes_nothing(&mut sam, |s| {
        refused_with(
            retention::plan(s),
            ErrorCode::Forbidden,
            "staff list nothing for a purge",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            retention::purge(
                s,
                &PurgeForm {
                    request_ids: vec![request],
                },
            ),
            ErrorCode::Forbidden,
            "staff purge nothing",
        )
    });
    assert!(o.store.request(request).is_ok(), "still on file");
}
