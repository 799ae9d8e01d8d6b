//! Sign-in, lock, sign-out and the activity ping that keeps the idle clock from running out.

use chrono::Utc;
use desk_store::Store;
use tauri::State;

use super::{store_error, user_view, DEFAULT_IDLE_MINUTES};
use crate::dto::{SignInForm, UserView};
use crate::error::{ApiError, Result};
use crate::session::{Desk, Ending};

#[tauri::command]
pub fn session_sign_in(desk: State<'_, Desk>, form: SignInForm) -> Result<UserView> {
    let store = Store::sign_in(&desk.db_path, &form.username, &form.password, Utc::now())
        .map_err(|e| store_error(e, &[]))?;
    let user = user_view(&store).ok_or_else(|| ApiError::internal("signing in"))?;
    desk.set_recovery_code(None);
    let idle = store.idle_minutes().unwrap_or(DEFAULT_IDLE_MINUTES);
    desk.begin(store, idle);
    Ok(user)
}

#[tauri::command]
pub fn session_lock(desk: State<'_, Desk>) {
    desk.set_recovery_code(None);
    desk.end(Ending::Idle);
}

#[tauri::command]
pub fn session_sign_out(desk: State<'_, Desk>) {
    desk.set_recovery_code(None);
    desk.end(Ending::SignOut);
}

#[tauri::command]
pub fn session_touch(desk: State<'_, Desk>) -> Result<()> {
    desk.touch()
}
