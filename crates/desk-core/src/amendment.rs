//! After an amendment is denied (45 CFR 164.526(d)): the individual's statement of
//! disagreement, the plan's rebuttal (a copy to the individual), or, without a statement, the
//! individual's request that the amendment request and denial go with future disclosures; and
//! what must then accompany every disclosure of the information the amendment concerns.

use serde::{Deserialize, Serialize};

/// One step of the dispute that follows a denied amendment.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStep {
    /// The individual's written statement of disagreement came.
    Disagreement,
    /// The plan's written rebuttal to the statement, a copy sent to the individual.
    Rebuttal,
    /// Without a statement: the individual asks that the amendment request and its denial go
    /// with future disclosures of the information.
    IncludeWithDisclosures,
}

/// What a denied amendment's dispute holds so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// The denial of the amendment went out (its letter was sent).
    pub denied: bool,
    pub disagreement: bool,
    pub rebuttal: bool,
    pub include_requested: bool,
}

/// Why a step is not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisputeError {
    #[error("status: only a denied amendment, its letter sent, has a dispute")]
    NotDenied,
    #[error("step: this was already recorded")]
    AlreadyRecorded,
    #[error("step: a rebuttal answers a statement of disagreement: none was filed")]
    NoDisagreement,
    #[error("step: a statement of disagreement was filed, so the amendment request and denial already go with every disclosure")]
    DisagreementFiled,
}

impl DisputeError {
    /// The field a form should mark.
    pub fn field(&self) -> &'static str {
        match self {
            DisputeError::NotDenied => "status",
            _ => "step",
        }
    }
}

/// Is `step` open on `dispute`?
pub fn check(dispute: Dispute, step: DisputeStep) -> Result<(), DisputeError> {
    if !dispute.denied {
        return Err(DisputeError::NotDenied);
    }
    match step {
        DisputeStep::Disagreement if dispute.disagreement => Err(DisputeError::AlreadyRecorded),
        DisputeStep::Disagreement => Ok(()),
        DisputeStep::Rebuttal if !dispute.disagreement => Err(DisputeError::NoDisagreement),
        DisputeStep::Rebuttal if dispute.rebuttal => Err(DisputeError::AlreadyRecorded),
        DisputeStep::Rebuttal => Ok(()),
        DisputeStep::IncludeWithDisclosures if dispute.disagreement => {
            Err(DisputeError::DisagreementFiled)
        }
        DisputeStep::IncludeWithDisclosures if dispute.include_requested => {
            Err(DisputeError::AlreadyRecorded)
        }
        DisputeStep::IncludeWithDisclosures => Ok(()),
    }
}

/// The steps open now, in the order disagreement, rebuttal, inclusion.
pub fn open_steps(dispute: Dispute) -> Vec<DisputeStep> {
    [
        DisputeStep::Disagreement,
        DisputeStep::Rebuttal,
        DisputeStep::IncludeWithDisclosures,
    ]
    .into_iter()
    .filter(|s| check(dispute, *s).is_ok())
    .collect()
}

/// What must go with a disclosure of the information the amendment concerns.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accompanying {
    AmendmentRequest,
    Denial,
    StatementOfDisagreement,
    Rebuttal,
}

/// With a statement of disagreement: the request, the denial, the statement and any rebuttal
/// (164.526(d)(5)(i)); without one, the request and the denial only if the individual asked
/// (164.526(d)(5)(ii)); otherwise nothing.
pub fn must_accompany(dispute: Dispute) -> Vec<Accompanying> {
    if !dispute.denied {
        return Vec::new();
    }
    if dispute.disagreement {
        let mut out = vec![
            Accompanying::AmendmentRequest,
            Accompanying::Denial,
            Accompanying::StatementOfDisagreement,
        ];
        if dispute.rebuttal {
            out.push(Accompanying::Rebuttal);
        }
        out
    } else if dispute.include_requested {
        vec![Accompanying::AmendmentRequest, Accompanying::Denial]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DENIED: Dispute = Dispute {
        denied: true,
        disagreement: false,
        rebuttal: false,
        include_requested: false,
    };

    #[test]
    fn the_steps_follow_the_rule() {
        assert_eq!(
            check(Dispute::default(), DisputeStep::Disagreement),
            Err(DisputeError::NotDenied)
        );
        assert_eq!(
            open_steps(DENIED),
            vec![
                DisputeStep::Disagreement,
                DisputeStep::IncludeWithDisclosures
            ]
        );
        assert_eq!(
            check(DENIED, DisputeStep::Rebuttal),
            Err(DisputeError::NoDisagreement)
        );
        let filed = Dispute {
            disagreement: true,
            ..DENIED
        };
        assert_eq!(open_steps(filed), vec![DisputeStep::Rebuttal]);
        assert_eq!(
            check(filed, DisputeStep::IncludeWithDisclosures),
            Err(DisputeError::DisagreementFiled)
        );
        let answered = Dispute {
            rebuttal: true,
            ..filed
        };
        assert!(open_steps(answered).is_empty());
    }

    #[test]
    fn what_goes_with_a_disclosure() {
        use Accompanying::*;
        assert!(
            must_accompany(DENIED).is_empty(),
            "nothing unless asked or filed"
        );
        let asked = Dispute {
            include_requested: true,
            ..DENIED
        };
        assert_eq!(must_accompany(asked), vec![AmendmentRequest, Denial]);
        let answered = Dispute {
            disagreement: true,
            rebuttal: true,
            ..DENIED
        };
        assert_eq!(
            must_accompany(answered),
            vec![AmendmentRequest, Denial, StatementOfDisagreement, Rebuttal]
        );
    }
}
