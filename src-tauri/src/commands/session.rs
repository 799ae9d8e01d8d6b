//! Sign-in, lock, sign-out, the activity ping that keeps the idle clock from running out, and
//! the check of every page that the day's first sign-in starts.

use desk_office::integrity::IntegrityView;
use desk_office::session::{self, SignInForm, UserView};
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::session::{Desk, Ending};

#[tauri::command]
pub fn session_sign_in(
    app: AppHandle,
    desk: State<'_, Desk>,
    form: SignInForm,
) -> Result<UserView> {
    Ok(desk.begin(&app, session::sign_in(&desk.db_path, &form)?))
}

/// The check of every page, for the Privacy Official (null for staff); not counted as activity.
#[tauri::command]
pub fn integrity_status(desk: State<'_, Desk>) -> Result<Option<IntegrityView>> {
    desk.integrity()
}

#[tauri::command]
pub fn session_lock(desk: State<'_, Desk>) {
    desk.end(Ending::Idle);
}

#[tauri::command]
pub fn session_sign_out(desk: State<'_, Desk>) {
    desk.end(Ending::SignOut);
}

#[tauri::command]
pub fn session_touch(desk: State<'_, Desk>) -> Result<()> {
    desk.touch()
}
