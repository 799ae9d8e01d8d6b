//! Sign-in, lock, sign-out and the activity ping that keeps the idle clock from running out.

use desk_office::session::{self, SignInForm, UserView};
use tauri::State;

use crate::error::Result;
use crate::session::{Desk, Ending};

#[tauri::command]
pub fn session_sign_in(desk: State<'_, Desk>, form: SignInForm) -> Result<UserView> {
    Ok(desk.begin(session::sign_in(&desk.db_path, &form)?))
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
