//! The disclosure logbook: disclosures, authorizations and their revocations, the
//! authorization form, suspension statements.

use super::*;
use desk_core::disclosure::Basis;
use desk_office::logbook::{self, AuthorizationForm, DisclosureCheckForm, SuspensionForm};
use desk_office::{response, restriction};

fn disclosure(participant_id: i64, on: NaiveDate) -> DisclosureCheckForm {
    DisclosureCheckForm {
        participant_id,
        disclosed_on: on,
        recipient: "State Health Department".into(),
        recipient_address: "100 Capitol Way, Tallahassee FL".into(),
        description: "claims history 2024".into(),
        purpose: "communicable disease report".into(),
        basis: "public_health".into(),
        conflicts_seen: false,
        authorization_id: None,
        written_request: None,
        corrects_id: None,
        minimum_necessary: marking("public_health"),
        review_note: String::new(),
        information_confirmed: false,
        associate_id: None,
    }
}

fn authorization(participant_id: i64, today: NaiveDate) -> AuthorizationForm {
    AuthorizationForm {
        participant_id,
        information: "claims history 2024".into(),
        discloser: "Sample County Group Health Plan".into(),
        recipient: "Dr Ames Clinic".into(),
        purpose: "second opinion".into(),
        expires_kind: "date".into(),
        expires_value: iso(today + Days::new(365)),
        signed_on: iso(today),
        signer_name: "Jan Doe".into(),
        signer_capacity: "individual".into(),
        representative_authority: String::new(),
        right_to_revoke: true,
        conditioning: true,
        redisclosure: true,
        received_on: iso(today),
        scan: None,
        defects_seen: false,
    }
}

fn suspension(participant_id: i64, today: NaiveDate, written: bool) -> SuspensionForm {
    SuspensionForm {
        participant_id,
        agency: "State Inspector General".into(),
        recipient: "State Inspector General".into(),
        stated_on: iso(today),
        from: iso(today),
        to: iso(today + Days::new(90)),
        written,
        scan: None,
    }
}

// ---- disclosures ----

#[test]
fn record_disclosure_logs_an_accounted_disclosure() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let before = audit_count(&o.store);
    let id = logbook::record_disclosure(&mut o.store, &disclosure(p, today)).expect("recorded");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.disclosures.len(), 1);
    let row = &book.disclosures[0];
    assert_eq!(row.id, id);
    assert_eq!(row.disclosed_on, today);
    assert_eq!(row.basis, Basis::PublicHealth);
    assert!(
        row.accounted,
        "a public-health disclosure is listed in an accounting"
    );
    let audit = audited(&o.store, before, "disclosure.record");
    assert_eq!(
        (audit.entity.as_str(), audit.entity_id),
        ("disclosure", Some(id))
    );

    let payment = DisclosureCheckForm {
        basis: "payment".into(),
        minimum_necessary: marking("payment"),
        recipient: "Blue Lab".into(),
        ..disclosure(p, today)
    };
    logbook::record_disclosure(&mut o.store, &payment).expect("recorded");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert!(
        book.disclosures
            .iter()
            .any(|d| d.basis == Basis::Payment && !d.accounted),
        "a disclosure for payment is never accounted"
    );
}

#[test]
fn record_disclosure_refuses_missing_or_future_fields_and_writes_nothing() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let nobody = DisclosureCheckForm {
        recipient: " ".into(),
        ..disclosure(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(s, &nobody),
            "recipient",
            "say who received it",
        )
    });
    let tomorrow = disclosure(p, today + Days::new(1));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(s, &tomorrow),
            "disclosedOn",
            "not made yet",
        )
    });
    let unnamed = DisclosureCheckForm {
        basis: "authorization".into(),
        minimum_necessary: marking("authorization"),
        ..disclosure(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(s, &unnamed),
            "authorizationId",
            "a disclosure under an authorization names it",
        )
    });
    assert!(logbook::get(&o.store, p)
        .expect("logbook")
        .disclosures
        .is_empty());
}

