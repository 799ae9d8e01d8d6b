//! Settings and users, for the Privacy Official (the store refuses anyone else): the letterhead
//! profile, the idle lock, the backup reminder, the signature image, and staff accounts.

use base64::Engine;
use chrono::SecondsFormat;
use desk_core::Sensitive;
use desk_store::{NewUser, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form::UploadForm;
use crate::session::RoleView;
use crate::setup::{organization_form, organization_from, OrganizationForm, ORGANIZATION_FIELDS};

/// The letterhead profile as the settings form shows and saves it. Its business associates are
/// the register's (see [`crate::associate`]), not a list in the profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ProfileForm {
    pub name: String,
    pub plan_name: String,
    pub department: String,
    /// One address line per text line.
    pub address_lines: String,
    pub phone: String,
    pub fax: String,
    pub official_name: String,
    pub official_title: String,
}

impl From<OrganizationForm> for ProfileForm {
    fn from(o: OrganizationForm) -> Self {
        ProfileForm {
            name: o.name,
            plan_name: o.plan_name,
            department: o.department,
            address_lines: o.address_lines,
            phone: o.phone,
            fax: o.fax,
            official_name: o.official_name,
            official_title: o.official_title,
        }
    }
}

impl From<&ProfileForm> for OrganizationForm {
    fn from(p: &ProfileForm) -> Self {
        OrganizationForm {
            name: p.name.clone(),
            plan_name: p.plan_name.clone(),
            department: p.department.clone(),
            address_lines: p.address_lines.clone(),
            phone: p.phone.clone(),
            fax: p.fax.clone(),
            official_name: p.official_name.clone(),
            official_title: p.official_title.clone(),
            business_associates: String::new(),
        }
    }
}

/// The whole numbers a setting accepts, so a form can say so before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl From<std::ops::RangeInclusive<u32>> for Range {
    fn from(r: std::ops::RangeInclusive<u32>) -> Self {
        Range {
            min: *r.start(),
            max: *r.end(),
        }
    }
}

/// The settings a Privacy Official keeps, with the limits the store holds them to.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsView {
    pub organization: ProfileForm,
    /// How many business associates of the register have an agreement that runs today.
    pub associates_active: u32,
    pub idle_minutes: u32,
    pub idle_minutes_range: Range,
    pub backup_reminder_days: u32,
    pub backup_reminder_days_range: Range,
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
    /// When the account was added: RFC 3339, UTC.
    pub created_at: String,
}

/// A new password for an account: one's own, or (Privacy Official) anyone's.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct PasswordForm {
    pub username: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
}

/// Changing one's own password in the app.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct OwnPasswordForm {
    #[ts(type = "string")]
    pub old_password: Sensitive<String>,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
    #[ts(type = "string")]
    pub password_confirm: Sensitive<String>,
}

/// Change the signed-in user's own password: the current one, then the new one twice, under the
/// same password rules as set-up (each refusal on its field). Audited.
pub fn change_own_password(store: &mut Store, form: &OwnPasswordForm) -> Result<()> {
    if form.password.expose() != form.password_confirm.expose() {
        return Err(Error::field(
            "passwordConfirm",
            "The two new passwords are not the same.",
        ));
    }
    store.change_own_password(&form.old_password, &form.password)?;
    Ok(())
}

pub fn get(store: &Store) -> Result<SettingsView> {
    let org = store.organization()?;
    Ok(SettingsView {
        organization: organization_form(&org).into(),
        associates_active: u32::try_from(org.business_associates.len()).unwrap_or(u32::MAX),
        idle_minutes: store.idle_minutes()?,
        idle_minutes_range: desk_store::IDLE_MINUTES_RANGE.into(),
        backup_reminder_days: store.backup_status(store.now())?.reminder_days,
        backup_reminder_days_range: desk_store::BACKUP_REMINDER_RANGE.into(),
        has_signature_image: store.signature_image()?.is_some(),
    })
}

