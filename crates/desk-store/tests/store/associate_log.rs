//! Disclosures a business associate made on the plan's behalf: the logbook marks them with the
//! associate (`disclosures.associate_id`, a foreign key into the register), the accounting's
//! inputs name it, and an associate's log is written whole, with the reply it answers.

use super::logbook::disclosure;
use super::*;
use desk_core::associate::{Associate, Duties, Duty, Holding};
use desk_core::disclosure::Basis;
use desk_store::{Error, NewAssociateLog, NewAssociateRequest, NewDisclosure};

fn claims_administrator() -> Associate {
    Associate {
        name: "Blue Cross and Blue Shield of Florida".into(),
        address: vec!["4800 Deerwood Campus Parkway".into()],
        contact: "Privacy Office".into(),
        holds: vec![Holding::Claims],
        agreement_on: Some(d("2019-01-01")),
        duties: Duties::default(),
        ended_on: None,
    }
}

/// A disclosure by associate `ba` (no minimum-necessary marking: the associate answers for it).
fn by(ba: i64, p: i64, on: &str, recipient: &str) -> NewDisclosure {
    NewDisclosure {
        minimum_necessary: None,
        associate_id: Some(ba),
        ..disclosure(p, d(on), recipient, Basis::PublicHealth)
    }
}

fn field_of(e: &Error) -> &'static str {
    match e {
        Error::Invalid { field, .. } => field,
        _ => "",
    }
}

#[test]
fn a_disclosure_by_an_associate_is_written_with_it_and_read_back_named() {
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let (p, _) = access_request(&mut store);
    let own = store
        .record_disclosure(&disclosure(
            p,
            d("2025-01-10"),
            "Circuit Court Clerk",
            Basis::Judicial,
        ))
        .expect("the plan's own");
    let theirs = store
        .record_disclosure(&by(ba, p, "2025-02-10", "County Health Department"))
        .expect("the associate's");
    let book = store.disclosures_of(p).expect("logbook");
    let row = |id| book.iter().find(|e| e.id == id).expect("in the logbook");
    assert_eq!(
        (
            row(theirs).associate_id,
            row(theirs).associate_name.as_deref()
        ),
        (Some(ba), Some("Blue Cross and Blue Shield of Florida"))
    );
    assert_eq!(
        (row(own).associate_id, row(own).associate_name.as_deref()),
        (None, None)
    );
    assert!(
        row(theirs).minimum_necessary.is_none(),
        "no marking for the associate's own disclosure"
    );
    assert!(store
        .disclosures_awaiting_review()
        .expect("queue")
        .iter()
        .all(|q| q.disclosure_id != theirs));

    let (log, _) = store.accounting_inputs(p).expect("inputs");
    let named: Vec<(String, Option<String>)> = log
        .iter()
        .map(|x| (x.id.clone(), x.by_associate.clone()))
        .collect();
    assert_eq!(
        named,
        vec![
            (own.to_string(), None),
            (
                theirs.to_string(),
                Some(
                    "Blue Cross and Blue Shield of Florida, the Plan's claims administrator".into()
                )
            ),
        ]
    );
}

#[test]
fn the_associate_is_a_foreign_key_into_the_register_and_its_agreement_must_run() {
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let (p, _) = access_request(&mut store);
    let e = store
        .record_disclosure(&by(999, p, "2025-02-10", "County Health Department"))
        .expect_err("no such associate");
    assert_eq!(field_of(&e), "associateId", "{e:?}");
    // Underneath, the column refers to the register: the file itself refuses a stray id.
    let raw = desk_store::fixture::execute(
        &store,
        &format!(
            "INSERT INTO disclosures (participant_id, disclosed_on, recipient, description,
                 purpose, basis, created_at, associate_id)
             VALUES ({p}, '2025-02-10', 'X', 'Y', 'Z', 'public_health', '2025-02-10T10:00:00Z', 999)"
        ),
    )
    .expect_err("a foreign key");
    assert!(
        raw.to_string().to_lowercase().contains("foreign key"),
        "{raw}"
    );

    // An associate answers for the minimum necessary itself: a marking is refused.
    let marked = NewDisclosure {
        minimum_necessary: Some(desk_core::minimum::MinimumNecessary::Reviewed),
        ..by(ba, p, "2025-02-10", "County Health Department")
    };
    assert_eq!(
        field_of(&store.record_disclosure(&marked).expect_err("marked")),
        "minimumNecessary"
    );

    // Ended on 2025-06-30: a disclosure it made before is taken, one after is refused.
    let mut ended = claims_administrator();
    ended.ended_on = Some(d("2025-06-30"));
    store.update_associate(ba, &ended).expect("ended");
    store
        .record_disclosure(&by(ba, p, "2025-06-29", "County Health Department"))
        .expect("made while the agreement ran");
    let after = store
        .record_disclosure(&by(ba, p, "2025-07-01", "County Health Department"))
        .expect_err("after its end");
    assert_eq!(field_of(&after), "associateId");
    assert_eq!(store.disclosures_of(p).expect("logbook").len(), 1);
}

