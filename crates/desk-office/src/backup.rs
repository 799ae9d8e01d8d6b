//! Backups: a verified encrypted copy (and its key file) written to a folder or a file the
//! caller gives, whether the dashboard's reminder is due, and the restore of a checked backup.

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use desk_core::Sensitive;
use desk_store::{BackupProgress, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

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

/// How far a backup has got, as the progress bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupProgressView {
    /// Of the database's pages, how many are copied (0–100).
    pub percent: u8,
    /// Every page is copied and the copy is being checked.
    pub verifying: bool,
}

/// A backup about to run beside the session: the copy's file and the connection to make it on.
#[derive(Debug)]
pub struct BackupJob {
    background: desk_store::Background,
    out: PathBuf,
}

/// Back up now (Privacy Official): a new file in `dir` named by the time, verified by opening it.
pub fn create(store: &mut Store, dir: &Path) -> Result<BackupDone> {
    run(&prepare(store, dir)?, |_| {})
}

/// A backup to a new file in `dir` named by the time (Privacy Official), to [`run`] beside the
/// session: the session's store is not needed while it copies.
pub fn prepare(store: &Store, dir: &Path) -> Result<BackupJob> {
    if store.principal().role() != desk_core::person::Role::PrivacyOfficial {
        return Err(Error::forbidden());
    }
    let name = format!("records-{}.db", store.now().format("%Y%m%d-%H%M%S"));
    Ok(BackupJob {
        background: store.background(),
        out: dir.join(name),
    })
}

/// Copy, verify and record the backup on its own connection, telling `on_progress` each time
/// the percentage copied changes, and once when the copy's check begins.
pub fn run(job: &BackupJob, mut on_progress: impl FnMut(BackupProgressView)) -> Result<BackupDone> {
    let mut last: Option<BackupProgressView> = None;
    let report = job.background.backup(&job.out, |p| {
        let view = match p {
            BackupProgress::Copying { copied, total } => BackupProgressView {
                percent: u8::try_from(copied.saturating_mul(100) / total.max(1)).unwrap_or(100),
                verifying: false,
            },
            _ => BackupProgressView {
                percent: 100,
                verifying: true,
            },
        };
        if last != Some(view) {
            last = Some(view);
            on_progress(view);
        }
    })?;
    Ok(done(report))
}

fn done(report: desk_store::BackupReport) -> BackupDone {
    BackupDone {
        path: report.path.display().to_string(),
        keys_path: report.keys_path.display().to_string(),
        bytes: report.bytes,
        audit_rows: report.audit_rows,
    }
}

/// Back up to the file `out` (Privacy Official), its key file beside it, verified by opening
/// it. Refused on `out` when the file or its key file is already there, or is the database.
pub fn create_file(store: &mut Store, out: &Path) -> Result<BackupDone> {
    if out.as_os_str().is_empty() {
        return Err(Error::field("out", "Choose where to write the backup."));
    }
    Ok(done(store.backup(out)?))
}

/// A restore: the backup to put in place of the database, and a Privacy Official of the
/// backup to sign in to it as.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RestoreForm {
    /// The backup file (its key file beside it).
    #[ts(type = "string")]
    pub backup: PathBuf,
    pub username: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
}

/// A restore done.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreDone {
    /// Where the replaced database now is; null when there was none.
    pub kept: Option<String>,
    /// Rows in the restored audit chain (all verified).
    #[ts(type = "number")]
    pub audit_rows: i64,
}

/// Replace the database at `db_path` with a backup (the app closed). The backup is checked
/// first (signed into as a Privacy Official of it, integrity check, audit chain, its
/// `backup.restore` row written in it); only then is the database, with its key file, kept
/// under a new name and the backup put in its place. A refused backup replaces nothing.
pub fn restore(db_path: &Path, form: &RestoreForm) -> Result<RestoreDone> {
    if form.backup.as_os_str().is_empty() {
        return Err(Error::field("backup", "Choose the backup file."));
    }
    let report = Store::restore(
        &form.backup,
        db_path,
        &form.username,
        &form.password,
        chrono::Utc::now(),
    )?;
    Ok(RestoreDone {
        kept: report.kept.map(|p| p.display().to_string()),
        audit_rows: report.audit_rows,
    })
}
