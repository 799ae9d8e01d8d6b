//! The disclosure logbook in the store: one write path (checked against an authorization,
//! refused outside it, corrections as new rows, the written request kept with it), authorizations
//! and revocations, suspensions, and what the accounting reads.

use super::*;
use desk_core::accounting::SuspensionStatement;
use desk_core::authorization::{Capacity, Expiry, Signer, Statements};
use desk_core::disclosure::Basis;
use desk_store::{NewAttachment, NewAuthorization, NewDisclosure, NewSuspension};

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn days_ago(n: u64) -> NaiveDate {
    today() - chrono::Days::new(n)
}

pub fn authorization(participant_id: i64) -> NewAuthorization {
    NewAuthorization {
        participant_id,
        request_id: None,
        information: "Claims records for 2024".into(),
        discloser: "Sample County Group Health Plan".into(),
        recipient: "Dr. Alan Smith".into(),
        purpose: "Second opinion".into(),
        expires: Some(Expiry::On(today() + chrono::Days::new(365))),
        signed_on: Some(days_ago(30)),
        signer: Some(Signer {
            name: "Jan Doe".into(),
            capacity: Capacity::Individual,
        }),
        statements: Statements {
            right_to_revoke: true,
            conditioning: true,
            redisclosure: true,
        },
        received_on: days_ago(20),
        scan: Some(NewAttachment {
            request_id: None,
            kind: desk_store::AttachmentKind::SignedForm,
            file_name: "authorization.pdf".into(),
            bytes: PDF.to_vec(),
            corrects_id: None,
        }),
        defects_seen: false,
    }
}

pub fn disclosure(
    participant_id: i64,
    on: NaiveDate,
    recipient: &str,
    basis: Basis,
) -> NewDisclosure {
    NewDisclosure {
        participant_id,
        disclosed_on: on,
        recipient: recipient.into(),
        recipient_address: String::new(),
        description: "Claims records".into(),
        purpose: "Second opinion".into(),
        basis,
        authorization_id: None,
        written_request: None,
        corrects_id: None,
        minimum_necessary: desk_core::minimum::applies(basis)
            .then_some(desk_core::minimum::MinimumNecessary::Reviewed),
        review_note: None,
        information_confirmed: false,
        associate_id: None,
    }
}

fn participant(store: &mut Store) -> i64 {
    let n = store.count_participants().expect("count");
    store
        .add_participant(&employee(&format!("L{n}"), "Doe", "Jan", "1980-01-01"))
        .expect("participant")
}

#[test]
fn a_disclosure_under_an_authorization_is_checked_against_it() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    let auth = store
        .record_authorization(&authorization(p))
        .expect("a complete form is kept");
    assert_eq!(last_action(&store), "authorization.record");

    let mut inside = disclosure(p, days_ago(2), "Dr. Alan Smith", Basis::Authorization);
    inside.authorization_id = Some(auth);
    // "Claims records" is a part of "Claims records for 2024": the person recording confirms it
    // falls within the description; unconfirmed, it is refused on the confirmation.
    let e = store
        .record_disclosure(&inside)
        .expect_err("a part of the description is confirmed");
    assert_eq!(field_of(e), "informationConfirmed");
    inside.information_confirmed = true;
    let id = store.record_disclosure(&inside).expect("inside the terms");
    assert_eq!(last_action(&store), "disclosure.record");
    assert_eq!(
        desk_store::fixture::query_i64(
            &store,
            &format!("SELECT information_confirmed FROM disclosures WHERE id = {id}")
        )
        .expect("kept"),
        1,
        "the confirmation is kept with the entry"
    );

    /// What is tried, the edit that takes the disclosure outside the terms, the field refused.
    type Case = (&'static str, fn(&mut NewDisclosure), &'static str);
    let cases: &[Case] = &[
        (
            "another recipient",
            |d| d.recipient = "Acme Insurance".into(),
            "recipient",
        ),
        (
            "other information, not confirmed",
            |d| {
                d.description = "Pharmacy records".into();
                d.information_confirmed = false;
            },
            "informationConfirmed",
        ),
        (
            "another purpose",
            |d| d.purpose = "Marketing".into(),
            "purpose",
        ),
        (
            "before it was signed",
            |d| d.disclosed_on = d.disclosed_on - chrono::Days::new(60),
            "disclosedOn",
        ),
        (
            "no authorization named",
            |d| d.authorization_id = None,
            "authorizationId",
        ),
    ];
    for (name, edit, field) in cases {
        let mut d = inside.clone();
        edit(&mut d);
        let before = store.disclosures_of(p).expect("log").len();
        let e = store.record_disclosure(&d).expect_err(name);
        assert_eq!(field_of(e), *field, "{name}");
        assert_eq!(
            store.disclosures_of(p).expect("log").len(),
            before,
            "{name}: nothing kept"
        );
    }
    let log = store.disclosures_of(p).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].id, log[0].authorization_id), (id, Some(auth)));
}

