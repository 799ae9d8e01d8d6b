//! The disclosure logbook's rules: a disclosure under an authorization refused with the field
//! it breaks (revocation counting from the day it was logged), and suspension statements (an
//! oral one lasts 30 days unless confirmed in writing).

use crate::support::d;
use desk_core::accounting::{
    account, AccountingRequest, Exclusion, Period, SuspensionError, SuspensionStatement,
};
use desk_core::authorization::{
    refusal, Authorization, Capacity, Defect, Expiry, Overreach, ProposedDisclosure, Signer,
    Statements, SubjectStatus,
};
use desk_core::disclosure::{Basis, Disclosure};

fn auth() -> Authorization {
    Authorization {
        information: Some("Claims records for 2024".into()),
        discloser: Some("Sample County Group Health Plan".into()),
        recipient: Some("Dr. Alan Smith".into()),
        purpose: Some("Second opinion".into()),
        expires: Some(Expiry::On(d("2026-01-01"))),
        signed_on: Some(d("2025-05-01")),
        signer: Some(Signer {
            name: "Jane Q. Participant".into(),
            capacity: Capacity::Individual,
        }),
        statements: Statements {
            right_to_revoke: true,
            conditioning: true,
            redisclosure: true,
        },
        revoked_on: None,
        subject: SubjectStatus::Active,
    }
}

fn proposed(on: &str) -> ProposedDisclosure {
    ProposedDisclosure {
        recipient: "dr. alan  smith".into(),
        information: "claims records".into(),
        purpose: "Second opinion".into(),
        on: d(on),
        information_confirmed: true,
    }
}

#[test]
fn a_disclosure_inside_the_authorization_is_not_refused() {
    assert_eq!(refusal(&auth(), &proposed("2025-06-01")), Ok(None));
}

#[test]
fn a_revocation_counts_from_the_day_it_was_logged() {
    let mut a = auth();
    a.revoked_on = Some(d("2025-06-01"));
    // The day before the revocation was logged: still good.
    assert_eq!(refusal(&a, &proposed("2025-05-31")), Ok(None));
    // The day it was logged and after: refused, on the date field.
    for on in ["2025-06-01", "2025-06-02"] {
        let found = refusal(&a, &proposed(on))
            .expect("judged")
            .expect("refused");
        assert_eq!(found, Overreach::Invalid(Defect::Revoked), "{on}");
        assert_eq!(found.field(), "disclosedOn");
        assert!(found.message().contains("revoked"), "{}", found.message());
    }
}

#[test]
fn each_term_refuses_on_its_own_field() {
    type Edit = fn(&mut ProposedDisclosure);
    let cases: &[(&str, Edit, Overreach, &str)] = &[
        (
            "another recipient",
            |p| p.recipient = "Acme Insurance".into(),
            Overreach::RecipientNotNamed,
            "recipient",
        ),
        (
            "information not described",
            |p| {
                p.information = "Pharmacy records".into();
                p.information_confirmed = false;
            },
            Overreach::InformationNotDescribed,
            "informationConfirmed",
        ),
        (
            "another purpose",
            |p| p.purpose = "Marketing".into(),
            Overreach::PurposeDiffers,
            "purpose",
        ),
        (
            "after expiry",
            |p| p.on = d("2026-01-02"),
            Overreach::Invalid(Defect::Expired),
            "disclosedOn",
        ),
        (
            "before signature",
            |p| p.on = d("2025-04-30"),
            Overreach::BeforeSigned,
            "disclosedOn",
        ),
    ];
    for (name, edit, want, field) in cases {
        let mut p = proposed("2025-06-01");
        edit(&mut p);
        let found = refusal(&auth(), &p).expect("judged");
        assert_eq!(found.as_ref(), Some(want), "{name}");
        assert_eq!(found.map(|f| f.field()), Some(*field), "{name}");
    }
    // The last day of an expiry date still counts.
    assert_eq!(refusal(&auth(), &proposed("2026-01-01")), Ok(None));
}

