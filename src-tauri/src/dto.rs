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
    #[ts(type = "number")]
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

/// The organization profile as the first-run and settings forms send it and show it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
    #[ts(type = "number")]
    pub id: i64,
    /// `access`, `amendment`, … (desk_core::request::RequestKind in snake_case)
    pub kind: String,
    pub status: String,
    pub participant: String,
    pub received_on: NaiveDate,
    pub effective_due_on: Option<NaiveDate>,
    #[ts(type = "number")]
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
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub employee_id: Option<String>,
    pub date_of_birth: NaiveDate,
    /// `active`, `terminated`, `retiree`, or `dependent`
    pub status: String,
    /// For a dependent: the name of the participant whose coverage they are under.
    pub covered_under: Option<String>,
}

/// What was seen or checked to verify a requester (county procedure §8), as the intake form
/// sends it. The SSN digits read out on the telephone are compared and never stored.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EvidenceForm {
    /// `individual`, `parent`, `personal_representative`, `public_official`, `third_party`
    pub role: String,
    /// `in_person`, `telephone`, `mail`, `fax`
    pub channel: String,
    pub received_on: NaiveDate,
    /// Whose records are asked for.
    #[ts(type = "number")]
    pub participant_id: i64,
    /// The requester when they are on file themselves (the participant, or a parent).
    #[ts(type = "number | null")]
    pub requester_participant_id: Option<i64>,
    /// `drivers_licence`, `passport`, `other_government`, or null when no photo ID was seen.
    pub photo_id_kind: Option<String>,
    pub photo_id_matches: bool,
    pub copy_filed: bool,
    /// The last four (or all nine) SSN digits the caller read out; compared, never stored.
    #[ts(type = "string | null")]
    pub ssn_digits: Option<Sensitive<String>>,
    pub origin_known: bool,
    /// `power_of_attorney`, `guardianship_order`, `letters_of_administration`, or null.
    pub representative_document: Option<String>,
    pub official_credentials: bool,
    pub government_letterhead: bool,
    pub statement_of_legal_authority: bool,
    /// `subpoena`, `warrant`, `court_order`, `other`, or null.
    pub legal_process: Option<String>,
    pub authorization_on_file: bool,
    pub doubt: bool,
    pub state_law_concern: bool,
}

/// One item of the verification checklist.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvidenceItem {
    /// desk_core::identity::Evidence in snake_case (`photo_id`, `ssn_match`, …)
    pub code: String,
    pub shown: bool,
}

/// desk-core's answer: is the requester verified, what is missing, who must step in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VerificationView {
    pub sufficient: bool,
    /// What this role and channel need, each marked shown or not.
    pub checklist: Vec<EvidenceItem>,
    /// `privacy_official`, `county_attorney`
    pub escalations: Vec<String>,
    /// `collect_evidence`, `ask_for_written_request`, `refer_to_privacy_official`, or null.
    pub next_step: Option<String>,
    /// Whether an SSN was given and matched the one on file (null when none was given).
    pub ssn_matched: Option<bool>,
    /// For a parent: whether the child is enrolled under the requester's coverage.
    pub dependent_enrolled: Option<bool>,
    /// For a parent: whether the child is under 18 on the date received.
    pub child_is_minor: Option<bool>,
}

/// A file the person picked (a scanned ID, a signed form), base64 in the JSON. Its kind is read
/// from the bytes by the store, never taken from the picker.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct UploadForm {
    pub file_name: String,
    pub base64: String,
}

/// Who is asking, when they are not the participant on file.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RequesterForm {
    pub name: String,
    pub organization: String,
    /// One address line per text line.
    pub address_lines: String,
    pub phone: String,
    /// A representative's or official's stated authority.
    pub authority: String,
}

/// The new-request wizard's answers, sent once at the end.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct IntakeForm {
    /// `access`, `amendment`, `accounting`, `restriction`, `confidential_communication`, `complaint`
    pub kind: String,
    /// Role, channel, date received, participant and what was seen.
    pub evidence: EvidenceForm,
    /// Null when the requester is the participant or a parent on file.
    pub requester: Option<RequesterForm>,
    /// What is asked for, in a few words (what records; what should change and why).
    pub details: String,
    /// The scanned ID or document, when one was taken.
    pub scan: Option<UploadForm>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IntakeResult {
    #[ts(type = "number")]
    pub request_id: i64,
    pub verification: VerificationView,
}

