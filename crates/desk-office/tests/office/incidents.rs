//! Incidents and breaches through desk-office: a report logged by staff, assessed and decided
//! by the Privacy Official, its impermissible disclosures accounted, the notification letters
//! (each element, large print for who asked), the 60-day date on the dashboard until every
//! letter is mailed, an associate's lateness, substitute notice, and the annual log as CSV.

use super::*;
use chrono::Datelike;
use desk_core::associate::{Associate, Duties, Holding};
use desk_core::incident::{
    ActionKind, BreachType, Determination, IndividualNotice, Information, Location, ReporterKind,
    SubstituteMethod, SubstituteRule,
};
use desk_office::dashboard;
use desk_office::incident::{
    self, ActionForm, AssessmentForm, BreachLettersForm, DeterminationForm, IncidentForm,
    SubstituteForm,
};
use desk_office::letter::Delivery;

/// Every audit action so far, oldest first.
fn audit_actions(store: &Store) -> Vec<String> {
    actions_since(store, 0)
}

fn report(participant_ids: Vec<i64>, discovered_on: NaiveDate) -> IncidentForm {
    IncidentForm {
        reporter: ReporterKind::Staff,
        reporter_name: "Sam Staff".into(),
        reporter_participant_id: None,
        associate_id: None,
        reported_on: iso(discovered_on),
        associate_learned_on: String::new(),
        discovered_on: iso(discovered_on),
        occurred_on: iso(discovered_on - Days::new(3)),
        occurred_until: String::new(),
        what_happened:
            "A claims report listing members was e-mailed to the wrong county department.".into(),
        recipient: "County Parks Department".into(),
        breach_type: BreachType::UnauthorizedAccess,
        location: Location::Email,
        safeguards: vec![],
        information: vec![Information::Names, Information::Ssn],
        other_information: String::new(),
        participant_ids,
    }
}

fn assessment() -> AssessmentForm {
    AssessmentForm {
        nature_and_extent: "Names with full Social Security numbers.".into(),
        unauthorized_person: "Staff of another county department.".into(),
        acquired_or_viewed: "Opened and forwarded once.".into(),
        mitigation: "The forwarded copy cannot be traced.".into(),
    }
}

fn breach() -> DeterminationForm {
    DeterminationForm {
        determination: Determination::Breach,
        reasons: "SSNs were forwarded beyond the first recipient: compromise cannot be ruled out."
            .into(),
    }
}

fn letters_form() -> BreachLettersForm {
    BreachLettersForm {
        investigating: "We traced every copy of the e-mail.".into(),
        mitigating: "The Plan pays for two years of credit monitoring.".into(),
        protecting: "Reports with SSNs are no longer sent by e-mail.".into(),
        extra_steps: String::new(),
        toll_free: String::new(),
    }
}

/// Two employees (the second asked for large print) and a breach of their information,
/// discovered `days_ago` days ago, decided by the official. Returns (incident, participants).
fn decided_breach(o: &mut Office, days_ago: u64) -> (i64, Vec<i64>) {
    let a = o.employee("B1", "Doe", "Jan");
    let b = o.employee("B2", "Roe", "Lee");
    o.store
        .set_large_print(b, true, desk_store::ChangeSource::Staff)
        .expect("large print");
    let discovered = o.today() - Days::new(days_ago);
    let id = incident::log(&mut o.store, &report(vec![a, b], discovered)).expect("logged");
    incident::assess(&mut o.store, id, &assessment()).expect("assessed");
    incident::decide(&mut o.store, id, &breach()).expect("decided");
    (id, vec![a, b])
}

