//! Backups from the app: the Privacy Official's button writes a verified encrypted copy in one
//! file to `~/Documents/Records Desk/Backups/`; the dashboard asks whether one is due; Settings
//! lists the backups there and restores one (from there or from any file, a USB stick's).

use desk_office::backup::{
    self, BackupDone, BackupListing, BackupStatusView, RestoreDone, RestoreForm, RestoreResult,
};
use desk_office::session::Opened;
use tauri::{AppHandle, Manager, State};

use crate::error::{ApiError, Result};
use crate::progress::told_beside;
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
        told_beside(&app, "backup-progress", |tell| backup::run(&job, tell))
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
    desk.refuse_while_checking("backup")?;
    let (db_path, worker) = (desk.db_path.clone(), app.clone());
    let (done, opened) =
        tauri::async_runtime::spawn_blocking(move || restore_on(&worker, &db_path, &form))
            .await
            .map_err(|_| ApiError::internal("restoring"))??;
    let user = opened.map(|o| desk.begin(&app, o));
    Ok(RestoreResult { done, user })
}

/// desk-office's restore from the app, its progress told to the webview and the session ended
/// once the backup is checked.
fn restore_on(
    app: &AppHandle,
    db_path: &std::path::Path,
    form: &RestoreForm,
) -> Result<(RestoreDone, Option<Opened>)> {
    let end_session = || {
        app.state::<Desk>().end(Ending::SignOut);
    };
    told_beside(app, "restore-progress", |tell| {
        backup::restore_from_app(db_path, form, tell, end_session)
    })
}
