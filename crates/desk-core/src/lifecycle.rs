//! The life of a request: which moves are allowed from which state, the one extension, the
//! Privacy Official's approval of every denial, and review of a reviewable access denial by a
//! licensed health care professional who took no part in the decision (45 CFR 164.524(a)(4)).

use crate::clock::{self, Right};
use crate::person::Role;
use crate::request::RequestStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a request stands, with what its history allows next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub status: RequestStatus,
    /// The one extension was used.
    pub extended: bool,
    /// The decision is a denial (wholly or in part), approved by the Privacy Official.
    pub denied: bool,
    /// A review by a licensed professional was already done.
    pub reviewed: bool,
}

impl Case {
    /// A request just logged.
    pub fn received() -> Self {
        Case {
            status: RequestStatus::Received,
            extended: false,
            denied: false,
            reviewed: false,
        }
    }
}

/// A staff member or professional, by the identifier the store gives them.
pub type PersonId = String;

/// The professional the plan names to review a denial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    pub id: PersonId,
    /// A licensed health care professional.
    pub licensed: bool,
}

/// A move a user asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Step {
    /// Identity and authority verified.
    Verify,
    /// The requester could not be verified: the person is asked to send a written request,
    /// and the clock waits for it.
    AskForWrittenRequest,
    /// The written request came: the request is received again, its clock running from that
    /// day, and its requester is verified as any other.
    WrittenRequestReceived,
    /// Legal process (a subpoena, warrant or order) the Privacy Official sends to the County
    /// Attorney before anything is decided: the office's part ends there.
    RouteToCountyAttorney,
    /// Work on the answer begins.
    BeginReview,
    /// The one 30-day extension, noticed in writing. [`advance`] does not know the dates:
    /// callers that do use [`extend`], which also refuses a notice sent after the original due
    /// date.
    Extend,
    /// The request is granted.
    Grant,
    /// A staff member drafts a denial; it waits for the Privacy Official.
    DraftDenial,
    /// The Privacy Official approves the drafted denial.
    ApproveDenial { by: Role },
    /// The Privacy Official sends the drafted denial (or decision) back.
    ReturnDenial { by: Role },
    /// Staff record a decision the Privacy Official makes (a restriction agreed, a confidential
    /// communication accommodated: county policy gives both to her); it waits for her.
    DraftForApproval,
    /// The Privacy Official approves a decision drafted for her (not a denial).
    ApproveDecision { by: Role },
    /// The answer letter went out.
    SendLetter,
    /// The individual asks that a denial be reviewed. `reviewable` is
    /// `decision::AccessDenial::is_reviewable()`; `deciders` are everyone who took part in the
    /// first decision.
    RequestReview {
        reviewable: bool,
        reviewer: Reviewer,
        deciders: Vec<PersonId>,
    },
    /// The reviewer decided; the review letter is next.
    CompleteReview { upheld: bool },
    /// The case is closed: its answer went out and nothing more is owed.
    Close,
    /// The requester withdrew (for instance after hearing the accounting fee).
    Withdraw,
    /// A closed or withdrawn case is opened again, back to `to`: where it stood before it
    /// ended, as its record shows.
    Reopen { to: RequestStatus },
}

impl Step {
    pub fn as_str(&self) -> &'static str {
        match self {
            Step::Verify => "verify",
            Step::AskForWrittenRequest => "ask_for_written_request",
            Step::WrittenRequestReceived => "written_request_received",
            Step::RouteToCountyAttorney => "route_to_county_attorney",
            Step::BeginReview => "begin_review",
            Step::Extend => "extend",
            Step::Grant => "grant",
            Step::DraftDenial => "draft_denial",
            Step::ApproveDenial { .. } => "approve_denial",
            Step::ReturnDenial { .. } => "return_denial",
            Step::DraftForApproval => "draft_for_approval",
            Step::ApproveDecision { .. } => "approve_decision",
            Step::SendLetter => "send_letter",
            Step::RequestReview { .. } => "request_review",
            Step::CompleteReview { .. } => "complete_review",
            Step::Close => "close",
            Step::Withdraw => "withdraw",
            Step::Reopen { .. } => "reopen",
        }
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    #[error("status: cannot {step} a request that is {status:?}")]
    NotAllowed {
        status: RequestStatus,
        step: &'static str,
    },
    #[error("extension: the one extension was already used")]
    AlreadyExtended,
    #[error("approved_by: only the Privacy Official may approve or return a denial")]
    NotPrivacyOfficial,
    #[error("decision: only a denial can be reviewed")]
    NotDenied,
    #[error("decision: none of the denial's grounds is reviewable")]
    NotReviewable,
    #[error("reviewer: the reviewer took part in the original decision")]
    ReviewerTookPart,
    #[error("reviewer: the reviewer must be a licensed health care professional")]
    ReviewerNotLicensed,
    #[error("decision: the denial was already reviewed")]
    AlreadyReviewed,
    /// The extension notice went out after the original due date: it extends nothing.
    #[error(
        "extension_noticed_on: the notice must go out on or before the original due date, {due_on}"
    )]
    ExtensionLate { due_on: NaiveDate },
    /// The due date cannot be computed (a received date at the very end of the calendar).
    #[error("received_on: the due date falls outside the supported calendar")]
    DueDateOutOfRange,
}

