//! The incident log: logged by anyone, assessed and decided by the Privacy Official alone, each
//! determination a row that a later one corrects, the impermissible disclosures written to the
//! logbook in the decision's own write, breach letters, substitute notice, mitigation and
//! sanctions; nothing ever changed or deleted.

use super::*;
use desk_core::associate::{Associate, Duties, Holding};
use desk_core::incident::{
    ActionKind, BreachType, Determination, Incident, Information, Location, ReporterKind,
    RiskAssessment, Safeguard, SubstituteMethod,
};
use desk_core::letter::BreachNotice;
use desk_store::{Error, NewIncident, NewLetter, NewSubstitute};

fn report(today: NaiveDate) -> Incident {
    Incident {
        reporter: ReporterKind::Staff,
        reporter_name: "Sam Staff".into(),
        reported_on: today,
        associate_learned_on: None,
        discovered_on: today,
        occurred_on: Some(today - chrono::Days::new(2)),
        occurred_until: None,
        what_happened: "A claims report was e-mailed to the wrong department.".into(),
        recipient: "County Parks Department".into(),
        breach_type: BreachType::UnauthorizedAccess,
        location: Location::Email,
        safeguards: vec![Safeguard::PrivacyRule],
        information: vec![Information::Claims, Information::Names, Information::Names],
        other_information: "ignored unless other".into(),
    }
}

fn people(store: &mut Store, n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| {
            store
                .add_participant(&employee(
                    &format!("I{i}"),
                    "Doe",
                    &format!("Jan{i}"),
                    "1980-01-01",
                ))
                .expect("participant")
        })
        .collect()
}

fn log(store: &mut Store, participant_ids: Vec<i64>) -> i64 {
    let today = store.today();
    store
        .log_incident(&NewIncident {
            incident: report(today),
            reporter_participant_id: None,
            associate_id: None,
            participant_ids,
        })
        .expect("logged")
}

fn assessment() -> RiskAssessment {
    RiskAssessment {
        nature_and_extent: "Names and claim amounts; no SSN.".into(),
        unauthorized_person: "A county department bound by the personnel rules.".into(),
        acquired_or_viewed: "Opened and read.".into(),
        mitigation: "Deletion confirmed in writing.".into(),
    }
}

fn notice(today: NaiveDate) -> BreachNotice {
    BreachNotice {
        occurred_on: None,
        occurred_until: None,
        discovered_on: today,
        what_happened: "x".into(),
        information: vec![Information::Names],
        other_information: String::new(),
        investigating: "a".into(),
        mitigating: "b".into(),
        protecting: "c".into(),
        extra_steps: String::new(),
        toll_free: String::new(),
    }
}

fn letter() -> NewLetter {
    NewLetter {
        request_id: None,
        kind: "breach_notification".into(),
        pdf: PDF.to_vec(),
        corrects_id: None,
    }
}

/// The audit actions on `entity`, oldest first (the trail lists the newest first).
fn actions_of(store: &mut Store, entity: &str) -> Vec<String> {
    let mut out: Vec<String> = store
        .audit_trail(&Default::default())
        .expect("trail")
        .into_iter()
        .filter(|e| e.entity == entity)
        .map(|e| e.action)
        .collect();
    out.reverse();
    out
}

#[test]
fn an_incident_is_logged_tidied_and_read_back_with_its_audit_row() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 2);
    let id = log(&mut store, vec![ids[1], ids[0], ids[1]]);
    let r = store.incident(id).expect("read back");
    assert_eq!(r.participant_ids, [ids[0], ids[1]], "each participant once");
    assert_eq!(
        r.incident.information,
        [Information::Names, Information::Claims],
        "sorted, once each"
    );
    assert_eq!(
        r.incident.other_information, "",
        "only with other information"
    );
    assert!(r.decisions.is_empty() && r.assessment.is_none());
    assert_eq!(store.incidents().expect("list").len(), 1);
    assert_eq!(store.incidents_of(ids[0]).expect("of").len(), 1);
    assert_eq!(actions_of(&mut store, "incident"), ["incident.log"]);
}

