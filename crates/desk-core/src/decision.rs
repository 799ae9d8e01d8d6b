//! Decisions on requests: what the plan decided about an access, amendment or restriction
//! request. Each decision is the input of a response letter (see `letter`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How copies are given to the person (45 CFR 164.524(c)(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Paper,
    Electronic,
}

impl Format {
    /// "paper" / "electronic", for sentences.
    pub fn as_words(self) -> &'static str {
        match self {
            Format::Paper => "paper",
            Format::Electronic => "electronic",
        }
    }
}

/// The one 30-day extension of the answer period: the reason and the new date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// Why the plan needs more time, in plain words.
    pub reason: String,
    /// The date by which the plan will answer.
    pub respond_by: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// Access (inspect / copy), 45 CFR 164.524
// ---------------------------------------------------------------------------------------------

/// The plan's answer to a request to inspect or copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessDecision {
    Grant(AccessGrant),
    Extension(Extension),
    Denial(AccessDenial),
}

/// Access granted: how and when, in which format, and for what fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessGrant {
    /// How access is given ("Copies will be mailed to you", "You may inspect the records at …").
    pub access: String,
    pub format: Format,
    /// From when the records are available.
    pub available_on: NaiveDate,
    /// The cost-based fee, in cents (0 when free).
    pub fee_cents: u64,
}

/// Access denied, wholly or in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessDenial {
    /// At least one ground.
    pub grounds: Vec<AccessDenialGround>,
    /// The basis in the plan's own words.
    pub explanation: String,
    /// For a partial denial: the information that is released.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<String>,
    /// When the plan does not hold the records but knows who does: where to send the request
    /// (the holder's name, then its address, one line each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_by: Option<String>,
    /// For a partial denial: the information that is denied (the grounds are for this part).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

impl AccessDenial {
    /// A denial can be reviewed when any of its grounds can (164.524(a)(3)).
    pub fn is_reviewable(&self) -> bool {
        self.grounds.iter().any(|g| g.is_reviewable())
    }
}

/// Grounds for denying access (164.524(a)(2) unreviewable, 164.524(a)(3) reviewable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessDenialGround {
    PsychotherapyNotes,
    LegalProceedings,
    Inmate,
    Research,
    PrivacyAct,
    ConfidentialSource,
    Endangerment,
    HarmToOtherPerson,
    RepresentativeHarm,
}

impl AccessDenialGround {
    pub const ALL: [AccessDenialGround; 9] = [
        AccessDenialGround::PsychotherapyNotes,
        AccessDenialGround::LegalProceedings,
        AccessDenialGround::Inmate,
        AccessDenialGround::Research,
        AccessDenialGround::PrivacyAct,
        AccessDenialGround::ConfidentialSource,
        AccessDenialGround::Endangerment,
        AccessDenialGround::HarmToOtherPerson,
        AccessDenialGround::RepresentativeHarm,
    ];

    /// The wire code (`psychotherapy_notes`, …).
    pub fn code(self) -> &'static str {
        match self {
            AccessDenialGround::PsychotherapyNotes => "psychotherapy_notes",
            AccessDenialGround::LegalProceedings => "legal_proceedings",
            AccessDenialGround::Inmate => "inmate",
            AccessDenialGround::Research => "research",
            AccessDenialGround::PrivacyAct => "privacy_act",
            AccessDenialGround::ConfidentialSource => "confidential_source",
            AccessDenialGround::Endangerment => "endangerment",
            AccessDenialGround::HarmToOtherPerson => "harm_to_other_person",
            AccessDenialGround::RepresentativeHarm => "representative_harm",
        }
    }

    /// The ground for a wire code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Reviewable grounds: a licensed health care professional's judgement (164.524(a)(3)).
    pub fn is_reviewable(self) -> bool {
        matches!(
            self,
            AccessDenialGround::Endangerment
                | AccessDenialGround::HarmToOtherPerson
                | AccessDenialGround::RepresentativeHarm
        )
    }

    /// The basis in plain words, as it appears in the denial letter.
    pub fn description(self) -> &'static str {
        match self {
            AccessDenialGround::PsychotherapyNotes => {
                "The records are psychotherapy notes, which the law does not give a right to inspect or copy."
            }
            AccessDenialGround::LegalProceedings => {
                "The information was compiled in reasonable anticipation of, or for use in, a civil, criminal or administrative action or proceeding."
            }
            AccessDenialGround::Inmate => {
                "You are an inmate of a correctional institution, and giving you a copy would put at risk the health, safety, security, custody or rehabilitation of you, other inmates, or the safety of officers, employees or others at the institution."
            }
            AccessDenialGround::Research => {
                "The information was created or obtained in the course of research that includes treatment; you agreed to a pause in access while the research is in progress, and access will be restored when it is completed."
            }
            AccessDenialGround::PrivacyAct => {
                "The records are subject to the federal Privacy Act, 5 U.S.C. 552a, and that Act permits the denial."
            }
            AccessDenialGround::ConfidentialSource => {
                "The information was obtained from someone other than a health care provider under a promise of confidentiality, and access would be reasonably likely to reveal who that person is."
            }
            AccessDenialGround::Endangerment => {
                "A licensed health care professional has determined that access is reasonably likely to endanger the life or physical safety of you or another person."
            }
            AccessDenialGround::HarmToOtherPerson => {
                "The information refers to another person, and a licensed health care professional has determined that access is reasonably likely to cause substantial harm to that person."
            }
            AccessDenialGround::RepresentativeHarm => {
                "The request was made by a personal representative, and a licensed health care professional has determined that access by that representative is reasonably likely to cause substantial harm to you or another person."
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Amendment, 45 CFR 164.526
// ---------------------------------------------------------------------------------------------

/// The plan's answer to a request to correct or amend a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentDecision {
    Grant(AmendmentGrant),
    Extension(Extension),
    Denial(AmendmentDenial),
}

/// Amendment accepted: the record will be amended and these people told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentGrant {
    /// People the individual named, and those known to rely on the old information.
    pub notify: Vec<Addressee>,
}

