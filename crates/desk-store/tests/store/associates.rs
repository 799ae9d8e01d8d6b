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

fn letter(request_id: i64) -> desk_store::NewLetter {
    desk_store::NewLetter {
        request_id: Some(request_id),
        kind: "access_response".into(),
        pdf: PDF.to_vec(),
        corrects_id: None,
    }
}

#[test]
fn a_forwarded_request_runs_the_associates_clock_until_its_reply_is_recorded() {
    use desk_core::associate::{Duty, ReplyStanding};
    use desk_store::NewAssociateRequest;
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let (_, rid) = request_of_kind(&mut store, desk_core::request::RequestKind::Access);
    let new = NewAssociateRequest {
        request_id: rid,
        associate_id: ba,
        duty: Duty::Access,
        sent_on: d("2025-03-05"),
    };
    let id = store
        .forward_to_associate(&new, &[letter(rid)])
        .expect("forwarded");
    let q = store.associate_request(id).expect("read");
    assert_eq!(
        q.due_on,
        d("2025-03-20"),
        "15 days from the day it was sent"
    );
    assert_eq!(q.associate_name, "Blue Cross and Blue Shield of Florida");
    assert!(q.letter_id.is_some(), "the letter is kept with it");
    assert_eq!(q.standing(d("2025-03-18")), ReplyStanding::DueSoon);
    assert_eq!(q.standing(d("2025-03-21")), ReplyStanding::Late);
    assert_eq!(store.open_associate_requests().expect("open").len(), 1);

    let again = store
        .forward_to_associate(&new, &[letter(rid)])
        .expect_err("already open");
    assert!(
        matches!(
            again,
            Error::Invalid {
                field: "associateId",
                ..
            }
        ),
        "{again:?}"
    );
    let incident = NewAssociateRequest {
        duty: Duty::IncidentReport,
        ..new.clone()
    };
    assert!(matches!(
        store.forward_to_associate(&incident, &[]),
        Err(Error::Invalid { field: "duty", .. })
    ));
    let early = NewAssociateRequest {
        sent_on: d("2025-03-01"),
        duty: Duty::Amendment,
        ..new.clone()
    };
    assert!(matches!(
        store.forward_to_associate(&early, &[]),
        Err(Error::Invalid {
            field: "sentOn",
            ..
        })
    ));

    assert!(matches!(
        store.record_associate_reply(id, d("2025-03-04"), ""),
        Err(Error::Invalid {
            field: "receivedOn",
            ..
        })
    ));
    store
        .record_associate_reply(
            id,
            d("2025-03-19"),
            "Claims history 2023–2025 sent, 14 pages",
        )
        .expect("reply");
    let q = store.associate_request(id).expect("read");
    assert_eq!(q.replied_on, Some(d("2025-03-19")));
    assert_eq!(q.standing(d("2025-04-30")), ReplyStanding::OnTime);
    assert!(store.open_associate_requests().expect("open").is_empty());
    assert!(matches!(
        store.record_associate_reply(id, d("2025-03-20"), ""),
        Err(Error::Invalid {
            field: "receivedOn",
            ..
        })
    ));
    assert_eq!(store.associate_requests_of(rid).expect("of").len(), 1);
    let e = desk_store::fixture::execute(
        &store,
        "UPDATE associate_requests SET due_on = '2026-01-01'",
    )
    .expect_err("never changed");
    assert!(e.to_string().contains("never changed"), "{e}");
}

#[test]
fn an_ended_associate_is_not_asked_nor_told() {
    use desk_core::associate::{Duty, NoticeKind};
    use desk_store::{NewAssociateNotice, NewAssociateRequest};
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let (_, rid) = request_of_kind(&mut store, desk_core::request::RequestKind::Amendment);
    let notice = NewAssociateNotice {
        request_id: rid,
        associate_id: ba,
        kind: NoticeKind::Amendment,
        sent_on: d("2025-03-10"),
    };
    let ids = store
        .store_letters_telling(&[], &[(notice.clone(), letter(rid))])
        .expect("told");
    assert_eq!(ids.len(), 1);
    let told = store.associate_notices_of(rid).expect("notices");
    assert_eq!(told[0].kind, NoticeKind::Amendment);
    assert!(told[0].letter_id.is_some());

    let mut a = store.associate(ba).expect("read").associate;
    a.ended_on = Some(d("2025-03-11"));
    store.update_associate(ba, &a).expect("ended");
    let later = NewAssociateNotice {
        sent_on: d("2025-03-12"),
        ..notice
    };
    assert!(matches!(
        store.store_letters_telling(&[], &[(later, letter(rid))]),
        Err(Error::Invalid {
            field: "associateId",
            ..
        })
    ));
    assert!(matches!(
        store.forward_to_associate(
            &NewAssociateRequest {
                request_id: rid,
                associate_id: ba,
                duty: Duty::Amendment,
                sent_on: d("2025-03-12"),
            },
            &[]
        ),
        Err(Error::Invalid {
            field: "associateId",
            ..
        })
    ));
    assert_eq!(
        store.associate_notices_of(rid).expect("notices").len(),
        1,
        "nothing half-written"
    );
}

#[test]
fn notices_to_associates_are_kept_in_the_write_of_what_they_go_with_or_not_at_all() {
    use desk_core::associate::NoticeKind;
    use desk_core::restriction::RestrictionTerms;
    use desk_store::{NewAssociateNotice, NewRestriction};
    let (_fx, mut store) = new_store();
    let told = store.add_associate(&claims_administrator()).expect("add");
    let mut ended = claims_administrator();
    ended.name = "Former Claims Services".into();
    ended.ended_on = Some(d("2025-01-31"));
    let ended = store.add_associate(&ended).expect("add an ended one");
    let (_, rid) = request_of_kind(&mut store, desk_core::request::RequestKind::Restriction);
    let terms = RestrictionTerms {
        information: "Claims for physical therapy".into(),
        manner: String::new(),
        not_disclosed_to: vec!["Jordan Doe".into()],
    };
    let entry = NewRestriction {
        request_id: rid,
        wording: terms.wording(),
        terms: Some(terms),
        agreed: true,
        business_associates: vec!["Blue Cross and Blue Shield of Florida".into()],
        decided_on: d("2025-03-10"),
    };
    let notice = |associate_id: i64| {
        (
            NewAssociateNotice {
                request_id: rid,
                associate_id,
                kind: NoticeKind::Restriction,
                sent_on: d("2025-03-10"),
            },
            letter(rid),
        )
    };
    let head = |store: &Store| store.witness().expect("the log's head").to_string();
    let before = head(&store);
    assert!(matches!(
        store.record_restriction_telling(&entry, &[letter(rid)], &[notice(told), notice(ended)]),
        Err(Error::Invalid {
            field: "associateId",
            ..
        })
    ));
    assert_eq!(head(&store), before, "nothing of the write is kept");
    assert!(store.letters_of(rid).expect("letters").is_empty());
    assert!(store.associate_notices_of(rid).expect("notices").is_empty());

    let (_, ids) = store
        .record_restriction_telling(&entry, &[letter(rid)], &[notice(told)])
        .expect("kept");
    let letters = store.letters_of(rid).expect("letters");
    assert_eq!(ids, letters.iter().map(|l| l.id).collect::<Vec<_>>());
    let notices = store.associate_notices_of(rid).expect("notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(
        notices[0].letter_id,
        Some(ids[1]),
        "the response first, then the notice's letter"
    );
}