#[test]
fn record_disclosure_waits_for_the_restriction_warning_to_be_seen() {
    let mut o = office();
    let (p, r) = o.request("restriction");
    let form = restriction::RestrictionDecisionForm {
        request_id: r,
        outcome: "agree".into(),
        information: "Counseling claims".into(),
        manner: String::new(),
        not_disclosed_to: "State Health Department".into(),
        reason: String::new(),
    };
    restriction::decide(&mut o.store, &form).expect("agreed");
    response::respond(&mut o.store, r).expect("letters");
    let today = o.today();
    // A restriction binds disclosures for payment or operations, not 164.512 ones (a public
    // health report is exempt, 164.522(a)(1)(v)).
    let bound = |conflicts_seen| DisclosureCheckForm {
        basis: "operations".into(),
        minimum_necessary: marking("operations"),
        purpose: "care management review".into(),
        conflicts_seen,
        ..disclosure(p, today)
    };
    let unseen = bound(false);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_disclosure(s, &unseen),
            "recipient",
            "a disclosure that breaks an agreed restriction needs the warning read first",
        )
    });
    assert!(logbook::get(&o.store, p)
        .expect("logbook")
        .disclosures
        .is_empty());
    assert!(
        logbook::conflicts(&o.store, &disclosure(p, today))
            .expect("checked")
            .is_empty(),
        "a public health report to the same recipient is not bound by the restriction"
    );
    let seen = bound(true);
    let before = audit_count(&o.store);
    logbook::record_disclosure(&mut o.store, &seen).expect("recorded once the warning was seen");
    audited(&o.store, before, "disclosure.record");
}

#[test]
fn record_disclosure_under_an_authorization_stays_inside_its_terms() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let auth = logbook::record_authorization(&mut o.store, &authorization(p, today)).expect("kept");
    let inside = DisclosureCheckForm {
        recipient: "Dr Ames Clinic".into(),
        recipient_address: String::new(),
        description: "claims history 2024".into(),
        purpose: "second opinion".into(),
        basis: "authorization".into(),
        minimum_necessary: marking("authorization"),
        authorization_id: Some(auth),
        ..disclosure(p, today)
    };
    let id = logbook::record_disclosure(&mut o.store, &inside).expect("inside the authorization");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.disclosures[0].id, id);
    assert_eq!(book.disclosures[0].authorization_id, Some(auth));
    assert!(
        !book.disclosures[0].accounted,
        "a disclosure under an authorization is not accounted"
    );

    let outside = DisclosureCheckForm {
        recipient: "Someone Else".into(),
        ..inside
    };
    let before = audit_count(&o.store);
    refused_on(
        logbook::record_disclosure(&mut o.store, &outside),
        "recipient",
        "the authorization does not name this recipient",
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["disclosure.refused"],
        "a refusal keeps only its audit row"
    );
    assert_eq!(
        logbook::get(&o.store, p)
            .expect("logbook")
            .disclosures
            .len(),
        1
    );
}

// ---- authorizations ----

#[test]
fn check_authorization_names_each_missing_element_and_the_last_valid_day() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let complete = writes_nothing(&mut o.store, |s| {
        logbook::check_authorization(s, &authorization(p, today)).expect("checked")
    });
    assert!(
        complete.defects.is_empty(),
        "every element is there: {:?}",
        complete.defects
    );
    assert_eq!(complete.expires_on, Some(today + Days::new(365)));
    let gaps = AuthorizationForm {
        purpose: String::new(),
        redisclosure: false,
        ..authorization(p, today)
    };
    let defects = logbook::check_authorization(&o.store, &gaps)
        .expect("checked")
        .defects;
    let codes: Vec<&str> = defects.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        vec!["purpose_missing", "redisclosure_statement_missing"]
    );
    assert!(
        defects.iter().all(|d| !d.message.is_empty()),
        "each defect is named in words"
    );
    let after_days = AuthorizationForm {
        expires_kind: "days".into(),
        expires_value: "90".into(),
        ..authorization(p, today)
    };
    assert_eq!(
        logbook::check_authorization(&o.store, &after_days)
            .expect("checked")
            .expires_on,
        Some(today + Days::new(90)),
        "90 days after the signature"
    );
}

/// Issue 15, point 13: the checklist's expiry line says a period counts from the day signed
/// (day 0) and names the day it ends.
#[test]
fn the_checklist_says_a_period_ends_days_after_the_date_signed() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let after_days = AuthorizationForm {
        expires_kind: "days".into(),
        expires_value: "90".into(),
        ..authorization(p, today)
    };
    let check = logbook::check_authorization(&o.store, &after_days).expect("checked");
    assert_eq!(
        check.expiry,
        Some(format!(
            "90 days after the date signed, on {}",
            desk_core::letter::long_date(today + Days::new(90))
        )),
        "the line names the day, counted from the day signed"
    );
    assert_eq!(check.expires_on, Some(today + Days::new(90)));
    let unsigned = AuthorizationForm {
        signed_on: String::new(),
        ..after_days
    };
    assert_eq!(
        logbook::check_authorization(&o.store, &unsigned)
            .expect("checked")
            .expiry
            .as_deref(),
        Some("90 days after the date signed, on the 90th day after the day it is signed"),
        "not yet dated: the day is counted from the signature"
    );
}