#[test]
fn a_revocation_counts_from_the_day_it_was_received() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    let auth = store.record_authorization(&authorization(p)).expect("kept");
    let yesterday = days_ago(1);
    store
        .revoke_authorization(auth, yesterday, None)
        .expect("revocation logged");
    assert_eq!(last_action(&store), "authorization.revoke");
    assert_eq!(
        store.authorizations_of(p).expect("list")[0].revoked_on,
        Some(yesterday)
    );

    let mut d = disclosure(p, today(), "Dr. Alan Smith", Basis::Authorization);
    d.authorization_id = Some(auth);
    d.information_confirmed = true;
    let e = store
        .record_disclosure(&d)
        .expect_err("revoked the day before");
    match e {
        desk_store::Error::Invalid { field, problem } => {
            assert_eq!(field, "disclosedOn");
            assert!(problem.contains("revoked"), "{problem}");
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    assert_eq!(
        last_action(&store),
        "disclosure.refused",
        "the refusal is audited"
    );
    assert!(store.disclosures_of(p).expect("log").is_empty());

    // Made before the revocation was received, logged today: still inside.
    d.disclosed_on = days_ago(2);
    store
        .record_disclosure(&d)
        .expect("made before the revocation");

    // A second revocation, a future one, or one before the form was received are refused.
    assert_eq!(
        field_of(
            store
                .revoke_authorization(auth, today(), None)
                .expect_err("twice")
        ),
        "receivedOn"
    );
    let other = store.record_authorization(&authorization(p)).expect("kept");
    assert_eq!(
        field_of(
            store
                .revoke_authorization(other, today() + chrono::Days::new(1), None)
                .expect_err("future")
        ),
        "receivedOn"
    );
    assert_eq!(
        field_of(
            store
                .revoke_authorization(other, days_ago(25), None)
                .expect_err("before received")
        ),
        "receivedOn"
    );
}

#[test]
fn a_defective_form_is_never_kept_silently() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    let mut form = authorization(p);
    form.purpose = " ".into();
    form.statements.conditioning = false;
    let e = store.record_authorization(&form).expect_err("defective");
    assert_eq!(field_of(e), "defects");
    assert!(store.authorizations_of(p).expect("list").is_empty());

    form.defects_seen = true;
    let auth = store
        .record_authorization(&form)
        .expect("kept as defective");
    let mut d = disclosure(p, today(), "Dr. Alan Smith", Basis::Authorization);
    d.authorization_id = Some(auth);
    assert_eq!(
        field_of(
            store
                .record_disclosure(&d)
                .expect_err("nothing under a defective form")
        ),
        "authorizationId"
    );
}

#[test]
fn corrections_are_new_rows() {
    let (fx, mut store) = new_store();
    let p = participant(&mut store);
    let old = store
        .record_disclosure(&disclosure(
            p,
            days_ago(5),
            "State Health Office",
            Basis::PublicHealth,
        ))
        .expect("recorded");
    let mut fix = disclosure(
        p,
        days_ago(5),
        "State Health Department",
        Basis::PublicHealth,
    );
    fix.corrects_id = Some(old);
    let new = store.record_disclosure(&fix).expect("correction");
    assert_eq!(last_action(&store), "disclosure.correct");
    let log = store.disclosures_of(p).expect("log");
    assert_eq!(log.iter().map(|d| d.id).collect::<Vec<_>>(), vec![new]);
    assert_eq!(
        field_of(store.record_disclosure(&fix).expect_err("twice")),
        "correctsId"
    );
    let other = participant(&mut store);
    let mut foreign = disclosure(other, days_ago(5), "X", Basis::PublicHealth);
    foreign.corrects_id = Some(new);
    assert_eq!(
        field_of(store.record_disclosure(&foreign).expect_err("another's")),
        "correctsId"
    );
    // Both rows are still in the file.
    let rows = desk_store::fixture::execute(&store, "DELETE FROM disclosures WHERE id > 0");
    assert!(rows.is_err(), "records are never deleted");
    drop(fx);
}

