//! Identity and authority verification (county §8).

use crate::support::d;
use desk_core::identity::{
    required_evidence, verify, Dependent, Escalation, Evidence, EvidenceRecord, LegalProcess,
    NextStep, PhotoId, PhotoIdKind, RepresentativeDocument, SsnCheck,
};
use desk_core::person::{Channel, RequesterRole};

fn id_shown() -> Option<PhotoId> {
    Some(PhotoId {
        kind: PhotoIdKind::DriversLicence,
        matches: true,
        copy_filed: true,
        expires_on: None,
    })
}

#[test]
fn checklists_per_role_and_channel() {
    use Evidence::*;
    let cases: &[(RequesterRole, Channel, &[Evidence])] = &[
        (
            RequesterRole::Individual,
            Channel::InPerson,
            &[PhotoId, PhotoIdMatches, CopyFiled],
        ),
        (RequesterRole::Individual, Channel::Telephone, &[SsnMatch]),
        (
            RequesterRole::Individual,
            Channel::Fax,
            &[KnownOrigin, SsnMatch],
        ),
        (
            RequesterRole::Parent,
            Channel::Telephone,
            &[SsnMatch, DependentEnrolled, ChildIsMinor],
        ),
        (
            RequesterRole::PersonalRepresentative,
            Channel::Mail,
            &[KnownOrigin, RepresentativeDocument, CopyFiled],
        ),
        (
            RequesterRole::ThirdParty,
            Channel::Telephone,
            &[KnownOrigin, AuthorizationOnFile],
        ),
        (
            RequesterRole::PublicOfficial,
            Channel::InPerson,
            &[OfficialCredentials, CopyFiled, StatementOfLegalAuthority],
        ),
        (
            RequesterRole::PublicOfficial,
            Channel::Mail,
            &[KnownOrigin, GovernmentLetterhead, StatementOfLegalAuthority],
        ),
        (
            RequesterRole::ThirdParty,
            Channel::InPerson,
            &[PhotoId, PhotoIdMatches, CopyFiled, AuthorizationOnFile],
        ),
    ];
    for (role, channel, want) in cases {
        assert_eq!(
            required_evidence(*role, *channel),
            *want,
            "{role:?} by {channel:?}: the §8 checklist"
        );
    }
}

struct Case {
    why: &'static str,
    role: RequesterRole,
    channel: Channel,
    record: EvidenceRecord,
    sufficient: bool,
    missing: Vec<Evidence>,
    escalations: Vec<Escalation>,
    next: Option<NextStep>,
}

