//! The error every operation returns: `{ code, message, field }`. The app hands it to the
//! webview as it is; the CLI prints its message. Messages carry no PHI.

use serde::Serialize;
use ts_rs::TS;

/// What a caller can act on. Add a code only when a caller does something different for it.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export, rename = "ApiError")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The form field the error concerns, in the form's camelCase path (`organization.name`).
    pub field: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// A validation error on `field` (the form's name for it).
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// A sign-in refused: the user name or the password is wrong (never says which).
    pub fn wrong_password() -> Self {
        Self::new(ErrorCode::WrongPassword, "Wrong user name or password.")
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

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// Something that should not fail did; `context` says what was being done (no values).
    pub fn internal(context: &str) -> Self {
        Self::new(
            ErrorCode::Internal,
            format!("Something went wrong while {context}. Nothing was changed."),
        )
    }

    /// The same error on another field name: the form names some fields otherwise than the
    /// store (`address` → `requester.addressLines`). `names` maps the camelCase store name to
    /// the form's.
    pub fn on_fields(mut self, names: &[(&str, &str)]) -> Self {
        if let Some(field) = &self.field {
            if let Some((_, to)) = names.iter().find(|(from, _)| from == field) {
                self.field = Some((*to).to_owned());
            }
        }
        self
    }
}

/// `map_err(fields(&[…]))`: a store error with its field renamed for the form.
pub fn fields<E: Into<Error>>(
    names: &'static [(&'static str, &'static str)],
) -> impl Fn(E) -> Error {
    move |e| e.into().on_fields(names)
}

/// `received_on` → `receivedOn`; `privacy_official.name` → `privacyOfficial.name`.
pub fn camel(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// "is not on file" → "Is not on file."
/// A desk-core rule's refusal ("field: problem") as the sentence a form shows: the problem.
pub fn rule_sentence(refusal: impl std::fmt::Display) -> String {
    let text = refusal.to_string();
    sentence(text.split_once(": ").map_or(text.as_str(), |(_, p)| p))
}

pub fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => {
            first.to_uppercase().chain(c).collect::<String>()
                + if s.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}

impl From<desk_store::Error> for Error {
    fn from(e: desk_store::Error) -> Self {
        use desk_store::Error as E;
        match e {
            E::Invalid { field, problem } => Error::field(camel(field), sentence(&problem)),
            E::Retained { field, kept_until } => Error::field(
                camel(field),
                format!("Is kept until {kept_until} (six-year retention)."),
            ),
            E::WrongCredentials => Error::wrong_password(),
            E::TryAgainLater { .. } => Error::new(ErrorCode::Backoff, sentence(&e.to_string())),
            E::AccountInactive | E::AccountIdle { .. } => {
                Error::new(ErrorCode::WrongPassword, sentence(&e.to_string()))
            }
            E::NotPermitted { .. } => Error::forbidden(),
            E::LastPrivacyOfficial => Error::field("role", sentence(&e.to_string())),
            E::DiskFull | E::BackupDiskFull => {
                Error::new(ErrorCode::DiskFull, sentence(&e.to_string()))
            }
            E::AlreadyExists => Error::new(ErrorCode::AlreadyExists, sentence(&e.to_string())),
            E::NotFound { .. } => Error::new(ErrorCode::NotFound, sentence(&e.to_string())),
            E::NotRecordsDesk
            | E::Damaged
            | E::NewerVersion { .. }
            | E::KeyFileDamaged
            | E::NoDatabase
            | E::NoEncryption => Error::new(ErrorCode::Database, sentence(&e.to_string())),
            other => Error::new(ErrorCode::Internal, sentence(&other.to_string())),
        }
    }
}

impl From<desk_store::FieldError> for Error {
    fn from(e: desk_store::FieldError) -> Self {
        desk_store::Error::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_fields_reach_the_form_in_camel_case() {
        let e: Error = desk_store::Error::Invalid {
            field: "received_on",
            problem: "is in the future".into(),
        }
        .into();
        assert_eq!(
            e.field.as_deref(),
            Some("receivedOn"),
            "forms name fields in camelCase"
        );
        assert_eq!(e.message, "Is in the future.");
        assert_eq!(e.code, ErrorCode::Validation);
        let renamed = e.on_fields(&[("receivedOn", "evidence.receivedOn")]);
        assert_eq!(renamed.field.as_deref(), Some("evidence.receivedOn"));
    }

    #[test]
    fn a_retained_record_names_its_field_once() {
        let kept_until = chrono::NaiveDate::from_ymd_opt(2031, 1, 2).unwrap_or_default();
        let e: Error = desk_store::Error::Retained {
            field: "request_id",
            kept_until,
        }
        .into();
        assert_eq!(e.field.as_deref(), Some("requestId"));
        assert_eq!(
            e.message, "Is kept until 2031-01-02 (six-year retention).",
            "the field is named beside the message, not again inside it"
        );
    }

    #[test]
    fn a_role_refusal_is_forbidden_whatever_the_role() {
        let e: Error = desk_store::Error::NotPermitted {
            needed: desk_core::person::Role::PrivacyOfficial,
        }
        .into();
        assert_eq!(e.code, ErrorCode::Forbidden);
        assert_eq!(e.field, None);
    }
}
