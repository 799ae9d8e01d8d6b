//! The roster import: the enrollment export checked whole (every bad row by line and column,
//! nothing written unless all are good), then written in one transaction; and fuzzed.

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::*;
use desk_office::roster::{self, RosterForm, RosterImport};
use desk_store::ParticipantSearch;

const HEADER: &str = "record_type,employee_id,dependent_of,relationship,last_name,first_name,\
date_of_birth,address_line1,address_line2,city,state,zip,phone,employment_status,status_date,\
ssn_last4";

const GOOD_ROWS: [&str; 3] = [
    "employee,SC10001,,,Ashgrove,Avery,1978-04-02,12 Palm Avenue,,Sampleton,FL,32960,555-010-1234,active,,1234",
    "employee,SC10002,,,Dunmore,Briar,1955-10-30,4 Heron Court,Apt 2,Sampleton,FL,32962,,retiree,2019-06-30,",
    "dependent,,SC10001,child,Ashgrove,Dorian,2014-09-12,12 Palm Avenue,,Sampleton,FL,32960,,,,",
];

fn form(rows: &[&str]) -> RosterForm {
    RosterForm {
        csv: format!("{HEADER}\n{}\n", rows.join("\n")),
    }
}

fn problems(done: RosterImport) -> Vec<String> {
    match done {
        RosterImport::Refused { problems } => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn import_writes_every_row_in_one_write_with_its_audit_row() {
    let mut o = office();
    let before = audit_count(&o.store);
    let done = roster::import(
        &mut o.store,
        &form(&[
            GOOD_ROWS[0],
            GOOD_ROWS[1],
            "employee,SC10003,,,Eldervale,Calla,1980-01-01,,,,,,,terminated,2024-02-29,",
            GOOD_ROWS[2],
            "dependent,,sc10002,spouse,Dunmore,Elowen,1957-03-03,4 Heron Court,Apt 2,Sampleton,FL,32962,,,,",
        ]),
    )
    .expect("imported");
    assert_eq!(
        done,
        RosterImport::Imported {
            employees: 3,
            dependents: 2,
            changes: Vec::new()
        }
    );
    assert_eq!(o.store.count_participants().expect("count"), 5);
    let found = o
        .store
        .search_participants(&ParticipantSearch::EmployeeId("SC10001".into()))
        .expect("search");
    let deps = o.store.dependents_of(found[0].id).expect("dependents");
    assert_eq!(deps.len(), 1, "the child is enrolled under the employee");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["roster.import"],
        "one audit row for the whole import"
    );
}

fn person(id: Option<&str>, last: &str, first: &str, born: &str) -> desk_store::NewParticipant {
    desk_store::NewParticipant {
        employee_id: id.map(str::to_owned),
        last_name: last.into(),
        first_name: first.into(),
        date_of_birth: born.parse().expect("date"),
        address: desk_store::Address {
            line1: "12 Palm Avenue".into(),
            line2: "Unit 4, \"rear\"".into(),
            city: "Sampleton".into(),
            state: "FL".into(),
            zip: "32960".into(),
        },
        phone: "555-010-1234".into(),
        employment: None,
        ssn_last4: None,
        ssn: None,
    }
}

#[test]
fn csv_of_writes_a_roster_the_import_reads_back_as_it_was() {
    use desk_core::person::{EmploymentStatus, Relationship};
    let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    let employee = |id, last, first, born, employment| desk_store::NewParticipant {
        employment: Some(employment),
        ssn_last4: Some(desk_core::Sensitive::new("1234".to_owned())),
        ..person(Some(id), last, first, born)
    };
    let roster = desk_store::Roster {
        employees: vec![
            employee(
                "SC20001",
                "Ashgrove",
                "Avery",
                "1978-04-02",
                EmploymentStatus::Active,
            ),
            employee(
                "SC20002",
                "O'Dunmore",
                "Briar",
                "1960-10-30",
                EmploymentStatus::Terminated {
                    on: day("2025-06-30"),
                },
            ),
            employee(
                "SC20003",
                "Eldervale",
                "Calla",
                "1950-01-01",
                EmploymentStatus::Retiree {
                    since: Some(day("2015-03-31")),
                },
            ),
            employee(
                "SC20004",
                "Fairbrook",
                "Dorian",
                "1949-05-05",
                EmploymentStatus::Retiree { since: None },
            ),
        ],
        dependents: [
            ("Elowen", Relationship::Spouse),
            ("Fenwick", Relationship::Child),
            ("Greer", Relationship::Other),
        ]
        .into_iter()
        .map(|(first, relationship)| desk_store::NewDependent {
            person: person(None, "Ashgrove", first, "2012-02-02"),
            dependent_of: "SC20001".into(),
            relationship,
        })
        .collect(),
    };
    let text = roster::csv_of(&roster).expect("written");
    let mut o = office();
    let done = roster::import(&mut o.store, &RosterForm { csv: text }).expect("imported");
    assert_eq!(
        done,
        RosterImport::Imported {
            employees: 4,
            dependents: 3,
            changes: Vec::new()
        }
    );
    for e in &roster.employees {
        let id = e.employee_id.clone().expect("id");
        let found = o
            .store
            .search_participants(&ParticipantSearch::EmployeeId(id.clone()))
            .expect("search");
        assert_eq!(found.len(), 1, "{id} is on file once");
        let p = o.store.participant(found[0].id).expect("participant");
        assert_eq!(p.summary.last_name, e.last_name);
        assert_eq!(p.summary.date_of_birth, e.date_of_birth);
        assert_eq!(
            p.summary.employment, e.employment,
            "{id}'s status and its date"
        );
        assert_eq!(p.address, e.address, "commas and quotes survive");
        assert!(p.has_ssn_last4);
    }
    let avery = o
        .store
        .search_participants(&ParticipantSearch::EmployeeId("SC20001".into()))
        .expect("search")[0]
        .id;
    let mut relations: Vec<_> = o
        .store
        .dependents_of(avery)
        .expect("dependents")
        .into_iter()
        .map(|d| {
            (
                d.first_name,
                d.dependent_of.expect("enrolled under Avery").relationship,
            )
        })
        .collect();
    relations.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        relations,
        vec![
            ("Elowen".to_owned(), Relationship::Spouse),
            ("Fenwick".to_owned(), Relationship::Child),
            ("Greer".to_owned(), Relationship::Other),
        ]
    );
}