#[test]
fn a_bad_report_names_its_field_and_writes_nothing() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 1);
    let today = store.today();
    let mut bad = report(today);
    bad.what_happened = " ".into();
    let e = store
        .log_incident(&NewIncident {
            incident: bad,
            reporter_participant_id: None,
            associate_id: None,
            participant_ids: ids.clone(),
        })
        .expect_err("no account");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "whatHappened",
                ..
            }
        ),
        "{e:?}"
    );
    let e = store
        .log_incident(&NewIncident {
            incident: report(today),
            reporter_participant_id: None,
            associate_id: None,
            participant_ids: vec![ids[0], 9_999],
        })
        .expect_err("not on file");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "participantIds",
                ..
            }
        ),
        "{e:?}"
    );
    let mut by_associate = report(today);
    by_associate.reporter = ReporterKind::Associate;
    by_associate.associate_learned_on = Some(today);
    let e = store
        .log_incident(&NewIncident {
            incident: by_associate,
            reporter_participant_id: None,
            associate_id: Some(77),
            participant_ids: ids,
        })
        .expect_err("no such associate");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "associateId",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        store.incidents().expect("list").is_empty(),
        "nothing written"
    );
    assert!(actions_of(&mut store, "incident").is_empty());
}

#[test]
fn an_associate_report_keeps_the_associate_and_the_day_it_learned() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 1);
    let associate = store
        .add_associate(&Associate {
            name: "Acme Claims".into(),
            address: vec!["1 Main St".into()],
            contact: String::new(),
            holds: vec![Holding::Claims],
            agreement_on: None,
            duties: Duties::default(),
            ended_on: None,
        })
        .expect("associate");
    let today = store.today();
    let mut i = report(today);
    i.reporter = ReporterKind::Associate;
    i.reporter_name = "ignored".into();
    i.associate_learned_on = Some(today - chrono::Days::new(3));
    i.occurred_on = Some(today - chrono::Days::new(4));
    let id = store
        .log_incident(&NewIncident {
            incident: i,
            reporter_participant_id: Some(ids[0]),
            associate_id: Some(associate),
            participant_ids: ids.clone(),
        })
        .expect("logged");
    let r = store.incident(id).expect("read");
    assert_eq!(r.associate_id, Some(associate));
    assert_eq!(r.reporter_participant_id, None, "an associate reported it");
    assert_eq!(r.incident.reporter_name, "", "its name is the register's");
    assert_eq!(
        r.incident.associate_learned_on,
        Some(today - chrono::Days::new(3))
    );
    store
        .decide_incident(id, Determination::Breach, "The associate's own disclosure")
        .expect("decided");
    let disclosure = store.incident(id).expect("read").disclosures[0].1;
    let entry = store
        .disclosures_of(ids[0])
        .expect("logbook")
        .into_iter()
        .find(|e| e.id == disclosure)
        .expect("the logbook entry");
    assert_eq!(
        entry.associate_id,
        Some(associate),
        "the associate made the disclosure it reported"
    );
    assert_eq!(entry.basis, "impermissible");
    assert_eq!(
        entry.minimum_necessary, None,
        "the associate answers for the minimum necessary in its own disclosures"
    );
    assert!(store
        .disclosures_awaiting_review()
        .expect("queue")
        .is_empty());
}