impl LifecycleError {
    /// The field a form should mark.
    pub fn field(&self) -> &'static str {
        match self {
            LifecycleError::NotAllowed { .. } => "status",
            LifecycleError::AlreadyExtended => "extension",
            LifecycleError::NotPrivacyOfficial => "approved_by",
            LifecycleError::NotDenied
            | LifecycleError::NotReviewable
            | LifecycleError::AlreadyReviewed => "decision",
            LifecycleError::ReviewerTookPart | LifecycleError::ReviewerNotLicensed => "reviewer",
            LifecycleError::ExtensionLate { .. } => "extension_noticed_on",
            LifecycleError::DueDateOutOfRange => "received_on",
        }
    }
}

/// Is the request finished (no move but none)?
pub fn is_final(status: RequestStatus) -> bool {
    matches!(status, RequestStatus::Closed | RequestStatus::Withdrawn)
}

/// Does the request wait for the office? Not once its answer went out (a review the
/// individual asks for brings it back), nor while the person is asked to write, nor once closed
/// or withdrawn.
pub fn waits_for_office(status: RequestStatus) -> bool {
    !matches!(
        status,
        RequestStatus::LetterSent | RequestStatus::AwaitingWrittenRequest
    ) && !is_final(status)
}

/// Applies one move, or says why it is not allowed.
pub fn advance(case: Case, step: &Step) -> Result<Case, LifecycleError> {
    use RequestStatus as S;
    let refuse = || LifecycleError::NotAllowed {
        status: case.status,
        step: step.as_str(),
    };
    let to = |status: RequestStatus| Case { status, ..case };
    match (case.status, step) {
        (S::Received, Step::Verify) => Ok(to(S::Verified)),
        (S::Received, Step::AskForWrittenRequest) => Ok(to(S::AwaitingWrittenRequest)),
        (S::AwaitingWrittenRequest, Step::WrittenRequestReceived) => Ok(to(S::Received)),
        (S::Received | S::Verified, Step::RouteToCountyAttorney) => Ok(to(S::Closed)),
        (S::Verified, Step::BeginReview) => Ok(to(S::InReview)),
        (S::Verified | S::InReview, Step::Extend) => {
            if case.extended {
                Err(LifecycleError::AlreadyExtended)
            } else {
                Ok(Case {
                    status: S::Extended,
                    extended: true,
                    ..case
                })
            }
        }
        // The clock runs from receipt, so the one extension may be noticed before the
        // requester is verified; the request stays Received (it still needs verifying).
        (S::Received, Step::Extend) => {
            if case.extended {
                Err(LifecycleError::AlreadyExtended)
            } else {
                Ok(Case {
                    extended: true,
                    ..case
                })
            }
        }
        (S::Extended, Step::Extend) => Err(LifecycleError::AlreadyExtended),
        (S::InReview | S::Extended, Step::Grant) => Ok(Case {
            status: S::Decided,
            denied: false,
            ..case
        }),
        (S::InReview | S::Extended, Step::DraftDenial) => Ok(to(S::PendingApproval)),
        (S::PendingApproval, Step::ApproveDenial { by }) => match by {
            Role::PrivacyOfficial => Ok(Case {
                status: S::Decided,
                denied: true,
                ..case
            }),
            Role::Staff => Err(LifecycleError::NotPrivacyOfficial),
        },
        (S::InReview | S::Extended, Step::DraftForApproval) => Ok(to(S::PendingApproval)),
        (S::PendingApproval, Step::ApproveDecision { by }) => match by {
            Role::PrivacyOfficial => Ok(Case {
                status: S::Decided,
                denied: false,
                ..case
            }),
            Role::Staff => Err(LifecycleError::NotPrivacyOfficial),
        },
        (S::PendingApproval, Step::ReturnDenial { by }) => match by {
            Role::PrivacyOfficial => Ok(to(S::InReview)),
            Role::Staff => Err(LifecycleError::NotPrivacyOfficial),
        },
        (S::Decided, Step::SendLetter) => Ok(to(S::LetterSent)),
        (
            S::LetterSent,
            Step::RequestReview {
                reviewable,
                reviewer,
                deciders,
            },
        ) => {
            if !case.denied {
                Err(LifecycleError::NotDenied)
            } else if case.reviewed {
                Err(LifecycleError::AlreadyReviewed)
            } else if !reviewable {
                Err(LifecycleError::NotReviewable)
            } else if !reviewer.licensed {
                Err(LifecycleError::ReviewerNotLicensed)
            } else if deciders.iter().any(|d| d.trim() == reviewer.id.trim()) {
                Err(LifecycleError::ReviewerTookPart)
            } else {
                Ok(to(S::UnderReview))
            }
        }
        (S::UnderReview, Step::CompleteReview { upheld }) => Ok(Case {
            status: S::Decided,
            denied: *upheld,
            reviewed: true,
            ..case
        }),
        // Answered, or never written for: nothing more is owed.
        (S::LetterSent | S::AwaitingWrittenRequest, Step::Close) => Ok(to(S::Closed)),
        (status, Step::Withdraw) if !is_final(status) => Ok(to(S::Withdrawn)),
        (S::Closed | S::Withdrawn, Step::Reopen { to: back }) if !is_final(*back) => Ok(to(*back)),
        _ => Err(refuse()),
    }
}

