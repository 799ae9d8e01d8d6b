//! Requests the office answers: their kinds and the states they move through.

use serde::{Deserialize, Serialize};

/// What the person asks for (45 CFR 164.522–164.530).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequestKind {
    /// Inspect or copy (164.524).
    Access,
    /// Correct or amend (164.526).
    Amendment,
    /// Accounting of disclosures (164.528).
    Accounting,
    /// Restriction of uses and disclosures (164.522(a)).
    Restriction,
    /// Confidential communications (164.522(b)).
    ConfidentialCommunication,
    /// Complaint (164.530(d)).
    Complaint,
}

/// Where a request stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequestStatus {
    Received,
    /// A contact the office could not verify (an unknown caller, SSN digits that did not
    /// match, a referral the Privacy Official refused): logged, and the person asked to write.
    /// No clock runs until the written request is received.
    AwaitingWrittenRequest,
    Verified,
    InReview,
    /// The one 30-day extension was noticed; the request is still being worked on.
    Extended,
    /// A denial drafted, waiting for the Privacy Official's approval.
    PendingApproval,
    Decided,
    LetterSent,
    /// A reviewable access denial is with a licensed health care professional for review.
    UnderReview,
    Closed,
    Withdrawn,
}

impl RequestStatus {
    /// Every status, in the order a case moves through them.
    pub const ALL: [RequestStatus; 11] = [
        RequestStatus::Received,
        RequestStatus::AwaitingWrittenRequest,
        RequestStatus::Verified,
        RequestStatus::InReview,
        RequestStatus::Extended,
        RequestStatus::PendingApproval,
        RequestStatus::Decided,
        RequestStatus::LetterSent,
        RequestStatus::UnderReview,
        RequestStatus::Closed,
        RequestStatus::Withdrawn,
    ];
}
