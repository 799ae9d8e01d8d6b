//! Property tests: no input makes a rule panic; the effective due date never precedes the due date.

use chrono::NaiveDate;
use desk_core::accounting::{account, AccountingRequest, Period, Suspension};
use desk_core::authorization::{
    validate, Authorization, Capacity, Expiry, Signer, Statements, SubjectStatus,
};
use desk_core::clock::{deadline, Right};
use desk_core::disclosure::{Basis, Disclosure};
use desk_core::identity::{verify, Dependent, EvidenceRecord, SsnCheck};
use desk_core::person::{Channel, RequesterRole};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        // Everyday dates around the rule's life.
        (0i64..20_000)
            .prop_map(|n| NaiveDate::from_ymd_opt(2000, 1, 1).expect("real")
                + chrono::Days::new(n as u64)),
        // The calendar's edges.
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        (0u64..100).prop_map(|n| NaiveDate::MAX - chrono::Days::new(n)),
        (0u64..100).prop_map(|n| NaiveDate::MIN + chrono::Days::new(n)),
    ]
}

fn right() -> impl Strategy<Value = Right> {
    prop_oneof![
        Just(Right::Access),
        Just(Right::Amendment),
        Just(Right::Accounting)
    ]
}

proptest! {
    #[test]
    fn effective_due_on_never_before_due_on(r in right(), received in date(), noticed in proptest::option::of(date()), as_of in date()) {
        if let Ok(dl) = deadline(r, received, noticed, as_of) {
            prop_assert!(dl.effective_due_on >= dl.due_on, "an extension only ever adds time");
            prop_assert!(dl.due_on > received, "the plan always has some days");
            prop_assert_eq!(dl.overdue, dl.days_left < 0, "overdue exactly when no days are left");
        }
    }

    #[test]
    fn authorization_never_panics(
        expires in proptest::option::of(prop_oneof![
            date().prop_map(Expiry::On),
            any::<u32>().prop_map(Expiry::AfterDays),
            Just(Expiry::EmploymentEnds),
            ".{0,8}".prop_map(Expiry::Event),
        ]),
        signed_on in proptest::option::of(date()),
        revoked_on in proptest::option::of(date()),
        subject in prop_oneof![Just(SubjectStatus::Active), Just(SubjectStatus::Retiree), proptest::option::of(date()).prop_map(SubjectStatus::Terminated)],
        rep in proptest::option::of(proptest::option::of(".{0,4}")),
        flags in any::<(bool, bool, bool)>(),
        as_of in date(),
    ) {
        let auth = Authorization {
            information: Some("x".into()), discloser: None, recipient: Some(" ".into()), purpose: None,
            expires, signed_on,
            signer: rep.map(|authority| Signer { name: "n".into(), capacity: match authority { None => Capacity::Individual, Some(a) => Capacity::PersonalRepresentative { authority: Some(a) } } }),
            statements: Statements { right_to_revoke: flags.0, conditioning: flags.1, redisclosure: flags.2 },
            revoked_on, subject,
        };
        if let Ok(v) = validate(&auth, as_of) {
            prop_assert!(!v.is_valid(), "a form with no discloser is never valid");
            let mut sorted = v.defects.clone();
            sorted.sort();
            prop_assert_eq!(sorted, v.defects, "defects come in code order");
        }
    }

    #[test]
    fn accounting_never_panics(
        requested_on in date(),
        from in proptest::option::of(date()),
        to in proptest::option::of(date()),
        previous in proptest::option::of(date()),
        pages in any::<u64>(),
        log in proptest::collection::vec((date(), 0usize..22, "[ab]{0,2}"), 0..12),
        suspended in proptest::collection::vec((date(), date(), "[ab]{0,2}"), 0..3),
    ) {
        let disclosures: Vec<Disclosure> = log.iter().enumerate().map(|(i, (on, b, r))| Disclosure {
            id: i.to_string(), on: *on, recipient: r.clone(), recipient_address: String::new(), description: String::new(), purpose: String::new(), basis: Basis::ALL[*b], written_request_copy: false, by_associate: None,
        }).collect();
        let suspensions: Vec<Suspension> = suspended.into_iter().map(|(from, to, recipient)| Suspension { recipient, from, to }).collect();
        let request = AccountingRequest { requested_on, period: Period { from, to }, previous_accounting_on: previous, pages };
        if let Ok(a) = account(&request, &disclosures, &suspensions) {
            prop_assert_eq!(a.included.len() + a.excluded.len(), disclosures.len(), "every disclosure is placed once");
            prop_assert!(a.included.windows(2).all(|w| disclosures[w[0]].on <= disclosures[w[1]].on), "included in date order");
            let want = if a.free { 0 } else { pages * 15 };
            prop_assert_eq!(a.fee_cents, want, "free costs nothing; otherwise 15 cents a page");
        }
    }

    #[test]
    fn verification_never_panics(born in date(), on in date(), enrolled in any::<bool>(), doubt in any::<bool>(), known in any::<bool>(), role in 0usize..5, channel in 0usize..4) {
        let roles = [RequesterRole::Individual, RequesterRole::Parent, RequesterRole::PersonalRepresentative, RequesterRole::PublicOfficial, RequesterRole::ThirdParty];
        let channels = [Channel::InPerson, Channel::Telephone, Channel::Mail, Channel::Fax];
        let record = EvidenceRecord { ssn: Some(SsnCheck::Match), origin_known: known, doubt, dependent: Some(Dependent { enrolled_under_requester: enrolled, born }), ..EvidenceRecord::default() };
        let v = verify(roles[role], channels[channel], &record, on);
        prop_assert_eq!(v.sufficient, v.next_step.is_none(), "a next step exactly when not sufficient");
        if doubt { prop_assert!(!v.sufficient, "doubt always goes to the Privacy Official"); }
    }
}

