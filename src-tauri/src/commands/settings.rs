//! Settings and users, for the Privacy Official (the store refuses anyone else): the letterhead
//! profile, the idle lock, the signature image, and staff accounts with their roles.

use base64::Engine;
use desk_core::organization::Organization;
use desk_store::NewUser;
use tauri::State;

use super::setup::{organization_from, ORGANIZATION_FIELDS};
use super::store_error;
use crate::dto::{NewUserForm, OrganizationForm, RoleView, SettingsView, UploadForm, UserRow};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn role_of(r: RoleView) -> desk_core::person::Role {
    match r {
        RoleView::Staff => desk_core::person::Role::Staff,
        RoleView::PrivacyOfficial => desk_core::person::Role::PrivacyOfficial,
    }
}

/// The profile as the settings form shows it (the inverse of `organization_from`).
fn organization_form(o: &Organization) -> OrganizationForm {
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

#[tauri::command]
pub fn settings_get(desk: State<'_, Desk>) -> Result<SettingsView> {
    desk.with_store(|store| {
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        Ok(SettingsView {
            organization: organization_form(&org),
            idle_minutes: store.idle_minutes().map_err(|e| store_error(e, &[]))?,
            has_signature_image: store
                .signature_image()
                .map_err(|e| store_error(e, &[]))?
                .is_some(),
        })
    })
}

#[tauri::command]
pub fn settings_save_organization(desk: State<'_, Desk>, form: OrganizationForm) -> Result<()> {
    let org = organization_from(&form);
    desk.with_store(|store| {
        store
            .set_organization(&org)
            .map_err(|e| store_error(e, ORGANIZATION_FIELDS))
    })
}

#[tauri::command]
pub fn settings_save_idle(desk: State<'_, Desk>, minutes: u32) -> Result<()> {
    desk.with_store(|store| {
        store
            .set_idle_minutes(minutes)
            .map_err(|e| store_error(e, &[("minutes", "minutes"), ("idle_minutes", "minutes")]))
    })
}

#[tauri::command]
pub fn settings_save_signature(desk: State<'_, Desk>, image: Option<UploadForm>) -> Result<()> {
    let bytes = image
        .map(|i| {
            base64::engine::general_purpose::STANDARD
                .decode(i.base64.trim())
                .map_err(|_| ApiError::field("image", "The file could not be read."))
        })
        .transpose()?;
    desk.with_store(|store| {
        store
            .set_signature_image(bytes.as_deref())
            .map_err(|e| store_error(e, &[("png", "image"), ("signature_image", "image")]))
    })
}

fn user_row(u: &desk_store::User) -> UserRow {
    UserRow {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.into(),
        active: u.active,
    }
}

#[tauri::command]
pub fn user_list(desk: State<'_, Desk>) -> Result<Vec<UserRow>> {
    desk.with_store(|store| {
        Ok(store
            .list_users()
            .map_err(|e| store_error(e, &[]))?
            .iter()
            .map(user_row)
            .collect())
    })
}

#[tauri::command]
pub fn user_add(desk: State<'_, Desk>, form: NewUserForm) -> Result<UserRow> {
    let new = NewUser {
        username: form.username,
        display_name: form.display_name,
        role: role_of(form.role),
        password: form.password,
    };
    desk.with_store(|store| {
        let u = store.add_user(&new).map_err(|e| {
            store_error(
                e,
                &[
                    ("username", "username"),
                    ("display_name", "displayName"),
                    ("password", "password"),
                ],
            )
        })?;
        Ok(user_row(&u))
    })
}

#[tauri::command]
pub fn user_set_role(desk: State<'_, Desk>, username: String, role: RoleView) -> Result<()> {
    desk.with_store(|store| {
        store
            .set_role(&username, role_of(role))
            .map_err(|e| store_error(e, &[("role", "role")]))
    })
}
