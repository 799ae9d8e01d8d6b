//! The Privacy Official's registers in the store: a restriction and its letters in one write,
//! its ending as a correcting row, the conflict check; confidential communications;
//! complaints; the report's facts.

use super::*;
use desk_core::authorization::ProposedDisclosure;
use desk_core::decision::Addressee;
use desk_core::disclosure::Basis;
use desk_core::request::RequestKind;
use desk_core::restriction::{EndedBy, RestrictionTerms};
use desk_store::{NewCommunication, NewComplaint, NewLetter, NewRestriction};

fn letter(request_id: Option<i64>, kind: &str) -> NewLetter {
    NewLetter {
        request_id,
        kind: kind.into(),
        pdf: PDF.to_vec(),
        corrects_id: None,
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn restriction(rid: i64) -> NewRestriction {
    let terms = RestrictionTerms {
        information: "Claims for physical therapy".into(),
        manner: String::new(),
        not_disclosed_to: vec!["Jordan Doe".into()],
    };
    NewRestriction {
        request_id: rid,
        wording: terms.wording(),
        terms: Some(terms),
        agreed: true,
        business_associates: vec!["Acme Claims".into(), "PharmaCare".into()],
        decided_on: today(),
    }
}

#[test]
fn an_agreed_restriction_and_its_letters_are_one_write_and_warn_on_a_conflicting_disclosure() {
    let (_fx, mut store) = new_store();
    let (pid, rid) = request_of_kind(&mut store, RequestKind::Restriction);
    let letters = [
        letter(Some(rid), "restriction_response"),
        letter(Some(rid), "restriction_notice"),
        letter(Some(rid), "restriction_notice"),
    ];
    // A bad letter spoils the whole write: no log entry, no letters.
    let mut bad = letters.clone();
    bad[2].pdf = PNG.to_vec();
    assert!(store.record_restriction(&restriction(rid), &bad).is_err());
    assert!(store.agreed_restrictions(pid).expect("read").is_empty());
    assert!(store.letters_of(rid).expect("letters").is_empty());

    let (id, ids) = store
        .record_restriction(&restriction(rid), &letters)
        .expect("recorded");
    assert_eq!(
        ids.len(),
        3,
        "the response and one notice per business associate"
    );
    let log = store.restrictions_of(pid).expect("log");
    assert_eq!(log[0].business_associates, ["Acme Claims", "PharmaCare"]);

    let warnings = store
        .disclosure_conflicts(
            pid,
            &ProposedDisclosure {
                recipient: "Jordan Doe".into(),
                information: "Claims".into(),
                purpose: "payment".into(),
                on: today(),
                information_confirmed: false,
            },
            Basis::Payment,
        )
        .expect("checked");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].restriction_id, id);
    assert!(warnings[0]
        .quoted
        .contains("not to be disclosed to Jordan Doe"));
    assert!(store
        .recent_audit(10)
        .expect("audit")
        .iter()
        .any(|a| a.action == "restriction.record"));
}

#[test]
fn ending_a_restriction_adds_a_row_from_today_on_never_back_dated() {
    let (_fx, mut store) = new_store();
    let (pid, rid) = request_of_kind(&mut store, RequestKind::Restriction);
    let (id, _) = store
        .record_restriction(&restriction(rid), &[])
        .expect("recorded");
    let yesterday = today() - chrono::Duration::days(1);
    let ending = [
        letter(Some(rid), "restriction_ended"),
        letter(Some(rid), "restriction_ended_notice"),
    ];
    let e = store
        .end_restriction(id, yesterday, EndedBy::Individual, &ending)
        .expect_err("back-dated");
    assert!(
        store.letters_of(rid).expect("letters").is_empty(),
        "nothing written"
    );
    assert_eq!(field_of(e), "endedOn");
    let (new_id, letter_ids) = store
        .end_restriction(id, today(), EndedBy::Individual, &ending)
        .expect("ended");
    assert_eq!(
        letter_ids.len(),
        2,
        "the ids of the letters kept with the end, in order"
    );
    assert_eq!(
        store.letters_of(rid).expect("letters").len(),
        2,
        "the letters ending it are kept in the same write"
    );
    assert_ne!(new_id, id, "the old row stays as recorded");
    let all = store.agreed_restrictions(pid).expect("read");
    assert_eq!(all.len(), 1, "the correction replaces it in the register");
    assert_eq!(all[0].ended_on, Some(today()));
    assert_eq!(all[0].ended_by, Some(EndedBy::Individual));
    assert!(store
        .recent_audit(5)
        .expect("audit")
        .iter()
        .any(|a| a.action == "restriction.end"));
    let e = store
        .end_restriction(new_id, today(), EndedBy::Plan, &[])
        .expect_err("already ended");
    assert_eq!(field_of(e), "endedOn");
}

