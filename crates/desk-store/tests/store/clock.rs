//! The store's clock: the real time on every database, a simulated one only on a demo database
//! (`Store::create_demo`), so that a demo history can be written through the real operations.

use super::*;
use chrono::{Duration, Local, TimeZone};
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::Error;

/// 15:00 UTC on 2 June 2025: where a demo's eighteen months of history could start.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 2, 15, 0, 0)
        .single()
        .expect("test time")
}

/// The office's day at `t` (the machine's time zone, as `Store::today`).
fn local_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

/// Within a minute of the real time.
fn is_real(t: DateTime<Utc>) -> bool {
    (Utc::now() - t).num_seconds().abs() < 60
}

fn new_demo(now: DateTime<Utc>) -> (Fixture, Store) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("demo.db");
    let (store, recovery_code) = Store::create_demo(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        now,
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

/// Intake of an access request from participant `p` themselves, received on `received_on`.
fn intake_on(store: &mut Store, p: i64, received_on: NaiveDate) -> desk_store::Result<i64> {
    store.intake(&desk_store::NewIntake {
        request: desk_store::NewRequest {
            kind: RequestKind::Access,
            channel: desk_core::person::Channel::InPerson,
            received_on,
            participant_id: p,
            requester_role: desk_core::person::RequesterRole::Individual,
            requester_id: None,
            due_on: None,
            summary: String::new(),
        },
        requester: None,
        scan: None,
        verification: None,
        awaiting_written_request: false,
        authorization_id: None,
    })
}

#[test]
fn a_demo_database_stamps_rows_with_the_simulated_time_and_day() {
    let (_fx, mut store) = new_demo(at(0));
    assert!(store.is_demo());
    assert!(
        is_real(store.now()),
        "the real clock until one is simulated"
    );

    store.simulate_clock(start()).expect("a demo database may");
    assert_eq!(store.now(), start());
    assert_eq!(store.today(), local_day(start()));
    let p = store
        .add_participant(&employee("D1", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    assert_eq!(store.recent_audit(1).expect("audit")[0].at, start());

    // "Not in the future" is judged against the simulated day, though the real one is later.
    let tomorrow = store.today() + Duration::days(1);
    let e = intake_on(&mut store, p, tomorrow).expect_err("received after today");
    assert_eq!(field_of(e), "received_on");
    let today = store.today();
    let rid = intake_on(&mut store, p, today).expect("received today");
    let created = store.recent_audit(1).expect("audit");
    assert_eq!(
        (created[0].action.as_str(), created[0].at),
        ("request.create", start())
    );
    assert_eq!(
        store.request(rid).expect("request").due_on,
        Some(store.today() + Duration::days(30)),
        "due by the clock from the simulated day"
    );

    // The demo moves the clock forward as it replays the case.
    let verified_at = start() + Duration::days(3) + Duration::hours(2);
    store.simulate_clock(verified_at).expect("moved on");
    verify(&mut store, rid);
    assert_eq!(
        store.verifications_of(rid).expect("verifications")[0].verified_at,
        verified_at
    );
    let drafted_at = verified_at + Duration::days(5);
    store.simulate_clock(drafted_at).expect("moved on");
    store
        .draft_decision(rid, &crate::decisions::grant())
        .expect("granted");
    let decided = store.decisions_of(rid).expect("decisions");
    assert_eq!(decided[0].drafted_at, drafted_at);
    assert_eq!(store.today(), local_day(drafted_at));
    assert_eq!(
        store.request(rid).expect("request").status,
        RequestStatus::Decided
    );
    assert_eq!(store.verify_audit().expect("walk"), None);
}

#[test]
fn a_database_made_by_create_never_runs_on_a_simulated_clock() {
    let (fx, mut store) = new_store();
    assert!(!store.is_demo());
    let e = store
        .simulate_clock(start())
        .expect_err("a real database keeps the real clock");
    assert!(matches!(e, Error::NotADemo), "{e:?}");
    assert!(is_real(store.now()));
    assert_eq!(store.today(), local_day(store.now()));
    store
        .add_participant(&employee("R1", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    assert!(is_real(store.recent_audit(1).expect("audit")[0].at));

    // Nor after signing in again.
    store.lock();
    let mut again = sign_in(&fx.path);
    assert!(!again.is_demo());
    assert!(matches!(
        again.simulate_clock(start()),
        Err(Error::NotADemo)
    ));
}

#[test]
fn the_audit_chain_holds_over_a_simulated_history_and_the_flag_over_a_sign_in() {
    // Eighteen months of cases, one a month, each received and verified on its own days.
    let (fx, mut store) = new_demo(start());
    let p = {
        store.simulate_clock(start()).expect("demo");
        store
            .add_participant(&employee("H1", "Doe", "Jan", "1980-01-01"))
            .expect("participant")
    };
    let mut last = start();
    for month in 0..18 {
        let received = start() + Duration::days(30 * month);
        store.simulate_clock(received).expect("demo");
        let today = store.today();
        let rid = intake_on(&mut store, p, today).expect("intake");
        last = received + Duration::days(2);
        store.simulate_clock(last).expect("demo");
        verify(&mut store, rid);
    }
    store.sign_out().expect("signed out");

    let mut store = sign_in(&fx.path);
    assert!(store.is_demo(), "the flag is read again at sign-in");
    assert!(
        is_real(store.now()),
        "a new session starts on the real clock"
    );
    assert_eq!(store.verify_audit().expect("walk"), None);
    let rows = store.recent_audit(1000).expect("audit");
    let sign_out = rows
        .iter()
        .find(|r| r.action == "session.sign_out")
        .expect("the sign-out");
    assert_eq!(sign_out.at, last, "written at the simulated time");
    let creates: Vec<_> = rows
        .iter()
        .rev()
        .filter(|r| r.action == "request.create")
        .map(|r| r.at)
        .collect();
    assert_eq!(creates.len(), 18);
    assert_eq!(creates[0], start());
    assert_eq!(creates[17], start() + Duration::days(30 * 17));
    store.simulate_clock(last).expect("still a demo");
    assert_eq!(store.now(), last);
}

/// 15:00 UTC on `day`, the simulated time of a step.
fn on(day: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d(day).and_hms_opt(15, 0, 0).expect("time"))
}

/// An access request received on 2025-01-31 (due 2025-03-02), verified, with its one
/// extension drafted on 2025-03-02 and the notice's letter prepared that day. Returns the
/// request and the letter.
fn extension_drafted_on_the_due_day(store: &mut Store) -> (i64, i64) {
    use desk_core::decision::{AccessDecision, Extension};
    store.simulate_clock(on("2025-01-31")).expect("demo clock");
    let p = store
        .add_participant(&employee("E7", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    let rid = intake_on(store, p, d("2025-01-31")).expect("intake");
    verify(store, rid);
    store.simulate_clock(on("2025-03-02")).expect("demo clock");
    store
        .draft_decision(
            rid,
            &desk_store::DecisionOutcome::Access(AccessDecision::Extension(Extension {
                reason: "Records are held off site".into(),
                respond_by: d("2025-04-01"),
            })),
        )
        .expect("extension drafted on the last day of the first period");
    let letter = store
        .store_letter(&desk_store::NewLetter {
            request_id: Some(rid),
            kind: "access_response".into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("the notice's letter");
    (rid, letter)
}

#[test]
fn an_extension_counts_as_noticed_on_the_day_its_notice_is_mailed() {
    // Received 2025-01-31, due 03-02, drafted 03-02, mailed 03-04: that notice is late.
    let (_fx, mut store) = new_demo(at(0));
    let (rid, letter) = extension_drafted_on_the_due_day(&mut store);
    let drafted = store.request(rid).expect("request");
    assert_eq!(drafted.status, RequestStatus::Extended);
    assert_eq!(drafted.extended_due_on, Some(d("2025-04-01")));
    assert_eq!(
        drafted.effective_due_on(),
        Some(d("2025-03-02")),
        "a notice not yet mailed extends nothing"
    );
    assert!(!drafted.extension_late());

    store.simulate_clock(on("2025-03-04")).expect("demo clock");
    store
        .mark_letter_delivered(letter, desk_store::DeliveryMethod::Mailed, d("2025-03-04"))
        .expect("the mailing is recorded as it happened");
    let mailed = store.request(rid).expect("request");
    assert_eq!(mailed.extension_mailed_on, Some(d("2025-03-04")));
    assert!(mailed.extension_late(), "mailed after 03-02");
    assert_eq!(
        mailed.effective_due_on(),
        Some(d("2025-03-02")),
        "a late notice leaves the original due date"
    );
    assert_eq!(
        store.recent_audit(3).expect("audit")[0].action,
        "request.extension_mailed"
    );

    // A second mailing of the same notice changes nothing: it counts from the first.
    store
        .mark_letter_delivered(
            letter,
            desk_store::DeliveryMethod::HandedOver,
            d("2025-03-04"),
        )
        .expect("handed over too");
    assert_eq!(
        store.request(rid).expect("request").extension_mailed_on,
        Some(d("2025-03-04"))
    );
}

#[test]
fn an_extension_notice_mailed_by_the_due_date_moves_the_date_that_counts() {
    let (_fx, mut store) = new_demo(at(0));
    let (rid, letter) = extension_drafted_on_the_due_day(&mut store);
    store
        .mark_letter_delivered(letter, desk_store::DeliveryMethod::Mailed, d("2025-03-02"))
        .expect("mailed the same day");
    let r = store.request(rid).expect("request");
    assert!(!r.extension_late());
    assert_eq!(r.effective_due_on(), Some(d("2025-04-01")));
    let listed = store
        .list_requests(&desk_store::RequestFilter::default())
        .expect("dashboard");
    assert_eq!(listed[0].effective_due_on(), Some(d("2025-04-01")));
}

#[test]
fn an_extension_may_be_given_while_the_request_is_still_received() {
    use desk_core::decision::{AccessDecision, Extension};
    let (_fx, mut store) = new_demo(at(0));
    store.simulate_clock(on("2025-01-31")).expect("demo clock");
    let p = store
        .add_participant(&employee("E8", "Roe", "Ann", "1981-02-02"))
        .expect("participant");
    let rid = intake_on(&mut store, p, d("2025-01-31")).expect("intake");
    store.simulate_clock(on("2025-02-25")).expect("demo clock");
    store
        .draft_decision(
            rid,
            &desk_store::DecisionOutcome::Access(AccessDecision::Extension(Extension {
                reason: "The requester's identity is still being confirmed".into(),
                respond_by: d("2025-04-01"),
            })),
        )
        .expect("the clock runs from receipt, so the extension may come before verification");
    let r = store.request(rid).expect("request");
    assert_eq!(
        r.status,
        RequestStatus::Received,
        "it still needs verifying"
    );
    assert_eq!(r.extended_due_on, Some(d("2025-04-01")));
    let grant = desk_store::DecisionOutcome::Access(AccessDecision::Extension(Extension {
        reason: "again".into(),
        respond_by: d("2025-04-01"),
    }));
    let e = store
        .draft_decision(rid, &grant)
        .expect_err("one extension");
    assert_eq!(field_of(e), "extension");
    verify(&mut store, rid);
    assert_eq!(
        store.request(rid).expect("request").status,
        RequestStatus::Verified
    );
}