#[test]
fn import_refuses_every_bad_row_by_line_and_column_and_writes_nothing() {
    let mut o = office();
    o.employee("SC20000", "Doe", "Jan");
    let refused = writes_nothing(&mut o.store, |s| {
        roster::import(
            s,
            &form(&[
                GOOD_ROWS[0],
                "employee,SC2,,,Dunmore,Briar,1978-13-45,4 Heron Court,,Sampleton,FL,32962,,active,,",
                "employee,SC10001,,,Eldervale,Calla,1980-01-01,,,,,,,active,,",
                "dependent,,SC9,child,Ashgrove,Dorian,2014-09-12,12 Palm Avenue,,Sampleton,FL,32960,,,,",
                "employee,sc20000,,,Oakhurst,Jory,1970-05-05,,,,,,,active,,",
                "employee,SC3,,,Rookwood,Tamsin,1970-05-05,,,,ZZZ,,,active,,",
            ]),
        )
        .expect("a refusal is an answer, not an error")
    });
    let lines = problems(refused);
    assert_eq!(
        lines,
        vec![
            "line 3: date_of_birth: not a date (use YYYY-MM-DD)",
            "line 4: employee_id: duplicate employee id (first on line 2)",
            "line 5: dependent_of: names no employee in this file or on file",
            "line 7: state: use the two-letter code, e.g. FL",
        ],
        "every problem, by line and column, in line order"
    );
    for name in ["Ashgrove", "Dunmore", "Eldervale", "Rookwood", "ZZZ"] {
        assert!(
            lines.iter().all(|l| !l.contains(name)),
            "problems never quote a value ({name})"
        );
    }
    assert_eq!(
        o.store.count_participants().expect("count"),
        1,
        "not even the good rows were imported"
    );
}