fn step() -> impl Strategy<Value = desk_core::lifecycle::Step> {
    use desk_core::lifecycle::{Reviewer, Step};
    use desk_core::person::Role;
    let role = prop_oneof![Just(Role::Staff), Just(Role::PrivacyOfficial)];
    prop_oneof![
        Just(Step::Verify),
        Just(Step::BeginReview),
        Just(Step::Extend),
        Just(Step::Grant),
        Just(Step::DraftDenial),
        role.clone().prop_map(|by| Step::ApproveDenial { by }),
        role.clone().prop_map(|by| Step::ReturnDenial { by }),
        Just(Step::DraftForApproval),
        role.prop_map(|by| Step::ApproveDecision { by }),
        Just(Step::SendLetter),
        (any::<bool>(), any::<bool>(), "[ab]").prop_map(|(reviewable, licensed, id)| {
            Step::RequestReview {
                reviewable,
                reviewer: Reviewer { id, licensed },
                deciders: vec!["a".into()],
            }
        }),
        any::<bool>().prop_map(|upheld| Step::CompleteReview { upheld }),
        Just(Step::Close),
        Just(Step::Withdraw),
        Just(Step::AskForWrittenRequest),
        Just(Step::WrittenRequestReceived),
        Just(Step::RouteToCountyAttorney),
        prop_oneof![
            Just(desk_core::request::RequestStatus::Received),
            Just(desk_core::request::RequestStatus::LetterSent),
            Just(desk_core::request::RequestStatus::Closed),
        ]
        .prop_map(|to| Step::Reopen { to }),
    ]
}

proptest! {
    #[test]
    fn lifecycle_never_panics_and_keeps_its_promises(steps in proptest::collection::vec(step(), 0..20)) {
        use desk_core::lifecycle::{advance, Case, Step};
        use desk_core::person::Role;
        use desk_core::request::RequestStatus;
        let mut case = Case::received();
        let mut extensions = 0;
        for s in &steps {
            if let Ok(next) = advance(case, s) {
                if next.status == RequestStatus::Extended && case.status != RequestStatus::Extended {
                    extensions += 1;
                }
                if next.denied && !case.denied && next.status == RequestStatus::Decided && !case.reviewed {
                    prop_assert_eq!(s, &Step::ApproveDenial { by: Role::PrivacyOfficial }, "only the Privacy Official makes a denial final");
                }
                case = next;
            }
        }
        prop_assert!(extensions <= 1, "one extension at most");
    }

    #[test]
    fn fee_never_panics(cents in any::<u64>(), pages in any::<u64>(), per_page in any::<u64>(), postage in any::<u64>(), summary in proptest::option::of(any::<u64>()), flat in any::<bool>()) {
        use desk_core::fee::{estimate, FeeRequest, Format, Method, Schedule};
        let method = if flat { Method::Flat { cents } } else { Method::AverageCost { schedule: Schedule { per_page_cents: per_page, per_electronic_copy_cents: cents }, pages } };
        let request = FeeRequest { method, copy: Format::Electronic, records: Format::Electronic, postage_cents: postage, agreed_summary_cents: summary };
        if let Ok(e) = estimate(&request) {
            prop_assert_eq!(e.lines.iter().map(|l| u128::from(l.cents)).sum::<u128>(), u128::from(e.total_cents), "the total is the sum of the lines");
            if flat { prop_assert!(e.total_cents <= 650, "a flat fee never exceeds $6.50"); }
        }
    }
}
