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
