//! Request lifecycle: allowed moves, denial approval, review of reviewable denials.

use desk_core::lifecycle::{advance, Case, LifecycleError, Reviewer, Step};
use desk_core::person::Role;
use desk_core::request::RequestStatus;

fn run(steps: &[Step]) -> Result<Case, LifecycleError> {
    steps.iter().try_fold(Case::received(), advance)
}

fn review(reviewable: bool, reviewer: &str, licensed: bool) -> Step {
    Step::RequestReview {
        reviewable,
        reviewer: Reviewer {
            id: reviewer.into(),
            licensed,
        },
        deciders: vec!["staff-7".into(), "po-1".into()],
    }
}

#[test]
fn paths_through_a_request() {
    use Step::*;
    let denied = [
        Verify,
        BeginReview,
        DraftDenial,
        ApproveDenial {
            by: Role::PrivacyOfficial,
        },
        SendLetter,
    ];
    let cases: Vec<(&str, Vec<Step>, Result<RequestStatus, LifecycleError>)> = vec![
        (
            "grant",
            vec![Verify, BeginReview, Grant, SendLetter, Close],
            Ok(RequestStatus::Closed),
        ),
        (
            "extension then grant",
            vec![Verify, BeginReview, Extend, Grant, SendLetter],
            Ok(RequestStatus::LetterSent),
        ),
        (
            "a second extension",
            vec![Verify, Extend, Extend],
            Err(LifecycleError::AlreadyExtended),
        ),
        (
            "a drafted denial waits",
            vec![Verify, BeginReview, DraftDenial],
            Ok(RequestStatus::PendingApproval),
        ),
        (
            "staff cannot approve a denial",
            vec![
                Verify,
                BeginReview,
                DraftDenial,
                ApproveDenial { by: Role::Staff },
            ],
            Err(LifecycleError::NotPrivacyOfficial),
        ),
        (
            "no letter before approval",
            vec![Verify, BeginReview, DraftDenial, SendLetter],
            Err(LifecycleError::NotAllowed {
                status: RequestStatus::PendingApproval,
                step: "send_letter",
            }),
        ),
        (
            "returned denial goes back to review",
            vec![
                Verify,
                BeginReview,
                DraftDenial,
                ReturnDenial {
                    by: Role::PrivacyOfficial,
                },
            ],
            Ok(RequestStatus::InReview),
        ),
        (
            "no decision before verification",
            vec![Grant],
            Err(LifecycleError::NotAllowed {
                status: RequestStatus::Received,
                step: "grant",
            }),
        ),
        (
            "withdrawn after the fee notice",
            vec![Verify, BeginReview, Withdraw],
            Ok(RequestStatus::Withdrawn),
        ),
        (
            "nothing after closing",
            vec![Verify, BeginReview, Grant, SendLetter, Close, Withdraw],
            Err(LifecycleError::NotAllowed {
                status: RequestStatus::Closed,
                step: "withdraw",
            }),
        ),
        (
            "reviewable denial to an independent licensed professional",
            [denied.to_vec(), vec![review(true, "dr-9", true)]].concat(),
            Ok(RequestStatus::UnderReview),
        ),
        (
            "reviewer who took part",
            [denied.to_vec(), vec![review(true, "staff-7", true)]].concat(),
            Err(LifecycleError::ReviewerTookPart),
        ),
        (
            "unlicensed reviewer",
            [denied.to_vec(), vec![review(true, "dr-9", false)]].concat(),
            Err(LifecycleError::ReviewerNotLicensed),
        ),
        (
            "unreviewable grounds",
            [denied.to_vec(), vec![review(false, "dr-9", true)]].concat(),
            Err(LifecycleError::NotReviewable),
        ),
        (
            "a grant cannot be reviewed",
            vec![
                Verify,
                BeginReview,
                Grant,
                SendLetter,
                review(true, "dr-9", true),
            ],
            Err(LifecycleError::NotDenied),
        ),
        (
            "review upheld, its letter, closed",
            [
                denied.to_vec(),
                vec![
                    review(true, "dr-9", true),
                    CompleteReview { upheld: true },
                    SendLetter,
                    Close,
                ],
            ]
            .concat(),
            Ok(RequestStatus::Closed),
        ),
        (
            "only one review",
            [
                denied.to_vec(),
                vec![
                    review(true, "dr-9", true),
                    CompleteReview { upheld: true },
                    SendLetter,
                    review(true, "dr-8", true),
                ],
            ]
            .concat(),
            Err(LifecycleError::AlreadyReviewed),
        ),
    ];
    for (why, steps, want) in cases {
        assert_eq!(run(&steps).map(|c| c.status), want, "{why}");
    }
}

