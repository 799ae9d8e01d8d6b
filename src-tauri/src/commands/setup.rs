//! First run and status: create the database, the profile and the Privacy Official; the
//! recovery sheet while its code is still held.

use chrono::{Local, Utc};
use desk_core::organization::{BusinessAssociate, Official, Organization};
use desk_store::Store;
use tauri::ipc::Response;
use tauri::State;

use super::{store_error, user_view, DEFAULT_IDLE_MINUTES};
use crate::dto::{AppStatus, OrganizationForm, SetupForm, SetupResult};
use crate::error::{ApiError, ErrorCode, Result};
use crate::session::Desk;

/// The first-run form's organization, as the profile every letter prints.
pub fn organization_from(form: &OrganizationForm) -> Organization {
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Organization {
        name: form.name.trim().to_owned(),
        plan_name: form.plan_name.trim().to_owned(),
        department: form.department.trim().to_owned(),
        address: lines(&form.address_lines),
        phone: form.phone.trim().to_owned(),
        fax: form.fax.trim().to_owned(),
        privacy_official: Official {
            name: form.official_name.trim().to_owned(),
            title: form.official_title.trim().to_owned(),
        },
        business_associates: lines(&form.business_associates)
            .into_iter()
            .map(|line| match line.split_once(',') {
                Some((name, address)) => BusinessAssociate {
                    name: name.trim().to_owned(),
                    address: address
                        .split(';')
                        .map(|l| l.trim().to_owned())
                        .filter(|l| !l.is_empty())
                        .collect(),
                },
                None => BusinessAssociate {
                    name: line,
                    address: Vec::new(),
                },
            })
            .collect(),
    }
}

pub const ORGANIZATION_FIELDS: &[(&str, &str)] = &[
    ("name", "organization.name"),
    ("plan_name", "organization.planName"),
    ("department", "organization.department"),
    ("address", "organization.addressLines"),
    ("phone", "organization.phone"),
    ("fax", "organization.fax"),
    ("privacy_official.name", "organization.officialName"),
    ("privacy_official.title", "organization.officialTitle"),
    ("username", "username"),
    ("display_name", "displayName"),
    ("password", "password"),
];

#[tauri::command]
pub fn app_status(desk: State<'_, Desk>) -> Result<AppStatus> {
    let database_exists = desk.db_path.exists();
    let signed_in = desk
        .with_store(|store| Ok((user_view(store), store.organization().ok().map(|o| o.name))))
        .ok();
    let (user, organization) = signed_in.unwrap_or((None, None));
    Ok(AppStatus {
        database_exists,
        organization,
        user,
    })
}

#[tauri::command]
pub fn setup_create(desk: State<'_, Desk>, form: SetupForm) -> Result<SetupResult> {
    if form.password.expose() != form.password_confirm.expose() {
        return Err(ApiError::field(
            "passwordConfirm",
            "The two passwords are not the same.",
        ));
    }
    let organization = organization_from(&form.organization);
    if let Some(dir) = desk.db_path.parent() {
        std::fs::create_dir_all(dir).map_err(|_| ApiError::internal("creating the data folder"))?;
    }
    let (store, code) = Store::create(
        &desk.db_path,
        &organization,
        &form.username,
        &form.display_name,
        &form.password,
        Utc::now(),
    )
    .map_err(|e| store_error(e, ORGANIZATION_FIELDS))?;
    let user = user_view(&store).ok_or_else(|| ApiError::internal("signing in after set-up"))?;
    let recovery_code = code.expose().clone();
    desk.set_recovery_code(Some(code));
    let idle = store.idle_minutes().unwrap_or(DEFAULT_IDLE_MINUTES);
    desk.begin(store, idle);
    Ok(SetupResult {
        recovery_code,
        user,
    })
}

/// The recovery sheet, while the code from set-up is still held (until the person continues).
#[tauri::command]
pub fn setup_recovery_sheet(desk: State<'_, Desk>) -> Result<Response> {
    let code = desk.recovery_code().ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "The recovery code is no longer held: it is shown only once.",
        )
    })?;
    desk.with_store(|store| {
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let letter =
            desk_core::letter::recovery_sheet(&org, code.expose(), Local::now().date_naive());
        let pdf = desk_letters::render(&letter, &org, None)
            .map_err(|_| ApiError::internal("printing the recovery sheet"))?;
        Ok(Response::new(pdf))
    })
}
