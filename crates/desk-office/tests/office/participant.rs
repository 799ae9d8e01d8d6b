//! Participant search and the participant's page.

use super::*;
use desk_office::participant::{self, CoverageStatus};

#[test]
fn search_finds_employees_and_dependents_with_their_coverage() {
    let mut o = office();
    let parent = o.employee("E100", "Doe", "Jan");
    let child = o.child(parent, "Kim", "2015-06-01");
    o.employee("E200", "Other", "Bob");
    let hits = writes_nothing(&mut o.store, |s| {
        participant::search(s, "doe").expect("search")
    });
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![parent, child]
    );
    assert_eq!(hits[0].name, "Jan Doe");
    assert_eq!(hits[0].employee_id.as_deref(), Some("E100"));
    assert_eq!(hits[0].status, CoverageStatus::Active);
    assert_eq!(hits[0].covered_under, None);
    assert_eq!(hits[1].status, CoverageStatus::Dependent);
    assert_eq!(
        hits[1].covered_under.as_deref(),
        Some("Jan Doe"),
        "a dependent shows whose coverage they are under"
    );
    let by_id = participant::search(&o.store, "E200").expect("search");
    assert_eq!(
        by_id.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
        vec!["Bob Other"]
    );
    let by_birth = participant::search(&o.store, "2015-06-01").expect("search");
    assert_eq!(
        by_birth.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![child]
    );
    assert!(participant::search(&o.store, "Nobody")
        .expect("search")
        .is_empty());
}

#[test]
fn page_shows_the_participant_their_dependents_and_requests_and_is_audited() {
    let mut o = office();
    let parent = o.employee("E100", "Doe", "Jan");
    let child = o.child(parent, "Kim", "2015-06-01");
    let r = o.request_from(parent, "access", 0);
    let today = o.today();
    let before = audit_count(&o.store);
    let page = participant::page(&mut o.store, parent).expect("page");
    assert_eq!(page.id, parent);
    assert_eq!(page.name, "Jan Doe");
    assert_eq!(page.employee_id.as_deref(), Some("E100"));
    assert_eq!(page.date_of_birth, d("1980-01-01"));
    assert_eq!(page.status, CoverageStatus::Active);
    assert_eq!(
        page.address_lines,
        vec!["12 Palm Avenue", "Sampleton, FL 32960"]
    );
    assert_eq!(page.phone, "555-010-1234");
    assert_eq!(page.covered_under.as_ref().map(|c| c.id), None);
    assert_eq!(
        page.dependents.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![child]
    );
    assert_eq!(page.requests.len(), 1);
    assert_eq!(page.requests[0].id, r);
    assert_eq!(page.requests[0].kind, RequestKind::Access);
    assert_eq!(
        page.requests[0].effective_due_on,
        Some(today + Days::new(30))
    );
    assert!(page.confidential_communications.is_empty());
    let rows = audit_since(&o.store, before);
    assert_eq!(rows.len(), 1, "one view, one row");
    assert_eq!(
        (
            rows[0].action.as_str(),
            rows[0].entity.as_str(),
            rows[0].entity_id
        ),
        ("participant.view", "participant", Some(parent))
    );
    let kid = participant::page(&mut o.store, child).expect("page");
    assert_eq!(kid.status, CoverageStatus::Dependent);
    assert_eq!(
        kid.covered_under.map(|c| (c.id, c.name)),
        Some((parent, "Jan Doe".to_owned()))
    );
}

#[test]
fn page_of_a_participant_not_on_file_is_not_found_and_records_no_view() {
    let mut o = office();
    let p = o.employee("E100", "Doe", "Jan");
    writes_nothing(&mut o.store, |s| {
        refused_with(
            participant::page(s, p + 100),
            ErrorCode::NotFound,
            "no such participant",
        )
    });
}

fn details(employee_id: &str) -> desk_office::participant::ParticipantForm {
    desk_office::participant::ParticipantForm {
        employee_id: employee_id.into(),
        last_name: "Quarrington".into(),
        first_name: "Tamsin".into(),
        date_of_birth: "1975-06-01".into(),
        address_line1: "4 Heron Court".into(),
        city: "Sampleton".into(),
        state: "fl".into(),
        zip: "32962".into(),
        phone: "772-555-0100".into(),
        employment_status: "active".into(),
        ..Default::default()
    }
}

