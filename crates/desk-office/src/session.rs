//! Who is signed in: sign-in over the database file, the user as the screens show them.

use std::path::Path;

use desk_core::Sensitive;
use desk_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The idle limit until the Privacy Official sets one.
pub const DEFAULT_IDLE_MINUTES: u32 = desk_store::DEFAULT_IDLE_MINUTES;

/// A staff member's role, as the screens see it.
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

impl From<RoleView> for desk_core::person::Role {
    fn from(r: RoleView) -> Self {
        match r {
            RoleView::Staff => Self::Staff,
            RoleView::PrivacyOfficial => Self::PrivacyOfficial,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SignInForm {
    pub username: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
}

/// A session just opened: the store, who it is, the idle limit in force, and the day's check
/// of every page when it is still to run (the first sign-in of each day): the app runs it
/// beside the session ([`crate::integrity::run`]).
pub struct Opened {
    pub store: Store,
    pub user: UserView,
    pub idle_minutes: u32,
    pub check: Option<desk_store::Background>,
}

pub fn user_view(u: &desk_store::User) -> UserView {
    UserView {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.into(),
    }
}

/// The signed-in user (none when the store was opened with the recovery code).
pub fn current_user(store: &Store) -> Option<UserView> {
    store.user().map(user_view)
}

/// Sign in to the database at `db_path` (a failed attempt is kept by the key file).
pub fn sign_in(db_path: &Path, form: &SignInForm) -> Result<Opened> {
    let store = Store::sign_in(db_path, &form.username, &form.password, chrono::Utc::now())?;
    opened(store)
}

/// Sign out: the audit log records the session's end, then the store closes and its key is
/// zeroized.
pub fn sign_out(store: Store) -> Result<()> {
    store.sign_out()?;
    Ok(())
}

pub(crate) fn opened(store: Store) -> Result<Opened> {
    let user = current_user(&store).ok_or_else(|| Error::internal("signing in"))?;
    let idle_minutes = store.idle_minutes().unwrap_or(DEFAULT_IDLE_MINUTES);
    let check = crate::integrity::due(&store)?;
    Ok(Opened {
        store,
        user,
        idle_minutes,
        check,
    })
}

/// The app's status: whether a database exists, and who is signed in to it.
pub fn status(db_path: &Path, store: Option<&Store>) -> AppStatus {
    AppStatus {
        database_exists: db_path.exists(),
        organization: store.and_then(|s| s.organization().ok()).map(|o| o.name),
        user: store.and_then(current_user),
    }
}
