//! Backups: a verified encrypted copy (and its key file) written to a folder the caller gives,
//! and whether the dashboard's reminder is due.

use std::path::Path;

use chrono::SecondsFormat;
use desk_store::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// The dashboard's backup reminder.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupStatusView {
    /// RFC 3339, UTC; null when no backup was made yet.
    pub last_backup_at: Option<String>,
    pub reminder_days: u32,
    pub due: bool,
}

/// A backup just written and verified.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupDone {
    pub path: String,
    pub keys_path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub audit_rows: i64,
}

/// Whether the reminder is due (the last backup older than the setting, or none yet).
pub fn status(store: &Store) -> Result<BackupStatusView> {
    let s = store.backup_status(store.now())?;
    Ok(BackupStatusView {
        last_backup_at: s
            .last_backup_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        reminder_days: s.reminder_days,
        due: s.due,
    })
}

/// Back up now (Privacy Official): a new file in `dir` named by the time, verified by opening it.
pub fn create(store: &mut Store, dir: &Path) -> Result<BackupDone> {
    let name = format!("records-{}.db", store.now().format("%Y%m%d-%H%M%S"));
    let report = store.backup(&dir.join(name))?;
    Ok(BackupDone {
        path: report.path.display().to_string(),
        keys_path: report.keys_path.display().to_string(),
        bytes: report.bytes,
        audit_rows: report.audit_rows,
    })
}
