//! An accounting request's period and its steps in the store: the period is checked and kept
//! (a change corrects the row before), a withdrawal follows the fee notice only, and the period
//! is fixed once the accounting letter is prepared; each refusal names its field and writes
//! nothing.

use super::*;
use desk_core::accounting::{AccountingProgress, Period};
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::NewLetter;

fn letter(store: &mut Store, request_id: i64, kind: &str) {
    store
        .store_letter(&NewLetter {
            request_id: Some(request_id),
            kind: kind.into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("letter");
}

fn period(from: Option<&str>, to: Option<&str>) -> Period {
    Period {
        from: from.map(d),
        to: to.map(d),
    }
}

fn events(store: &mut Store, action: &str) -> usize {
    store
        .audit_trail(&desk_store::AuditFilter::default())
        .expect("trail")
        .into_iter()
        .filter(|e| e.action == action)
        .count()
}

#[test]
fn the_period_asked_for_is_kept_and_a_change_corrects_it() {
    let (_fx, mut store) = new_store();
    let (_, id) = request_of_kind(&mut store, RequestKind::Accounting);
    assert_eq!(
        store.accounting_period(id).expect("none"),
        Period::default()
    );

    store
        .set_accounting_period(id, period(Some("2023-01-01"), Some("2024-06-30")))
        .expect("set");
    assert_eq!(
        store.accounting_period(id).expect("set"),
        period(Some("2023-01-01"), Some("2024-06-30"))
    );
    store
        .set_accounting_period(id, period(Some("2022-01-01"), None))
        .expect("change");
    assert_eq!(
        store.accounting_period(id).expect("changed"),
        period(Some("2022-01-01"), None)
    );
    // The same period again writes nothing new.
    store
        .set_accounting_period(id, period(Some("2022-01-01"), None))
        .expect("same");
    assert_eq!(events(&mut store, "accounting.period"), 2);

    // Refused on the field it breaks, and the period stays as it was.
    let e = store
        .set_accounting_period(id, period(Some("2024-06-30"), Some("2023-01-01")))
        .expect_err("the end before the start");
    assert_eq!(field_of(e), "period_to");
    let e = store
        .set_accounting_period(id, period(Some("2025-03-04"), None))
        .expect_err("a start after the request");
    assert_eq!(
        field_of(e),
        "period_from",
        "starts after the request (3 March 2025)"
    );
    assert_eq!(
        store.accounting_period(id).expect("kept"),
        period(Some("2022-01-01"), None)
    );
    assert_eq!(events(&mut store, "accounting.period"), 2);
}

#[test]
fn another_kind_of_request_has_no_accounting_steps() {
    let (_fx, mut store) = new_store();
    let (_, id) = request_of_kind(&mut store, RequestKind::Access);
    let e = store
        .accounting_progress(id)
        .expect_err("not an accounting");
    assert_eq!(field_of(e), "kind");
    let e = store
        .set_accounting_period(id, Period::default())
        .expect_err("not an accounting");
    assert_eq!(field_of(e), "kind");
    let e = store
        .withdraw_accounting(id)
        .expect_err("not an accounting");
    assert_eq!(field_of(e), "kind");
}

#[test]
fn a_withdrawal_follows_the_fee_notice_and_ends_the_request() {
    let (_fx, mut store) = new_store();
    let (p, first) = request_of_kind(&mut store, RequestKind::Accounting);
    assert_eq!(
        store.accounting_progress(first).expect("progress"),
        AccountingProgress {
            free: true,
            ..AccountingProgress::default()
        }
    );
    // A free accounting has no fee to withdraw over.
    let e = store
        .withdraw_accounting(first)
        .expect_err("no fee to withdraw over");
    assert_eq!(field_of(e), "fee");
    letter(&mut store, first, "accounting");
    let first_letter = store.letters_of(first).expect("letters")[0].id;
    store
        .mark_letter_delivered(
            first_letter,
            desk_store::DeliveryMethod::Mailed,
            chrono::Local::now().date_naive(),
        )
        .expect("the first accounting is sent");
    let e = store
        .set_accounting_period(first, period(Some("2024-01-01"), None))
        .expect_err("fixed by the letter");
    assert_eq!(
        field_of(e),
        "period_from",
        "fixed once the letter is prepared"
    );

    // A second accounting in twelve months: the fee notice first.
    let today = chrono::Local::now().date_naive();
    let second = request_for(&mut store, p, RequestKind::Accounting, today);
    let before = store.accounting_progress(second).expect("progress");
    assert!(!before.free && !before.fee_notice_prepared);
    let e = store
        .withdraw_accounting(second)
        .expect_err("no fee notice yet");
    assert_eq!(field_of(e), "fee");
    assert_eq!(
        store.request(second).expect("open").status,
        RequestStatus::Received
    );

    letter(&mut store, second, "accounting_fee_notice");
    store.withdraw_accounting(second).expect("withdrawn");
    assert_eq!(
        store.request(second).expect("withdrawn").status,
        RequestStatus::Withdrawn
    );
    let after = store.accounting_progress(second).expect("progress");
    assert!(after.withdrawn && after.fee_notice_prepared && !after.accounting_prepared);
    let e = store
        .set_accounting_period(second, Period::default())
        .expect_err("withdrawn");
    assert_eq!(field_of(e), "fee", "nothing follows a withdrawal");
}

/// A demo database (its clock can be set) with the day at noon.
fn demo_on(day: &str) -> (Fixture, Store) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("demo.db");
    let (store, recovery_code) = Store::create_demo(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        noon(day),
    )
    .expect("a demo database is created");
    (
        Fixture {
            dir,
            path,
            recovery_code,
        },
        store,
    )
}

fn noon(day: &str) -> chrono::DateTime<chrono::Utc> {
    d(day)
        .and_hms_opt(12, 0, 0)
        .expect("noon")
        .and_local_timezone(chrono::Local)
        .single()
        .expect("one noon")
        .with_timezone(&chrono::Utc)
}

/// Issue 15, point 4: "first accounting in 12 months" counts only accountings provided (the
/// letter marked sent) in the 12 months before this one is provided. Request A received
/// 01-10; request B received 01-20 and its letter rendered 01-25 but never sent: A is free.
#[test]
fn only_an_accounting_sent_before_this_one_is_provided_makes_it_paid() {
    let (_fx, mut store) = demo_on("2025-01-10");
    let p = store
        .add_participant(&employee("A1", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    let a = request_for(&mut store, p, RequestKind::Accounting, d("2025-01-10"));
    store.simulate_clock(noon("2025-01-20")).expect("demo");
    let b = request_for(&mut store, p, RequestKind::Accounting, d("2025-01-20"));
    store.simulate_clock(noon("2025-01-25")).expect("demo");
    let b_letter = store
        .store_letter(&NewLetter {
            request_id: Some(b),
            kind: "accounting".into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("B's accounting rendered");
    store.simulate_clock(noon("2025-01-27")).expect("demo");
    assert!(
        store.accounting_progress(a).expect("progress").free,
        "B's accounting was rendered but never sent: A is still the first provided"
    );
    assert_eq!(
        store.previous_accounting_on(p, a).expect("previous"),
        None,
        "a letter never sent is no accounting provided"
    );

    // B's letter mailed on 01-26: an accounting A is provided after it is charged …
    store
        .mark_letter_delivered(
            b_letter,
            desk_store::DeliveryMethod::Mailed,
            d("2025-01-26"),
        )
        .expect("mailed");
    assert_eq!(
        store.previous_accounting_on(p, a).expect("previous"),
        Some(d("2025-01-26")),
        "counted from the day it was sent"
    );
    assert!(
        !store.accounting_progress(a).expect("progress").free,
        "B was provided on 01-26, before A (01-27)"
    );
    // … while on a day before B was sent, A would have been the first.
    store.simulate_clock(noon("2025-01-25")).expect("demo");
    assert!(
        store.accounting_progress(a).expect("progress").free,
        "an accounting sent after this one is provided does not count"
    );
    // Twelve months after B was sent, an accounting is free again (same day: outside them).
    store.simulate_clock(noon("2026-01-26")).expect("demo");
    assert!(store.accounting_progress(a).expect("progress").free);
}
