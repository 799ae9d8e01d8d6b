//! First run: the database, the letterhead profile and the first Privacy Official, with the
//! recovery code shown once and its sheet printed while it is held.

use std::path::Path;

use desk_core::organization::{BusinessAssociate, Official, Organization};
use desk_core::Sensitive;
use desk_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form;
use crate::session::{self, Opened, UserView};

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
    /// One business associate per line: `Name, address; more address`.
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

/// The store's names for the profile's and the account's fields → the forms'.
pub(crate) const ORGANIZATION_FIELDS: &[(&str, &str)] = &[
    ("name", "organization.name"),
    ("planName", "organization.planName"),
    ("department", "organization.department"),
    ("address", "organization.addressLines"),
    ("phone", "organization.phone"),
    ("fax", "organization.fax"),
    ("privacyOfficial.name", "organization.officialName"),
    ("privacyOfficial.title", "organization.officialTitle"),
];

/// The form's organization, as the profile every letter prints.
pub fn organization_from(form: &OrganizationForm) -> Organization {
    Organization {
        name: form.name.trim().to_owned(),
        plan_name: form.plan_name.trim().to_owned(),
        department: form.department.trim().to_owned(),
        address: form::lines(&form.address_lines),
        phone: form.phone.trim().to_owned(),
        fax: form.fax.trim().to_owned(),
        privacy_official: Official {
            name: form.official_name.trim().to_owned(),
            title: form.official_title.trim().to_owned(),
        },
        business_associates: form::named_addresses(&form.business_associates)
            .into_iter()
            .map(|(name, address)| BusinessAssociate { name, address })
            .collect(),
    }
}

/// The profile as the settings form shows it (the inverse of `organization_from`).
pub fn organization_form(o: &Organization) -> OrganizationForm {
    OrganizationForm {
        name: o.name.clone(),
        plan_name: o.plan_name.clone(),
        department: o.department.clone(),
        address_lines: o.address.join("\n"),
        phone: o.phone.clone(),
        fax: o.fax.clone(),
        official_name: o.privacy_official.name.clone(),
        official_title: o.privacy_official.title.clone(),
        business_associates: o
            .business_associates
            .iter()
            .map(|b| {
                if b.address.is_empty() {
                    b.name.clone()
                } else {
                    format!("{}, {}", b.name, b.address.join("; "))
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Create the database at `db_path` with its profile and first Privacy Official, signed in.
/// The recovery code is returned once.
pub fn create(db_path: &Path, form: &SetupForm) -> Result<(Opened, Sensitive<String>)> {
    if form.password.expose() != form.password_confirm.expose() {
        return Err(Error::field(
            "passwordConfirm",
            "The two passwords are not the same.",
        ));
    }
    let account = FirstOfficial {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
    };
    create_with_profile(db_path, &organization_from(&form.organization), &account)
        .map_err(fields(ORGANIZATION_FIELDS))
}

/// The first Privacy Official's account, as set-up makes it.
#[derive(Debug, Clone)]
pub struct FirstOfficial {
    pub username: String,
    pub display_name: String,
    pub password: Sensitive<String>,
}

/// Create the database at `db_path` from an organization profile as it is kept (the profile
/// file the CLI reads, rather than the first-run form), with its first Privacy Official, signed
/// in. A refusal names the profile's field as the profile names it (`privacyOfficial.name`) or
/// the account's (`username`, `displayName`, `password`). The recovery code is returned once.
pub fn create_with_profile(
    db_path: &Path,
    organization: &Organization,
    account: &FirstOfficial,
) -> Result<(Opened, Sensitive<String>)> {
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|_| Error::internal("creating the data folder"))?;
    }
    let (store, code) = Store::create(
        db_path,
        organization,
        &account.username,
        &account.display_name,
        &account.password,
        chrono::Utc::now(),
    )?;
    Ok((session::opened(store)?, code))
}

/// The recovery sheet for `code` (held only until the person continues).
pub fn recovery_sheet(store: &Store, code: &Sensitive<String>) -> Result<Vec<u8>> {
    let org = store.organization()?;
    let sheet = desk_core::letter::recovery_sheet(&org, code.expose(), crate::today(store));
    crate::letter::render(store, &sheet)
}