#[test]
fn a_defective_form_refuses_on_the_authorization() {
    let mut a = auth();
    a.statements.conditioning = false;
    let found = refusal(&a, &proposed("2025-06-01"))
        .expect("judged")
        .expect("refused");
    assert_eq!(
        found,
        Overreach::Invalid(Defect::ConditioningStatementMissing)
    );
    assert_eq!(found.field(), "authorizationId");
}

fn statement(written: bool, from: &str, to: &str) -> SuspensionStatement {
    SuspensionStatement {
        agency: "State Health Oversight Office".into(),
        recipient: "State Health Oversight Office".into(),
        stated_on: d("2025-03-01"),
        from: d(from),
        to: d(to),
        written,
    }
}

#[test]
fn an_oral_suspension_lasts_thirty_days_unless_written() {
    // Oral, asked for 90 days: cut at 30 days after the statement.
    let oral = statement(false, "2025-03-01", "2025-05-30");
    assert_eq!(oral.oral_limit(), Some(d("2025-03-31")));
    assert_eq!(oral.effective().expect("valid").to, d("2025-03-31"));
    // Oral, shorter than 30 days: as asked.
    let short = statement(false, "2025-03-01", "2025-03-10");
    assert_eq!(short.effective().expect("valid").to, d("2025-03-10"));
    // Written: the whole period.
    let written = statement(true, "2025-03-01", "2025-05-30");
    assert_eq!(written.oral_limit(), None);
    assert_eq!(written.effective().expect("valid").to, d("2025-05-30"));
}

#[test]
fn a_written_confirmation_inside_the_thirty_days_extends_it() {
    let oral = statement(false, "2025-03-01", "2025-05-30");
    let confirmed = oral.confirmed_in_writing(d("2025-03-31")).expect("in time");
    assert_eq!(confirmed.effective().expect("valid").to, d("2025-05-30"));
    assert_eq!(
        oral.confirmed_in_writing(d("2025-04-01")),
        Err(SuspensionError::ConfirmedTooLate)
    );
    assert_eq!(
        confirmed.confirmed_in_writing(d("2025-03-05")),
        Err(SuspensionError::AlreadyWritten)
    );
    assert_eq!(SuspensionError::ConfirmedTooLate.field(), "confirmedOn");
}

#[test]
fn a_bad_statement_names_its_field() {
    let cases: &[(SuspensionStatement, &str)] = &[
        (statement(true, "2025-03-10", "2025-03-09"), "to"),
        (statement(true, "2025-02-28", "2025-03-09"), "from"),
        (
            SuspensionStatement {
                agency: " ".into(),
                ..statement(true, "2025-03-01", "2025-03-09")
            },
            "agency",
        ),
        (
            SuspensionStatement {
                recipient: String::new(),
                ..statement(true, "2025-03-01", "2025-03-09")
            },
            "recipient",
        ),
    ];
    for (s, field) in cases {
        assert_eq!(s.effective().map_err(|e| e.field()), Err(*field));
    }
}

#[test]
fn an_oral_suspension_past_its_thirty_days_no_longer_holds_back() {
    let log = vec![Disclosure {
        id: "1".into(),
        on: d("2025-02-01"),
        recipient: "State Health Oversight Office".into(),
        recipient_address: String::new(),
        description: "Claims".into(),
        purpose: "Audit".into(),
        basis: Basis::HealthOversight,
        written_request_copy: false,
        by_associate: None,
    }];
    let oral = statement(false, "2025-03-01", "2025-05-30")
        .effective()
        .expect("valid");
    let ask = |on: &str| AccountingRequest {
        requested_on: d(on),
        period: Period::default(),
        previous_accounting_on: None,
        pages: 1,
    };
    let inside = account(&ask("2025-03-20"), &log, std::slice::from_ref(&oral)).expect("ok");
    assert_eq!(inside.excluded, vec![(0, Exclusion::Suspended)]);
    let after = account(&ask("2025-04-15"), &log, &[oral]).expect("ok");
    assert_eq!(after.included, vec![0]);
}
