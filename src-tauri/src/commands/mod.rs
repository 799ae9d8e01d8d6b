//! The app's commands, by area: each parses its DTO, calls a crate, and maps the error. No rules here.

pub mod audit;
pub mod backup;
pub mod communication;
pub mod complaint;
pub mod dashboard;
pub mod decision;
pub mod draft;
pub mod intake;
pub mod letter;
pub mod logbook;
pub mod participant;
pub mod print;
pub mod report;
pub mod request;
pub mod restriction;
pub mod session;
pub mod settings;
pub mod setup;

use desk_store::Store;

use crate::dto::UserView;
use crate::error::{ApiError, ErrorCode};

/// The idle limit until the Privacy Official sets one.
pub const DEFAULT_IDLE_MINUTES: u32 = desk_store::DEFAULT_IDLE_MINUTES;

pub fn user_view(store: &Store) -> Option<UserView> {
    store.user().map(|u| UserView {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.into(),
    })
}

/// A date typed in a form field (YYYY-MM-DD), or the field's error.
pub fn date_field(text: &str, field: &str) -> Result<chrono::NaiveDate, ApiError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::field(field, "Enter the date as YYYY-MM-DD."))
}

/// Map a store error for a form whose fields are named by `fields` (store name → form name).
pub fn store_error(e: desk_store::Error, fields: &[(&str, &str)]) -> ApiError {
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

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => {
            first.to_uppercase().chain(c).collect::<String>()
                + if s.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}

/// A serde enum's wire name (`RequestKind::Access` → `access`).
pub fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A code word from the UI (`in_person`) as the desk-core enum it names; a code the enum does
/// not know is a validation error on `field`.
pub fn parse_code<T: serde::de::DeserializeOwned>(code: &str, field: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|_| ApiError::field(field, "Choose one of the listed options."))
}