/// Issue 15, point 8, in the app: the checklist of a dependent's "when my employment ends"
/// form names the missing expiration; the same form for the employee is complete.
#[test]
fn the_checklist_of_a_dependents_employment_ends_form_names_the_missing_expiration() {
    let mut o = office();
    let parent = o.employee("E1", "Doe", "Jan");
    let child = o.child(parent, "Kim", "2010-04-04");
    let today = o.today();
    let form = |participant_id| AuthorizationForm {
        expires_kind: "employment".into(),
        expires_value: String::new(),
        ..authorization(participant_id, today)
    };
    let dependent = logbook::check_authorization(&o.store, &form(child)).expect("checked");
    assert_eq!(
        dependent
            .defects
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        vec!["expiration_missing"],
        "a dependent has no employment of their own"
    );
    let employee = logbook::check_authorization(&o.store, &form(parent)).expect("checked");
    assert!(
        employee.defects.is_empty(),
        "open while the employee is employed: {:?}",
        employee.defects
    );
}

#[test]
fn check_authorization_refuses_a_typed_value_it_cannot_read() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let bad_date = AuthorizationForm {
        expires_value: "next spring".into(),
        ..authorization(p, today)
    };
    refused_on(
        logbook::check_authorization(&o.store, &bad_date),
        "expiresValue",
        "YYYY-MM-DD",
    );
    let bad_days = AuthorizationForm {
        expires_kind: "days".into(),
        expires_value: "ninety".into(),
        ..authorization(p, today)
    };
    refused_on(
        logbook::check_authorization(&o.store, &bad_days),
        "expiresValue",
        "a number of days",
    );
    let bad_kind = AuthorizationForm {
        expires_kind: "forever".into(),
        ..authorization(p, today)
    };
    refused_on(
        logbook::check_authorization(&o.store, &bad_kind),
        "expiresKind",
        "a listed kind",
    );
    let bad_received = AuthorizationForm {
        received_on: "yesterday".into(),
        ..authorization(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::check_authorization(s, &bad_received),
            "receivedOn",
            "YYYY-MM-DD",
        )
    });
}

#[test]
fn record_authorization_keeps_the_form_with_its_scan() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let form = AuthorizationForm {
        scan: Some(upload("authorization.pdf", PDF)),
        ..authorization(p, today)
    };
    let before = audit_count(&o.store);
    let id = logbook::record_authorization(&mut o.store, &form).expect("kept");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.authorizations.len(), 1);
    let a = &book.authorizations[0];
    assert_eq!(a.id, id);
    assert_eq!(a.recipient, "Dr Ames Clinic");
    assert_eq!(a.received_on, today);
    assert_eq!(a.signed_on, Some(today));
    assert_eq!(a.expires_on, Some(today + Days::new(365)));
    assert!(a.defects.is_empty(), "a complete form is valid today");
    assert!(a.has_scan, "the scan is kept with it");
    let row = audited(&o.store, before, "authorization.record");
    assert_eq!(row.entity_id, Some(id));
}

#[test]
fn record_authorization_refuses_a_defective_form_until_its_defects_were_seen() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let unsigned = AuthorizationForm {
        signer_name: String::new(),
        ..authorization(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_authorization(s, &unsigned),
            "defects",
            "a defective form is kept only once its defects were read",
        )
    });
    let future = AuthorizationForm {
        received_on: iso(today + Days::new(1)),
        ..authorization(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_authorization(s, &future),
            "receivedOn",
            "not received yet",
        )
    });
    assert!(logbook::get(&o.store, p)
        .expect("logbook")
        .authorizations
        .is_empty());
    let seen = AuthorizationForm {
        defects_seen: true,
        ..unsigned
    };
    logbook::record_authorization(&mut o.store, &seen).expect("kept as defective");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(
        book.authorizations[0]
            .defects
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        vec!["signature_missing"],
        "it is on file as defective"
    );
}

#[test]
fn revoke_authorization_logs_the_revocation_from_the_day_received() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let id = logbook::record_authorization(&mut o.store, &authorization(p, today)).expect("kept");
    let before = audit_count(&o.store);
    logbook::revoke_authorization(&mut o.store, id, &iso(today)).expect("revoked");
    let a = logbook::get(&o.store, p)
        .expect("logbook")
        .authorizations
        .remove(0);
    assert_eq!(a.revoked_on, Some(today));
    assert!(
        a.defects.iter().any(|d| d.code == "revoked"),
        "a revoked authorization is no longer valid: {:?}",
        a.defects
    );
    let row = audited(&o.store, before, "authorization.revoke");
    assert_eq!(row.entity_id, Some(id));
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::revoke_authorization(s, id, &iso(today)),
            "receivedOn",
            "revoked once",
        )
    });
}