/// A verification as recorded.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VerificationRow {
    #[ts(type = "number")]
    pub id: i64,
    pub method: String,
    pub outcome: String,
    pub verified_by: String,
    #[ts(type = "string")]
    pub verified_at: chrono::DateTime<chrono::Utc>,
    pub note: String,
}

/// A decision as drafted, with its approval.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DecisionRow {
    #[ts(type = "number")]
    pub id: i64,
    /// `grant`, `extension`, `denial`
    pub outcome: String,
    /// In plain words, for the request page.
    pub summary: String,
    pub drafted_by: String,
    #[ts(type = "string")]
    pub drafted_at: chrono::DateTime<chrono::Utc>,
    /// A denial waits for the Privacy Official; grants and extensions need no approval.
    pub needs_approval: bool,
    pub approved_by: Option<String>,
    #[ts(type = "string | null")]
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A letter or form as stored: its hash proves what was sent.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LetterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub sha256: String,
    #[ts(type = "string")]
    pub rendered_at: chrono::DateTime<chrono::Utc>,
    /// `mail`, `in_person`, `email`, `fax`, or null until sent.
    pub delivery: Option<String>,
    pub sent_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
}

/// Everything the request page shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RequestPage {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub channel: String,
    pub requester_role: String,
    pub requester_name: String,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub participant_name: String,
    pub summary: String,
    pub received_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub effective_due_on: Option<NaiveDate>,
    pub extension_noticed_on: Option<NaiveDate>,
    /// While no extension was given and the first period runs.
    pub extension_available: bool,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub overdue: bool,
    pub verifications: Vec<VerificationRow>,
    pub decisions: Vec<DecisionRow>,
    pub letters: Vec<LetterRow>,
    pub attachments: Vec<AttachmentRow>,
    /// Whether the signed request form was received (scan attached).
    pub signed_form_received: bool,
    /// The decision kinds this request takes now (`grant`, `extension`, `denial`).
    pub decisions_open: Vec<String>,
}

/// A decision as the decision form sends it.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// `grant`, `extension`, `denial`
    pub outcome: String,
    /// Access grant: how and where access is given.
    pub access: String,
    /// Access grant: `paper` or `electronic`.
    pub format: String,
    /// Access grant: when the copies or the inspection are ready.
    pub available_on: Option<NaiveDate>,
    /// Access grant: the fee estimate in cents.
    pub fee_cents: Option<u32>,
    /// Amendment grant: the people to tell, one per line: `Name, address; more address`.
    pub notify: String,
    /// Extension: why more time is needed.
    pub reason: String,
    /// Denial: the grounds (desk-core codes).
    pub grounds: Vec<String>,
    /// Denial: the explanation in plain words.
    pub explanation: String,
}

/// A denial waiting for the Privacy Official.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApprovalRow {
    #[ts(type = "number")]
    pub decision_id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    pub kind: String,
    pub participant_name: String,
    pub summary: String,
    pub drafted_by: String,
    #[ts(type = "string")]
    pub drafted_at: chrono::DateTime<chrono::Utc>,
}

/// A PDF for the preview, and the stored letter it is (null for a form not kept).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LetterDone {
    #[ts(type = "number")]
    pub letter_id: i64,
    pub sha256: String,
    pub title: String,
}

/// The participant's page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParticipantPage {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub employee_id: Option<String>,
    pub date_of_birth: NaiveDate,
    pub status: String,
    pub address_lines: Vec<String>,
    pub phone: String,
    pub covered_under: Option<ParticipantHit>,
    pub dependents: Vec<ParticipantHit>,
    pub requests: Vec<DashboardRow>,
    /// The confidential communications on file, one line each in plain words (restrictions,
    /// authorizations and disclosures have their own registers on the page).
    pub confidential_communications: Vec<String>,
}

