//! Wire types between the webview and the app (camelCase). TypeScript twins are generated into
//! ui/src/lib/bindings by ts-rs when this crate's tests run; CI fails on a difference.

use chrono::NaiveDate;
use desk_core::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A staff member's role, as the UI sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RoleView {
    Staff,
    PrivacyOfficial,
}

impl From<desk_core::person::Role> for RoleView {
    fn from(r: desk_core::person::Role) -> Self {
        match r {
            desk_core::person::Role::Staff => Self::Staff,
            desk_core::person::Role::PrivacyOfficial => Self::PrivacyOfficial,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: RoleView,
}

/// What the app shows before anything else.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    /// False on a fresh machine: the first-run screen.
    pub database_exists: bool,
    /// The organization's name, once someone is signed in.
    pub organization: Option<String>,
    pub user: Option<UserView>,
}

/// The organization profile as the first-run and settings forms send it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct OrganizationForm {
    pub name: String,
    pub plan_name: String,
    pub department: String,
    /// One address line per text line.
    pub address_lines: String,
    pub phone: String,
    pub fax: String,
    pub official_name: String,
    pub official_title: String,
    /// One business associate per line: `Name, address`.
    pub business_associates: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetupForm {
    pub organization: OrganizationForm,
    pub username: String,
    pub display_name: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
    #[ts(type = "string")]
    pub password_confirm: Sensitive<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetupResult {
    /// Shown once; also printable as the recovery sheet.
    pub recovery_code: String,
    pub user: UserView,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SignInForm {
    pub username: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
}

/// One open request on the dashboard.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DashboardRow {
    pub id: i64,
    /// `access`, `amendment`, … (desk_core::request::RequestKind in snake_case)
    pub kind: String,
    pub status: String,
    pub participant: String,
    pub received_on: NaiveDate,
    pub effective_due_on: Option<NaiveDate>,
    pub days_left: i64,
    pub overdue: bool,
    /// Five days or fewer left.
    pub due_soon: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KindCount {
    pub kind: String,
    pub open: u32,
    pub overdue: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Dashboard {
    pub rows: Vec<DashboardRow>,
    pub counts: Vec<KindCount>,
}

/// A participant or dependent found by the search.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantHit {
    pub id: i64,
    pub name: String,
    pub employee_id: Option<String>,
    pub date_of_birth: NaiveDate,
    /// `active`, `terminated`, `retiree`, or `dependent`
    pub status: String,
    /// For a dependent: the name of the participant whose coverage they are under.
    pub covered_under: Option<String>,
}