#[test]
fn verification_table() {
    let on = d("2025-06-01");
    let parent = |born: &str, enrolled: bool| EvidenceRecord {
        ssn: Some(SsnCheck::Match),
        dependent: Some(Dependent {
            enrolled_under_requester: enrolled,
            born: d(born),
        }),
        ..EvidenceRecord::default()
    };
    let cases = vec![
        Case {
            why: "individual in person with matching ID, copy filed",
            role: RequesterRole::Individual,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                photo_id: id_shown(),
                ..Default::default()
            },
            sufficient: true,
            missing: vec![],
            escalations: vec![],
            next: None,
        },
        Case {
            why: "individual in person, staff doubt the ID",
            role: RequesterRole::Individual,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                photo_id: id_shown(),
                doubt: true,
                ..Default::default()
            },
            sufficient: false,
            missing: vec![],
            escalations: vec![Escalation::PrivacyOfficial],
            next: Some(NextStep::ReferToPrivacyOfficial),
        },
        Case {
            why: "ID does not match",
            role: RequesterRole::Individual,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                photo_id: Some(PhotoId {
                    kind: PhotoIdKind::Passport,
                    matches: false,
                    copy_filed: true,
                    expires_on: None,
                }),
                ..Default::default()
            },
            sufficient: false,
            missing: vec![Evidence::PhotoIdMatches],
            escalations: vec![],
            next: Some(NextStep::CollectEvidence),
        },
        Case {
            why: "caller whose SSN does not match is asked to write",
            role: RequesterRole::Individual,
            channel: Channel::Telephone,
            record: EvidenceRecord {
                ssn: Some(SsnCheck::NoMatch),
                ..Default::default()
            },
            sufficient: false,
            missing: vec![Evidence::SsnMatch],
            escalations: vec![],
            next: Some(NextStep::AskForWrittenRequest),
        },
        Case {
            why: "caller whose SSN matches",
            role: RequesterRole::Individual,
            channel: Channel::Telephone,
            record: EvidenceRecord {
                ssn: Some(SsnCheck::Match),
                ..Default::default()
            },
            sufficient: true,
            missing: vec![],
            escalations: vec![],
            next: None,
        },
        Case {
            why: "parent of a 17-year-old enrolled under them",
            role: RequesterRole::Parent,
            channel: Channel::Telephone,
            record: parent("2007-06-02", true),
            sufficient: true,
            missing: vec![],
            escalations: vec![],
            next: None,
        },
        Case {
            why: "parent of an 18-year-old (birthday today)",
            role: RequesterRole::Parent,
            channel: Channel::Telephone,
            record: parent("2007-06-01", true),
            sufficient: false,
            missing: vec![Evidence::ChildIsMinor],
            escalations: vec![],
            next: Some(NextStep::CollectEvidence),
        },
        Case {
            why: "child not enrolled under this parent",
            role: RequesterRole::Parent,
            channel: Channel::Telephone,
            record: parent("2015-01-01", false),
            sufficient: false,
            missing: vec![Evidence::DependentEnrolled],
            escalations: vec![],
            next: Some(NextStep::CollectEvidence),
        },
        Case {
            why: "state law may forbid the parent's access",
            role: RequesterRole::Parent,
            channel: Channel::Telephone,
            record: EvidenceRecord {
                state_law_concern: true,
                ..parent("2015-01-01", true)
            },
            sufficient: false,
            missing: vec![],
            escalations: vec![Escalation::PrivacyOfficial],
            next: Some(NextStep::ReferToPrivacyOfficial),
        },
        Case {
            why: "personal representative with a filed power of attorney",
            role: RequesterRole::PersonalRepresentative,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                photo_id: id_shown(),
                representative_document: Some(RepresentativeDocument::PowerOfAttorney),
                document_copy_filed: true,
                ..Default::default()
            },
            sufficient: true,
            missing: vec![],
            escalations: vec![],
            next: None,
        },
        Case {
            why: "representative without documents",
            role: RequesterRole::PersonalRepresentative,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                photo_id: id_shown(),
                ..Default::default()
            },
            sufficient: false,
            missing: vec![Evidence::CopyFiled, Evidence::RepresentativeDocument],
            escalations: vec![],
            next: Some(NextStep::CollectEvidence),
        },
        Case {
            why: "official in person with a subpoena: County Attorney and Privacy Official",
            role: RequesterRole::PublicOfficial,
            channel: Channel::InPerson,
            record: EvidenceRecord {
                official_credentials: true,
                document_copy_filed: true,
                statement_of_legal_authority: true,
                legal_process: Some(LegalProcess::Subpoena),
                ..Default::default()
            },
            sufficient: true,
            missing: vec![],
            escalations: vec![Escalation::CountyAttorney, Escalation::PrivacyOfficial],
            next: None,
        },
        Case {
            why: "official's letter on letterhead, no statement of authority",
            role: RequesterRole::PublicOfficial,
            channel: Channel::Mail,
            record: EvidenceRecord {
                origin_known: true,
                government_letterhead: true,
                ..Default::default()
            },
            sufficient: false,
            missing: vec![Evidence::StatementOfLegalAuthority],
            escalations: vec![Escalation::PrivacyOfficial],
            next: Some(NextStep::CollectEvidence),
        },
        Case {
            why: "unknown caller claiming to be an official",
            role: RequesterRole::PublicOfficial,
            channel: Channel::Telephone,
            record: EvidenceRecord::default(),
            sufficient: false,
            missing: vec![Evidence::KnownOrigin, Evidence::StatementOfLegalAuthority],
            escalations: vec![Escalation::PrivacyOfficial],
            next: Some(NextStep::AskForWrittenRequest),
        },
        Case {
            why: "fax of unknown origin",
            role: RequesterRole::ThirdParty,
            channel: Channel::Fax,
            record: EvidenceRecord {
                authorization_on_file: true,
                ssn: Some(SsnCheck::Match),
                ..Default::default()
            },
            sufficient: false,
            missing: vec![Evidence::KnownOrigin],
            escalations: vec![Escalation::PrivacyOfficial],
            next: Some(NextStep::ReferToPrivacyOfficial),
        },
        Case {
            why: "warrant by mail from a known court: County Attorney always",
            role: RequesterRole::ThirdParty,
            channel: Channel::Mail,
            record: EvidenceRecord {
                origin_known: true,
                ssn: Some(SsnCheck::Match),
                authorization_on_file: true,
                legal_process: Some(LegalProcess::Warrant),
                ..Default::default()
            },
            sufficient: true,
            missing: vec![],
            escalations: vec![Escalation::CountyAttorney, Escalation::PrivacyOfficial],
            next: None,
        },
    ];
    for c in cases {
        let got = verify(c.role, c.channel, &c.record, on);
        assert_eq!(got.sufficient, c.sufficient, "{}: sufficient", c.why);
        assert_eq!(
            got.missing, c.missing,
            "{}: missing evidence by name",
            c.why
        );
        assert_eq!(got.escalations, c.escalations, "{}: who steps in", c.why);
        assert_eq!(got.next_step, c.next, "{}: next step", c.why);
    }
}

