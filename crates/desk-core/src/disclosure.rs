//! The disclosure logbook: what each logged disclosure was, its legal basis, whether that basis is
//! ever accounted for (45 CFR 164.528(a)(1)), and summaries of repeated disclosures.

use crate::authorization::normalized;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The legal basis of a disclosure. The first ten are never listed in an accounting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Basis {
    // Never accounted (164.528(a)(1)(i)–(ix)).
    Treatment,
    Payment,
    Operations,
    ToIndividual,
    Incidental,
    Authorization,
    NationalSecurity,
    CorrectionalCustody,
    LimitedDataSet,
    /// 164.510: the facility directory, persons involved in the individual's care or payment
    /// for it, and notification (164.528(a)(1)(v)).
    InvolvementInCare,
    // Accounted: 164.512 disclosures without authorization, and impermissible ones.
    RequiredByLaw,
    Judicial,
    LawEnforcement,
    PublicHealth,
    HealthOversight,
    AbuseNeglect,
    Decedent,
    OrganDonation,
    Research,
    SeriousThreat,
    WorkersCompensation,
    /// A disclosure the Privacy Rule did not permit: it must be accounted (164.528(a)).
    Impermissible,
}

impl Basis {
    /// Every basis, never-accounted ones first, in the order of CLI.md.
    pub const ALL: [Basis; 22] = [
        Basis::Treatment,
        Basis::Payment,
        Basis::Operations,
        Basis::ToIndividual,
        Basis::Incidental,
        Basis::Authorization,
        Basis::NationalSecurity,
        Basis::CorrectionalCustody,
        Basis::LimitedDataSet,
        Basis::InvolvementInCare,
        Basis::RequiredByLaw,
        Basis::Judicial,
        Basis::LawEnforcement,
        Basis::PublicHealth,
        Basis::HealthOversight,
        Basis::AbuseNeglect,
        Basis::Decedent,
        Basis::OrganDonation,
        Basis::Research,
        Basis::SeriousThreat,
        Basis::WorkersCompensation,
        Basis::Impermissible,
    ];

    /// Must a disclosure on this basis appear in an accounting?
    pub fn is_accounted(self) -> bool {
        !matches!(
            self,
            Basis::Treatment
                | Basis::Payment
                | Basis::Operations
                | Basis::ToIndividual
                | Basis::Incidental
                | Basis::Authorization
                | Basis::NationalSecurity
                | Basis::CorrectionalCustody
                | Basis::LimitedDataSet
                | Basis::InvolvementInCare
        )
    }

    /// A disclosure permitted by 164.512 (uses and disclosures for which neither an
    /// authorization nor an opportunity to agree or object is required). A disclosure to the
    /// Secretary (164.502(a)(2)(ii)) is one required by law, logged as `required_by_law`.
    pub fn is_under_164_512(self) -> bool {
        matches!(
            self,
            Basis::RequiredByLaw
                | Basis::Judicial
                | Basis::LawEnforcement
                | Basis::PublicHealth
                | Basis::HealthOversight
                | Basis::AbuseNeglect
                | Basis::Decedent
                | Basis::OrganDonation
                | Basis::Research
                | Basis::SeriousThreat
                | Basis::WorkersCompensation
                // Specialized government functions: 164.512(k)(2) and (k)(5).
                | Basis::NationalSecurity
                | Basis::CorrectionalCustody
        )
    }

    /// Can a suspension statement hold it back? Only a health oversight agency's or a law
    /// enforcement official's (164.528(a)(2)), for their own disclosures.
    pub fn may_be_suspended(self) -> bool {
        matches!(self, Basis::HealthOversight | Basis::LawEnforcement)
    }

    /// The name used on the wire (CLI.md).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Treatment => "treatment",
            Basis::Payment => "payment",
            Basis::Operations => "operations",
            Basis::ToIndividual => "to_individual",
            Basis::Incidental => "incidental",
            Basis::Authorization => "authorization",
            Basis::NationalSecurity => "national_security",
            Basis::CorrectionalCustody => "correctional_custody",
            Basis::LimitedDataSet => "limited_data_set",
            Basis::InvolvementInCare => "involvement_in_care",
            Basis::RequiredByLaw => "required_by_law",
            Basis::Judicial => "judicial",
            Basis::LawEnforcement => "law_enforcement",
            Basis::PublicHealth => "public_health",
            Basis::HealthOversight => "health_oversight",
            Basis::AbuseNeglect => "abuse_neglect",
            Basis::Decedent => "decedent",
            Basis::OrganDonation => "organ_donation",
            Basis::Research => "research",
            Basis::SeriousThreat => "serious_threat",
            Basis::WorkersCompensation => "workers_compensation",
            Basis::Impermissible => "impermissible",
        }
    }
}

/// One entry of the disclosure logbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    pub id: String,
    pub on: NaiveDate,
    /// The recipient's name; may be empty when unknown. Suspensions match on it.
    pub recipient: String,
    /// The recipient's address, when known (printed beside the name, never matched).
    #[serde(default)]
    pub recipient_address: String,
    pub description: String,
    /// The purpose, or a reference to the written request.
    pub purpose: String,
    pub basis: Basis,
    /// A copy of the written request for the disclosure is kept with it: with no purpose
    /// written, the accounting encloses the copy instead (164.528(b)(2)(iv)).
    #[serde(default)]
    pub written_request_copy: bool,
    /// Made on the plan's behalf by a business associate (164.528(b)(1)): the associate as the
    /// accounting names it (the associate's `described` name); `None` for the plan's own.
    #[serde(default)]
    pub by_associate: Option<String>,
}

/// Repeated disclosures to one recipient for one purpose, summarised as 164.528(b)(3) allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatedDisclosures {
    /// The recipient and purpose as written on the first of them.
    pub recipient: String,
    pub purpose: String,
    /// The id and date of the first.
    pub first_id: String,
    pub first_on: NaiveDate,
    /// How many there were, the first included.
    pub count: usize,
    pub last_on: NaiveDate,
}

/// Groups disclosures by who made them (the plan, or one business associate), recipient and
/// purpose (ignoring case and spacing). Groups are ordered by their first date (ties by input
/// order); within a group the earliest entry is the first. A disclosure with a blank purpose
/// (logged with a copy of the written request instead) shares no purpose with another, so it
/// is never grouped.
pub fn repeated(disclosures: &[Disclosure]) -> Vec<RepeatedDisclosures> {
    let mut order: Vec<&Disclosure> = disclosures.iter().collect();
    order.sort_by_key(|d| d.on);
    let mut groups: Vec<(String, String, RepeatedDisclosures)> = Vec::new();
    for d in order {
        let by = d
            .by_associate
            .as_deref()
            .map(normalized)
            .unwrap_or_default();
        let key = (
            format!("{by}\u{0}{}", normalized(&d.recipient)),
            normalized(&d.purpose),
        );
        let alone = key.1.is_empty();
        match groups
            .iter_mut()
            .find(|(r, p, _)| !alone && *r == key.0 && *p == key.1)
        {
            Some((_, _, group)) => {
                group.count += 1;
                group.last_on = group.last_on.max(d.on);
            }
            None => groups.push((
                key.0,
                key.1,
                RepeatedDisclosures {
                    recipient: d.recipient.clone(),
                    purpose: d.purpose.clone(),
                    first_id: d.id.clone(),
                    first_on: d.on,
                    count: 1,
                    last_on: d.on,
                },
            )),
        }
    }
    groups.into_iter().map(|(_, _, g)| g).collect()
}
