//! Backups from the app: the Privacy Official's button writes a verified encrypted copy in one
//! file to `~/Documents/Records Desk/Backups/`; the dashboard asks whether one is due; Settings
//! lists the backups there and restores one (from there or from any file, a USB stick's).

use desk_office::backup::{
    self, BackupDone, BackupListing, BackupStatusView, RestoreForm, RestoreResult,
};
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, Result};
use crate::session::{Desk, Ending};

fn backups_dir() -> Result<std::path::PathBuf> {
    Ok(super::save_dir()?.join("Backups"))
}

#[tauri::command]
pub fn backup_status(desk: State<'_, Desk>) -> Result<BackupStatusView> {
    desk.with_store(|s| backup::status(s))
}

/// Runs beside the session, off the window's thread: the screens stay usable while it copies,
/// and the webview is told how far it has got (`backup-progress`).
#[tauri::command]
pub async fn backup_create(app: AppHandle, desk: State<'_, Desk>) -> Result<BackupDone> {
    let dir = backups_dir()?;
    let job = desk.with_store(|s| backup::prepare(s, &dir))?;
    tauri::async_runtime::spawn_blocking(move || {
        backup::run(&job, |p| {
            let _ = app.emit("backup-progress", p);
        })
    })
    .await
    .map_err(|_| ApiError::internal("backing up"))?
}

/// The backups in the backups folder, newest first (the Privacy Official).
#[tauri::command]
pub fn backup_list(desk: State<'_, Desk>) -> Result<Vec<BackupListing>> {
    let dir = backups_dir()?;
    desk.with_store(|s| backup::backups(s, &dir))
}

/// Restore a backup (the Privacy Official), off the window's thread, telling the webview how
/// far it has got (`restore-progress`). The backup is copied beside the database and checked
/// while the session goes on; a refused backup replaces nothing and the session stays. Only a
/// checked copy ends the session (its sign-out recorded in the database being replaced), takes
/// the database's place, and is signed into with the password that opened it.
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    desk: State<'_, Desk>,
    form: RestoreForm,
) -> Result<RestoreResult> {
    desk.with_store(|s| backup::require_official(s))?;
    if desk.is_checking() {
        return Err(ApiError::field(
            "backup",
            "The check of every page is still running: restore when it ends.",
        ));
    }
    let db_path = desk.db_path.clone();
    let emitter = app.clone();
    let (staged, form) = tauri::async_runtime::spawn_blocking(move || {
        backup::stage(&db_path, &form, |p| {
            let _ = emitter.emit("restore-progress", p);
        })
        .map(|staged| (staged, form))
    })
    .await
    .map_err(|_| ApiError::internal("restoring"))??;
    desk.end(Ending::SignOut);
    let done = backup::finish(staged)?;
    let user = backup::reopen(&desk.db_path, &form)?.map(|opened| desk.begin(&app, opened));
    Ok(RestoreResult { done, user })
}
