//! The demo database: made as set-up makes one, on a simulated clock that only a demo takes.

use super::*;
use desk_office::demo;
use desk_office::session::SignInForm;
use desk_office::setup::FirstOfficial;

fn account() -> FirstOfficial {
    FirstOfficial {
        username: PO_USER.into(),
        display_name: "Pat Official".into(),
        password: pw(PO_PASSWORD),
    }
}

fn sam() -> SignInForm {
    SignInForm {
        username: STAFF_USER.into(),
        password: pw(STAFF_PASSWORD),
    }
}

fn add_sam(store: &mut Store) {
    desk_office::settings::add_user(
        store,
        desk_office::settings::NewUserForm {
            username: STAFF_USER.into(),
            display_name: "Sam Staff".into(),
            role: desk_office::session::RoleView::Staff,
            password: pw(STAFF_PASSWORD),
        },
    )
    .expect("sam is added");
}

#[test]
fn a_demo_runs_on_its_clock_and_stamps_every_row_with_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("demo.db");
    let started = "2025-03-03T13:00:00Z".parse().expect("moment");
    let (opened, _code) =
        demo::create(&path, &organization(), &account(), started).expect("created");
    let mut official = opened.store;
    assert!(official.is_demo());
    assert_eq!(official.now(), started, "the clock starts at the creation");
    let later = "2025-03-04T14:00:00Z".parse().expect("moment");
    demo::set_clock(&mut official, later).expect("moved");
    add_sam(&mut official);
    let staff = demo::sign_in_beside(&official, &sam(), later).expect("sam signs in");
    assert_eq!(staff.store.now(), later);
    let entries = audit_since(&official, 0);
    let stamps: Vec<_> = entries.iter().map(|e: &AuditEntry| e.at).collect();
    let at_start = stamps.iter().take_while(|at| **at == started).count();
    assert!(at_start >= 1, "created at the start: {stamps:?}");
    assert_eq!(
        &stamps[at_start..],
        &[later, later, later],
        "the user added, their key registered and the sign-in at the moved clock"
    );
    assert_eq!(
        entries.last().map(|e| e.action.as_str()),
        Some("session.sign_in")
    );
}

#[test]
fn a_real_database_refuses_the_simulated_clock_and_writes_nothing() {
    let mut o = office();
    add_sam(&mut o.store);
    let before = audit_count(&o.store);
    let at = "2025-03-04T14:00:00Z".parse().expect("moment");
    let Err(e) = demo::sign_in_beside(&o.store, &sam(), at) else {
        panic!("a real database takes no simulated sign-in");
    };
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(demo::set_clock(&mut o.store, at).is_err());
    assert_ne!(o.store.now(), at, "the real clock still runs");
    assert_eq!(audit_count(&o.store), before, "no sign-in was recorded");
}