#[test]
fn import_refuses_a_header_without_the_columns_on_csv() {
    let mut o = office();
    let short = RosterForm {
        csv: format!("record_type,employee_id,nickname\n{}\n", GOOD_ROWS[0]),
    };
    let e = writes_nothing(&mut o.store, |s| {
        refused_on(
            roster::import(s, &short),
            "csv",
            "the header names every column",
        )
    });
    assert!(
        e.message
            .starts_with("Line 1: the header must name the columns")
            && e.message.contains("unknown: nickname")
            && e.message.contains("missing: dependent_of, relationship"),
        "says which columns are missing and which are unknown: {}",
        e.message
    );
    assert_eq!(o.store.count_participants().expect("count"), 0);
}

#[test]
fn check_answers_the_problems_and_writes_nothing() {
    let mut o = office();
    let good = writes_nothing(&mut o.store, |s| {
        roster::check(s, &form(&GOOD_ROWS)).expect("checked")
    });
    assert!(good.is_empty(), "a good export has no problems: {good:?}");
    let bad = writes_nothing(&mut o.store, |s| {
        roster::check(s, &form(&[GOOD_ROWS[2]])).expect("checked")
    });
    assert_eq!(
        bad.iter()
            .map(|p| (p.line, p.column.as_str()))
            .collect::<Vec<_>>(),
        vec![(2, "dependent_of")]
    );
    assert_eq!(o.store.count_participants().expect("count"), 0);
}

// ---- fuzzing: no input panics, every problem names its line and column ----

/// Inputs fuzzed.
const CASES: u32 = 10_000;

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop_oneof![
            Just("employee"),
            Just("dependent"),
            Just("retiree"),
            Just("active"),
            Just("terminated"),
            Just("child"),
            Just("spouse"),
            Just("SC10001"),
            Just("2024-02-29"),
            Just("2025-02-29"),
            Just("1899-01-01"),
            Just("12345"),
            Just("FL"),
            Just("\"quoted, with comma\""),
            Just("\"unterminated"),
        ]
        .prop_map(str::to_owned),
        "[ -~]{0,20}",
        ".{0,8}",
    ]
}

fn roster_text() -> impl Strategy<Value = String> {
    let good_row = prop::sample::select(GOOD_ROWS.to_vec()).prop_map(str::to_owned);
    let fuzzed_row = (
        prop::sample::select(GOOD_ROWS.to_vec()),
        any::<prop::sample::Index>(),
        cell(),
    )
        .prop_map(|(row, i, value)| {
            let mut cells: Vec<String> = row.split(',').map(str::to_owned).collect();
            let n = i.index(cells.len());
            cells[n] = value;
            cells.join(",")
        });
    let random_row = prop::collection::vec(cell(), 0..20).prop_map(|c| c.join(","));
    let row = prop_oneof![2 => good_row, 5 => fuzzed_row, 2 => random_row];
    prop_oneof![
        8 => prop::collection::vec(row, 0..6)
            .prop_map(|rows| format!("{HEADER}\n{}\n", rows.join("\n"))),
        1 => ".{0,300}",
        1 => prop::collection::vec(cell(), 0..20)
            .prop_map(|header| format!("{}\n{}\n", header.join(","), GOOD_ROWS[0])),
    ]
}