#[test]
fn revoke_authorization_refuses_a_date_before_the_form_or_in_another_shape() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let id = logbook::record_authorization(&mut o.store, &authorization(p, today)).expect("kept");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::revoke_authorization(s, id, &iso(today - Days::new(1))),
            "receivedOn",
            "a revocation cannot come before the authorization",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::revoke_authorization(s, id, "today"),
            "receivedOn",
            "YYYY-MM-DD",
        )
    });
    assert_eq!(
        logbook::get(&o.store, p).expect("logbook").authorizations[0].revoked_on,
        None
    );
}

#[test]
fn authorization_form_pdf_prints_blank_or_prefilled_and_is_recorded() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let before = audit_count(&o.store);
    let blank = logbook::authorization_form_pdf(&mut o.store, p, None).expect("blank form");
    assert_pdf(&blank, "the blank authorization form");
    let row = audited(&o.store, before, "authorization.form");
    assert_eq!(
        (row.entity.as_str(), row.entity_id),
        ("participant", Some(p))
    );
    let filled = logbook::authorization_form_pdf(&mut o.store, p, Some(&authorization(p, today)))
        .expect("filled");
    assert_pdf(&filled, "the pre-filled authorization form");
    assert_ne!(
        blank, filled,
        "the terms are printed on the pre-filled form"
    );
}

/// Issue 15, point 13: the printed form says a period counts from the date signed, and on
/// which day it ends ("expires N days after the date signed, on …").
#[test]
fn the_printed_form_says_a_period_ends_days_after_the_date_signed() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let signed = AuthorizationForm {
        expires_kind: "days".into(),
        expires_value: "30".into(),
        signed_on: "2025-06-01".into(),
        ..authorization(p, today)
    };
    assert_eq!(
        logbook::authorization_terms(&signed)
            .expect("terms")
            .expires,
        "30 days after the date signed, on July 1, 2025",
        "signed June 1: the day signed is day 0, so it ends on July 1"
    );
    let to_sign = AuthorizationForm {
        signed_on: String::new(),
        ..signed
    };
    assert_eq!(
        logbook::authorization_terms(&to_sign)
            .expect("terms")
            .expires,
        "30 days after the date signed, on the 30th day after the day it is signed",
        "a form printed for signature counts from the day it will be signed"
    );
    let pdf = logbook::authorization_form_pdf(&mut o.store, p, Some(&to_sign)).expect("printed");
    assert_pdf(&pdf, "the pre-filled form with a period after signature");
}

#[test]
fn authorization_form_pdf_refuses_an_unreadable_expiry_and_records_nothing() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let bad = AuthorizationForm {
        expires_value: "31/12/2030".into(),
        ..authorization(p, today)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::authorization_form_pdf(s, p, Some(&bad)),
            "expiresValue",
            "YYYY-MM-DD",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_with(
            logbook::authorization_form_pdf(s, p + 100, None),
            ErrorCode::NotFound,
            "no such participant",
        )
    });
}

// ---- suspensions ----

#[test]
fn record_suspension_keeps_a_written_statement_for_its_whole_period() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let before = audit_count(&o.store);
    let id = logbook::record_suspension(&mut o.store, &suspension(p, today, true)).expect("kept");
    let s = logbook::get(&o.store, p)
        .expect("logbook")
        .suspensions
        .remove(0);
    assert_eq!(s.id, id);
    assert_eq!(s.from, today);
    assert_eq!(
        s.effective_to,
        today + Days::new(90),
        "a written statement holds as asked"
    );
    assert!(s.written);
    assert_eq!(
        audited(&o.store, before, "suspension.record").entity_id,
        Some(id)
    );
}

#[test]
fn record_suspension_cuts_an_oral_statement_at_thirty_days() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    logbook::record_suspension(&mut o.store, &suspension(p, today, false)).expect("kept");
    let s = logbook::get(&o.store, p)
        .expect("logbook")
        .suspensions
        .remove(0);
    assert_eq!(s.to, today + Days::new(90), "the period asked for is kept");
    assert_eq!(
        s.effective_to,
        today + Days::new(30),
        "an oral statement holds 30 days"
    );
}

