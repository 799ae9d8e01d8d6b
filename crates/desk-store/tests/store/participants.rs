//! Participants and dependents: insert, search by name, employee id, date of birth.

use super::*;
use desk_store::{NewDependent, ParticipantSearch, Roster};

#[test]
fn search_finds_employees_and_dependents() {
    let (_fx, mut store) = new_store();
    let ann = store
        .add_participant(&employee("E100", "Marsh", "Ann", "1975-05-06"))
        .expect("ann");
    let tom = store
        .add_dependent(
            &dependent("Marsh", "Tom", "2015-01-02"),
            ann,
            Relationship::Child,
        )
        .expect("tom");
    store
        .add_participant(&employee("E200", "Other", "Bob", "1975-05-06"))
        .expect("bob");

    let by_name = store
        .search_participants(&ParticipantSearch::Name("mars".into()))
        .expect("name");
    assert_eq!(
        by_name.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ann, tom],
        "a name fragment finds the employee and the dependent, ordered by name"
    );
    let tom_row = &by_name[1];
    assert_eq!(tom_row.employee_id, None, "a dependent has no employee id");
    assert_eq!(
        tom_row
            .dependent_of
            .as_ref()
            .map(|c| (c.participant_id, c.relationship)),
        Some((ann, Relationship::Child)),
        "the dependent shows whose coverage they are under"
    );
    let by_words = store
        .search_participants(&ParticipantSearch::Name("ann MAR".into()))
        .expect("first and last name");
    assert_eq!(
        by_words.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ann],
        "each word starts the first or the last name, in any case and either order"
    );
    let inside = store
        .search_participants(&ParticipantSearch::Name("arsh".into()))
        .expect("inside a name");
    assert!(
        inside.is_empty(),
        "a search matches the start of a name, so it can use an index"
    );
    let by_full = store
        .search_participants(&ParticipantSearch::Name("Marsh, T".into()))
        .expect("last, first");
    assert_eq!(
        by_full.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![tom],
        "Last, First"
    );

    let by_id = store
        .search_participants(&ParticipantSearch::parse("e100"))
        .expect("id");
    assert_eq!(
        by_id.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![ann],
        "employee id, any case"
    );

    let by_dob = store
        .search_participants(&ParticipantSearch::parse("05/06/1975"))
        .expect("dob");
    assert_eq!(by_dob.len(), 2, "both people born that day");

    let deps = store.dependents_of(ann).expect("deps");
    assert_eq!(
        deps.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![tom],
        "Ann's dependents"
    );

    assert!(
        store.ssn_matches(ann, &pw("123451234")).expect("ssn"),
        "the right SSN matches"
    );
    assert!(
        !store.ssn_matches(ann, &pw("999-99-1234")).expect("ssn"),
        "a wrong SSN with the same last 4 does not"
    );
    // Issue 15, point 11: exactly 4 digits against the last four, or exactly 9 against the
    // keyed hash; any other number of digits ending in the last four is not a match.
    for (spoken, matches, why) in [
        ("00001234", false, "eight digits ending in the last four"),
        ("5551234", false, "seven digits ending in the last four"),
        ("1234", true, "the last four"),
        ("123 45 1234", true, "the nine digits, spaced"),
    ] {
        assert_eq!(
            store.ssn_matches(ann, &pw(spoken)).expect("ssn"),
            matches,
            "{why}"
        );
    }
    let full = store.participant(ann).expect("full record");
    assert!(full.has_ssn_last4, "last four on file");
    assert_eq!(full.address.city, "Sampleton");

    let like = store
        .search_participants(&ParticipantSearch::Name("%".into()))
        .expect("like");
    assert!(
        like.is_empty(),
        "LIKE wildcards in the query are taken literally"
    );
}

