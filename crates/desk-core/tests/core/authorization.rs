//! Authorization validity (164.508(c)) and disclosures within an authorization's terms.

use crate::support::d;
use desk_core::authorization::{
    expiry_words, overreach, validate, Authorization, AuthorizationError, Capacity, Defect, Expiry,
    Overreach, ProposedDisclosure, Signer, Statements, SubjectStatus,
};

/// The CLI.md example: valid through 2026-01-01.
fn good() -> Authorization {
    Authorization {
        information: Some("Claims and eligibility records for 2023 and 2024".into()),
        discloser: Some("Sample County Group Health Plan".into()),
        recipient: Some("Dr. Alan Smith, 40 Main St, Vero Beach FL 32960".into()),
        purpose: Some("At the request of the individual".into()),
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

type Edit = fn(&mut Authorization);

#[test]
fn each_element_is_named_when_missing() {
    let cases: &[(&str, Edit, &[Defect], Option<&str>)] = &[
        ("the example", |_| {}, &[], Some("2026-01-01")),
        (
            "blank information",
            |a| a.information = Some("   ".into()),
            &[Defect::InformationMissing],
            Some("2026-01-01"),
        ),
        (
            "no discloser",
            |a| a.discloser = None,
            &[Defect::DiscloserMissing],
            Some("2026-01-01"),
        ),
        (
            "no recipient",
            |a| a.recipient = None,
            &[Defect::RecipientMissing],
            Some("2026-01-01"),
        ),
        (
            "the county's 2005 form: no purpose, no conditioning statement",
            |a| {
                a.purpose = None;
                a.statements.conditioning = false;
            },
            &[Defect::PurposeMissing, Defect::ConditioningStatementMissing],
            Some("2026-01-01"),
        ),
        (
            "no expiry",
            |a| a.expires = None,
            &[Defect::ExpirationMissing],
            None,
        ),
        (
            "blank event",
            |a| a.expires = Some(Expiry::Event(" ".into())),
            &[Defect::ExpirationMissing],
            None,
        ),
        (
            "open-ended event",
            |a| a.expires = Some(Expiry::Event("end of the lawsuit".into())),
            &[],
            None,
        ),
        (
            "unsigned",
            |a| a.signer = None,
            &[Defect::SignatureMissing],
            Some("2026-01-01"),
        ),
        (
            "signer with a blank name",
            |a| {
                a.signer = Some(Signer {
                    name: " ".into(),
                    capacity: Capacity::Individual,
                })
            },
            &[Defect::SignatureMissing],
            Some("2026-01-01"),
        ),
        (
            "undated",
            |a| a.signed_on = None,
            &[Defect::DateMissing],
            Some("2026-01-01"),
        ),
        (
            "unsigned and undated",
            |a| {
                a.signer = None;
                a.signed_on = None;
            },
            &[Defect::SignatureMissing, Defect::DateMissing],
            Some("2026-01-01"),
        ),
        (
            "representative without stated authority",
            |a| {
                a.signer = Some(Signer {
                    name: "Rob Rep".into(),
                    capacity: Capacity::PersonalRepresentative { authority: None },
                })
            },
            &[Defect::RepresentativeAuthorityMissing],
            Some("2026-01-01"),
        ),
        (
            "blank-named representative with no authority",
            |a| {
                a.signer = Some(Signer {
                    name: "".into(),
                    capacity: Capacity::PersonalRepresentative { authority: None },
                })
            },
            &[
                Defect::SignatureMissing,
                Defect::RepresentativeAuthorityMissing,
            ],
            Some("2026-01-01"),
        ),
        (
            "representative with authority",
            |a| {
                a.signer = Some(Signer {
                    name: "Rob Rep".into(),
                    capacity: Capacity::PersonalRepresentative {
                        authority: Some("Durable power of attorney".into()),
                    },
                })
            },
            &[],
            Some("2026-01-01"),
        ),
        (
            "no statements",
            |a| a.statements = Statements::default(),
            &[
                Defect::RevocationStatementMissing,
                Defect::ConditioningStatementMissing,
                Defect::RedisclosureStatementMissing,
            ],
            Some("2026-01-01"),
        ),
        (
            "after 30 days",
            |a| a.expires = Some(Expiry::AfterDays(30)),
            &[Defect::Expired],
            Some("2025-05-31"),
        ),
        (
            "after 31 days ends on as_of",
            |a| a.expires = Some(Expiry::AfterDays(31)),
            &[],
            Some("2025-06-01"),
        ),
        (
            "after_days without a signature date",
            |a| {
                a.expires = Some(Expiry::AfterDays(30));
                a.signed_on = None;
            },
            &[Defect::DateMissing],
            None,
        ),
        (
            "expires on as_of: still valid that day",
            |a| a.expires = Some(Expiry::On(d("2025-06-01"))),
            &[],
            Some("2025-06-01"),
        ),
        (
            "expired the day before",
            |a| a.expires = Some(Expiry::On(d("2025-05-31"))),
            &[Defect::Expired],
            Some("2025-05-31"),
        ),
        (
            "revoked today",
            |a| a.revoked_on = Some(d("2025-06-01")),
            &[Defect::Revoked],
            Some("2026-01-01"),
        ),
        (
            "revocation logged tomorrow is not yet effective",
            |a| a.revoked_on = Some(d("2025-06-02")),
            &[],
            Some("2026-01-01"),
        ),
        (
            "employment ends, active",
            |a| a.expires = Some(Expiry::EmploymentEnds),
            &[],
            None,
        ),
        (
            "employment ends, retiree needs a date",
            |a| {
                a.expires = Some(Expiry::EmploymentEnds);
                a.subject = SubjectStatus::Retiree;
            },
            &[Defect::ExpirationMissing],
            None,
        ),
        (
            "employment ended before as_of",
            |a| {
                a.expires = Some(Expiry::EmploymentEnds);
                a.subject = SubjectStatus::Terminated(Some(d("2025-05-15")));
            },
            &[Defect::Expired],
            Some("2025-05-15"),
        ),
        (
            "employment ends later",
            |a| {
                a.expires = Some(Expiry::EmploymentEnds);
                a.subject = SubjectStatus::Terminated(Some(d("2025-06-30")));
            },
            &[],
            Some("2025-06-30"),
        ),
        (
            "everything wrong, in code order",
            |a| {
                *a = Authorization {
                    information: None,
                    discloser: None,
                    recipient: None,
                    purpose: None,
                    expires: Some(Expiry::On(d("2025-01-01"))),
                    signed_on: None,
                    signer: Some(Signer {
                        name: "R".into(),
                        capacity: Capacity::PersonalRepresentative {
                            authority: Some("".into()),
                        },
                    }),
                    statements: Statements::default(),
                    revoked_on: Some(d("2025-01-01")),
                    subject: SubjectStatus::Active,
                };
            },
            &[
                Defect::InformationMissing,
                Defect::DiscloserMissing,
                Defect::RecipientMissing,
                Defect::PurposeMissing,
                Defect::DateMissing,
                Defect::RepresentativeAuthorityMissing,
                Defect::RevocationStatementMissing,
                Defect::ConditioningStatementMissing,
                Defect::RedisclosureStatementMissing,
                Defect::Expired,
                Defect::Revoked,
            ],
            Some("2025-01-01"),
        ),
    ];
    for (why, edit, defects, expires_on) in cases {
        let mut auth = good();
        edit(&mut auth);
        let got = validate(&auth, d("2025-06-01")).expect("judgeable");
        assert_eq!(got.defects, *defects, "{why}: every defect, in CLI order");
        assert_eq!(got.expires_on, expires_on.map(d), "{why}: expires_on");
        assert_eq!(
            got.is_valid(),
            defects.is_empty(),
            "{why}: valid iff no defect"
        );
    }
}

#[test]
fn codes_are_the_cli_codes_in_order() {
    let codes: Vec<&str> = [
        Defect::InformationMissing,
        Defect::DiscloserMissing,
        Defect::RecipientMissing,
        Defect::PurposeMissing,
        Defect::ExpirationMissing,
        Defect::SignatureMissing,
        Defect::DateMissing,
        Defect::RepresentativeAuthorityMissing,
        Defect::RevocationStatementMissing,
        Defect::ConditioningStatementMissing,
        Defect::RedisclosureStatementMissing,
        Defect::Expired,
        Defect::Revoked,
    ]
    .into_iter()
    .map(Defect::code)
    .collect();
    assert_eq!(
        codes,
        [
            "information_missing",
            "discloser_missing",
            "recipient_missing",
            "purpose_missing",
            "expiration_missing",
            "signature_missing",
            "date_missing",
            "representative_authority_missing",
            "revocation_statement_missing",
            "conditioning_statement_missing",
            "redisclosure_statement_missing",
            "expired",
            "revoked"
        ],
        "CLI.md fixes the codes and their order"
    );
}

#[test]
fn a_terminated_subject_without_a_date_cannot_be_judged_under_employment_ends() {
    let mut auth = good();
    auth.expires = Some(Expiry::EmploymentEnds);
    auth.subject = SubjectStatus::Terminated(None);
    let err = validate(&auth, d("2025-06-01")).expect_err("the end date is unknowable");
    assert_eq!(err, AuthorizationError::TerminationDateMissing);
    assert_eq!(
        err.field(),
        "subject.status_since",
        "the error names the field to fill in"
    );
    auth.expires = Some(Expiry::On(d("2026-01-01")));
    assert!(
        validate(&auth, d("2025-06-01")).is_ok(),
        "with a dated expiry the termination date does not matter"
    );
}

#[test]
fn disclosures_must_stay_inside_the_terms() {
    // Staff confirmed the information falls within the description, unless a case says not.
    let proposed = |recipient: &str, information: &str, on: &str| ProposedDisclosure {
        recipient: recipient.into(),
        information: information.into(),
        purpose: "anything".into(),
        on: d(on),
        information_confirmed: true,
    };
    let recipient = "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960";
    let cases: &[(&str, ProposedDisclosure, &[Overreach])] = &[
        (
            "inside",
            proposed(
                recipient,
                "claims and eligibility records for 2023",
                "2025-06-01",
            ),
            &[],
        ),
        (
            "recipient spelled with other spacing and case",
            proposed(
                "dr. alan smith,  40 main st, vero beach fl 32960",
                "Claims and eligibility records for 2023 and 2024",
                "2025-06-01",
            ),
            &[],
        ),
        (
            "another recipient",
            proposed("Dr. Bob Jones", "claims", "2025-06-01"),
            &[Overreach::RecipientNotNamed],
        ),
        (
            "other information, not confirmed",
            ProposedDisclosure {
                information_confirmed: false,
                ..proposed(recipient, "psychotherapy notes", "2025-06-01")
            },
            &[Overreach::InformationNotDescribed],
        ),
        (
            "before signing",
            proposed(recipient, "claims", "2025-04-30"),
            &[Overreach::BeforeSigned],
        ),
        (
            "after expiry",
            proposed(recipient, "claims", "2026-01-02"),
            &[Overreach::Invalid(Defect::Expired)],
        ),
    ];
    for (why, p, want) in cases {
        assert_eq!(overreach(&good(), p).expect("judgeable"), *want, "{why}");
    }
    let mut revoked = good();
    revoked.revoked_on = Some(d("2025-05-20"));
    assert_eq!(
        overreach(&revoked, &proposed(recipient, "claims", "2025-05-19")).expect("judgeable"),
        [],
        "a disclosure before the revocation was logged stays covered"
    );
    assert_eq!(
        overreach(&revoked, &proposed(recipient, "claims", "2025-05-20")).expect("judgeable"),
        [Overreach::Invalid(Defect::Revoked)],
        "from the day the revocation is logged, nothing more may go out"
    );
    let mut narrow = good();
    narrow.purpose = Some("Second opinion".into());
    assert_eq!(
        overreach(&narrow, &proposed(recipient, "claims", "2025-06-01")).expect("judgeable"),
        [Overreach::PurposeDiffers],
        "a stated purpose binds the disclosure"
    );
}

/// Issue 15, point 13: a period "after signature" counts the day signed as day 0; the form and
/// the checklist say so, with the day it ends.
#[test]
fn a_period_after_signature_is_written_with_the_day_it_ends() {
    let signed = d("2025-06-01");
    assert_eq!(
        expiry_words(&Expiry::AfterDays(30), Some(signed)).as_deref(),
        Some("30 days after the date signed, on July 1, 2025"),
        "signed June 1, thirty days later is July 1: the day signed is day 0"
    );
    let mut auth = good();
    auth.signed_on = Some(signed);
    auth.expires = Some(Expiry::AfterDays(30));
    let v = validate(&auth, d("2025-07-01")).expect("judged");
    assert_eq!(
        v.expires_on,
        Some(d("2025-07-01")),
        "the words name the day validate() ends it on"
    );
    assert_eq!(
        expiry_words(&Expiry::AfterDays(1), Some(signed)).as_deref(),
        Some("1 day after the date signed, on June 2, 2025"),
        "one day, singular"
    );
    assert_eq!(
        expiry_words(&Expiry::AfterDays(90), None).as_deref(),
        Some("90 days after the date signed, on the 90th day after the day it is signed"),
        "not signed yet: the day is counted from the signature"
    );
    for (days, ordinal) in [
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (11, "11th"),
        (112, "112th"),
    ] {
        let words = expiry_words(&Expiry::AfterDays(days), None).expect("words");
        assert!(
            words.ends_with(&format!("on the {ordinal} day after the day it is signed")),
            "{days}: {words}"
        );
    }
    assert_eq!(
        expiry_words(&Expiry::On(d("2026-01-01")), Some(signed)).as_deref(),
        Some("on January 1, 2026")
    );
    assert_eq!(
        expiry_words(&Expiry::Event("  ".into()), Some(signed)),
        None,
        "a blank event says nothing (it is expiration_missing)"
    );
}

/// CLI.md revision 2 and issue 15, point 8: a dependent has no employment of their own, so a
/// "when employment ends" expiry is `expiration_missing`; a participant without an employment
/// status on file is a dependent.
#[test]
fn employment_ends_is_missing_for_a_dependent() {
    let mut auth = good();
    auth.expires = Some(Expiry::EmploymentEnds);
    for (subject, missing, why) in [
        (
            SubjectStatus::Dependent,
            true,
            "a dependent has no employment",
        ),
        (
            SubjectStatus::Retiree,
            true,
            "a retiree's employment already ended",
        ),
        (SubjectStatus::Active, false, "open while employed"),
    ] {
        auth.subject = subject;
        let v = validate(&auth, d("2025-06-01")).expect("judged");
        assert_eq!(
            v.defects.contains(&Defect::ExpirationMissing),
            missing,
            "{why}: {:?}",
            v.defects
        );
        assert_eq!(v.expires_on, None, "{why}: no end date is known");
    }
    assert_eq!(
        SubjectStatus::of_participant(None),
        SubjectStatus::Dependent,
        "no employment status on file: a dependent"
    );
    assert_eq!(
        SubjectStatus::of_participant(Some(desk_core::person::EmploymentStatus::Terminated {
            on: d("2025-03-31")
        })),
        SubjectStatus::Terminated(Some(d("2025-03-31"))),
        "an employee's own status is kept"
    );
}

#[test]
fn information_inside_a_description_is_confirmed_by_staff_unless_it_is_the_description() {
    use desk_core::authorization::{has_exception, needs_confirmation};
    let mut except = good();
    except.information = Some("All records except mental health records".into());
    let proposed = |information: &str, confirmed: bool| ProposedDisclosure {
        recipient: "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960".into(),
        information: information.into(),
        purpose: "anything".into(),
        on: d("2025-06-01"),
        information_confirmed: confirmed,
    };
    // The words of the description are inside it, but what they say is excluded: nothing
    // passes on its words alone, and the person recording must confirm.
    assert_eq!(
        overreach(&except, &proposed("mental health records", false)).expect("judged"),
        [Overreach::InformationNotDescribed],
        "a part of the description's text is not necessarily inside it"
    );
    assert_eq!(
        overreach(
            &except,
            &proposed("All records except mental health records", false)
        )
        .expect("judged"),
        [Overreach::InformationNotDescribed],
        "a description with an exception always asks for the confirmation"
    );
    assert_eq!(
        overreach(&except, &proposed("Claims records for 2024", true)).expect("judged"),
        [],
        "confirmed within the description"
    );
    let found = &overreach(&except, &proposed("mental health records", false)).expect("judged")[0];
    assert_eq!(found.field(), "informationConfirmed");
    assert!(
        found.message().contains("quoted beside the field"),
        "{}",
        found.message()
    );
    // The description's own words need no confirmation; a part of them does.
    assert!(!needs_confirmation(
        "Claims and eligibility records for 2023 and 2024",
        "claims and  eligibility records for 2023 and 2024"
    ));
    assert!(needs_confirmation(
        "Claims and eligibility records for 2023 and 2024",
        "eligibility records"
    ));
    for (text, exception) in [
        ("All records except mental health records", true),
        ("Claims, excluding substance use treatment", true),
        ("Records other than psychotherapy notes", true),
        ("Exceptional claims review file", false),
        ("Claims and eligibility records", false),
    ] {
        assert_eq!(has_exception(text), exception, "{text}");
    }
}