#[test]
fn record_suspension_refuses_a_bad_period_on_its_field() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let backwards = SuspensionForm {
        to: iso(today - Days::new(1)),
        ..suspension(p, today, true)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_suspension(s, &backwards),
            "to",
            "it ends before it starts",
        )
    });
    let nobody = SuspensionForm {
        agency: " ".into(),
        ..suspension(p, today, true)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_suspension(s, &nobody),
            "agency",
            "say which agency",
        )
    });
    let unreadable = SuspensionForm {
        stated_on: "last week".into(),
        ..suspension(p, today, true)
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::record_suspension(s, &unreadable),
            "statedOn",
            "YYYY-MM-DD",
        )
    });
    assert!(logbook::get(&o.store, p)
        .expect("logbook")
        .suspensions
        .is_empty());
}

#[test]
fn confirm_suspension_makes_an_oral_statement_hold_for_its_whole_period() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let oral =
        logbook::record_suspension(&mut o.store, &suspension(p, today, false)).expect("kept");
    let before = audit_count(&o.store);
    let id = logbook::confirm_suspension(&mut o.store, oral, &iso(today)).expect("confirmed");
    let list = logbook::get(&o.store, p).expect("logbook").suspensions;
    assert_eq!(list.len(), 1, "the confirmation replaces the oral entry");
    assert_eq!(list[0].id, id);
    assert!(list[0].written);
    assert_eq!(list[0].effective_to, today + Days::new(90));
    assert_eq!(
        audited(&o.store, before, "suspension.confirm").entity_id,
        Some(id)
    );
}

#[test]
fn confirm_suspension_refuses_a_statement_already_in_writing() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let written =
        logbook::record_suspension(&mut o.store, &suspension(p, today, true)).expect("kept");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::confirm_suspension(s, written, &iso(today)),
            "confirmedOn",
            "already written",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            logbook::confirm_suspension(s, written, "soon"),
            "confirmedOn",
            "YYYY-MM-DD",
        )
    });
}

#[test]
fn get_of_a_participant_without_entries_is_empty() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let book = writes_nothing(&mut o.store, |s| logbook::get(s, p).expect("logbook"));
    assert!(
        book.disclosures.is_empty()
            && book.authorizations.is_empty()
            && book.suspensions.is_empty()
    );
}

#[test]
fn a_third_party_request_is_taken_under_an_authorization_in_the_register() {
    use desk_office::intake::{self, IntakeForm, RequesterForm};
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let today = o.today();
    let third_party = |authorization_id: Option<i64>| IntakeForm {
        kind: "access".into(),
        evidence: desk_office::intake::EvidenceForm {
            role: "third_party".into(),
            authorization_id,
            ..evidence(p, today)
        },
        requester: Some(RequesterForm {
            name: "Dr Ames".into(),
            organization: "Dr Ames Clinic".into(),
            address_lines: "1 Clinic Way\nSampleton, FL 32960".into(),
            phone: "772-555-0100".into(),
            authority: String::new(),
        }),
        details: "Claims history for a second opinion".into(),
        scan: None,
    };
    // An authorization that expired yesterday refuses the intake on its field.
    let expired = AuthorizationForm {
        expires_value: iso(today - Days::new(1)),
        signed_on: iso(today - Days::new(30)),
        received_on: iso(today - Days::new(20)),
        ..authorization(p, today)
    };
    let old = logbook::record_authorization(&mut o.store, &expired).expect("kept as it was");
    let e = writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &third_party(Some(old))),
            "evidence.authorizationId",
            "an expired authorization refuses the intake",
        )
    });
    assert!(e.message.contains("expired"), "{}", e.message);
    // Another participant's form is not theirs to use.
    let q = o.employee("E2", "Roe", "Ann");
    let theirs =
        logbook::record_authorization(&mut o.store, &authorization(q, today)).expect("kept");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            intake::log(s, &third_party(Some(theirs))),
            "evidence.authorizationId",
            "another participant's authorization",
        )
    });
    // None chosen: the checklist says one is missing.
    let view = intake::check(&o.store, &third_party(None).evidence).expect("judged");
    assert!(
        !view.sufficient,
        "a third party needs an authorization on file"
    );
    // A valid one: logged, and linked to the request.
    let good = logbook::record_authorization(&mut o.store, &authorization(p, today)).expect("kept");
    let r = intake::log(&mut o.store, &third_party(Some(good)))
        .expect("taken under the authorization")
        .request_id;
    assert_eq!(o.store.request_authorization(r).expect("link"), Some(good));
}
