//! First run and status: create the database, the profile and the Privacy Official; the
//! recovery sheet while its code is still held.

use desk_office::session::AppStatus;
use desk_office::setup::{self, SetupForm, SetupResult};
use tauri::ipc::Response;
use tauri::State;

use crate::error::{ApiError, Result};
use crate::session::Desk;

#[tauri::command]
pub fn app_status(desk: State<'_, Desk>) -> AppStatus {
    desk.status()
}

#[tauri::command]
pub fn setup_create(desk: State<'_, Desk>, form: SetupForm) -> Result<SetupResult> {
    let (opened, code) = setup::create(&desk.db_path, &form)?;
    Ok(desk.begin_setup(opened, code))
}

/// The recovery sheet, while the code from set-up is still held (until the person continues).
#[tauri::command]
pub fn setup_recovery_sheet(desk: State<'_, Desk>) -> Result<Response> {
    let code = desk.recovery_code().ok_or_else(|| {
        ApiError::not_found("The recovery code is no longer held: it is shown only once.")
    })?;
    desk.with_store(|s| setup::recovery_sheet(s, &code))
        .map(Response::new)
}
