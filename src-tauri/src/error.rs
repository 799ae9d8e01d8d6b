//! The error every command returns to the webview: `{ code, message, field? }`.

use serde::Serialize;
use ts_rs::TS;

/// What the UI can act on. Add a code only when the UI does something different for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A field is missing or wrong; `field` names it.
    Validation,
    /// Wrong user name or password (never says which).
    WrongPassword,
    /// Too many failed sign-ins: wait before trying again.
    Backoff,
    /// Nobody is signed in, or the session locked.
    Locked,
    /// The signed-in user's role may not do this.
    Forbidden,
    /// The database file is not a Records Desk file, is damaged, or is from a newer version.
    Database,
    /// The disk is full: nothing was written.
    DiskFull,
    /// A database already exists where set-up would create one.
    AlreadyExists,
    NotFound,
    Internal,
}

/// Serialised as `{ code, message, field }`. Messages carry no PHI.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The form field the error concerns, in the DTO's camelCase path (`organization.name`).
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    pub fn locked() -> Self {
        Self::new(
            ErrorCode::Locked,
            "Records Desk is locked. Sign in to continue.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorCode::Forbidden,
            "Only the Privacy Official can do this.",
        )
    }

    pub fn internal(context: &str) -> Self {
        Self::new(
            ErrorCode::Internal,
            format!("Something went wrong while {context}. Nothing was changed."),
        )
    }
}

pub type Result<T> = std::result::Result<T, ApiError>;