#[test]
fn the_written_request_is_kept_with_the_disclosure() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    let mut d = disclosure(p, days_ago(1), "County Sheriff", Basis::LawEnforcement);
    d.purpose = String::new();
    assert_eq!(
        field_of(
            store
                .record_disclosure(&d)
                .expect_err("no purpose, no copy")
        ),
        "purpose"
    );
    d.written_request = Some(NewAttachment {
        request_id: None,
        kind: desk_store::AttachmentKind::LetterheadRequest,
        file_name: "request.png".into(),
        bytes: b"not an image".to_vec(),
        corrects_id: None,
    });
    assert_eq!(
        field_of(store.record_disclosure(&d).expect_err("not a scan")),
        "writtenRequest"
    );
    assert!(
        store.disclosures_of(p).expect("log").is_empty(),
        "nothing half-kept"
    );
    d.written_request.as_mut().expect("set").bytes = PNG.to_vec();
    store.record_disclosure(&d).expect("with the copy");
    assert_eq!(store.disclosures_of(p).expect("log").len(), 1);
    let future = disclosure(p, today() + chrono::Days::new(1), "X", Basis::PublicHealth);
    assert_eq!(
        field_of(store.record_disclosure(&future).expect_err("future")),
        "disclosedOn"
    );
}

#[test]
fn suspensions_and_the_accounting_inputs() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    let oral = SuspensionStatement {
        agency: "State Health Oversight Office".into(),
        recipient: "State Health Oversight Office".into(),
        stated_on: days_ago(10),
        from: days_ago(10),
        to: today() + chrono::Days::new(80),
        written: false,
    };
    let id = store
        .record_suspension(&NewSuspension {
            participant_id: p,
            statement: oral.clone(),
            scan: None,
        })
        .expect("recorded");
    assert_eq!(last_action(&store), "suspension.record");
    let listed = store.suspensions_of(p).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].effective.to,
        days_ago(10) + chrono::Days::new(30),
        "oral: 30 days"
    );

    let confirmed = store
        .confirm_suspension(id, today(), None)
        .expect("confirmed in writing within 30 days");
    let listed = store.suspensions_of(p).expect("list");
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![confirmed]
    );
    assert_eq!(listed[0].effective.to, oral.to, "written: the whole period");

    let bad = SuspensionStatement {
        to: days_ago(20),
        ..oral
    };
    assert_eq!(
        field_of(
            store
                .record_suspension(&NewSuspension {
                    participant_id: p,
                    statement: bad,
                    scan: None,
                })
                .expect_err("ends before it starts")
        ),
        "to"
    );

    let mut with_address = disclosure(p, days_ago(3), "County Sheriff", Basis::LawEnforcement);
    with_address.recipient_address = "1 Court St".into();
    store.record_disclosure(&with_address).expect("recorded");
    store
        .record_disclosure(&disclosure(p, days_ago(4), "Acme Claims", Basis::Payment))
        .expect("recorded");
    let (log, suspensions) = store.accounting_inputs(p).expect("inputs");
    assert_eq!(suspensions.len(), 1);
    assert_eq!(
        log.iter()
            .map(|d| (d.recipient.as_str(), d.recipient_address.as_str(), d.basis))
            .collect::<Vec<_>>(),
        vec![
            ("Acme Claims", "", Basis::Payment),
            ("County Sheriff", "1 Court St", Basis::LawEnforcement)
        ],
        "oldest first, the address beside the recipient's name"
    );
}