/// Save the letterhead profile (the Privacy Official). The register of business associates is
/// kept apart and is not touched.
pub fn save_organization(store: &mut Store, form: &ProfileForm) -> Result<()> {
    store
        .set_organization(&organization_from(&form.into()))
        .map_err(fields(ORGANIZATION_FIELDS))
}

pub fn save_idle(store: &mut Store, minutes: u32) -> Result<()> {
    store
        .set_idle_minutes(minutes)
        .map_err(fields(&[("idleMinutes", "minutes")]))
}

pub fn save_backup_reminder(store: &mut Store, days: u32) -> Result<()> {
    store.set_backup_reminder_days(days)?;
    Ok(())
}

/// The signature image printed on letters (a PNG), or none to remove it.
pub fn save_signature(store: &mut Store, image: Option<&UploadForm>) -> Result<()> {
    let bytes = image
        .map(|i| {
            base64::engine::general_purpose::STANDARD
                .decode(i.base64.trim())
                .map_err(|_| Error::field("image", "The file could not be read."))
        })
        .transpose()?;
    if let Some(png) = &bytes {
        desk_letters::check_signature(png).map_err(|_| {
            Error::field(
                "image",
                "This image cannot be printed on letters: choose a PNG picture of the signature.",
            )
        })?;
    }
    store
        .set_signature_image(bytes.as_deref())
        .map_err(fields(&[("png", "image"), ("signatureImage", "image")]))
}

fn user_row(u: &desk_store::User) -> UserRow {
    UserRow {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.into(),
        active: u.active,
        created_at: u.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

pub fn users(store: &Store) -> Result<Vec<UserRow>> {
    Ok(store.list_users()?.iter().map(user_row).collect())
}

pub fn add_user(store: &mut Store, form: NewUserForm) -> Result<UserRow> {
    let u = store.add_user(&NewUser {
        username: form.username,
        display_name: form.display_name,
        role: form.role.into(),
        password: form.password,
    })?;
    Ok(user_row(&u))
}

pub fn set_role(store: &mut Store, username: &str, role: RoleView) -> Result<()> {
    store.set_role(username, role.into())?;
    Ok(())
}

/// Deactivate an account (the Privacy Official): it can no longer sign in, and its rows in
/// the audit log stay its own. The last active Privacy Official is refused on `role`.
pub fn deactivate(store: &mut Store, username: &str) -> Result<()> {
    let username = desk_store::normalize_username(username);
    if store.user().is_some_and(|u| u.username == username) {
        return Err(Error::field(
            "username",
            "You cannot deactivate your own account while signed in with it.",
        ));
    }
    store.set_active(&username, false, None)?;
    Ok(())
}

/// Reactivate an account (the Privacy Official), with a new password the person changes later;
/// also re-enables an account locked after 90 days unused.
pub fn reactivate(store: &mut Store, form: &PasswordForm) -> Result<UserRow> {
    let username = desk_store::normalize_username(&form.username);
    if username.is_empty() {
        return Err(Error::field("username", "Give the account's user name."));
    }
    store.set_active(&username, true, Some(&form.password))?;
    store
        .list_users()?
        .iter()
        .find(|u| u.username == username)
        .map(user_row)
        .ok_or_else(|| Error::internal("reactivating the account"))
}

/// Set a new password: the signed-in user's own, or (Privacy Official) anyone's. Only that
/// account's key slot is rewritten; the audit log records it. Answers the account.
pub fn set_password(store: &mut Store, form: &PasswordForm) -> Result<UserRow> {
    let username = desk_store::normalize_username(&form.username);
    if username.is_empty() {
        return Err(Error::field("username", "Give the account's user name."));
    }
    store.change_password(&username, &form.password)?;
    store
        .list_users()?
        .iter()
        .find(|u| u.username == username)
        .map(user_row)
        .ok_or_else(|| Error::internal("changing the password"))
}
