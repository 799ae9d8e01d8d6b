//! The Privacy Official's registers: restriction terms, ending and disclosure conflicts;
//! confidential-communication decisions and addressing; complaints; the report.

use chrono::NaiveDate;
use desk_core::authorization::ProposedDisclosure;
use desk_core::communication::{self, Accommodation, CommunicationRequest};
use desk_core::complaint::{self, Complaint, ComplaintStage};
use desk_core::decision::{Addressee, ConfidentialCommunicationDecision};
use desk_core::disclosure::Basis;
use desk_core::report::{self, RequestFacts};
use desk_core::request::RequestKind;
use desk_core::restriction::{self, AgreedRestriction, EndError, EndedBy, RestrictionTerms};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn terms(information: &str, manner: &str, not_to: &[&str]) -> RestrictionTerms {
    RestrictionTerms {
        information: information.into(),
        manner: manner.into(),
        not_disclosed_to: not_to.iter().map(|s| s.to_string()).collect(),
    }
}

fn agreed(id: i64, t: Option<RestrictionTerms>, on: &str) -> AgreedRestriction {
    AgreedRestriction {
        id,
        wording: t
            .as_ref()
            .map_or("Claims for physical therapy.".into(), |t| t.wording()),
        terms: t,
        agreed_on: d(on),
        ended_on: None,
        ended_by: None,
    }
}

fn proposed(recipient: &str, information: &str, on: &str) -> ProposedDisclosure {
    ProposedDisclosure {
        recipient: recipient.into(),
        information: information.into(),
        purpose: "claims review".into(),
        on: d(on),
        information_confirmed: false,
    }
}

// ---- restrictions ----------------------------------------------------------------------------

#[test]
fn restriction_terms_need_question_one_and_two_or_three() {
    let cases = [
        (terms("", "no disclosure", &[]), Some("information")),
        (terms("Claims for therapy", "", &[]), Some("manner")),
        (terms("Claims for therapy", "", &["N/A"]), Some("manner")),
        (terms("Claims for therapy", "", &["My spouse"]), None),
        (
            terms("Claims for therapy", "Not used for wellness", &[]),
            None,
        ),
    ];
    for (t, field) in cases {
        assert_eq!(
            t.validate().err().map(|e| e.field),
            field,
            "a restriction not specifically listed is not effective: {t:?}"
        );
    }
}

#[test]
fn the_wording_quotes_all_three_answers() {
    let t = terms(
        "Claims for physical therapy.",
        "Not to be used for wellness outreach",
        &["Jordan Ashgrove", "  "],
    );
    assert_eq!(
        t.wording(),
        "Claims for physical therapy: Not to be used for wellness outreach; not to be disclosed to Jordan Ashgrove."
    );
}

#[test]
fn ending_a_restriction_is_for_the_future_only() {
    let r = agreed(1, Some(terms("Claims", "", &["Spouse"])), "2026-01-10");
    let today = d("2026-03-01");
    assert_eq!(restriction::end(&r, today, today), Ok(today));
    assert_eq!(
        restriction::end(&r, d("2026-04-01"), today),
        Ok(d("2026-04-01"))
    );
    assert_eq!(
        restriction::end(&r, d("2026-02-28"), today),
        Err(EndError::Retroactive),
        "a termination never reaches back"
    );
    assert_eq!(
        restriction::end(&r, d("2026-01-01"), d("2025-12-01")),
        Err(EndError::BeforeAgreement)
    );
    let mut ended = r.clone();
    ended.ended_on = Some(today);
    assert_eq!(
        restriction::end(&ended, today, today),
        Err(EndError::AlreadyEnded)
    );
    assert!(r.in_force_on(d("2026-01-10")) && !r.in_force_on(d("2026-01-09")));
    assert!(ended.in_force_on(d("2026-02-28")) && !ended.in_force_on(today));
}

