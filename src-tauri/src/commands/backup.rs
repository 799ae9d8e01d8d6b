//! Backups from the app: the Privacy Official's button writes a verified encrypted copy (and its
//! key file) to `~/Documents/Records Desk/Backups/`; the dashboard asks whether one is due.

use chrono::{SecondsFormat, Utc};
use tauri::State;

use super::store_error;
use crate::dto::{BackupDone, BackupStatusView};
use crate::error::Result;
use crate::session::Desk;

/// Where the button puts backups: the Documents folder, in "Records Desk/Backups".
fn backup_dir() -> Result<std::path::PathBuf> {
    Ok(super::letter::save_dir()?.join("Backups"))
}

/// Whether the reminder is due (the last backup older than the setting, or none yet).
#[tauri::command]
pub fn backup_status(desk: State<'_, Desk>) -> Result<BackupStatusView> {
    desk.with_store(|store| {
        let s = store
            .backup_status(Utc::now())
            .map_err(|e| store_error(e, &[]))?;
        Ok(BackupStatusView {
            last_backup_at: s
                .last_backup_at
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            reminder_days: s.reminder_days,
            due: s.due,
        })
    })
}

/// Back up now (Privacy Official): a new file named by the time, verified by opening it.
#[tauri::command]
pub fn backup_create(desk: State<'_, Desk>) -> Result<BackupDone> {
    let dir = backup_dir()?;
    desk.with_store(|store| {
        let name = format!("records-{}.db", Utc::now().format("%Y%m%d-%H%M%S"));
        let report = store
            .backup(&dir.join(name))
            .map_err(|e| store_error(e, &[]))?;
        Ok(BackupDone {
            path: report.path.display().to_string(),
            keys_path: report.keys_path.display().to_string(),
            bytes: report.bytes,
            audit_rows: report.audit_rows,
        })
    })
}

/// The days after which the dashboard reminds (Privacy Official).
#[tauri::command]
pub fn settings_save_backup_reminder(desk: State<'_, Desk>, days: u32) -> Result<()> {
    desk.with_store(|store| {
        store
            .set_backup_reminder_days(days)
            .map_err(|e| store_error(e, &[("backup_reminder_days", "backupReminderDays")]))
    })
}