#[test]
fn staff_add_an_employee_and_a_dependent_and_edit_them_as_changes() {
    use desk_office::participant::{self, ParticipantForm};
    let mut o = office();
    let mut sam = o.staff();
    let before = audit_count(&sam);
    let id = participant::add(&mut sam, &details("SC30001")).expect("added");
    assert_eq!(actions_since(&sam, before), vec!["participant.add"]);
    for (form, field) in [
        (details(""), "employeeId"),
        (details("SC30001"), "employeeId"),
        (
            ParticipantForm {
                date_of_birth: "06/01/1975".into(),
                ..details("SC30002")
            },
            "dateOfBirth",
        ),
        (
            ParticipantForm {
                employment_status: "terminated".into(),
                ..details("SC30002")
            },
            "statusDate",
        ),
        (
            ParticipantForm {
                zip: "3296".into(),
                ..details("SC30002")
            },
            "zip",
        ),
    ] {
        let e = writes_nothing(&mut sam, |s| participant::add(s, &form).expect_err(field));
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    let child = participant::add(
        &mut sam,
        &ParticipantForm {
            first_name: "Wren".into(),
            date_of_birth: "2016-02-02".into(),
            employment_status: String::new(),
            dependent_of: Some(id),
            relationship: "child".into(),
            ..details("")
        },
    )
    .expect("dependent added");
    assert_eq!(sam.dependents_of(id).expect("deps")[0].id, child);

    let mut edit = participant::form(&sam, id).expect("form");
    assert_eq!(edit.state, "FL", "kept as the store keeps it");
    edit.address_line1 = "9 Seagrape Way".into();
    edit.employment_status = "terminated".into();
    edit.status_date = iso(o.today());
    let before = audit_count(&sam);
    let changed = participant::edit(&mut sam, id, &edit).expect("edited");
    assert_eq!(
        changed,
        vec!["addressLine1", "employmentStatus", "statusDate"]
    );
    assert_eq!(actions_since(&sam, before), vec!["participant.update"]);
    assert!(
        participant::edit(&mut sam, id, &edit)
            .expect("again")
            .is_empty(),
        "nothing to change, nothing written"
    );
    let page = participant::page(&mut sam, id).expect("page");
    assert_eq!(page.changes.len(), 3);
    assert!(!page.large_print, "regular print until asked");

    // Large print is asked for on the same form: one audited change, kept with what it was.
    let mut edit = participant::form(&sam, id).expect("form");
    assert!(!edit.large_print);
    edit.large_print = true;
    edit.phone = "772-555-0142".into();
    let before = audit_count(&sam);
    let changed = participant::edit(&mut sam, id, &edit).expect("large print");
    assert_eq!(changed, vec!["phone", "largePrint"]);
    assert_eq!(
        actions_since(&sam, before),
        vec!["participant.update"],
        "one change, one audit row"
    );
    assert!(participant::form(&sam, id).expect("form").large_print);
    let page = participant::page(&mut sam, id).expect("page");
    assert!(page.large_print, "the page shows it");
    assert!(page
        .changes
        .iter()
        .any(|c| c.field == "large_print" && c.before == "no" && c.after == "yes"));
    edit.large_print = false;
    assert_eq!(
        participant::edit(&mut sam, id, &edit).expect("cleared"),
        vec!["largePrint"]
    );
    let page = participant::page(&mut sam, id).expect("page");
    assert!(!page.large_print, "cleared as a change too");
    assert_eq!(page.changes.len(), 6);
    assert!(page.changes.iter().any(|c| c.field == "address_line1"
        && c.before == "4 Heron Court"
        && c.after == "9 Seagrape Way"));
    assert!(page
        .changes
        .iter()
        .all(|c| c.source == "staff" && c.by == "Sam Staff"));
    let e = writes_nothing(&mut sam, |s| {
        participant::edit(
            s,
            child,
            &ParticipantForm {
                employment_status: "active".into(),
                ..participant::form(s, child).expect("form")
            },
        )
        .expect_err("a dependent has no employment")
    });
    assert_eq!(e.field.as_deref(), Some("employmentStatus"));
}