#[test]
fn staff_log_a_report_and_the_official_alone_assesses_and_decides() {
    let mut o = office();
    let p = o.employee("S1", "Doe", "Jan");
    let mut sam = o.staff();
    let today = desk_office::today(&sam);
    let id = incident::log(&mut sam, &report(vec![p], today)).expect("staff log a report");
    let rows = incident::list(&sam).expect("the log");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].reporter, "Sam Staff (staff)");
    assert_eq!(rows[0].determination, None);
    refused_with(
        incident::assess(&mut sam, id, &assessment()),
        ErrorCode::Forbidden,
        "staff do not assess",
    );
    refused_with(
        incident::decide(&mut sam, id, &breach()),
        ErrorCode::Forbidden,
        "staff do not decide",
    );
    refused_with(
        incident::annual_log(&sam, 2025),
        ErrorCode::Forbidden,
        "the annual log is the official's",
    );
    let mut bad = report(vec![p], today);
    bad.discovered_on = "March 3".into();
    refused_on(
        incident::log(&mut sam, &bad),
        "discoveredOn",
        "a date as YYYY-MM-DD",
    );
    let mut bad = report(vec![], today);
    bad.information = vec![Information::Other];
    let e = refused_on(
        writes_nothing(&mut sam, |s| incident::log(s, &bad)),
        "otherInformation",
        "say what the other information was",
    );
    assert!(e.message.ends_with('.'), "a sentence: {}", e.message);
    incident::assess(&mut o.store, id, &assessment()).expect("the official assesses");
    let mut low = breach();
    low.determination = Determination::LowProbability;
    low.reasons = String::new();
    refused_on(
        incident::decide(&mut o.store, id, &low),
        "reasons",
        "a decision gives its reasons",
    );
}

#[test]
fn a_breach_is_accounted_notified_by_letter_and_due_on_the_dashboard_until_mailed() {
    let mut o = office();
    let (id, people) = decided_breach(&mut o, 10);
    let page = incident::page(&mut o.store, id).expect("page");
    assert_eq!(page.determination, Some(Determination::Breach));
    let discovered = o.today() - Days::new(10);
    let due = discovered + Days::new(60);
    let notification = page.notification.expect("a breach is notified");
    assert_eq!(notification.due_on, due, "60 days after discovery");
    assert_eq!((notification.individuals, notification.notified), (2, 0));
    assert!(page.flag.is_none(), "two people: the annual log, no media");
    assert!(page.individuals.iter().all(|i| i.disclosure_id.is_some()));

    // The impermissible disclosure is accounted for each of them.
    let r = o.request_from(people[0], "accounting", 0);
    let view = desk_office::accounting::get(&o.store, r).expect("accounting");
    let line = view
        .lines
        .iter()
        .find(|l| l.recipient == "County Parks Department")
        .expect("the incident's disclosure is in the accounting");
    assert!(line.purpose.contains("Not permitted"), "{}", line.purpose);
    assert_eq!(line.description, "names, Social Security numbers");

    let dash = dashboard::get(&o.store).expect("dashboard");
    let row = dash
        .breaches
        .iter()
        .find(|b| b.incident_id == id)
        .expect("the breach is on the dashboard");
    assert_eq!(row.due_on, due);
    assert_eq!(row.days_left, 50);
    assert!(!row.overdue && !row.due_soon);

    // Part (D) is required, each part named.
    let mut form = letters_form();
    form.protecting = " ".into();
    refused_on(
        writes_nothing(&mut o.store, |s| incident::prepare_letters(s, id, &form)),
        "protecting",
        "what the plan does to prevent another",
    );
    let done = incident::prepare_letters(&mut o.store, id, &letters_form()).expect("letters");
    assert_eq!(done.len(), 2, "one each");
    let text = pdf_text(&desk_office::letter::pdf(&mut o.store, done[0].letter_id).expect("pdf"));
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "Notice of a Breach of Your Health Information",
        "Jan Doe",
        "e-mailed to the wrong county department",
        "your Social Security number",
        "fraud alert",
        "We traced every copy of the e-mail.",
        "two years of credit monitoring",
        "no longer sent by e-mail",
        "555-",
    ] {
        assert!(squashed.contains(said), "{said:?} in the letter:\n{text}");
    }
    let regular = crate::registers::median_word_height(
        &desk_office::letter::pdf(&mut o.store, done[0].letter_id).expect("pdf"),
    );
    let large = crate::registers::median_word_height(
        &desk_office::letter::pdf(&mut o.store, done[1].letter_id).expect("pdf"),
    );
    assert!(
        large > regular * 1.4,
        "the participant who asked for large print gets it: {large} vs {regular}"
    );
    refused_on(
        incident::prepare_letters(&mut o.store, id, &letters_form()),
        "letters",
        "each individual has their letter",
    );
    let page = incident::page(&mut o.store, id).expect("page");
    assert!(page
        .individuals
        .iter()
        .all(|i| i.notice == IndividualNotice::Prepared && i.letter_id.is_some()));

    let today = iso(o.today());
    desk_office::letter::mark_sent(&mut o.store, done[0].letter_id, Delivery::Mail, &today)
        .expect("mailed");
    let dash = dashboard::get(&o.store).expect("dashboard");
    assert_eq!(
        dash.breaches
            .iter()
            .find(|b| b.incident_id == id)
            .map(|b| b.notified),
        Some(1),
        "shown until every letter is mailed"
    );
    desk_office::letter::mark_sent(&mut o.store, done[1].letter_id, Delivery::Mail, &today)
        .expect("mailed");
    let dash = dashboard::get(&o.store).expect("dashboard");
    assert!(
        dash.breaches.iter().all(|b| b.incident_id != id),
        "every individual told: off the dashboard"
    );
    let rows = incident::list(&o.store).expect("list");
    assert!(rows[0].notification.expect("progress").complete);
    let trail = audit_actions(&o.store);
    for action in [
        "incident.log",
        "incident.assess",
        "incident.decide",
        "incident.letters",
    ] {
        assert!(trail.iter().any(|a| a == action), "{action} in {trail:?}");
    }
}