#[test]
fn the_previous_accounting_is_the_last_accounting_letter_sent() {
    let (_fx, mut store) = new_store();
    let (p, first) = request_of_kind(&mut store, desk_core::request::RequestKind::Accounting);
    assert_eq!(store.previous_accounting_on(p, first).expect("none"), None);
    let letter = store
        .store_letter(&desk_store::NewLetter {
            request_id: Some(first),
            kind: "accounting".into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("letter");
    let today = chrono::Local::now().date_naive();
    store
        .mark_letter_delivered(letter, desk_store::DeliveryMethod::Mailed, today)
        .expect("sent");
    assert_eq!(
        store.previous_accounting_on(p, first).expect("own"),
        None,
        "a request's own letter is not a previous accounting"
    );
    let second = request_for(
        &mut store,
        p,
        desk_core::request::RequestKind::Accounting,
        d("2025-03-04"),
    );
    assert_eq!(
        store.previous_accounting_on(p, second).expect("one"),
        Some(today),
        "the day the letter was sent"
    );
}

/// Issue 15, point 3: a suspension for "County Sheriff" holds back a law enforcement
/// disclosure to "County Sheriff" whose address ("1 Court St") is recorded: the address is not
/// part of the name it is matched on.
#[test]
fn a_recorded_address_does_not_defeat_the_suspension() {
    let (_fx, mut store) = new_store();
    let p = participant(&mut store);
    store
        .record_suspension(&NewSuspension {
            participant_id: p,
            statement: SuspensionStatement {
                agency: "County Sheriff".into(),
                recipient: "County Sheriff".into(),
                stated_on: days_ago(10),
                from: days_ago(10),
                to: today() + chrono::Days::new(80),
                written: true,
            },
            scan: None,
        })
        .expect("recorded");
    let mut to_sheriff = disclosure(p, days_ago(40), "County Sheriff", Basis::LawEnforcement);
    to_sheriff.recipient_address = "1 Court St".into();
    store.record_disclosure(&to_sheriff).expect("recorded");
    let (log, suspensions) = store.accounting_inputs(p).expect("inputs");
    let ask = desk_core::accounting::AccountingRequest {
        requested_on: today(),
        period: desk_core::accounting::Period::default(),
        previous_accounting_on: None,
        pages: 1,
    };
    let got = desk_core::accounting::account(&ask, &log, &suspensions).expect("accounted");
    assert_eq!(
        got.excluded
            .iter()
            .map(|&(i, r)| (log[i].recipient.as_str(), r.code()))
            .collect::<Vec<_>>(),
        vec![("County Sheriff", "suspended")],
        "held back while the suspension is in force, whatever address was recorded"
    );
    assert!(got.included.is_empty(), "nothing else to account for");
}

/// Issue 15, point 8: a dependent has no employment of their own, so a spouse's "when my
/// employment ends" form never works for them: `expiration_missing`, refused unless kept as
/// defective, and nothing can be disclosed under it.
#[test]
fn a_dependents_employment_ends_form_is_missing_its_expiration() {
    let (_fx, mut store) = new_store();
    let employee_id = participant(&mut store);
    let spouse = store
        .add_dependent(
            &dependent("Doe", "Sam", "1982-02-02"),
            employee_id,
            desk_core::person::Relationship::Spouse,
        )
        .expect("spouse");
    let mut form = authorization(spouse);
    form.expires = Some(Expiry::EmploymentEnds);
    form.scan = None;
    assert_eq!(
        field_of(
            store
                .record_authorization(&form)
                .expect_err("a dependent's employment-ends form is defective")
        ),
        "defects",
        "the missing expiration must be seen before the form is kept"
    );
    form.defects_seen = true;
    let auth = store
        .record_authorization(&form)
        .expect("kept as defective");
    let terms = store.authorization_terms(auth).expect("terms");
    let v = desk_core::authorization::validate(&terms, today()).expect("judged");
    assert_eq!(
        v.defects,
        vec![desk_core::authorization::Defect::ExpirationMissing],
        "expiration_missing (CLI.md revision 2)"
    );
    let mut under = disclosure(spouse, days_ago(1), "Dr. Alan Smith", Basis::Authorization);
    under.authorization_id = Some(auth);
    assert_eq!(
        field_of(
            store
                .record_disclosure(&under)
                .expect_err("nothing is disclosed under a defective form")
        ),
        "authorizationId"
    );
    // The employee's own form of the same kind stays open while they are employed.
    let mut own = authorization(employee_id);
    own.expires = Some(Expiry::EmploymentEnds);
    own.scan = None;
    store
        .record_authorization(&own)
        .expect("an active employee's employment-ends form is complete");
}

#[test]
fn a_disclosure_is_routine_or_waits_for_the_privacy_officials_review() {
    use desk_core::minimum::{MinimumNecessary, RoutineFunction, RoutineRecipient};
    let (fx, mut store) = new_store();
    let p = participant(&mut store);
    let on = d("2025-05-01");
    // Eligibility sent to the dental plan: one of the county's routine disclosures.
    let routine = store
        .record_disclosure(&NewDisclosure {
            minimum_necessary: Some(MinimumNecessary::Routine {
                recipient: RoutineRecipient::DentalPlan,
                function: RoutineFunction::Eligibility,
            }),
            ..disclosure(p, on, "Sample Dental Plan", Basis::Payment)
        })
        .expect("routine");
    // Unmarked where the standard applies, or marked where it does not: refused, nothing kept.
    let before = store.disclosures_of(p).expect("log").len();
    let e = store
        .record_disclosure(&NewDisclosure {
            minimum_necessary: None,
            ..disclosure(p, on, "Circuit Court Clerk", Basis::Judicial)
        })
        .expect_err("a court disclosure needs its marking");
    assert_eq!(field_of(e), "minimumNecessary");
    let e = store
        .record_disclosure(&NewDisclosure {
            minimum_necessary: Some(MinimumNecessary::Reviewed),
            ..disclosure(p, on, "Jan Doe", Basis::ToIndividual)
        })
        .expect_err("no review of a disclosure to the individual");
    assert_eq!(field_of(e), "minimumNecessary");
    assert_eq!(store.disclosures_of(p).expect("log").len(), before);
    store
        .record_disclosure(&disclosure(p, on, "Jan Doe", Basis::ToIndividual))
        .expect("to the individual: no marking, no review");

    // Staff log a subpoena's records for review: it waits for the Privacy Official.
    let mut sam = staff_store(&fx, store);
    let e = sam
        .record_disclosure(&NewDisclosure {
            review_note: Some("Looks fine".into()),
            ..disclosure(p, on, "Circuit Court Clerk", Basis::Judicial)
        })
        .expect_err("staff do not review in her name");
    assert_eq!(field_of(e), "reviewNote");
    let court = sam
        .record_disclosure(&disclosure(p, on, "Circuit Court Clerk", Basis::Judicial))
        .expect("logged for review");
    let waiting = sam.disclosures_awaiting_review().expect("queue");
    assert_eq!(
        waiting.iter().map(|w| w.disclosure_id).collect::<Vec<_>>(),
        vec![court]
    );
    assert_eq!(waiting[0].recorded_by_name, "Sam Staff");
    let e = sam
        .review_disclosure(court, "Checked")
        .expect_err("only the Privacy Official reviews");
    assert!(matches!(e, desk_store::Error::NotPermitted { .. }), "{e:?}");
    sam.lock();

    let mut po = sign_in(&fx.path);
    let e = po
        .review_disclosure(court, "  ")
        .expect_err("a review says what was checked");
    assert_eq!(field_of(e), "reviewNote");
    let e = po
        .review_disclosure(routine, "Checked")
        .expect_err("a routine disclosure is not reviewed");
    assert_eq!(field_of(e), "disclosure");
    po.review_disclosure(court, "Only the claims the subpoena names were sent.")
        .expect("reviewed");
    assert!(po.disclosures_awaiting_review().expect("queue").is_empty());
    assert_eq!(
        po.recent_audit(1).expect("audit")[0].action,
        "disclosure.review"
    );
    let e = po.review_disclosure(court, "Again").expect_err("once");
    assert_eq!(field_of(e), "disclosure");
    let log = po.disclosures_of(p).expect("log");
    let entry = log.iter().find(|e| e.id == court).expect("the court entry");
    assert_eq!(entry.minimum_necessary, Some(MinimumNecessary::Reviewed));
    let review = entry.review.as_ref().expect("her review is kept");
    assert_eq!(review.reviewed_by_name, "Pat Official");
    assert!(review.note.contains("subpoena"));
    // Logged by the Privacy Official with her note: reviewed in the same write.
    let own = po
        .record_disclosure(&NewDisclosure {
            review_note: Some("Enrollment dates only, as the warrant names.".into()),
            ..disclosure(p, on, "Sampleton Police Department", Basis::LawEnforcement)
        })
        .expect("logged and reviewed");
    assert!(po.disclosures_awaiting_review().expect("queue").is_empty());
    assert!(po
        .disclosures_of(p)
        .expect("log")
        .iter()
        .any(|e| e.id == own && e.review.is_some()));
}