#[test]
fn staff_log_a_report_but_only_the_privacy_official_assesses_decides_and_notifies() {
    let (fx, mut store) = new_store();
    let ids = people(&mut store, 1);
    let id = log(&mut store, ids.clone());
    let mut sam = staff_store(&fx, store);
    let mine = log(&mut sam, ids.clone());
    assert!(sam.incident(mine).is_ok(), "staff log a report");
    let today = sam.today();
    let refusals = [
        sam.assess_incident(id, &assessment()).map(|_| ()),
        sam.decide_incident(id, Determination::Breach, "Presumed")
            .map(|_| ()),
        sam.store_breach_letters(id, &[(ids[0], letter(), notice(today))])
            .map(|_| ()),
        sam.mark_address_out_of_date(id, ids[0]),
        sam.record_substitute_notice(
            id,
            &NewSubstitute {
                participant_id: Some(ids[0]),
                method: SubstituteMethod::Telephone,
                given_on: today,
                detail: String::new(),
                toll_free: String::new(),
            },
        )
        .map(|_| ()),
        sam.record_incident_action(id, ActionKind::Mitigation, today, "", "Recalled")
            .map(|_| ()),
    ];
    for r in refusals {
        assert!(matches!(r, Err(Error::NotPermitted { .. })), "{r:?}");
    }
    assert!(sam.incident(id).expect("read").decisions.is_empty());
}

#[test]
fn a_decision_is_a_row_and_a_changed_mind_a_correcting_row() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 1);
    let id = log(&mut store, ids);
    let e = store
        .decide_incident(id, Determination::LowProbability, "Deleted unread")
        .expect_err("no assessment yet");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "determination",
                ..
            }
        ),
        "{e:?}"
    );
    let e = store
        .decide_incident(id, Determination::Breach, "  ")
        .expect_err("no reasons");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "reasons",
                ..
            }
        ),
        "{e:?}"
    );
    let mut partial = assessment();
    partial.acquired_or_viewed = String::new();
    let e = store
        .assess_incident(id, &partial)
        .expect_err("a factor left out");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "acquiredOrViewed",
                ..
            }
        ),
        "{e:?}"
    );

    let first = store.assess_incident(id, &assessment()).expect("assessed");
    let second = store
        .assess_incident(id, &assessment())
        .expect("reassessed");
    let low = store
        .decide_incident(
            id,
            Determination::LowProbability,
            "Deleted unread, confirmed",
        )
        .expect("decided");
    let breach = store
        .decide_incident(id, Determination::Breach, "The report was forwarded on")
        .expect("changed mind");
    let r = store.incident(id).expect("read");
    assert_eq!(r.assessment.as_ref().map(|a| a.id), Some(second));
    assert_ne!(first, second);
    assert_eq!(r.decisions.len(), 2, "both decisions are kept");
    assert_eq!(r.decisions[0].id, low);
    assert_eq!(
        r.decisions[1].corrects_id,
        Some(low),
        "the new one corrects the old"
    );
    assert_eq!(r.decisions[1].assessment_id, Some(second));
    assert_eq!(r.decision().map(|d| d.id), Some(breach));
    assert!(r.is_breach());
    let e = desk_store::fixture::execute(
        &store,
        "UPDATE incident_decisions SET determination = 'breach'",
    )
    .expect_err("never changed");
    assert!(e.to_string().contains("never changed"), "{e}");
    for table in [
        "incidents",
        "incident_participants",
        "incident_assessments",
        "incident_decisions",
        "incident_disclosures",
    ] {
        let e = desk_store::fixture::execute(&store, &format!("DELETE FROM {table}"))
            .expect_err("never deleted");
        assert!(e.to_string().contains("never deleted"), "{table}: {e}");
    }
    let trail = actions_of(&mut store, "incident");
    assert_eq!(
        trail,
        [
            "incident.log",
            "incident.assess",
            "incident.assess",
            "incident.decide",
            "incident.decide"
        ]
    );
}

