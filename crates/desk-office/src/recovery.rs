//! The recovery code: a Privacy Official who forgot her password resets it from the sign-in
//! screen with the code printed at set-up, and she can issue a new code (the old one then opens
//! nothing). Staff passwords are reset by the Privacy Official in Settings.

use std::path::Path;

use desk_core::person::Role;
use desk_core::Sensitive;
use desk_store::Store;
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::session::{self, Opened, SignInForm};

/// The forgotten-password form on the sign-in screen.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RecoveryResetForm {
    pub username: String,
    /// As printed on the recovery sheet (case, spaces and dashes do not matter).
    #[ts(type = "string")]
    pub recovery_code: Sensitive<String>,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
    #[ts(type = "string")]
    pub password_confirm: Sensitive<String>,
}

/// Reset a Privacy Official's password with the recovery code, then sign her in with it. The
/// code must open the database (refused on `recoveryCode`), the account must be an active
/// Privacy Official's (on `username`), and the new password follows the app's rules (on
/// `password`). The reset is in the audit log, made under the recovery code.
pub fn reset_password(db_path: &Path, form: &RecoveryResetForm) -> Result<Opened> {
    if form.password.expose() != form.password_confirm.expose() {
        return Err(Error::field(
            "passwordConfirm",
            "The two new passwords are not the same.",
        ));
    }
    let username = desk_store::normalize_username(&form.username);
    if username.is_empty() {
        return Err(Error::field("username", "Give your user name."));
    }
    let mut store = Store::open_with_recovery(db_path, &form.recovery_code, chrono::Utc::now())
        .map_err(|e| match e {
            desk_store::Error::WrongRecoveryCode => Error::field(
                "recoveryCode",
                "This recovery code does not open the database: check it against the printed sheet.",
            ),
            other => other.into(),
        })?;
    let account = store
        .list_users()?
        .into_iter()
        .find(|u| u.username == username && u.active)
        .ok_or_else(|| Error::field("username", "No active account has this user name."))?;
    if account.role != Role::PrivacyOfficial {
        return Err(Error::field(
            "username",
            "The recovery code resets a Privacy Official's password; staff ask the Privacy Official (Settings, Users).",
        ));
    }
    store
        .change_password(&username, &form.password)
        .map_err(crate::error::fields(&[("password", "password")]))?;
    store.record_event("user.password_recovered", "user", Some(account.id))?;
    store.lock();
    session::sign_in(
        db_path,
        &SignInForm {
            username,
            password: form.password.clone(),
        },
    )
}

/// A new recovery code (the Privacy Official only): the old one opens nothing from now on.
/// Returns the code and its sheet to print, once.
pub fn new_code(store: &mut Store) -> Result<(Sensitive<String>, Vec<u8>)> {
    let code = store.new_recovery_code()?;
    let sheet = crate::setup::recovery_sheet(store, &code)?;
    Ok((code, sheet))
}