/// Is an extension whose written notice goes out on `noticed_on` in time for a `right` received
/// on `received_on`? Only when the notice is on or before the original due date (the clock
/// rule of [`clock::deadline`]); a late notice extends nothing.
pub fn check_extension_notice(
    right: Right,
    received_on: NaiveDate,
    noticed_on: NaiveDate,
) -> Result<(), LifecycleError> {
    let due_on =
        clock::due_on(right, received_on).map_err(|_| LifecycleError::DueDateOutOfRange)?;
    match clock::extension_status(due_on, Some(noticed_on)) {
        clock::Extension::Valid => Ok(()),
        _ => Err(LifecycleError::ExtensionLate { due_on }),
    }
}

/// The [`Step::Extend`] move with its dates: allowed from the same states as [`advance`], once,
/// and only when the notice goes out on or before the original due date.
pub fn extend(
    case: Case,
    right: Right,
    received_on: NaiveDate,
    noticed_on: NaiveDate,
) -> Result<Case, LifecycleError> {
    let next = advance(case, &Step::Extend)?;
    check_extension_notice(right, received_on, noticed_on)?;
    Ok(next)
}

/// Does the Privacy Official make this kind of decision herself? County policy gives her
/// restrictions ("Requests for Restrictions") and confidential communications ("Requests for
/// Alternative Communication Means"): staff record the request and its answers, she decides.
pub fn decided_by_privacy_official(kind: crate::request::RequestKind) -> bool {
    use crate::request::RequestKind;
    matches!(
        kind,
        RequestKind::Restriction | RequestKind::ConfidentialCommunication
    )
}

/// The step that records a drafted decision: a denial waits for the Privacy Official
/// ([`Step::DraftDenial`]); so does any decision of a kind she makes, drafted by staff
/// ([`Step::DraftForApproval`]); any other stands at once ([`Step::Grant`]).
pub fn draft_step(kind: crate::request::RequestKind, is_denial: bool, by: Role) -> Step {
    if is_denial {
        Step::DraftDenial
    } else if decided_by_privacy_official(kind) && by != Role::PrivacyOfficial {
        Step::DraftForApproval
    } else {
        Step::Grant
    }
}

/// The step by which the Privacy Official approves what waits for her: a denial, or a
/// decision drafted for her.
pub fn approve_step(is_denial: bool, by: Role) -> Step {
    if is_denial {
        Step::ApproveDenial { by }
    } else {
        Step::ApproveDecision { by }
    }
}

/// The steps that end or reopen a case, open now: close (once answered, or while a written
/// request is awaited), withdraw (while not ended) and reopen (once ended, back to `before`:
/// where it stood when it ended).
pub fn endings_open(case: Case, before: RequestStatus) -> Vec<Step> {
    [Step::Close, Step::Withdraw, Step::Reopen { to: before }]
        .into_iter()
        .filter(|step| advance(case, step).is_ok())
        .collect()
}

/// The decisions a request can take now, in the order grant, extension, denial: the steps
/// [`advance`] allows from where it stands. A verified request begins review when a decision is
/// drafted, so its decisions are those of a request in review.
pub fn decisions_open(case: Case) -> Vec<Step> {
    let case = if case.status == RequestStatus::Verified {
        advance(case, &Step::BeginReview).unwrap_or(case)
    } else {
        case
    };
    [Step::Grant, Step::Extend, Step::DraftDenial]
        .into_iter()
        .filter(|step| advance(case, step).is_ok())
        .collect()
}
