//! The disclosure logbook: what each logged disclosure was, its legal basis, whether that basis is
//! ever accounted for (45 CFR 164.528(a)(1)), and summaries of repeated disclosures.

use crate::authorization::normalized;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The legal basis of a disclosure. The first nine are never listed in an accounting.
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
    // Accounted (164.512 disclosures without authorization).
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
}

impl Basis {
    /// Every basis, never-accounted ones first, in the order of CLI.md.
    pub const ALL: [Basis; 20] = [
        Basis::Treatment,
        Basis::Payment,
        Basis::Operations,
        Basis::ToIndividual,
        Basis::Incidental,
        Basis::Authorization,
        Basis::NationalSecurity,
        Basis::CorrectionalCustody,
        Basis::LimitedDataSet,
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
        )
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
        }
    }
}

/// One entry of the disclosure logbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    pub id: String,
    pub on: NaiveDate,
    /// Name and address if known; may be empty when unknown.
    pub recipient: String,
    pub description: String,
    /// The purpose, or a reference to the written request.
    pub purpose: String,
    pub basis: Basis,
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

/// Groups disclosures by recipient and purpose (ignoring case and spacing). Groups are ordered
/// by their first date (ties by input order); within a group the earliest entry is the first.
pub fn repeated(disclosures: &[Disclosure]) -> Vec<RepeatedDisclosures> {
    let mut order: Vec<&Disclosure> = disclosures.iter().collect();
    order.sort_by_key(|d| d.on);
    let mut groups: Vec<(String, String, RepeatedDisclosures)> = Vec::new();
    for d in order {
        let key = (normalized(&d.recipient), normalized(&d.purpose));
        match groups
            .iter_mut()
            .find(|(r, p, _)| *r == key.0 && *p == key.1)
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