#[test]
fn an_associates_report_is_on_time_or_so_many_days_late() {
    let mut o = office();
    let p = o.employee("A1", "Doe", "Jan");
    let associate = o
        .store
        .add_associate(&Associate {
            name: "Acme Claims Services".into(),
            address: vec!["5 Side Street".into()],
            contact: String::new(),
            holds: vec![Holding::Claims],
            agreement_on: None,
            duties: Duties::default(),
            ended_on: None,
        })
        .expect("associate");
    let choices = incident::associates(&o.store).expect("choices");
    assert!(choices
        .iter()
        .any(|c| c.id == associate && c.incident_days == 5));
    let today = o.today();
    let by_associate = |learned_days_ago: u64| IncidentForm {
        reporter: ReporterKind::Associate,
        reporter_name: String::new(),
        associate_id: Some(associate),
        associate_learned_on: iso(today - Days::new(learned_days_ago)),
        occurred_on: iso(today - Days::new(learned_days_ago)),
        ..report(vec![p], today)
    };
    let on_time = incident::log(&mut o.store, &by_associate(5)).expect("logged");
    let late = incident::log(&mut o.store, &by_associate(8)).expect("logged");
    let page = incident::page(&mut o.store, on_time).expect("page");
    let seen = page.associate_report.expect("an associate's report");
    assert_eq!(seen.standing, "reported on time");
    assert_eq!(seen.due_on, today);
    assert_eq!(page.reporter, "Acme Claims Services (business associate)");
    let page = incident::page(&mut o.store, late).expect("page");
    assert_eq!(
        page.associate_report.expect("report").standing,
        "reported 3 days late"
    );
    let mut missing = by_associate(1);
    missing.associate_learned_on = String::new();
    refused_on(
        incident::log(&mut o.store, &missing),
        "associateLearnedOn",
        "its clock starts when it learned",
    );
}