#[test]
fn an_extension_is_refused_when_its_notice_is_late() {
    use crate::support::d;
    use desk_core::clock::Right;
    use desk_core::lifecycle::{check_extension_notice, extend};
    let in_review = run(&[Step::Verify, Step::BeginReview]).expect("in review");
    // (right, received, noticed, in time?) — access is due 30 days after receipt, amendment and
    // accounting 60; the notice may go out on the due day itself, not the day after.
    let cases = [
        (Right::Access, "2025-01-31", "2025-02-20", true),
        (Right::Access, "2025-01-31", "2025-03-02", true),
        (Right::Access, "2025-01-31", "2025-03-03", false),
        (Right::Access, "2024-01-31", "2024-03-01", true),
        (Right::Access, "2024-01-31", "2024-03-02", false),
        (Right::Amendment, "2025-01-01", "2025-03-02", true),
        (Right::Amendment, "2025-01-01", "2025-03-03", false),
        (Right::Accounting, "2025-11-15", "2026-01-14", true),
        (Right::Accounting, "2025-11-15", "2026-01-15", false),
    ];
    for (right, received, noticed, in_time) in cases {
        let why = format!("{right:?} received {received}, noticed {noticed}");
        let checked = check_extension_notice(right, d(received), d(noticed));
        let moved = extend(in_review, right, d(received), d(noticed));
        if in_time {
            assert_eq!(checked, Ok(()), "{why}: in time");
            let case = moved.expect("extended");
            assert_eq!(case.status, RequestStatus::Extended, "{why}");
            assert!(case.extended, "{why}: the one extension is used");
        } else {
            let due = desk_core::clock::due_on(right, d(received)).expect("due date");
            let late = LifecycleError::ExtensionLate { due_on: due };
            assert_eq!(checked, Err(late.clone()), "{why}: late");
            assert_eq!(moved, Err(late.clone()), "{why}: refused");
            assert_eq!(
                late.field(),
                "extension_noticed_on",
                "{why}: names the field"
            );
        }
    }
    // The other rules of the move still hold, and come first.
    let extended = extend(in_review, Right::Access, d("2025-01-31"), d("2025-02-20"))
        .expect("first extension");
    assert_eq!(
        extend(extended, Right::Access, d("2025-01-31"), d("2025-02-21")),
        Err(LifecycleError::AlreadyExtended),
        "only one extension"
    );
    assert_eq!(
        extend(extended, Right::Access, d("2025-01-31"), d("2025-06-01")),
        Err(LifecycleError::AlreadyExtended),
        "a second, late extension is still a second one"
    );
    // The clock runs from receipt: the extension may be noticed before the requester is
    // verified. The request stays Received (it still needs verifying) and the one extension
    // is used.
    let early = extend(
        Case::received(),
        Right::Access,
        d("2025-01-31"),
        d("2025-02-01"),
    )
    .expect("an extension while still Received");
    assert_eq!(early.status, RequestStatus::Received);
    assert!(early.extended);
    assert_eq!(
        advance(early, &Step::Extend),
        Err(LifecycleError::AlreadyExtended),
        "still only one"
    );
    let verified = advance(early, &Step::Verify).expect("verified later");
    assert!(verified.extended, "the extension stays with the case");
    let decided = advance(
        advance(verified, &Step::BeginReview).expect("review"),
        &Step::Grant,
    )
    .expect("granted");
    assert_eq!(decided.status, RequestStatus::Decided);
    assert!(
        matches!(
            extend(
                Case {
                    status: RequestStatus::AwaitingWrittenRequest,
                    ..Case::received()
                },
                Right::Access,
                d("2025-01-31"),
                d("2025-02-01")
            ),
            Err(LifecycleError::NotAllowed { .. })
        ),
        "no clock runs while a written request is awaited"
    );
    assert_eq!(
        extend(
            in_review,
            Right::Access,
            chrono::NaiveDate::MAX,
            chrono::NaiveDate::MAX
        ),
        Err(LifecycleError::DueDateOutOfRange),
        "the end of the calendar is an error, not a panic"
    );
}