#[test]
fn the_impermissible_disclosures_enter_the_logbook_with_the_decision_once() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 2);
    let id = log(&mut store, ids.clone());
    store
        .decide_incident(
            id,
            Determination::UnintentionalWorkforce,
            "A colleague opened it",
        )
        .expect("an exception inside the plan");
    assert!(
        store.disclosures_of(ids[0]).expect("logbook").is_empty(),
        "nothing left the plan"
    );
    store
        .decide_incident(id, Determination::Breach, "It reached another department")
        .expect("breach");
    store
        .decide_incident(id, Determination::Breach, "Confirmed")
        .expect("again");
    let r = store.incident(id).expect("read");
    assert_eq!(r.disclosures.len(), 2, "one per participant, logged once");
    for &p in &ids {
        let log = store.disclosures_of(p).expect("logbook");
        assert_eq!(log.len(), 1);
        let entry = &log[0];
        assert_eq!(entry.basis, "impermissible");
        assert_eq!(entry.recipient, "County Parks Department");
        assert_eq!(entry.description, "names, claims or payment information");
        assert!(
            entry.purpose.contains(&format!("incident {id}")),
            "{}",
            entry.purpose
        );
        assert_eq!(
            entry.disclosed_on,
            r.incident.occurred_on.expect("occurred")
        );
        assert!(
            entry.review.is_some(),
            "reviewed with the incident: it does not wait in the approvals queue"
        );
    }
    assert!(store
        .disclosures_awaiting_review()
        .expect("queue")
        .is_empty());
    let trail = store.audit_trail(&Default::default()).expect("trail");
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "disclosure.record")
            .count(),
        2
    );
}

#[test]
fn breach_letters_go_to_the_individuals_involved_all_or_none() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 3);
    let id = log(&mut store, ids[..2].to_vec());
    let today = store.today();
    let e = store
        .store_breach_letters(id, &[(ids[0], letter(), notice(today))])
        .expect_err("not decided");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "determination",
                ..
            }
        ),
        "{e:?}"
    );
    store
        .decide_incident(id, Determination::Breach, "Presumed")
        .expect("breach");
    let e = store
        .store_breach_letters(
            id,
            &[
                (ids[0], letter(), notice(today)),
                (ids[2], letter(), notice(today)),
            ],
        )
        .expect_err("ids[2] was not involved");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "participantId",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        store.incident(id).expect("read").letters.is_empty(),
        "the good letter went with the bad one: one transaction"
    );
    let letters = store
        .store_breach_letters(
            id,
            &[
                (ids[0], letter(), notice(today)),
                (ids[1], letter(), notice(today)),
            ],
        )
        .expect("kept");
    assert_eq!(letters.len(), 2);
    let r = store.incident(id).expect("read");
    assert_eq!(r.letters[1].participant_id, ids[1]);
    assert_eq!(r.letters[1].letter.id, letters[1]);
    assert_eq!(r.letters[0].notice, notice(today));
    let e = store
        .store_breach_letters(id, &[(ids[0], letter(), notice(today))])
        .expect_err("once each");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "participantId",
                ..
            }
        ),
        "{e:?}"
    );
    store
        .mark_letter_delivered(letters[0], desk_store::DeliveryMethod::Mailed, today)
        .expect("mailed");
    let r = store.incident(id).expect("read");
    assert_eq!(r.letters[0].letter.deliveries.len(), 1);
    let e = desk_store::fixture::execute(&store, "DELETE FROM incident_letters")
        .expect_err("never deleted");
    assert!(e.to_string().contains("never deleted"), "{e}");
    assert!(actions_of(&mut store, "incident").contains(&"incident.letters".to_string()));
}

