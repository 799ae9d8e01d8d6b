//! The business-associate register: added and corrected by the Privacy Official, ended rather
//! than deleted, and the source of the letterhead's list.

use super::*;
use desk_core::associate::{Associate, Duties, Holding};
use desk_core::organization::BusinessAssociate;
use desk_core::person::Role;
use desk_store::{Error, NewUser};

fn claims_administrator() -> Associate {
    Associate {
        name: "  Blue Cross and Blue Shield of Florida ".into(),
        address: vec![
            "4800 Deerwood Campus Parkway".into(),
            " ".into(),
            "Jacksonville, FL 32246".into(),
        ],
        contact: "Privacy Office, 904-555-0100".into(),
        holds: vec![Holding::Pharmacy, Holding::Claims, Holding::Claims],
        agreement_on: Some(d("1970-01-01")),
        duties: Duties::default(),
        ended_on: None,
    }
}

#[test]
fn an_associate_is_added_read_back_tidied_and_on_the_letterhead() {
    let (_fx, mut store) = new_store();
    let id = store
        .add_associate(&claims_administrator())
        .expect("a sound entry");
    let entry = store.associate(id).expect("read back");
    assert_eq!(
        entry.associate.name,
        "Blue Cross and Blue Shield of Florida"
    );
    assert_eq!(
        entry.associate.address,
        ["4800 Deerwood Campus Parkway", "Jacksonville, FL 32246"],
        "blank lines dropped"
    );
    assert_eq!(entry.associate.holds, [Holding::Claims, Holding::Pharmacy]);
    assert_eq!(entry.associate.duties.access_days, 15);
    assert_eq!(entry.associate.duties.incident_days, 5);
    assert_eq!(
        store.organization().expect("org").business_associates,
        [BusinessAssociate {
            name: "Blue Cross and Blue Shield of Florida".into(),
            address: vec![
                "4800 Deerwood Campus Parkway".into(),
                "Jacksonville, FL 32246".into()
            ],
        }]
    );
    let trail = store.audit_trail(&Default::default()).expect("trail");
    assert!(
        trail
            .iter()
            .any(|e| e.action == "associate.add" && e.entity_id == Some(id)),
        "the addition is an audit row"
    );
}

#[test]
fn a_bad_entry_names_its_field_and_writes_nothing() {
    let (_fx, mut store) = new_store();
    let rows = |store: &mut Store| {
        store
            .audit_trail(&Default::default())
            .expect("trail")
            .into_iter()
            .filter(|e| e.action != "audit.view")
            .count()
    };
    let before = rows(&mut store);
    let mut a = claims_administrator();
    a.duties.access_days = 0;
    match store.add_associate(&a).expect_err("0 days") {
        Error::Invalid { field, .. } => assert_eq!(field, "accessDays"),
        e => panic!("expected a field error, got {e:?}"),
    }
    let mut a = claims_administrator();
    a.holds.clear();
    match store.add_associate(&a).expect_err("holds nothing") {
        Error::Invalid { field, .. } => assert_eq!(field, "holds"),
        e => panic!("expected a field error, got {e:?}"),
    }
    assert!(store.associates().expect("list").is_empty());
    assert_eq!(rows(&mut store), before, "no audit row for a refused entry");
}

#[test]
fn an_ended_agreement_stays_in_the_register_but_leaves_the_letterhead() {
    let (_fx, mut store) = new_store();
    let id = store.add_associate(&claims_administrator()).expect("add");
    let mut a = store.associate(id).expect("read").associate;
    a.duties.access_days = 10;
    store.update_associate(id, &a).expect("corrected");
    assert_eq!(
        store
            .associate(id)
            .expect("read")
            .associate
            .duties
            .access_days,
        10
    );
    a.ended_on = Some(store.today());
    store.update_associate(id, &a).expect("ended");
    assert_eq!(store.associates().expect("list").len(), 1, "kept");
    assert!(store
        .organization()
        .expect("org")
        .business_associates
        .is_empty());
    let actions: Vec<String> = store
        .audit_trail(&Default::default())
        .expect("trail")
        .into_iter()
        .filter(|e| e.entity_id == Some(id))
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"associate.update".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"associate.end".to_string()),
        "{actions:?}"
    );
    let e = desk_store::fixture::execute(&store, "DELETE FROM business_associates")
        .expect_err("never deleted");
    assert!(e.to_string().contains("never deleted"), "{e}");
}

#[test]
fn staff_read_the_register_but_do_not_change_it() {
    let (fx, mut store) = new_store();
    let id = store.add_associate(&claims_administrator()).expect("add");
    store
        .add_user(&NewUser {
            username: "sam".into(),
            display_name: "Sam Staff".into(),
            role: Role::Staff,
            password: pw("sam-password-1"),
        })
        .expect("sam");
    store.lock();
    let mut sam = Store::sign_in(&fx.path, "sam", &pw("sam-password-1"), at(1)).expect("sam");
    assert_eq!(sam.associates().expect("staff read").len(), 1);
    let e = sam
        .update_associate(id, &claims_administrator())
        .expect_err("staff");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
    let e = sam
        .add_associate(&claims_administrator())
        .expect_err("staff");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
}

#[test]
fn the_set_up_list_becomes_register_entries_to_complete() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("records.db");
    let mut org = organization();
    org.business_associates = vec![BusinessAssociate {
        name: "Acme Claims".into(),
        address: vec!["1 Main St".into(), "Town, FL 32000".into()],
    }];
    let (store, _) = Store::create(
        &path,
        &org,
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        at(0),
    )
    .expect("create");
    let list = store.associates().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].associate.name, "Acme Claims");
    assert_eq!(list[0].associate.holds, [Holding::Other]);
    assert_eq!(list[0].associate.duties, Duties::default());
    assert_eq!(store.organization().expect("org"), org);
}
