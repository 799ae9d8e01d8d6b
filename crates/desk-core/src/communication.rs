//! Confidential communications (45 CFR 164.522(b)): deciding a request (it must be accommodated
//! when the person says disclosure could endanger them) and, while an accommodation is in force,
//! where every letter to that person is addressed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::decision::{Addressee, ConfidentialCommunicationDecision};

/// What the person asked for on the request form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunicationRequest {
    /// The alternate postal address, one line per entry (may be empty when only the means change).
    #[serde(default)]
    pub alternate_address: Vec<String>,
    /// Other means ("telephone only, at work"), when asked.
    #[serde(default)]
    pub alternate_means: String,
    /// The person said disclosure at the usual address or by the usual means could endanger them.
    pub endangerment: bool,
}

/// A decision that cannot stand, naming the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct CommunicationError {
    pub field: &'static str,
    pub problem: &'static str,
}

fn lines(address: &[String]) -> Vec<String> {
    address
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

impl CommunicationRequest {
    /// The accommodation in words, as the response letter quotes it.
    pub fn describe(&self) -> String {
        let address = lines(&self.alternate_address);
        let means = self.alternate_means.trim();
        match (address.is_empty(), means.is_empty()) {
            (false, true) => format!("By mail to: {}.", address.join(", ")),
            (true, false) => means.to_string(),
            (false, false) => format!("By mail to: {}. {}", address.join(", "), means),
            (true, true) => String::new(),
        }
    }
}

/// The plan's answer: accommodate, or explain why not. Refusing is not allowed when the person
/// says disclosure could endanger them (field `outcome`); an accommodation needs an address or
/// means (field `alternateAddress`); a refusal needs its reason (field `reason`).
pub fn decide(
    request: &CommunicationRequest,
    accommodate: bool,
    reason: &str,
) -> Result<ConfidentialCommunicationDecision, CommunicationError> {
    if accommodate {
        let means = request.describe();
        if means.is_empty() {
            return Err(CommunicationError {
                field: "alternateAddress",
                problem: "give the alternate address or means to use",
            });
        }
        Ok(ConfidentialCommunicationDecision::Accommodated {
            means,
            alternate_address: lines(&request.alternate_address),
            endangerment: request.endangerment,
        })
    } else if request.endangerment {
        Err(CommunicationError {
            field: "outcome",
            problem: "the person says disclosure could endanger them: the plan must accommodate the request",
        })
    } else if reason.trim().is_empty() {
        Err(CommunicationError {
            field: "reason",
            problem: "explain why the request cannot be accommodated",
        })
    } else {
        Ok(ConfidentialCommunicationDecision::Denied {
            reason: reason.trim().to_string(),
        })
    }
}

/// An accommodation as the log holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accommodation {
    pub id: i64,
    pub alternate_address: Vec<String>,
    pub alternate_means: String,
    pub accommodated: bool,
    pub decided_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// Why an accommodation cannot end as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndAccommodationError {
    #[error("ended_on: only an accommodation that was granted can end")]
    NotAccommodated,
    #[error("ended_on: the accommodation has already ended")]
    AlreadyEnded,
    #[error("ended_on: it can end from today on, never back-dated")]
    BackDated,
}

/// May `a` end on `ended_on`, asked `today`? Only a granted accommodation not yet ended, and
/// from today on: letters already sent to the alternate address stay where they went.
pub fn check_end(
    a: &Accommodation,
    ended_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), EndAccommodationError> {
    if !a.accommodated {
        Err(EndAccommodationError::NotAccommodated)
    } else if a.ended_on.is_some() {
        Err(EndAccommodationError::AlreadyEnded)
    } else if ended_on < today {
        Err(EndAccommodationError::BackDated)
    } else {
        Ok(())
    }
}

impl Accommodation {
    /// An accommodation (not a refusal) in force on `on`.
    pub fn in_force_on(&self, on: NaiveDate) -> bool {
        self.accommodated && self.decided_on <= on && self.ended_on.is_none_or(|end| on < end)
    }
}

/// Where the response to a confidential-communication request goes: an accommodation's own
/// response to the individual already goes to the alternate address it grants; anything else
/// goes to `usual`.
pub fn response_addressee(
    usual: &Addressee,
    to_the_individual: bool,
    decision: &crate::decision::ConfidentialCommunicationDecision,
) -> Addressee {
    match decision {
        crate::decision::ConfidentialCommunicationDecision::Accommodated {
            alternate_address,
            ..
        } if to_the_individual && !lines(alternate_address).is_empty() => Addressee {
            name: usual.name.clone(),
            address: lines(alternate_address),
        },
        _ => usual.clone(),
    }
}

/// Where a letter dated `on` goes. A letter to the individual themselves goes to the alternate
/// address of the newest accommodation in force that has one; a letter to someone acting for
/// them (a parent, a representative) goes to that person as usual.
pub fn addressee(
    usual: &Addressee,
    to_the_individual: bool,
    accommodations: &[Accommodation],
    on: NaiveDate,
) -> Addressee {
    if !to_the_individual {
        return usual.clone();
    }
    accommodations
        .iter()
        .filter(|a| a.in_force_on(on) && !lines(&a.alternate_address).is_empty())
        .max_by_key(|a| (a.decided_on, a.id))
        .map_or_else(
            || usual.clone(),
            |a| Addressee {
                name: usual.name.clone(),
                address: lines(&a.alternate_address),
            },
        )
}