#[test]
fn the_decisions_open_follow_the_lifecycle() {
    use desk_core::lifecycle::decisions_open;
    let verified = Case {
        status: RequestStatus::Verified,
        ..Case::received()
    };
    assert_eq!(
        decisions_open(verified),
        vec![Step::Grant, Step::Extend, Step::DraftDenial],
        "a verified request begins review when decided, so every decision is open"
    );
    let extended = Case {
        status: RequestStatus::Extended,
        extended: true,
        ..Case::received()
    };
    assert_eq!(
        decisions_open(extended),
        vec![Step::Grant, Step::DraftDenial],
        "the one extension is used"
    );
    assert_eq!(
        decisions_open(Case::received()),
        vec![Step::Extend],
        "before verification only the extension is open: nothing is decided yet"
    );
}

#[test]
fn a_request_waits_for_the_office_until_its_answer_goes_out() {
    use desk_core::lifecycle::waits_for_office;
    use desk_core::request::RequestStatus as S;
    for s in [
        S::Received,
        S::Verified,
        S::InReview,
        S::Extended,
        S::PendingApproval,
        S::Decided,
        S::UnderReview,
    ] {
        assert!(waits_for_office(s), "{s:?} waits for the office");
    }
    for s in [S::LetterSent, S::Closed, S::Withdrawn] {
        assert!(!waits_for_office(s), "{s:?} does not wait");
    }
}

#[test]
fn a_case_ends_closed_or_withdrawn_and_reopens_where_it_stood() {
    use desk_core::lifecycle::endings_open;
    use desk_core::request::RequestStatus as S;
    use Step::*;
    let answered = run(&[Verify, BeginReview, Grant, SendLetter]).expect("answered");
    assert_eq!(
        endings_open(answered, S::LetterSent),
        vec![Close, Withdraw],
        "an answered case closes"
    );
    let waiting = run(&[Verify]).expect("verified");
    assert_eq!(
        endings_open(waiting, S::Verified),
        vec![Withdraw],
        "a case that waits for its answer cannot be closed, only withdrawn"
    );
    assert_eq!(
        advance(waiting, &Close),
        Err(LifecycleError::NotAllowed {
            status: S::Verified,
            step: "close"
        })
    );
    let withdrawn = advance(waiting, &Withdraw).expect("withdrawn");
    assert_eq!(
        endings_open(withdrawn, S::Verified),
        vec![Reopen { to: S::Verified }]
    );
    let back = advance(withdrawn, &Reopen { to: S::Verified }).expect("reopened");
    assert_eq!(back.status, S::Verified, "back where it stood");
    let closed = advance(answered, &Close).expect("closed");
    assert_eq!(
        advance(closed, &Reopen { to: S::LetterSent })
            .expect("reopened")
            .status,
        S::LetterSent
    );
    for to in [S::Closed, S::Withdrawn] {
        assert!(
            advance(closed, &Reopen { to }).is_err(),
            "reopening never lands on an ended status ({to:?})"
        );
    }
    assert!(
        advance(answered, &Reopen { to: S::Verified }).is_err(),
        "only an ended case reopens"
    );
}