#[test]
fn a_disclosure_to_a_named_recipient_is_warned_with_the_restriction_quoted() {
    let r = agreed(
        7,
        Some(terms(
            "Claims for physical therapy",
            "",
            &["Jordan Ashgrove"],
        )),
        "2026-01-10",
    );
    let w = restriction::conflicts(
        std::slice::from_ref(&r),
        &proposed("jordan  ashgrove", "Claims for 2025", "2026-02-01"),
        Basis::Payment,
    );
    assert_eq!(
        w.len(),
        1,
        "the named recipient is caught, case and spacing aside"
    );
    assert_eq!(w[0].restriction_id, 7);
    assert_eq!(
        w[0].quoted,
        "\u{201c}Claims for physical therapy; not to be disclosed to Jordan Ashgrove.\u{201d}"
    );
    assert!(w[0].message.contains("Jordan Ashgrove"), "{}", w[0].message);
    // Someone else, or before the agreement: no warning.
    assert!(restriction::conflicts(
        std::slice::from_ref(&r),
        &proposed("Acme Claims", "Claims for physical therapy", "2026-02-01"),
        Basis::Payment
    )
    .is_empty());
    assert!(restriction::conflicts(
        std::slice::from_ref(&r),
        &proposed("Jordan Ashgrove", "Claims", "2026-01-09"),
        Basis::Payment
    )
    .is_empty());
}

#[test]
fn a_restriction_naming_no_recipient_conflicts_on_the_information() {
    let r = agreed(
        2,
        Some(terms(
            "Physical therapy claims",
            "Not used for operations",
            &[],
        )),
        "2026-01-10",
    );
    let hit = restriction::conflicts(
        std::slice::from_ref(&r),
        &proposed("Wellness vendor", "Therapy visits in 2026", "2026-03-01"),
        Basis::Operations,
    );
    assert_eq!(hit.len(), 1, "the information overlaps (therapy)");
    let miss = restriction::conflicts(
        std::slice::from_ref(&r),
        &proposed(
            "Wellness vendor",
            "Dental claims and the health records",
            "2026-03-01",
        ),
        Basis::Operations,
    );
    assert!(
        miss.is_empty(),
        "common words do not make a conflict: {miss:?}"
    );
}

#[test]
fn disclosures_a_restriction_never_binds_raise_no_warning_and_treatment_says_only_emergencies() {
    let r = agreed(3, Some(terms("Claims", "", &["Dr. Lee"])), "2026-01-10");
    let p = proposed("Dr. Lee", "Claims", "2026-02-01");
    for basis in [Basis::ToIndividual, Basis::RequiredByLaw] {
        assert!(restriction::conflicts(std::slice::from_ref(&r), &p, basis).is_empty());
    }
    let w = restriction::conflicts(std::slice::from_ref(&r), &p, Basis::Treatment);
    assert!(w[0].message.contains("emergency"), "{}", w[0].message);
}

#[test]
fn an_ended_restriction_binds_until_its_end_and_the_plans_ending_keeps_old_information_covered() {
    let mut by_individual = agreed(4, Some(terms("Claims", "", &["Spouse"])), "2026-01-10");
    by_individual.ended_on = Some(d("2026-02-01"));
    by_individual.ended_by = Some(EndedBy::Individual);
    let before = proposed("Spouse", "Claims", "2026-01-31");
    let after = proposed("Spouse", "Claims", "2026-02-01");
    let one = std::slice::from_ref(&by_individual);
    assert_eq!(
        restriction::conflicts(one, &before, Basis::Payment).len(),
        1
    );
    assert!(restriction::conflicts(one, &after, Basis::Payment).is_empty());

    let mut by_plan = by_individual.clone();
    by_plan.ended_by = Some(EndedBy::Plan);
    let w = restriction::conflicts(std::slice::from_ref(&by_plan), &after, Basis::Payment);
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("before the end"), "{}", w[0].message);
}

// ---- confidential communications -------------------------------------------------------------

fn cc(address: &[&str], means: &str, endangerment: bool) -> CommunicationRequest {
    CommunicationRequest {
        alternate_address: address.iter().map(|s| s.to_string()).collect(),
        alternate_means: means.into(),
        endangerment,
    }
}

#[test]
fn a_request_citing_endangerment_must_be_accommodated() {
    let req = cc(&["PO Box 77", "Sampleton, FL 32960"], "", true);
    assert_eq!(
        communication::decide(&req, false, "We only mail to the address on file")
            .err()
            .map(|e| e.field),
        Some("outcome")
    );
    assert_eq!(
        communication::decide(&req, true, ""),
        Ok(ConfidentialCommunicationDecision::Accommodated {
            means: "By mail to: PO Box 77, Sampleton, FL 32960.".into(),
            alternate_address: vec!["PO Box 77".into(), "Sampleton, FL 32960".into()],
            endangerment: true,
        })
    );
}