/// The settings a Privacy Official keeps.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsView {
    pub organization: OrganizationForm,
    pub idle_minutes: u32,
    pub has_signature_image: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct NewUserForm {
    pub username: String,
    pub display_name: String,
    pub role: RoleView,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UserRow {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: RoleView,
    pub active: bool,
}

// ---- restrictions, confidential communications, complaints, reports -------------

/// The decision on a restriction request: agree (with the questionnaire's answers 1–3) or deny.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RestrictionDecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// `agree` or `deny`
    pub outcome: String,
    /// 1) the information to be restricted.
    pub information: String,
    /// 2) how its use and disclosure is restricted.
    pub manner: String,
    /// 3) who must not receive it, one per line.
    pub not_disclosed_to: String,
    /// Deny: why the plan cannot agree.
    pub reason: String,
}

/// An agreed restriction in the register.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestrictionRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    pub wording: String,
    pub agreed: bool,
    pub business_associates: Vec<String>,
    pub decided_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// `individual` or `plan`, once ended.
    pub ended_by: Option<String>,
}

/// A disclosure as the logbook form sends it (for the conflict check and for recording).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DisclosureCheckForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    /// desk-core's basis code (`payment`, `treatment`, `required_by_law`, …).
    pub basis: String,
    /// The person recording has seen the restriction warnings and records it anyway.
    pub conflicts_seen: bool,
    /// Basis `authorization`: the authorization on file it was made under.
    #[ts(type = "number | null")]
    pub authorization_id: Option<i64>,
    /// A copy of the written request, kept with the entry.
    pub written_request: Option<UploadForm>,
    /// The entry this one corrects (the old one stays on file, out of force).
    #[ts(type = "number | null")]
    pub corrects_id: Option<i64>,
}

/// A warning that a disclosure would conflict with an agreed restriction.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConflictView {
    #[ts(type = "number")]
    pub restriction_id: i64,
    /// The restriction in quotation marks.
    pub quoted: String,
    pub message: String,
}

/// The decision on a confidential-communication request.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct CommunicationDecisionForm {
    #[ts(type = "number")]
    pub request_id: i64,
    /// `accommodate` or `deny`
    pub outcome: String,
    /// One address line per text line.
    pub alternate_address: String,
    pub alternate_means: String,
    /// The person said disclosure could endanger them.
    pub endangerment: bool,
    pub reason: String,
}

/// A complaint as logged.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ComplaintForm {
    pub received_on: NaiveDate,
    pub name: String,
    /// One address line per text line.
    pub address_lines: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComplaintRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub received_on: NaiveDate,
    pub description: String,
    /// `logged`, `acknowledged`, `closed`
    pub stage: String,
    pub acknowledged_on: Option<NaiveDate>,
    pub disposition: String,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
}

/// One month of the report: requests by kind, in the order of `ReportView.kinds`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportMonth {
    /// `2026-11`
    pub month: String,
    pub counts: Vec<u32>,
}

/// The Privacy Official's report.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportView {
    /// Request kind codes, in column order.
    pub kinds: Vec<String>,
    pub months: Vec<ReportMonth>,
    pub due_counted: u32,
    pub on_time: u32,
    /// 0–1, null when nothing was due.
    pub on_time_rate: Option<f64>,
    pub median_days_to_answer: Option<f64>,
    pub open: u32,
    pub overdue: u32,
}

// ---- disclosures, authorizations, suspensions, accountings ----

/// One disclosure in the participant's logbook.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DisclosureRow {
    #[ts(type = "number")]
    pub id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    pub basis: String,
    #[ts(type = "number | null")]
    pub authorization_id: Option<i64>,
    /// Would an accounting list it (desk-core's basis rule)?
    pub accounted: bool,
}

/// A missing element or reason an authorization does not work, by name.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DefectView {
    pub code: String,
    pub message: String,
}

/// An authorization form as staff read it off the paper. Dates as typed (YYYY-MM-DD, or empty
/// when the form has none).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AuthorizationForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub information: String,
    pub discloser: String,
    pub recipient: String,
    pub purpose: String,
    /// `date`, `days`, `employment`, `event` or empty (none on the form).
    pub expires_kind: String,
    /// The date, the number of days, or the event, as `expires_kind` says.
    pub expires_value: String,
    pub signed_on: String,
    pub signer_name: String,
    /// `individual` or `representative`.
    pub signer_capacity: String,
    pub representative_authority: String,
    pub right_to_revoke: bool,
    pub conditioning: bool,
    pub redisclosure: bool,
    pub received_on: String,
    pub scan: Option<UploadForm>,
    /// The person recording has read the missing elements and keeps it on file as defective.
    pub defects_seen: bool,
}

