//! The organization profile: letterhead, plan, Privacy Official and business associates.

use serde::{Deserialize, Serialize};

/// The county's letterhead and contacts, kept in the settings and printed on every letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// "Sample County"
    pub name: String,
    /// "Sample County Group Health Plan"
    pub plan_name: String,
    /// "Human Resources Department"
    pub department: String,
    /// Street lines then city/state/ZIP.
    pub address: Vec<String>,
    pub phone: String,
    pub fax: String,
    pub privacy_official: Official,
    /// Business associates told in writing of an agreed restriction.
    #[serde(default)]
    pub business_associates: Vec<BusinessAssociate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessAssociate {
    pub name: String,
    #[serde(default)]
    pub address: Vec<String>,
}