#[test]
fn an_unverified_contact_waits_for_its_written_request_off_the_office_list() {
    use desk_core::lifecycle::waits_for_office;
    use desk_core::request::RequestStatus as S;
    use Step::*;
    let asked = run(&[AskForWrittenRequest]).expect("asked to write");
    assert_eq!(asked.status, S::AwaitingWrittenRequest);
    assert!(!waits_for_office(asked.status), "it waits for the person");
    assert!(
        advance(asked, &Verify).is_err(),
        "nothing to verify before it comes"
    );
    let written = advance(asked, &WrittenRequestReceived).expect("came");
    assert_eq!(written.status, S::Received);
    assert_eq!(
        advance(written, &Verify).expect("verified").status,
        S::Verified
    );
    assert_eq!(
        advance(asked, &Close).expect("never written for").status,
        S::Closed
    );
    assert_eq!(
        run(&[RouteToCountyAttorney]).expect("routed").status,
        S::Closed,
        "legal process leaves the office for the County Attorney"
    );
    assert_eq!(
        run(&[Verify, RouteToCountyAttorney])
            .expect("routed")
            .status,
        S::Closed
    );
    assert!(
        run(&[Verify, BeginReview, Grant, RouteToCountyAttorney]).is_err(),
        "not once something is decided"
    );
}

#[test]
fn the_privacy_official_decides_restrictions_and_confidential_communications() {
    use desk_core::lifecycle::{approve_step, decided_by_privacy_official, draft_step};
    use desk_core::request::RequestKind as K;
    use Step::*;
    for kind in [K::Restriction, K::ConfidentialCommunication] {
        assert!(decided_by_privacy_official(kind), "{kind:?}");
        assert_eq!(draft_step(kind, false, Role::Staff), DraftForApproval);
        assert_eq!(
            draft_step(kind, false, Role::PrivacyOfficial),
            Grant,
            "her own decision stands at once"
        );
        assert_eq!(draft_step(kind, true, Role::PrivacyOfficial), DraftDenial);
    }
    for kind in [K::Access, K::Amendment, K::Accounting] {
        assert!(!decided_by_privacy_official(kind), "{kind:?}");
        assert_eq!(draft_step(kind, false, Role::Staff), Grant);
        assert_eq!(draft_step(kind, true, Role::Staff), DraftDenial);
    }
    // Staff record an agreement: it waits; staff cannot approve it; she can, and the request
    // is decided, not denied. Sent back, it returns to review.
    let pending = run(&[Verify, BeginReview, DraftForApproval]).expect("drafted");
    assert_eq!(pending.status, RequestStatus::PendingApproval);
    assert_eq!(
        advance(pending, &approve_step(false, Role::Staff)),
        Err(LifecycleError::NotPrivacyOfficial)
    );
    let decided =
        advance(pending, &approve_step(false, Role::PrivacyOfficial)).expect("she approves");
    assert_eq!(decided.status, RequestStatus::Decided);
    assert!(!decided.denied, "an agreement approved is no denial");
    assert_eq!(
        advance(
            pending,
            &ReturnDenial {
                by: Role::PrivacyOfficial
            }
        )
        .expect("sent back")
        .status,
        RequestStatus::InReview
    );
    let denied = advance(
        run(&[Verify, BeginReview, DraftDenial]).expect("drafted"),
        &approve_step(true, Role::PrivacyOfficial),
    )
    .expect("approved");
    assert!(denied.denied);
    assert!(
        matches!(
            advance(Case::received(), &DraftForApproval),
            Err(LifecycleError::NotAllowed { .. })
        ),
        "nothing is decided before verification"
    );
}