#[test]
fn substitute_notice_counts_for_an_out_of_date_address_and_actions_are_kept() {
    let mut o = office();
    let (id, people) = decided_breach(&mut o, 2);
    let done = incident::prepare_letters(&mut o.store, id, &letters_form()).expect("letters");
    let today = iso(o.today());
    for d in &done {
        desk_office::letter::mark_sent(&mut o.store, d.letter_id, Delivery::Mail, &today)
            .expect("mailed");
    }
    // One letter comes back: mailed to an address known to be wrong, it reached nobody.
    incident::mark_out_of_date(&mut o.store, id, people[0]).expect("returned");
    let page = incident::page(&mut o.store, id).expect("page");
    assert_eq!(page.substitute_rule, SubstituteRule::EachIndividual);
    assert_eq!(page.individuals[0].notice, IndividualNotice::OutOfDate);
    assert!(
        dashboard::get(&o.store)
            .expect("dash")
            .breaches
            .iter()
            .any(|b| b.incident_id == id),
        "back on the dashboard until substitute notice is given"
    );
    let posting = SubstituteForm {
        participant_id: None,
        method: SubstituteMethod::WebPosting,
        given_on: today.clone(),
        detail: "www.example.gov/notice".into(),
        toll_free: "1-800-555-0100".into(),
    };
    refused_on(
        incident::substitute(&mut o.store, id, &posting),
        "method",
        "one person: notice to them, not a posting",
    );
    incident::substitute(
        &mut o.store,
        id,
        &SubstituteForm {
            participant_id: Some(people[0]),
            method: SubstituteMethod::Telephone,
            detail: "Told by telephone at the number on file".into(),
            toll_free: String::new(),
            ..posting
        },
    )
    .expect("told by telephone");
    let page = incident::page(&mut o.store, id).expect("page");
    assert!(matches!(
        page.individuals[0].notice,
        IndividualNotice::Substituted(_)
    ));
    assert!(page.notification.expect("progress").complete);
    assert_eq!(page.substitutes[0].label, "telephone");

    refused_on(
        incident::act(
            &mut o.store,
            id,
            &ActionForm {
                kind: ActionKind::Sanction,
                taken_on: today.clone(),
                whom: String::new(),
                text: "Written warning".into(),
            },
        ),
        "whom",
        "a sanction names whom",
    );
    incident::act(
        &mut o.store,
        id,
        &ActionForm {
            kind: ActionKind::Sanction,
            taken_on: today.clone(),
            whom: "Benefits clerk".into(),
            text: "Written warning and retraining".into(),
        },
    )
    .expect("sanction");
    let page = incident::page(&mut o.store, id).expect("page");
    assert_eq!(page.actions[0].whom, "Benefits clerk");
}

