//! The recovery code: a forgotten Privacy Official's password reset from the sign-in screen,
//! and a new code (its sheet shown once).

use desk_office::recovery::{self, RecoveryResetForm};
use desk_office::session::UserView;
use tauri::ipc::Response;
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::session::Desk;

/// Reset with the recovery code, then begin the session as a sign-in does.
#[tauri::command]
pub fn recovery_reset_password(
    app: AppHandle,
    desk: State<'_, Desk>,
    form: RecoveryResetForm,
) -> Result<UserView> {
    Ok(desk.begin(&app, recovery::reset_password(&desk.db_path, &form)?))
}

/// A new recovery code (the Privacy Official): its sheet's PDF, to print now; the code is on
/// the sheet only.
#[tauri::command]
pub fn recovery_new_code(desk: State<'_, Desk>) -> Result<Response> {
    desk.with_store(|s| recovery::new_code(s).map(|(_, sheet)| sheet))
        .map(Response::new)
}
