//! People: plan participants, their dependents' coverage, and who is asking.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A participant's employment status with the county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EmploymentStatus {
    Active,
    Terminated { on: NaiveDate },
    Retiree { since: Option<NaiveDate> },
}

/// How a dependent is related to the covered participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relationship {
    Spouse,
    Child,
    Other,
}

/// Who is asking the office for something.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RequesterRole {
    /// The participant themself.
    Individual,
    /// A parent asking for a minor child's records.
    Parent,
    /// Power of attorney, guardian, executor.
    PersonalRepresentative,
    PublicOfficial,
    /// Anyone else, holding the individual's authorization.
    ThirdParty,
}

impl RequesterRole {
    /// Whether the requester must state the authority they act under: a personal
    /// representative (power of attorney, guardianship, letters of administration) and a public
    /// official (the agency and the legal authority for the request, 164.514(h)(2)(ii)).
    pub fn states_authority(self) -> bool {
        matches!(self, Self::PersonalRepresentative | Self::PublicOfficial)
    }
}

/// How a request reached the office.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    InPerson,
    Telephone,
    Mail,
    Fax,
}

/// A staff member's role in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Intake, verification, drafting.
    Staff,
    /// Approves denials, keeps the logs, signs letters, manages users and settings.
    PrivacyOfficial,
}

/// Is someone born on `born` a minor (under 18) on `on`?
pub fn is_minor(born: NaiveDate, on: NaiveDate) -> bool {
    let eighteenth = chrono::Months::new(18 * 12);
    match born.checked_add_months(eighteenth) {
        Some(adult_on) => on < adult_on,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn minor_until_the_eighteenth_birthday() {
        for (born, on, minor) in [
            ("2007-06-01", "2025-05-31", true),
            ("2007-06-01", "2025-06-01", false),
            // Born on a leap day: adult on 28 February of the eighteenth year.
            ("2008-02-29", "2026-02-27", true),
            ("2008-02-29", "2026-02-28", false),
        ] {
            assert_eq!(is_minor(d(born), d(on)), minor, "born {born}, on {on}");
        }
    }
}