#[test]
fn a_confidential_communication_is_logged_with_its_letter_and_refusal_under_endangerment_is_refused(
) {
    let (_fx, mut store) = new_store();
    let (pid, rid) = request_of_kind(&mut store, RequestKind::ConfidentialCommunication);
    let mut entry = NewCommunication {
        request_id: rid,
        alternate_address: vec!["PO Box 77".into(), "Sampleton, FL 32960".into()],
        alternate_means: String::new(),
        endangerment: true,
        accommodated: false,
        reason: "No".into(),
        decided_on: today(),
    };
    let e = store
        .record_communication(
            &entry,
            &[letter(Some(rid), "confidential_communication_response")],
        )
        .expect_err("must accommodate");
    assert_eq!(field_of(e), "outcome");
    entry.accommodated = true;
    let (_, ids) = store
        .record_communication(
            &entry,
            &[letter(Some(rid), "confidential_communication_response")],
        )
        .expect("accommodated");
    assert_eq!(ids.len(), 1);
    let acc = store.accommodations_of(pid).expect("read");
    assert!(acc[0].in_force_on(today()));
    assert_eq!(
        acc[0].alternate_address,
        ["PO Box 77", "Sampleton, FL 32960"]
    );
}

#[test]
fn a_complaint_is_logged_acknowledged_by_letter_and_closed() {
    let (_fx, mut store) = new_store();
    let new = NewComplaint {
        participant_id: None,
        request_id: None,
        complainant: Addressee {
            name: "Robin Roe".into(),
            address: vec!["5 Oak Street".into()],
        },
        received_on: today(),
        description: "My letter went to my old address".into(),
    };
    let e = store
        .log_complaint(&NewComplaint {
            description: " ".into(),
            ..new.clone()
        })
        .expect_err("no description");
    assert_eq!(field_of(e), "description");
    let id = store.log_complaint(&new).expect("logged");
    let (acked, letter_id) = store
        .acknowledge_complaint(id, today(), &letter(None, "complaint_acknowledgement"))
        .expect("acknowledged");
    let e = store
        .acknowledge_complaint(acked, today(), &letter(None, "complaint_acknowledgement"))
        .expect_err("once");
    assert_eq!(field_of(e), "acknowledgedOn");
    let e = store
        .record_complaint_outcome(id, "Closed")
        .expect_err("the old row was replaced");
    assert_eq!(field_of(e), "complaint");
    let closed = store
        .record_complaint_outcome(acked, "Address corrected; staff reminded")
        .expect("closed");
    let log = store.complaints().expect("log");
    assert_eq!(log.len(), 1, "one complaint, its current row");
    assert_eq!(log[0].id, closed);
    assert_eq!(log[0].acknowledged_on, Some(today()));
    assert_eq!(log[0].letter_id, Some(letter_id));
    assert_eq!(log[0].stage, desk_core::complaint::ComplaintStage::Closed);
    assert_eq!(log[0].complainant.name, "Robin Roe");
}

#[test]
fn report_facts_count_a_request_answered_once_its_letter_went_out() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let (_, _other) = request_of_kind(&mut store, RequestKind::Amendment);
    verify(&mut store, rid);
    store
        .draft_decision(rid, &super::decisions::grant())
        .expect("grant");
    let lid = store
        .store_letter(&letter(Some(rid), "access_response"))
        .expect("letter");
    let facts = store.report_facts().expect("facts");
    assert_eq!(facts.len(), 2);
    assert_eq!(facts[0].answered_on, None, "not answered before it is sent");
    store
        .mark_letter_delivered(lid, desk_store::DeliveryMethod::Mailed, today())
        .expect("sent");
    let facts = store.report_facts().expect("facts");
    assert_eq!(facts[0].answered_on, Some(today()));
    assert_eq!(facts[0].due_on, Some(d("2025-04-02")));
    assert_eq!(facts[1].kind, RequestKind::Amendment);

    // A logged complaint counts as a complaint, answered when acknowledged.
    let id = store
        .log_complaint(&NewComplaint {
            participant_id: None,
            request_id: None,
            complainant: Addressee {
                name: "Robin Roe".into(),
                address: vec![],
            },
            received_on: today(),
            description: "Letter to the old address".into(),
        })
        .expect("logged");
    store
        .acknowledge_complaint(id, today(), &letter(None, "complaint_acknowledgement"))
        .expect("acknowledged");
    let facts = store.report_facts().expect("facts");
    assert_eq!(facts.len(), 3);
    assert_eq!(facts[2].kind, RequestKind::Complaint);
    assert_eq!(facts[2].answered_on, Some(today()));
    assert!(!facts[2].closed);
}