#[test]
fn a_refusal_says_why_and_an_accommodation_says_where() {
    let req = cc(&[], "", false);
    assert_eq!(
        communication::decide(&req, true, "").err().map(|e| e.field),
        Some("alternateAddress")
    );
    assert_eq!(
        communication::decide(&req, false, " ")
            .err()
            .map(|e| e.field),
        Some("reason")
    );
    assert_eq!(
        communication::decide(&req, false, "No such service"),
        Ok(ConfidentialCommunicationDecision::Denied {
            reason: "No such service".into()
        })
    );
    assert_eq!(
        cc(&[], "Telephone at work only", false).describe(),
        "Telephone at work only"
    );
}

#[test]
fn letters_to_the_individual_go_to_the_alternate_address_while_in_force() {
    let usual = Addressee {
        name: "Avery Ashgrove".into(),
        address: vec!["12 Palm Avenue".into()],
    };
    let box77 = Accommodation {
        id: 1,
        alternate_address: vec!["PO Box 77".into(), " ".into()],
        alternate_means: String::new(),
        accommodated: true,
        decided_on: d("2026-02-01"),
        ended_on: Some(d("2026-06-01")),
    };
    let refused = Accommodation {
        id: 2,
        alternate_address: vec!["PO Box 99".into()],
        accommodated: false,
        decided_on: d("2026-03-01"),
        ..box77.clone()
    };
    let all = [box77.clone(), refused];
    let to = |on: &str, individual: bool| communication::addressee(&usual, individual, &all, d(on));
    assert_eq!(to("2026-03-10", true).address, ["PO Box 77"]);
    assert_eq!(to("2026-03-10", true).name, "Avery Ashgrove");
    assert_eq!(to("2026-01-31", true), usual, "not before the decision");
    assert_eq!(to("2026-06-01", true), usual, "not after it ended");
    assert_eq!(
        to("2026-03-10", false),
        usual,
        "a letter to a representative goes to the representative"
    );
    let means_only = Accommodation {
        id: 3,
        alternate_address: vec![],
        alternate_means: "Phone only".into(),
        decided_on: d("2026-04-01"),
        ended_on: None,
        ..box77
    };
    assert_eq!(
        communication::addressee(&usual, true, &[means_only], d("2026-05-01")),
        usual
    );
}

// ---- complaints ------------------------------------------------------------------------------

#[test]
fn complaints_are_logged_acknowledged_and_closed_in_order() {
    let today = d("2026-03-01");
    assert_eq!(
        complaint::check_new(today, " ", today)
            .err()
            .map(|e| e.field),
        Some("description")
    );
    assert_eq!(
        complaint::check_new(d("2026-03-02"), "Letter sent to old address", today)
            .err()
            .map(|e| e.field),
        Some("receivedOn")
    );
    assert!(complaint::check_new(today, "Letter sent to old address", today).is_ok());
    let mut c = Complaint {
        received_on: d("2026-02-20"),
        description: "Letter sent to old address".into(),
        acknowledged_on: None,
        disposition: String::new(),
    };
    assert_eq!(c.stage(), ComplaintStage::Logged);
    assert!(complaint::check_acknowledge(&c, d("2026-02-19")).is_err());
    assert!(complaint::check_acknowledge(&c, d("2026-02-21")).is_ok());
    c.acknowledged_on = Some(d("2026-02-21"));
    assert_eq!(c.stage(), ComplaintStage::Acknowledged);
    assert!(complaint::check_acknowledge(&c, today).is_err(), "once");
    assert_eq!(
        complaint::check_outcome(&c, "").err().map(|e| e.field),
        Some("disposition")
    );
    assert!(complaint::check_outcome(&c, "Address corrected; staff retrained").is_ok());
    c.disposition = "Address corrected".into();
    assert_eq!(c.stage(), ComplaintStage::Closed);
    assert!(complaint::check_outcome(&c, "again").is_err());
}