/// desk-core's verdict on a form: each missing element by name, and its last valid day.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuthorizationCheck {
    pub defects: Vec<DefectView>,
    pub expires_on: Option<NaiveDate>,
}

/// An authorization on file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuthorizationRow {
    #[ts(type = "number")]
    pub id: i64,
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub received_on: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    /// The last valid day, when the form gives one.
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    /// As of today: empty when it is valid.
    pub defects: Vec<DefectView>,
    pub has_scan: bool,
}

/// A suspension statement as typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SuspensionForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub agency: String,
    pub recipient: String,
    pub stated_on: String,
    pub from: String,
    pub to: String,
    pub written: bool,
    pub scan: Option<UploadForm>,
}

/// A suspension on file with the period it holds for.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SuspensionRow {
    #[ts(type = "number")]
    pub id: i64,
    pub agency: String,
    pub recipient: String,
    pub stated_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The end in force (an oral statement's is at most 30 days after it was made).
    pub effective_to: NaiveDate,
    pub written: bool,
}

/// The participant's logbook and what it depends on.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogbookView {
    pub disclosures: Vec<DisclosureRow>,
    pub authorizations: Vec<AuthorizationRow>,
    pub suspensions: Vec<SuspensionRow>,
}

/// One line of an accounting (a repeated disclosure summarised in `repeated`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountingLine {
    pub on: NaiveDate,
    pub recipient: String,
    pub description: String,
    pub purpose: String,
    /// A summarised repeated disclosure: how often or how many ("3 disclosures")…
    pub repeated: Option<String>,
    /// …and the date of the last.
    pub repeated_last_on: Option<NaiveDate>,
}

/// A logged disclosure the accounting leaves out, and why (desk-core's reason code).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcludedLine {
    pub on: NaiveDate,
    pub recipient: String,
    pub reason: String,
}

/// An accounting request's accounting, as desk-core computes it over the logbook.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountingView {
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
    /// The period the individual asked about (either end open).
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub lines: Vec<AccountingLine>,
    pub excluded: Vec<ExcludedLine>,
    pub free: bool,
    pub previous_on: Option<NaiveDate>,
    #[ts(type = "number")]
    pub pages: u64,
    #[ts(type = "number")]
    pub fee_cents: u64,
    /// desk-core's charge per page of a second accounting in twelve months.
    #[ts(type = "number")]
    pub cents_per_page: u64,
    #[ts(type = "number | null")]
    pub fee_notice_letter_id: Option<i64>,
    #[ts(type = "number | null")]
    pub accounting_letter_id: Option<i64>,
    pub withdrawn: bool,
    /// desk-core's open steps: `set_period`, `fee_notice`, `withdraw`, `letter`.
    pub steps: Vec<String>,
}

/// The period an accounting request asks about, as typed (YYYY-MM-DD; blank for an open end).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AccountingPeriodForm {
    pub period_from: String,
    pub period_to: String,
}

// ---- the audit trail, backups ----

/// What the audit trail shows: all rows, or one participant's, or one user's (or both).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AuditFilterForm {
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
}

/// One audit row: ids and code words only.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditRowView {
    #[ts(type = "number")]
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The account's user name; null for the recovery code or an unknown name.
    pub user: Option<String>,
    pub action: String,
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
}

/// The audit trail screen: the rows selected, and whether the whole chain holds.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditTrailView {
    pub rows: Vec<AuditRowView>,
    /// Rows in the whole log.
    #[ts(type = "number")]
    pub total: i64,
    /// The first row whose hash does not hold; null when the chain is intact.
    #[ts(type = "number | null")]
    pub broken_at: Option<i64>,
    /// The accounts, for the user filter.
    pub users: Vec<UserView>,
}

/// The dashboard's backup reminder.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupStatusView {
    /// RFC 3339, UTC; null when no backup was made yet.
    pub last_backup_at: Option<String>,
    pub reminder_days: u32,
    pub due: bool,
}

/// A backup just written and verified.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupDone {
    pub path: String,
    pub keys_path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub audit_rows: i64,
}