#[test]
fn the_recorded_method_is_the_strongest_evidence_for_the_role() {
    use desk_core::identity::{method, VerificationMethod as M};
    let nothing = EvidenceRecord::default();
    let photo = EvidenceRecord {
        photo_id: id_shown(),
        ssn: Some(SsnCheck::Match),
        ..EvidenceRecord::default()
    };
    let ssn = EvidenceRecord {
        ssn: Some(SsnCheck::Match),
        ..EvidenceRecord::default()
    };
    let badge = EvidenceRecord {
        official_credentials: true,
        ..EvidenceRecord::default()
    };
    assert_eq!(method(RequesterRole::Individual, &photo), M::PhotoId);
    assert_eq!(method(RequesterRole::Individual, &ssn), M::SsnMatch);
    assert_eq!(method(RequesterRole::ThirdParty, &nothing), M::Referred);
    assert_eq!(method(RequesterRole::Parent, &photo), M::DependentCoverage);
    assert_eq!(
        method(RequesterRole::PersonalRepresentative, &photo),
        M::LegalDocument
    );
    assert_eq!(
        method(RequesterRole::PublicOfficial, &badge),
        M::Credentials
    );
    assert_eq!(method(RequesterRole::PublicOfficial, &photo), M::Letterhead);
}

/// Issue 15, point 11: exactly 4 digits against the last four, or exactly 9 against the keyed
/// hash when one is stored; "00001234" is neither.
#[test]
fn an_ssn_matches_only_as_four_or_nine_digits() {
    let full = "123451234";
    let hash = |digits: &str| -> Result<bool, ()> { Ok(digits == full) };
    let check = |spoken: &str, last4: Option<&str>, hashed: bool| {
        desk_core::identity::ssn_check(spoken, last4, hashed, hash).expect("compared")
    };
    for (spoken, last4, hashed, want, why) in [
        (
            "00001234",
            Some("1234"),
            true,
            SsnCheck::NoMatch,
            "eight digits ending in the last four",
        ),
        (
            "991234",
            Some("1234"),
            false,
            SsnCheck::NoMatch,
            "six digits ending in the last four",
        ),
        ("1234", Some("1234"), true, SsnCheck::Match, "the last four"),
        (
            " 1234 ",
            Some("1234"),
            false,
            SsnCheck::Match,
            "surrounding spaces",
        ),
        (
            "4321",
            Some("1234"),
            true,
            SsnCheck::NoMatch,
            "other last four",
        ),
        (
            "1234",
            None,
            true,
            SsnCheck::NoMatch,
            "no last four on file",
        ),
        (
            "123-45-1234",
            Some("1234"),
            true,
            SsnCheck::Match,
            "nine digits against the hash",
        ),
        (
            "999-99-1234",
            Some("1234"),
            true,
            SsnCheck::NoMatch,
            "wrong nine digits, same last four",
        ),
        (
            "123451234",
            Some("1234"),
            false,
            SsnCheck::NoMatch,
            "nine digits and no hash on file",
        ),
        (
            "12a34",
            Some("1234"),
            false,
            SsnCheck::NoMatch,
            "letters are not a number read out",
        ),
        (
            "",
            Some("1234"),
            true,
            SsnCheck::NoMatch,
            "nothing read out",
        ),
    ] {
        assert_eq!(check(spoken, last4, hashed), want, "{why}");
    }
    let never = |_: &str| -> Result<bool, ()> { panic!("the hash is only for nine digits") };
    assert_eq!(
        desk_core::identity::ssn_check("1234", Some("1234"), true, never),
        Ok(SsnCheck::Match),
        "four digits never reach the hash"
    );
}

#[test]
fn an_expired_photo_id_identifies_nobody() {
    let with_expiry = |expires: &str| EvidenceRecord {
        photo_id: Some(PhotoId {
            kind: PhotoIdKind::DriversLicence,
            matches: true,
            copy_filed: true,
            expires_on: Some(d(expires)),
        }),
        ..Default::default()
    };
    let received = d("2025-06-02");
    let expired = verify(
        RequesterRole::Individual,
        Channel::InPerson,
        &with_expiry("2025-06-01"),
        received,
    );
    assert!(!expired.sufficient, "expired the day before");
    assert_eq!(
        expired.missing,
        vec![Evidence::PhotoId, Evidence::PhotoIdMatches]
    );
    for still in ["2025-06-02", "2030-01-01"] {
        assert!(
            verify(
                RequesterRole::Individual,
                Channel::InPerson,
                &with_expiry(still),
                received
            )
            .sufficient,
            "valid through {still}"
        );
    }
}