// ---- the report ------------------------------------------------------------------------------

fn facts(
    kind: RequestKind,
    received: &str,
    due: Option<&str>,
    answered: Option<&str>,
) -> RequestFacts {
    RequestFacts {
        kind,
        received_on: d(received),
        due_on: due.map(d),
        answered_on: answered.map(d),
        closed: false,
    }
}

#[test]
fn the_report_counts_by_kind_and_month_and_measures_the_answers() {
    let rows = [
        // answered on time in 10 days
        facts(
            RequestKind::Access,
            "2026-09-01",
            Some("2026-10-01"),
            Some("2026-09-11"),
        ),
        // answered late in 40 days
        facts(
            RequestKind::Access,
            "2026-10-01",
            Some("2026-10-31"),
            Some("2026-11-10"),
        ),
        // promptly kind answered in 2 days: no due date, counts for the median only
        facts(
            RequestKind::Restriction,
            "2026-11-02",
            None,
            Some("2026-11-04"),
        ),
        // open and overdue
        facts(
            RequestKind::Amendment,
            "2026-09-15",
            Some("2026-11-14"),
            None,
        ),
        // open, not yet due
        facts(
            RequestKind::Accounting,
            "2026-11-20",
            Some("2027-01-19"),
            None,
        ),
        // received and answered before the months shown: in neither the table nor the answers
        facts(
            RequestKind::Access,
            "2025-01-01",
            Some("2025-01-31"),
            Some("2025-01-21"),
        ),
        RequestFacts {
            closed: true,
            ..facts(RequestKind::Complaint, "2026-11-05", None, None)
        },
    ];
    let r = report::report(&rows, d("2026-11-23"), 3);
    let months: Vec<_> = r.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2026-09", "2026-10", "2026-11"]);
    assert_eq!(r.months[0].counts, [1, 1, 0, 0, 0, 0]);
    assert_eq!(r.months[1].counts, [1, 0, 0, 0, 0, 0]);
    assert_eq!(r.months[2].counts, [0, 0, 1, 1, 0, 1]);
    assert_eq!(r.open, 2, "unanswered and not closed");
    assert_eq!(r.overdue, 1);
    assert_eq!(
        (r.on_time, r.due_counted),
        (1, 3),
        "of the answers sent in the months shown: one on time of two with a due date, plus one \
         open past it"
    );
    assert_eq!(r.on_time_rate, Some(1.0 / 3.0));
    assert_eq!(
        r.median_days_to_answer,
        Some(10.0),
        "2, 10, 40 → 10 (the answer of 2025 is outside the months shown)"
    );
    let wide = report::report(&rows, d("2026-11-23"), 24);
    assert_eq!(wide.months[0].month, "2024-12");
    assert_eq!(
        (wide.on_time, wide.due_counted, wide.median_days_to_answer),
        (2, 4, Some(15.0)),
        "once 2025-01 is among the months shown, its answer counts: 2, 10, 20, 40 → 15"
    );
}

#[test]
fn an_empty_report_has_no_rate_and_no_median() {
    let r = report::report(&[], d("2026-01-15"), 2);
    let months: Vec<_> = r.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2025-12", "2026-01"], "months run across the year");
    assert_eq!((r.on_time_rate, r.median_days_to_answer), (None, None));
}

