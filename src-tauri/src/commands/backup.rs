//! Backups from the app: the Privacy Official's button writes a verified encrypted copy (and its
//! key file) to `~/Documents/Records Desk/Backups/`; the dashboard asks whether one is due.

use desk_office::backup::{self, BackupDone, BackupStatusView};
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, Result};
use crate::session::Desk;

#[tauri::command]
pub fn backup_status(desk: State<'_, Desk>) -> Result<BackupStatusView> {
    desk.with_store(|s| backup::status(s))
}

/// Runs beside the session, off the window's thread: the screens stay usable while it copies,
/// and the webview is told how far it has got (`backup-progress`).
#[tauri::command]
pub async fn backup_create(app: AppHandle, desk: State<'_, Desk>) -> Result<BackupDone> {
    let dir = super::save_dir()?.join("Backups");
    let job = desk.with_store(|s| backup::prepare(s, &dir))?;
    tauri::async_runtime::spawn_blocking(move || {
        backup::run(&job, |p| {
            let _ = app.emit("backup-progress", p);
        })
    })
    .await
    .map_err(|_| ApiError::internal("backing up"))?
}
