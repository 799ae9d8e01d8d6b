//! The minimum-necessary standard (45 CFR 164.502(b); county policy §9): a disclosure gives
//! only what its purpose needs. The county lists its routine disclosures, made by giving only
//! what the function needs; every other disclosure is reviewed by the Privacy Official on its
//! own. The standard does not apply to disclosures to the individual, for treatment, under an
//! authorization, or required by law (a disclosure to the Secretary is logged as required by
//! law), and the logbook asks for no review of those.

use serde::{Deserialize, Serialize};

use crate::disclosure::Basis;

/// Who receives the county's routine disclosures.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineRecipient {
    MedicalPlan,
    PrescriptionPlan,
    EmployeeAssistance,
    DentalPlan,
    VisionPlan,
    ReciprocalPlan,
    Auditor,
    Attorney,
}

impl RoutineRecipient {
    pub const ALL: [RoutineRecipient; 8] = [
        RoutineRecipient::MedicalPlan,
        RoutineRecipient::PrescriptionPlan,
        RoutineRecipient::EmployeeAssistance,
        RoutineRecipient::DentalPlan,
        RoutineRecipient::VisionPlan,
        RoutineRecipient::ReciprocalPlan,
        RoutineRecipient::Auditor,
        RoutineRecipient::Attorney,
    ];

    /// As the logbook prints it.
    pub fn label(self) -> &'static str {
        match self {
            RoutineRecipient::MedicalPlan => "the medical plan",
            RoutineRecipient::PrescriptionPlan => "the prescription plan",
            RoutineRecipient::EmployeeAssistance => "the employee assistance program",
            RoutineRecipient::DentalPlan => "the dental plan",
            RoutineRecipient::VisionPlan => "the vision plan",
            RoutineRecipient::ReciprocalPlan => "a reciprocal plan",
            RoutineRecipient::Auditor => "the plan's auditors",
            RoutineRecipient::Attorney => "the plan's attorneys",
        }
    }
}

/// What a routine disclosure is for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineFunction {
    Enrolment,
    Audit,
    ClaimResolution,
    IdCards,
    Eligibility,
    LegalRequest,
}

impl RoutineFunction {
    pub const ALL: [RoutineFunction; 6] = [
        RoutineFunction::Enrolment,
        RoutineFunction::Audit,
        RoutineFunction::ClaimResolution,
        RoutineFunction::IdCards,
        RoutineFunction::Eligibility,
        RoutineFunction::LegalRequest,
    ];

    /// As the logbook prints it.
    pub fn label(self) -> &'static str {
        match self {
            RoutineFunction::Enrolment => "enrolment",
            RoutineFunction::Audit => "an audit",
            RoutineFunction::ClaimResolution => "resolving a claim",
            RoutineFunction::IdCards => "ID cards",
            RoutineFunction::Eligibility => "eligibility",
            RoutineFunction::LegalRequest => "a legal request",
        }
    }
}

/// How a logged disclosure meets the standard.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinimumNecessary {
    /// One of the county's routine disclosures: only what the function needs was given.
    Routine {
        recipient: RoutineRecipient,
        function: RoutineFunction,
    },
    /// Not on the county's list: the Privacy Official reviews it on its own.
    Reviewed,
}

impl MinimumNecessary {
    /// As the logbook prints it ("Routine: the dental plan, for eligibility").
    pub fn label(self) -> String {
        match self {
            MinimumNecessary::Routine {
                recipient,
                function,
            } => format!("Routine: {}, for {}", recipient.label(), function.label()),
            MinimumNecessary::Reviewed => "Reviewed by the Privacy Official".to_owned(),
        }
    }
}

/// Does the standard apply to a disclosure on this basis? Not to the individual, for
/// treatment, under an authorization, or required by law (164.502(b)(2)).
pub fn applies(basis: Basis) -> bool {
    !matches!(
        basis,
        Basis::ToIndividual | Basis::Treatment | Basis::Authorization | Basis::RequiredByLaw
    )
}

/// Why a disclosure's minimum-necessary marking cannot stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MinimumNecessaryError {
    #[error("minimum_necessary: say whether it is one of the county's routine disclosures, or one the Privacy Official reviews")]
    Missing,
    #[error("minimum_necessary: the standard does not apply to a disclosure on this basis, so it needs no marking or review")]
    NotApplicable,
    #[error("minimum_necessary: a business associate answers for the minimum necessary in its own disclosures, so the Plan records no marking or review")]
    ByAssociate,
}

impl MinimumNecessaryError {
    /// The field a form should mark.
    pub fn field(&self) -> &'static str {
        "minimum_necessary"
    }
}

/// A disclosure on `basis` with its marking: one is needed exactly when the standard applies.
pub fn check(basis: Basis, marking: Option<MinimumNecessary>) -> Result<(), MinimumNecessaryError> {
    match (applies(basis), marking) {
        (true, None) => Err(MinimumNecessaryError::Missing),
        (false, Some(_)) => Err(MinimumNecessaryError::NotApplicable),
        _ => Ok(()),
    }
}

/// [`check`] for a disclosure made by the plan, or (`by_associate`) by a business associate on
/// its behalf: the associate applies the standard to its own disclosures under its agreement
/// (164.502(b), 164.504(e)(2)), so the plan's logbook carries no marking for them and nothing
/// waits for the Privacy Official's review.
pub fn check_made(
    basis: Basis,
    marking: Option<MinimumNecessary>,
    by_associate: bool,
) -> Result<(), MinimumNecessaryError> {
    match (by_associate, marking) {
        (true, Some(_)) => Err(MinimumNecessaryError::ByAssociate),
        (true, None) => Ok(()),
        (false, _) => check(basis, marking),
    }
}

/// Does the disclosure wait for the Privacy Official's review?
pub fn needs_review(marking: Option<MinimumNecessary>) -> bool {
    marking == Some(MinimumNecessary::Reviewed)
}