#[test]
fn the_letters_ending_a_restriction_quote_it_and_say_what_stays_covered() {
    use desk_core::letter;
    let org = desk_core::organization::Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources".into(),
        address: vec!["1 Main St".into()],
        phone: "555-0100".into(),
        fax: String::new(),
        privacy_official: desk_core::organization::Official {
            name: "Pat Official".into(),
            title: "Privacy Official".into(),
        },
        business_associates: Vec::new(),
    };
    let avery = Addressee {
        name: "Avery Ashgrove".into(),
        address: vec!["12 Palm Avenue".into()],
    };
    let wording = "Claims for physical therapy; not to be disclosed to Jordan Ashgrove.";
    let by_plan = letter::restriction_ended(
        &org,
        &avery,
        d("2026-03-01"),
        wording,
        d("2026-01-10"),
        d("2026-03-01"),
        EndedBy::Plan,
    )
    .plain_text();
    assert!(
        by_plan.contains(&format!("\u{201c}{wording}\u{201d}")),
        "{by_plan}"
    );
    assert!(by_plan.contains("stays covered"), "{by_plan}");
    assert!(by_plan.contains("March 1, 2026"), "{by_plan}");
    let by_individual = letter::restriction_ended(
        &org,
        &avery,
        d("2026-03-01"),
        wording,
        d("2026-01-10"),
        d("2026-03-01"),
        EndedBy::Individual,
    )
    .plain_text();
    assert!(by_individual.contains("As you asked"), "{by_individual}");
    assert!(
        !by_individual.contains("stays covered"),
        "the individual's own ending lifts the restriction for the future: {by_individual}"
    );
    let notice = letter::restriction_ended_notice(
        &org,
        &Addressee {
            name: "Sample Claims Administrator, Inc.".into(),
            address: vec![],
        },
        d("2026-03-01"),
        "Avery Ashgrove",
        wording,
        d("2026-03-01"),
        EndedBy::Plan,
    )
    .plain_text();
    assert!(
        notice.contains("Avery Ashgrove")
            && notice.contains(wording)
            && notice.contains("keep observing"),
        "{notice}"
    );
}

#[test]
fn an_accommodations_own_response_goes_to_the_address_it_grants() {
    let usual = Addressee {
        name: "Avery Ashgrove".into(),
        address: vec!["1 Palm Avenue".into(), "Sampleton FL 32960".into()],
    };
    let granted = ConfidentialCommunicationDecision::Accommodated {
        means: "mail to PO Box 7".into(),
        alternate_address: vec!["PO Box 7".into(), " ".into(), "Sampleton FL 32961".into()],
        endangerment: true,
    };
    let to = communication::response_addressee(&usual, true, &granted);
    assert_eq!(to.name, "Avery Ashgrove");
    assert_eq!(
        to.address,
        vec!["PO Box 7".to_string(), "Sampleton FL 32961".to_string()],
        "the response already uses the alternate address, blank lines dropped"
    );
    assert_eq!(
        communication::response_addressee(&usual, false, &granted),
        usual,
        "a letter to someone acting for the individual goes to them as usual"
    );
    let refused = ConfidentialCommunicationDecision::Denied {
        reason: "We only mail to the address on file".into(),
    };
    assert_eq!(
        communication::response_addressee(&usual, true, &refused),
        usual
    );
}

/// Issue 15, point 10: 164.522(a)(1)(v) — an agreed restriction does not stop a disclosure
/// permitted by 164.512 (nor one to the Secretary, which is required by law).
#[test]
fn a_subpoena_to_a_court_named_in_question_three_is_not_a_conflict() {
    let r = agreed(
        11,
        Some(terms("All claims", "", &["Circuit Court"])),
        "2026-01-10",
    );
    let p = proposed("Circuit Court", "Claims for 2025", "2026-02-01");
    let judicial = restriction::conflicts(std::slice::from_ref(&r), &p, Basis::Judicial);
    assert!(
        judicial.is_empty(),
        "a subpoena (164.512(e)) is exempt from the restriction: {judicial:?}"
    );
    let public_interest = [
        Basis::RequiredByLaw,
        Basis::Judicial,
        Basis::LawEnforcement,
        Basis::PublicHealth,
        Basis::HealthOversight,
        Basis::AbuseNeglect,
        Basis::Decedent,
        Basis::OrganDonation,
        Basis::Research,
        Basis::SeriousThreat,
        Basis::WorkersCompensation,
        Basis::NationalSecurity,
        Basis::CorrectionalCustody,
    ];
    for basis in public_interest {
        assert!(
            restriction::conflicts(std::slice::from_ref(&r), &p, basis).is_empty(),
            "{basis:?} is a 164.512 disclosure: a restriction does not bind it"
        );
    }
    for basis in [
        Basis::Payment,
        Basis::Operations,
        Basis::Treatment,
        Basis::LimitedDataSet,
    ] {
        assert_eq!(
            restriction::conflicts(std::slice::from_ref(&r), &p, basis).len(),
            1,
            "{basis:?} is bound by the restriction: the named recipient is warned"
        );
    }
}