#[test]
fn check_never_panics_and_names_the_line_and_column() {
    let mut o = office();
    o.employee("SC20000", "Doe", "Jan");
    let counts = [
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    ];
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let store = &o.store;
    let result = runner.run(&roster_text(), |text| {
        match roster::check(store, &RosterForm { csv: text.clone() }) {
            Ok(problems) if problems.is_empty() => {
                counts[0].fetch_add(1, Ordering::Relaxed);
            }
            Ok(problems) => {
                counts[1].fetch_add(1, Ordering::Relaxed);
                for p in &problems {
                    prop_assert!(
                        !p.column.is_empty() && p.line > 0,
                        "every problem names its line and column: {p} (input {text:?})"
                    );
                }
            }
            Err(e) => {
                counts[2].fetch_add(1, Ordering::Relaxed);
                prop_assert_eq!(e.code, ErrorCode::Validation);
                prop_assert_eq!(e.field.as_deref(), Some("csv"));
                prop_assert!(
                    e.message.contains("Line 1") && e.message.contains("header"),
                    "a file refused whole names the header line: {}",
                    e.message
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("roster check: {e}");
    }
    let [good, rows, header] = counts.map(AtomicUsize::into_inner);
    eprintln!(
        "fuzz roster check: {} inputs, {good} accepted, {rows} refused by row, {header} refused \
         at the header, 0 panics",
        good + rows + header
    );
    assert_eq!(good + rows + header, CASES as usize);
    assert!(
        good > 0 && rows > 0 && header > 0,
        "every outcome was reached"
    );
    assert_eq!(
        o.store.count_participants().expect("count"),
        1,
        "checking writes nothing"
    );
}

#[test]
fn a_re_import_applies_terminations_addresses_and_new_dependents_as_changes() {
    let mut o = office();
    roster::import(&mut o.store, &form(&GOOD_ROWS)).expect("first import");
    let today = o.today();
    let ended = today - Days::new(3);
    let rows = [
        // SC10001 is terminated three days ago; the rest of the row as before.
        format!(
            "employee,SC10001,,,Ashgrove,Avery,1978-04-02,12 Palm Avenue,,Sampleton,FL,32960,555-010-1234,terminated,{},1234",
            iso(ended)
        ),
        // SC10002 moves (no flat number any more).
        "employee,SC10002,,,Dunmore,Briar,1955-10-30,9 Seagrape Way,,Sampleton,FL,32963,,retiree,2019-06-30,".to_owned(),
        // Dorian is unchanged; a new child is enrolled.
        GOOD_ROWS[2].to_owned(),
        "dependent,,SC10001,child,Ashgrove,Linnea,2019-01-20,12 Palm Avenue,,Sampleton,FL,32960,,,,".to_owned(),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let before = audit_count(&o.store);
    let done = roster::import(&mut o.store, &form(&rows)).expect("re-imported");
    let RosterImport::Imported {
        employees,
        dependents,
        changes,
    } = done
    else {
        panic!("imported, not refused: {done:?}");
    };
    assert_eq!(
        (employees, dependents),
        (0, 1),
        "only the new child is added"
    );
    let by_line: Vec<(u64, Vec<String>)> = changes
        .iter()
        .map(|c| (c.line, c.columns.clone()))
        .collect();
    assert_eq!(
        by_line,
        vec![
            (
                2,
                vec!["employment_status".to_owned(), "status_date".to_owned()]
            ),
            (
                3,
                vec![
                    "address_line1".to_owned(),
                    "address_line2".to_owned(),
                    "zip".to_owned()
                ]
            ),
        ],
        "what changed, by line and column"
    );
    let avery = o
        .store
        .search_participants(&ParticipantSearch::EmployeeId("SC10001".into()))
        .expect("search")[0]
        .clone();
    assert_eq!(
        avery.employment,
        Some(desk_core::person::EmploymentStatus::Terminated { on: ended }),
        "the termination reaches the participant, with its date"
    );
    assert_eq!(o.store.dependents_of(avery.id).expect("deps").len(), 2);
    let history = o.store.participant_changes(avery.id).expect("changes");
    assert!(
        history.iter().any(|c| c.field == "employment_status"
            && c.before == "active"
            && c.after == "terminated"),
        "kept as a change from the roster: {history:?}"
    );
    assert!(history
        .iter()
        .all(|c| c.source == desk_store::ChangeSource::Roster));
    let acts = actions_since(&o.store, before);
    assert_eq!(
        acts.iter().filter(|a| *a == "participant.update").count(),
        2,
        "{acts:?}"
    );
    // The same file again changes nothing.
    let again = roster::import(&mut o.store, &form(&rows)).expect("again");
    assert!(
        matches!(
            again,
            RosterImport::Imported { employees: 0, ref changes, .. } if changes.is_empty()
        ),
        "{again:?}"
    );
}