#[test]
fn the_annual_log_lists_last_years_small_breaches_as_csv() {
    let mut o = office();
    let today = o.today();
    let last_year = today.year() - 1;
    let days_ago = u64::try_from(
        (today - NaiveDate::from_ymd_opt(last_year, 11, 20).expect("day")).num_days(),
    )
    .expect("in the past");
    let (id, _) = decided_breach(&mut o, days_ago);
    incident::act(
        &mut o.store,
        id,
        &ActionForm {
            kind: ActionKind::Mitigation,
            taken_on: iso(today),
            whom: String::new(),
            text: "The department deleted the e-mail".into(),
        },
    )
    .expect("mitigation");
    // A second breach whose account a spreadsheet would take for a formula.
    let p = o.employee("B3", "Poe", "Kim");
    let mut formula = report(
        vec![p],
        NaiveDate::from_ymd_opt(last_year, 12, 30).expect("day"),
    );
    formula.what_happened = "=HYPERLINK(\"x\") was pasted into a shared sheet".into();
    let second = incident::log(&mut o.store, &formula).expect("logged");
    incident::decide(&mut o.store, second, &breach()).expect("decided");
    let log = incident::annual_log(&o.store, last_year).expect("log");
    assert_eq!(log.incident_ids, [id, second], "by discovery");
    assert_eq!(
        log.due_on,
        desk_core::incident::annual_log_due(last_year),
        "60 days after the year"
    );
    assert!(incident::annual_log(&o.store, today.year())
        .expect("this year")
        .rows
        .is_empty());
    let csv = incident::annual_log_csv(&log).expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Breach Start Date,Breach End Date,Discovery Date,Approximate Number of Individuals Affected,\
             Type of Breach,Location of Breached Information,Type of Protected Health Information Involved,\
             Brief Description of the Breach,Safeguards in Place Prior to Breach,\
             Individual Notice Provided Start Date,Individual Notice Provided End Date,\
             Substitute Notice Required,Media Notice Required,Actions Taken in Response to Breach"
        )
    );
    let row = lines.next().expect("one row");
    assert!(
        row.starts_with(&format!(
            "11/17/{last_year},11/17/{last_year},11/20/{last_year},2,"
        )),
        "{row}"
    );
    assert!(
        row.contains("Unauthorized Access/Disclosure,Email,Demographic: Name; Demographic: SSN,"),
        "{row}"
    );
    assert!(
        row.contains(",None,,,No,No,"),
        "no safeguards; no letters mailed yet: {row}"
    );
    assert!(
        row.ends_with(",Mitigation: The department deleted the e-mail"),
        "{row}"
    );
    let row = lines.next().expect("a second row");
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"x\"\") was pasted into a shared sheet\","),
        "a formula is kept as text: {row}"
    );

    let dir = tempfile::tempdir().expect("tmp");
    let path = incident::save_annual_log(&mut o.store, last_year, dir.path()).expect("saved");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), csv);
    assert!(audit_actions(&o.store)
        .iter()
        .any(|a| a == "incident.annual_log_export"));

    let dash = dashboard::get(&o.store).expect("dashboard");
    if today <= desk_core::incident::annual_log_due(last_year) {
        let due = dash.annual_log.expect("shown in the first 60 days");
        assert_eq!((due.year, due.breaches), (last_year, 2));
    } else {
        assert!(
            dash.annual_log.is_none(),
            "shown only in the first 60 days of the year"
        );
    }
}

#[test]
fn more_than_five_hundred_in_a_state_is_flagged_for_the_secretary_and_the_media() {
    let mut o = office();
    let roster = desk_store::Roster {
        employees: (0..501)
            .map(|n| {
                employee(
                    &format!("M{n:04}"),
                    "Many",
                    &format!("Pat{n}"),
                    "1980-01-01",
                )
            })
            .collect(),
        dependents: Vec::new(),
    };
    o.store.import_roster(&roster).expect("imported");
    let ids: Vec<i64> = desk_store::fixture::query_rows(
        &o.store,
        "SELECT id FROM participants WHERE employee_id LIKE 'M%' ORDER BY id",
    )
    .expect("ids")
    .into_iter()
    .filter_map(|row| row.first().copied().flatten())
    .collect();
    assert_eq!(ids.len(), 501);
    let today = o.today();
    let id = incident::log(&mut o.store, &report(ids, today)).expect("logged");
    incident::decide(&mut o.store, id, &breach()).expect("decided");
    let page = incident::page(&mut o.store, id).expect("page");
    assert!(page.reach.hhs_now);
    assert_eq!(page.reach.media_states, ["FL"]);
    let flag = page.flag.expect("flagged on the incident");
    assert!(
        flag.contains("More than 500 residents of FL") && flag.contains("Secretary"),
        "{flag}"
    );
    let dash = dashboard::get(&o.store).expect("dashboard");
    let row = dash
        .breaches
        .iter()
        .find(|b| b.incident_id == id)
        .expect("on the dashboard");
    assert!(row.hhs_now, "flagged on the dashboard");
    assert_eq!(row.media_states, ["FL"]);
    assert!(
        incident::annual_log(&o.store, today.year())
            .expect("log")
            .rows
            .is_empty(),
        "500 or more go to the Secretary at once, not in the annual log"
    );
}

