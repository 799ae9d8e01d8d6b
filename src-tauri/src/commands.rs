//! The app's commands: each parses its DTO, calls a crate, and maps the error. No rules here.

use chrono::{Local, Utc};
use desk_core::organization::{BusinessAssociate, Official, Organization};
use desk_store::{ParticipantSearch, RequestFilter, Store};
use tauri::ipc::Response;
use tauri::State;

use crate::dto::{
    AppStatus, Dashboard, DashboardRow, KindCount, OrganizationForm, ParticipantHit, SetupForm,
    SetupResult, SignInForm, UserView,
};
use crate::error::{ApiError, ErrorCode, Result};
use crate::session::Desk;

/// The idle limit until the Privacy Official sets one.
const DEFAULT_IDLE_MINUTES: u32 = 10;

fn user_view(store: &Store) -> Option<UserView> {
    store.user().map(|u| UserView {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.into(),
    })
}

/// Map a store error for a form whose fields are named by `fields` (store name → form name).
fn store_error(e: desk_store::Error, fields: &[(&str, &str)]) -> ApiError {
    use desk_store::Error as E;
    match e {
        E::Invalid { field, problem } => {
            let name = fields
                .iter()
                .find(|(s, _)| *s == field)
                .map_or(field, |(_, f)| *f);
            ApiError::field(name, capitalise(&problem))
        }
        E::WrongCredentials => {
            ApiError::new(ErrorCode::WrongPassword, "Wrong user name or password.")
        }
        E::TryAgainLater { .. } => ApiError::new(ErrorCode::Backoff, capitalise(&e.to_string())),
        E::AccountInactive => ApiError::new(ErrorCode::WrongPassword, capitalise(&e.to_string())),
        E::NotPermitted { .. } => ApiError::forbidden(),
        E::DiskFull => ApiError::new(ErrorCode::DiskFull, capitalise(&e.to_string())),
        E::AlreadyExists => ApiError::new(ErrorCode::AlreadyExists, capitalise(&e.to_string())),
        E::NotFound { .. } => ApiError::new(ErrorCode::NotFound, capitalise(&e.to_string())),
        E::NotRecordsDesk
        | E::Damaged
        | E::NewerVersion { .. }
        | E::KeyFileDamaged
        | E::NoDatabase
        | E::NoEncryption => ApiError::new(ErrorCode::Database, capitalise(&e.to_string())),
        other => ApiError::new(ErrorCode::Internal, capitalise(&other.to_string())),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => {
            first.to_uppercase().chain(c).collect::<String>()
                + if s.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}

/// The first-run form's organization, as the profile every letter prints.
fn organization_from(form: &OrganizationForm) -> Organization {
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

const ORGANIZATION_FIELDS: &[(&str, &str)] = &[
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
    desk.begin(store, DEFAULT_IDLE_MINUTES);
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

#[tauri::command]
pub fn session_sign_in(desk: State<'_, Desk>, form: SignInForm) -> Result<UserView> {
    let store = Store::sign_in(&desk.db_path, &form.username, &form.password, Utc::now())
        .map_err(|e| store_error(e, &[]))?;
    let user = user_view(&store).ok_or_else(|| ApiError::internal("signing in"))?;
    desk.set_recovery_code(None);
    desk.begin(store, DEFAULT_IDLE_MINUTES);
    Ok(user)
}

#[tauri::command]
pub fn session_lock(desk: State<'_, Desk>) {
    desk.set_recovery_code(None);
    desk.end();
}

#[tauri::command]
pub fn session_sign_out(desk: State<'_, Desk>) {
    desk.set_recovery_code(None);
    desk.end();
}

#[tauri::command]
pub fn session_touch(desk: State<'_, Desk>) -> Result<()> {
    desk.touch()
}

#[tauri::command]
pub fn dashboard_get(desk: State<'_, Desk>) -> Result<Dashboard> {
    let today = Local::now().date_naive();
    desk.with_store(|store| {
        let open = store
            .list_requests(&RequestFilter {
                open_only: true,
                ..RequestFilter::default()
            })
            .map_err(|e| store_error(e, &[]))?;
        let mut rows = Vec::with_capacity(open.len());
        let mut counts: Vec<KindCount> = Vec::new();
        for r in open {
            let due = r.effective_due_on();
            let urgency = desk_core::clock::urgency(due, today);
            let kind = code_of(&r.kind);
            match counts.iter_mut().find(|c| c.kind == kind) {
                Some(c) => {
                    c.open += 1;
                    c.overdue += u32::from(urgency.overdue);
                }
                None => counts.push(KindCount {
                    kind: kind.clone(),
                    open: 1,
                    overdue: u32::from(urgency.overdue),
                }),
            }
            rows.push(DashboardRow {
                id: r.id,
                kind,
                status: code_of(&r.status),
                participant: r.participant_name,
                received_on: r.received_on,
                effective_due_on: due,
                days_left: urgency.days_left.unwrap_or(0),
                overdue: urgency.overdue,
                due_soon: urgency.due_soon,
            });
        }
        Ok(Dashboard { rows, counts })
    })
}

/// A serde enum's wire name (`RequestKind::Access` → `access`).
fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[tauri::command]
pub fn participant_search(desk: State<'_, Desk>, query: String) -> Result<Vec<ParticipantHit>> {
    let search = ParticipantSearch::parse(&query);
    desk.with_store(|store| {
        let hits = store
            .search_participants(&search)
            .map_err(|e| store_error(e, &[]))?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            let covered_under = match &h.dependent_of {
                Some(link) => store
                    .participant(link.participant_id)
                    .ok()
                    .map(|p| format!("{} {}", p.summary.first_name, p.summary.last_name)),
                None => None,
            };
            let status = match h.employment {
                Some(desk_core::person::EmploymentStatus::Active) => "active",
                Some(desk_core::person::EmploymentStatus::Terminated { .. }) => "terminated",
                Some(desk_core::person::EmploymentStatus::Retiree { .. }) => "retiree",
                None => "dependent",
            };
            out.push(ParticipantHit {
                id: h.id,
                name: format!("{} {}", h.first_name, h.last_name),
                employee_id: h.employee_id,
                date_of_birth: h.date_of_birth,
                status: status.to_owned(),
                covered_under,
            });
        }
        Ok(out)
    })
}