#[test]
fn a_roster_imports_in_one_transaction() {
    let (_fx, mut store) = new_store();
    let roster = Roster {
        employees: vec![employee("E1", "Ames", "Al", "1970-01-01")],
        dependents: vec![NewDependent {
            person: dependent("Ames", "Bo", "2010-01-01"),
            dependent_of: "E9".into(),
            relationship: Relationship::Child,
        }],
    };
    let e = store.import_roster(&roster).expect_err("E9 is nobody");
    assert!(
        matches!(
            e,
            desk_store::Error::Invalid {
                field: "dependent_of",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        store.count_participants().expect("count"),
        0,
        "nothing imported on failure"
    );

    let roster = Roster {
        dependents: vec![NewDependent {
            dependent_of: "E1".into(),
            ..roster.dependents[0].clone()
        }],
        ..roster
    };
    let counts = store.import_roster(&roster).expect("imports");
    assert_eq!((counts.employees, counts.dependents), (1, 1));
    assert_eq!(
        store.count_participants().expect("count"),
        2,
        "both imported"
    );
    assert_eq!(
        store.existing_employee_ids(["E1", "E2"]).expect("existing"),
        ["E1".to_owned()].into_iter().collect(),
        "E1 is now on file"
    );
}

#[test]
fn an_address_prints_as_envelope_lines() {
    let full = desk_store::Address {
        line1: "4 Heron Court".into(),
        line2: "Apt 2".into(),
        city: "Sampleton".into(),
        state: "FL".into(),
        zip: "32962".into(),
    };
    assert_eq!(
        full.lines(),
        vec!["4 Heron Court", "Apt 2", "Sampleton, FL 32962"]
    );
    let partial = desk_store::Address {
        line1: "4 Heron Court".into(),
        line2: " ".into(),
        city: String::new(),
        state: String::new(),
        zip: "32962".into(),
    };
    assert_eq!(
        partial.lines(),
        vec!["4 Heron Court", "32962"],
        "blank parts leave no blank line"
    );
}

#[test]
fn large_print_is_set_and_cleared_as_an_audited_change() {
    use desk_store::ChangeSource;
    let (_fx, mut store) = new_store();
    let id = store
        .add_participant(&employee("LP1", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    assert!(
        !store.participant(id).expect("read").large_print,
        "regular print until asked"
    );
    let seq = store.recent_audit(1).expect("audit")[0].seq;

    let change = store
        .set_large_print(id, true, ChangeSource::Staff)
        .expect("set")
        .expect("a change");
    assert_eq!(
        (change.field, change.before.as_str(), change.after.as_str()),
        ("large_print", "no", "yes")
    );
    assert!(store.participant(id).expect("read").large_print);
    assert_eq!(
        store
            .set_large_print(id, true, ChangeSource::Staff)
            .expect("again"),
        None,
        "setting it again changes nothing and writes nothing"
    );
    store
        .set_large_print(id, false, ChangeSource::Staff)
        .expect("clear");
    assert!(!store.participant(id).expect("read").large_print);

    let kept: Vec<(String, String, String)> = store
        .participant_changes(id)
        .expect("changes")
        .into_iter()
        .map(|c| (c.field, c.before, c.after))
        .collect();
    assert_eq!(
        kept,
        [
            ("large_print".into(), "yes".into(), "no".into()),
            ("large_print".into(), "no".into(), "yes".into()),
        ],
        "each change is kept as a correcting row, newest first, never overwritten"
    );
    let audit: Vec<_> = store
        .recent_audit(10)
        .expect("audit")
        .into_iter()
        .filter(|e| e.seq > seq)
        .collect();
    assert_eq!(audit.len(), 2, "one audit row per change: {audit:?}");
    assert!(audit
        .iter()
        .all(|e| e.action == "participant.update" && e.entity_id == Some(id)));
}

#[test]
fn an_edit_with_large_print_is_one_change_with_one_audit_row() {
    use desk_store::ChangeSource;
    let (_fx, mut store) = new_store();
    let id = store
        .add_participant(&employee("LP2", "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    let seq = store.recent_audit(1).expect("audit")[0].seq;
    let mut now = employee("LP2", "Doe", "Jan", "1980-01-01");
    now.phone = "772-555-0199".into();
    let changes = store
        .update_participant_with_print(id, &now, true, ChangeSource::Staff)
        .expect("edit");
    let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["phone", "large_print"]);
    let audit = store.recent_audit(10).expect("audit");
    assert_eq!(
        audit.iter().filter(|e| e.seq > seq).count(),
        1,
        "the edit is one audited change"
    );
    assert!(store.participant(id).expect("read").large_print);
}