#[test]
fn a_minor_is_written_to_through_a_parent_and_later_finds_are_added_and_corrected() {
    let mut o = office();
    let (id, people) = decided_breach(&mut o, 5);
    let born = iso(o.today() - Days::new(365 * 9));
    let child = o.child(people[0], "Jamie", &born);

    // Found later: added with how, their disclosure logged under the breach in force.
    refused_on(
        writes_nothing(&mut o.store, |s| {
            incident::add_participants(
                s,
                id,
                &incident::AddParticipantsForm {
                    participant_ids: vec![child],
                    reason: " ".into(),
                },
            )
        }),
        "reason",
        "how they were found",
    );
    incident::add_participants(
        &mut o.store,
        id,
        &incident::AddParticipantsForm {
            participant_ids: vec![child],
            reason: "The report's second page listed the dependants.".into(),
        },
    )
    .expect("added");
    let page = incident::page(&mut o.store, id).expect("page");
    let jamie = page
        .individuals
        .iter()
        .find(|i| i.participant_id == child)
        .expect("the child is involved");
    assert!(jamie.minor, "under 18");
    assert!(jamie.disclosure_id.is_some(), "logged under the breach");
    let added = jamie.added.as_deref().expect("added later");
    assert!(
        added.contains("The report's second page listed the dependants."),
        "{added}"
    );
    let theirs = desk_office::participant::page(&mut o.store, child).expect("the child's page");
    assert_eq!(
        theirs.incidents.iter().map(|i| i.id).collect::<Vec<_>>(),
        [id],
        "the participant's page lists the incident"
    );

    // The child's letter goes to a parent or guardian and says whose information it is.
    let done = incident::prepare_letters(&mut o.store, id, &letters_form()).expect("letters");
    let theirs = done
        .iter()
        .map(|l| pdf_text(&desk_office::letter::pdf(&mut o.store, l.letter_id).expect("pdf")))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| t.contains("Jamie"))
        .expect("a letter about Jamie");
    for said in [
        "Parent or guardian of Jamie Doe",
        "Dear Parent or guardian of Jamie Doe:",
        "as the parent or guardian of Jamie Doe, who is under 18",
        "Re: A breach of Jamie Doe's health information",
    ] {
        assert!(theirs.contains(said), "{said:?} in:\n{theirs}");
    }

    // The details corrected: the page shows them and why; the logbook follows.
    let page = incident::page(&mut o.store, id).expect("page");
    let mut fix = incident::CorrectionForm {
        reporter_name: page.reporter_name.clone(),
        reported_on: iso(page.reported_on),
        associate_learned_on: String::new(),
        discovered_on: iso(page.discovered_on),
        occurred_on: page.occurred_on.map(iso).unwrap_or_default(),
        occurred_until: String::new(),
        what_happened: page.what_happened.clone(),
        recipient: "County Parks and Recreation Department".into(),
        breach_type: page.breach_type,
        location: page.location,
        safeguards: page.safeguards.clone(),
        information: page.information.clone(),
        other_information: String::new(),
        reason: String::new(),
    };
    refused_on(
        writes_nothing(&mut o.store, |s| incident::correct(s, id, &fix)),
        "reason",
        "a correction says why",
    );
    fix.reason = "The department's full name, from its reply.".into();
    let mut staff = o.staff();
    refused_with(
        incident::correct(&mut staff, id, &fix),
        ErrorCode::Forbidden,
        "staff do not correct an incident",
    );
    incident::correct(&mut o.store, id, &fix).expect("corrected");
    let page = incident::page(&mut o.store, id).expect("page");
    assert_eq!(page.recipient, "County Parks and Recreation Department");
    assert_eq!(page.corrections.len(), 1);
    assert_eq!(
        page.corrections[0].reason,
        "The department's full name, from its reply."
    );
    for p in [people[0], people[1], child] {
        let log = o.store.disclosures_of(p).expect("logbook");
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].recipient, "County Parks and Recreation Department");
    }
    let trail = audit_actions(&o.store);
    for action in [
        "incident.participants",
        "incident.correct",
        "disclosure.correct",
    ] {
        assert!(trail.iter().any(|a| a == action), "{action} in {trail:?}");
    }
}
