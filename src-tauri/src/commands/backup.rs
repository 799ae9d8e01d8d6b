//! Backups from the app: the Privacy Official's button writes a verified encrypted copy (and its
//! key file) to `~/Documents/Records Desk/Backups/`; the dashboard asks whether one is due.

use desk_office::backup::{self, BackupDone, BackupStatusView};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn backup_status(desk: State<'_, Desk>) -> Result<BackupStatusView> {
    desk.with_store(|s| backup::status(s))
}

#[tauri::command]
pub fn backup_create(desk: State<'_, Desk>) -> Result<BackupDone> {
    let dir = super::save_dir()?.join("Backups");
    desk.with_store(|s| backup::create(s, &dir))
}