fn accounting_asked(store: &mut Store, ba: i64) -> (i64, i64, i64) {
    let (p, rid) = request_of_kind(store, desk_core::request::RequestKind::Accounting);
    let asked = store
        .forward_to_associate(
            &NewAssociateRequest {
                request_id: rid,
                associate_id: ba,
                duty: Duty::Accounting,
                sent_on: d("2025-03-04"),
            },
            &[],
        )
        .expect("asked");
    (p, rid, asked)
}

#[test]
fn an_associates_log_is_written_whole_with_the_reply_it_answers() {
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let (p, _, asked) = accounting_asked(&mut store, ba);
    let log = NewAssociateLog {
        participant_id: p,
        associate_id: ba,
        disclosures: vec![
            by(ba, p, "2024-11-03", "State Insurance Fraud Unit"),
            by(ba, p, "2025-02-17", "County Health Department"),
        ],
        answers: vec![asked],
        received_on: d("2025-03-12"),
        note: "2 disclosures imported".into(),
    };
    let before = store.audit_count().expect("count");
    let ids = store.record_associate_log(&log).expect("written");
    assert_eq!(ids.len(), 2);
    let book = store.disclosures_of(p).expect("logbook");
    assert!(book.iter().all(|e| e.associate_id == Some(ba)));
    let q = store.associate_request(asked).expect("read");
    assert_eq!(
        (q.replied_on, q.reply_note.as_str()),
        (Some(d("2025-03-12")), "2 disclosures imported")
    );
    assert_eq!(
        store.audit_count().expect("count") - before,
        3,
        "an audit row for each disclosure and the reply"
    );
    let trail = store.audit_trail(&Default::default()).expect("trail");
    assert!(trail.iter().any(|e| e.action == "associate.reply"));

    // Answered once: a second log with the same answer writes nothing at all.
    let again = NewAssociateLog {
        disclosures: vec![by(ba, p, "2025-02-20", "Sheriff")],
        ..log.clone()
    };
    assert_eq!(
        field_of(&store.record_associate_log(&again).expect_err("answered")),
        "receivedOn"
    );
    assert_eq!(
        store.disclosures_of(p).expect("logbook").len(),
        2,
        "nothing half-written"
    );
}

#[test]
fn a_log_that_cannot_stand_writes_nothing() {
    let (_fx, mut store) = new_store();
    let ba = store.add_associate(&claims_administrator()).expect("add");
    let other = store
        .add_associate(&Associate {
            name: "PharmaCare".into(),
            holds: vec![Holding::Pharmacy],
            ..claims_administrator()
        })
        .expect("add");
    let (p, _, asked) = accounting_asked(&mut store, ba);
    let good = NewAssociateLog {
        participant_id: p,
        associate_id: ba,
        disclosures: vec![by(ba, p, "2025-02-17", "County Health Department")],
        answers: vec![asked],
        received_on: d("2025-03-12"),
        note: String::new(),
    };
    let cases: Vec<(&str, NewAssociateLog)> = vec![
        (
            "disclosures",
            NewAssociateLog {
                disclosures: vec![],
                ..good.clone()
            },
        ),
        (
            "disclosures",
            NewAssociateLog {
                disclosures: vec![by(other, p, "2025-02-17", "County Health Department")],
                ..good.clone()
            },
        ),
        (
            "recipient",
            NewAssociateLog {
                disclosures: vec![
                    by(ba, p, "2025-02-17", "County Health Department"),
                    by(ba, p, "2025-02-18", " "),
                ],
                ..good.clone()
            },
        ),
        (
            "answers",
            NewAssociateLog {
                associate_id: other,
                disclosures: vec![by(other, p, "2025-02-17", "County Health Department")],
                ..good.clone()
            },
        ),
        (
            "receivedOn",
            NewAssociateLog {
                received_on: d("2025-03-01"),
                ..good.clone()
            },
        ),
    ];
    for (field, log) in cases {
        let e = store.record_associate_log(&log).expect_err(field);
        assert_eq!(field_of(&e), field, "{e:?}");
        assert!(
            store.disclosures_of(p).expect("logbook").is_empty(),
            "{field}: nothing written"
        );
        assert_eq!(
            store.associate_request(asked).expect("read").replied_on,
            None
        );
    }
}