#[test]
fn substitute_notice_follows_the_count_of_addresses_out_of_date() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 11);
    let id = log(&mut store, ids.clone());
    store
        .decide_incident(id, Determination::Breach, "Presumed")
        .expect("breach");
    let today = store.today();
    let to = |p: Option<i64>, method| NewSubstitute {
        participant_id: p,
        method,
        given_on: today,
        detail: "Called the number on file".into(),
        toll_free: String::new(),
    };
    let e = store
        .record_substitute_notice(id, &to(Some(ids[0]), SubstituteMethod::Telephone))
        .expect_err("nobody is out of date");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "method",
                ..
            }
        ),
        "{e:?}"
    );
    store
        .mark_address_out_of_date(id, ids[0])
        .expect("out of date");
    let e = store
        .mark_address_out_of_date(id, ids[0])
        .expect_err("once");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "participantId",
                ..
            }
        ),
        "{e:?}"
    );
    let e = store
        .record_substitute_notice(id, &to(Some(ids[1]), SubstituteMethod::Telephone))
        .expect_err("ids[1]'s address is fine");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "participantId",
                ..
            }
        ),
        "{e:?}"
    );
    let e = store
        .record_substitute_notice(id, &to(None, SubstituteMethod::WebPosting))
        .expect_err("one person: no posting");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "method",
                ..
            }
        ),
        "{e:?}"
    );
    store
        .record_substitute_notice(id, &to(Some(ids[0]), SubstituteMethod::Telephone))
        .expect("told by telephone");

    for &p in &ids[1..10] {
        store.mark_address_out_of_date(id, p).expect("out of date");
    }
    let e = store
        .record_substitute_notice(id, &to(Some(ids[1]), SubstituteMethod::Telephone))
        .expect_err("ten: conspicuous notice");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "method",
                ..
            }
        ),
        "{e:?}"
    );
    let e = store
        .record_substitute_notice(id, &to(None, SubstituteMethod::WebPosting))
        .expect_err("no toll-free number");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "tollFree",
                ..
            }
        ),
        "{e:?}"
    );
    let mut posting = to(Some(ids[1]), SubstituteMethod::WebPosting);
    posting.toll_free = "1-800-555-0100".into();
    store
        .record_substitute_notice(id, &posting)
        .expect("posted");
    let r = store.incident(id).expect("read");
    assert_eq!(r.out_of_date.len(), 10);
    assert_eq!(r.substitutes.len(), 2);
    assert_eq!(
        r.substitutes[1].participant_id, None,
        "a posting is to everyone"
    );
    assert_eq!(r.substitutes[1].toll_free, "1-800-555-0100");
    assert_eq!(r.substitutes[0].toll_free, "", "no number kept for a call");
}

#[test]
fn mitigation_and_sanctions_are_dated_entries() {
    let (_fx, mut store) = new_store();
    let ids = people(&mut store, 1);
    let id = log(&mut store, ids);
    let today = store.today();
    let e = store
        .record_incident_action(id, ActionKind::Sanction, today, " ", "Written warning")
        .expect_err("whom");
    assert!(matches!(e, Error::Invalid { field: "whom", .. }), "{e:?}");
    store
        .record_incident_action(
            id,
            ActionKind::Mitigation,
            today,
            "",
            "Recipient deleted the e-mail",
        )
        .expect("mitigation");
    store
        .record_incident_action(
            id,
            ActionKind::Sanction,
            today,
            "Benefits clerk (J. Smith)",
            "Written warning; privacy training again",
        )
        .expect("sanction");
    let r = store.incident(id).expect("read");
    assert_eq!(r.actions.len(), 2);
    assert_eq!(r.actions[1].kind, ActionKind::Sanction);
    assert_eq!(r.actions[1].whom, "Benefits clerk (J. Smith)");
    let trail = actions_of(&mut store, "incident");
    assert!(trail.contains(&"incident.mitigation".to_string()));
    assert!(trail.contains(&"incident.sanction".to_string()));
    let e = desk_store::fixture::execute(&store, "DELETE FROM incident_actions")
        .expect_err("never deleted");
    assert!(e.to_string().contains("never deleted"), "{e}");
    assert_eq!(store.verify_audit().expect("verify"), None);
}