/// A name and postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    pub name: String,
    #[serde(default)]
    pub address: Vec<String>,
}

/// Amendment denied, wholly or in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentDenial {
    /// At least one ground.
    pub grounds: Vec<AmendmentDenialGround>,
    /// The basis in the plan's own words.
    pub explanation: String,
}

/// Grounds for denying an amendment (164.526(a)(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentDenialGround {
    NotCreatedByPlan,
    NotInRecordSet,
    NotAvailableForInspection,
    AccurateAndComplete,
}

impl AmendmentDenialGround {
    pub const ALL: [AmendmentDenialGround; 4] = [
        AmendmentDenialGround::NotCreatedByPlan,
        AmendmentDenialGround::NotInRecordSet,
        AmendmentDenialGround::NotAvailableForInspection,
        AmendmentDenialGround::AccurateAndComplete,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AmendmentDenialGround::NotCreatedByPlan => "not_created_by_plan",
            AmendmentDenialGround::NotInRecordSet => "not_in_record_set",
            AmendmentDenialGround::NotAvailableForInspection => "not_available_for_inspection",
            AmendmentDenialGround::AccurateAndComplete => "accurate_and_complete",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The basis in plain words, as it appears in the denial letter.
    pub fn description(self) -> &'static str {
        match self {
            AmendmentDenialGround::NotCreatedByPlan => {
                "The information was not created by the Plan, and the person or organization that created it is still available to act on your request."
            }
            AmendmentDenialGround::NotInRecordSet => {
                "The information is not part of the designated record set the Plan keeps about you."
            }
            AmendmentDenialGround::NotAvailableForInspection => {
                "The information is not information that you have a right to inspect under the law."
            }
            AmendmentDenialGround::AccurateAndComplete => {
                "The Plan has reviewed the information and found it accurate and complete."
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Restriction, 45 CFR 164.522(a)
// ---------------------------------------------------------------------------------------------

/// The plan's answer to a request to restrict uses and disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestrictionDecision {
    Agreed(RestrictionAgreed),
    Denied(RestrictionDenied),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictionAgreed {
    /// The restriction as agreed, quoted in the letter.
    pub restriction: String,
    /// Business associates who will be told in writing.
    pub business_associates: Vec<String>,
    /// The questionnaire's answers (1–3) behind the wording, when recorded: the disclosure
    /// conflict check reads who must not receive the information from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<crate::restriction::RestrictionTerms>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictionDenied {
    pub reason: String,
}

// ---------------------------------------------------------------------------------------------
// Confidential communications, 45 CFR 164.522(b)
// ---------------------------------------------------------------------------------------------

/// The plan's answer to a request to be reached at another address or by other means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidentialCommunicationDecision {
    /// The plan will use the alternative address or means described.
    Accommodated {
        means: String,
        /// The alternate postal address every letter goes to while this is in force (empty
        /// when only the means change).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        alternate_address: Vec<String>,
        /// The person said disclosure could endanger them.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        endangerment: bool,
    },
    /// The plan cannot accommodate the request, and why (never when the person says disclosure
    /// could endanger them).
    Denied { reason: String },
}

// ---------------------------------------------------------------------------------------------
// Review of a reviewable access denial, 45 CFR 164.524(a)(4), (d)(4)
// ---------------------------------------------------------------------------------------------

/// The outcome of a review by a licensed health care professional who took no part in the
/// original denial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DenialReview {
    /// The reviewing professional's name and licence ("Dr. Lee Reviewer, MD").
    pub reviewer: String,
    /// The date of the original denial letter.
    pub denied_on: NaiveDate,
    pub outcome: ReviewOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// The denial stands, for the reason given.
    Upheld { explanation: String },
    /// The denial is reversed: access is given as described.
    Reversed(AccessGrant),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewable_grounds_are_the_three_professional_judgements() {
        let reviewable: Vec<_> = AccessDenialGround::ALL
            .into_iter()
            .filter(|g| g.is_reviewable())
            .map(|g| g.code())
            .collect();
        assert_eq!(
            reviewable,
            [
                "endangerment",
                "harm_to_other_person",
                "representative_harm"
            ]
        );
    }

    #[test]
    fn codes_round_trip() {
        for g in AccessDenialGround::ALL {
            assert_eq!(AccessDenialGround::from_code(g.code()), Some(g));
        }
        for g in AmendmentDenialGround::ALL {
            assert_eq!(AmendmentDenialGround::from_code(g.code()), Some(g));
        }
        assert_eq!(AccessDenialGround::from_code("nope"), None);
    }
}