#[test]
fn details_are_corrected_by_a_row_with_its_reason_and_the_logbook_follows() {
    let (fx, mut store) = new_store();
    let ids = people(&mut store, 2);
    let id = log(&mut store, ids.clone());
    store
        .decide_incident(id, Determination::Breach, "It reached another department")
        .expect("breach");
    let before = store.incident(id).expect("read");
    let mut details = before.incident.clone();
    details.recipient = "County Parks and Recreation".into();
    details.occurred_on = Some(before.incident.discovered_on - chrono::Days::new(5));
    store
        .correct_incident(id, &details, "The department's own name; the first e-mail")
        .expect("corrected");
    let after = store.incident(id).expect("read");
    assert_eq!(after.incident.recipient, "County Parks and Recreation");
    assert_eq!(after.incident.occurred_on, details.occurred_on);
    assert_eq!(after.corrections.len(), 1);
    assert_eq!(
        after.corrections[0].reason,
        "The department's own name; the first e-mail"
    );
    for &p in &ids {
        let log = store.disclosures_of(p).expect("logbook");
        assert_eq!(log.len(), 1, "the correction replaces the entry in force");
        assert_eq!(log[0].recipient, "County Parks and Recreation");
        assert_eq!(log[0].disclosed_on, details.occurred_on.expect("occurred"));
    }
    let actions = actions_of(&mut store, "incident");
    assert_eq!(actions.last().map(String::as_str), Some("incident.correct"));
    let trail = store.audit_trail(&Default::default()).expect("trail");
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "disclosure.correct")
            .count(),
        2,
        "one correcting logbook row per participant, in the correction's write"
    );

    // Each refusal names its field and writes nothing.
    let mut future = details.clone();
    future.discovered_on = store.today() + chrono::Days::new(1);
    let mut unchanged = details.clone();
    unchanged.what_happened = format!("  {}  ", details.what_happened);
    let mut other_reporter = details.clone();
    other_reporter.reporter = ReporterKind::Other;
    let mut changed = details.clone();
    changed.location = Location::Paper;
    for (bad, reason, field) in [
        (&future, "Typo", "discoveredOn"),
        (&unchanged, "Tidied", "details"),
        (&other_reporter, "A visitor", "reporter"),
        (&changed, " ", "reason"),
    ] {
        match store.correct_incident(id, bad, reason) {
            Err(Error::Invalid { field: got, .. }) => assert_eq!(got, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(store.incident(id).expect("read").corrections.len(), 1);
    let mut sam = staff_store(&fx, store);
    assert!(matches!(
        sam.correct_incident(id, &changed, "Paper, not e-mail"),
        Err(Error::NotPermitted { .. })
    ));
}

#[test]
fn participants_found_later_are_added_with_their_disclosure_and_letter() {
    let (fx, mut store) = new_store();
    let ids = people(&mut store, 3);
    let id = log(&mut store, vec![ids[0]]);
    store
        .decide_incident(id, Determination::Breach, "It reached another department")
        .expect("breach");
    let today = store.today();
    store
        .store_breach_letters(id, &[(ids[0], letter(), notice(today))])
        .expect("the first letter");
    store
        .add_incident_participants(id, &[ids[1], ids[1]], "  Also on the report's second page ")
        .expect("added");
    let r = store.incident(id).expect("read");
    assert_eq!(r.participant_ids, [ids[0], ids[1]]);
    assert_eq!(r.added.len(), 1);
    assert_eq!(r.added[0].participant_id, ids[1]);
    assert_eq!(r.added[0].reason, "Also on the report's second page");
    assert_eq!(
        r.disclosures.len(),
        2,
        "the decision in force logs theirs too"
    );
    assert_eq!(store.disclosures_of(ids[1]).expect("logbook").len(), 1);
    assert_eq!(
        store.disclosures_of(ids[0]).expect("logbook").len(),
        1,
        "not twice"
    );
    assert_eq!(store.incidents_of(ids[1]).expect("of").len(), 1);
    store
        .store_breach_letters(id, &[(ids[1], letter(), notice(today))])
        .expect("a letter to the one added");

    for (add, reason, field) in [
        (vec![ids[0]], "Again", "participantIds"),
        (vec![], "Nobody", "participantIds"),
        (vec![ids[2]], " ", "reason"),
        (vec![ids[2], 9_999], "One unknown", "participantIds"),
    ] {
        match store.add_incident_participants(id, &add, reason) {
            Err(Error::Invalid { field: got, .. }) => assert_eq!(got, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(
        store.incident(id).expect("read").participant_ids.len(),
        2,
        "a refused addition adds no one"
    );
    let mut sam = staff_store(&fx, store);
    assert!(matches!(
        sam.add_incident_participants(id, &[ids[2]], "Found"),
        Err(Error::NotPermitted { .. })
    ));
}
