//! Backups: a verified encrypted copy in one file (the database and its key slots) written to
//! a folder or a file the caller gives, the backups found in a folder, whether the dashboard's
//! reminder is due, and the restore of a checked backup (one file, or the older two-file form).

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use desk_core::Sensitive;
use desk_store::backup_file;
use desk_store::{BackupProgress, RestoreCredential, RestoreProgress, StagedRestore, Store};
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
    /// The one file that holds the backup.
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub audit_rows: i64,
    /// The copy's audit chain head, `SEQ:HASH`, also in the backup's trailer: a witness of what
    /// the log held (`records-desk audit verify --witness`).
    pub witness: String,
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

/// Back up now (Privacy Official): a new file in `dir` named by the time, verified.
pub fn create(store: &mut Store, dir: &Path) -> Result<BackupDone> {
    run(&prepare(store, dir)?, |_| {})
}

/// A backup to a new file in `dir` named by the time (Privacy Official), to [`run`] beside the
/// session: the session's store is not needed while it copies.
pub fn prepare(store: &Store, dir: &Path) -> Result<BackupJob> {
    require_official(store)?;
    let name = format!(
        "records-{}.{}",
        store.now().format("%Y%m%d-%H%M%S"),
        backup_file::EXTENSION
    );
    Ok(BackupJob {
        background: store.background(),
        out: dir.join(name),
    })
}

/// Copy, verify and record the backup on its own connection, telling `on_progress` each time
/// the percentage copied changes, and once when the copy's check begins.
pub fn run(job: &BackupJob, on_progress: impl FnMut(BackupProgressView)) -> Result<BackupDone> {
    let mut tell = changes_only(on_progress);
    let report = job.background.backup(&job.out, |p| {
        tell(match p {
            BackupProgress::Copying { copied, total } => BackupProgressView {
                percent: percent(copied, total),
                verifying: false,
            },
            _ => BackupProgressView {
                percent: 100,
                verifying: true,
            },
        })
    })?;
    Ok(done(report))
}

/// `copied` of `total` in whole percents (0–100).
fn percent(copied: u64, total: u64) -> u8 {
    u8::try_from(copied.saturating_mul(100) / total.max(1)).unwrap_or(100)
}

/// `on_progress`, told only when what it would show changes.
fn changes_only<V: PartialEq + Copy>(mut on_progress: impl FnMut(V)) -> impl FnMut(V) {
    let mut last: Option<V> = None;
    move |view| {
        if last != Some(view) {
            last = Some(view);
            on_progress(view);
        }
    }
}

fn done(report: desk_store::BackupReport) -> BackupDone {
    BackupDone {
        path: report.path.display().to_string(),
        bytes: report.bytes,
        audit_rows: report.audit_rows,
        witness: report.witness.to_string(),
    }
}

/// Back up to the one file `out` (Privacy Official), verified. Refused on `out` when the file
/// is already there, or is the database.
pub fn create_file(store: &mut Store, out: &Path) -> Result<BackupDone> {
    if out.as_os_str().is_empty() {
        return Err(Error::field("out", "Choose where to write the backup."));
    }
    Ok(done(store.backup(out)?))
}

/// A restore: the backup to put in place of the database, and how to open it: as a Privacy
/// Official of the backup (her username and the password she had then), or with the recovery
/// code of the backup's day (`recoveryCode`, when given, instead of the password).
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RestoreForm {
    /// The backup file: one `.rdbackup` file, or an older backup's `.db` with its key file.
    #[ts(type = "string")]
    pub backup: PathBuf,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    #[ts(type = "string")]
    pub password: Sensitive<String>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub recovery_code: Option<Sensitive<String>>,
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
    /// When the backup was made (RFC 3339, UTC); null for the older two-file form.
    pub made_at: Option<String>,
}

/// How far a restore has got, as the progress bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreProgressView {
    /// Of the backup's database, how much is copied beside the database (0–100).
    pub percent: u8,
    /// The copy is copied and is being opened and checked page by page.
    pub checking: bool,
}

fn credential(form: &RestoreForm) -> Result<RestoreCredential> {
    if form.backup.as_os_str().is_empty() {
        return Err(Error::field("backup", "Choose the backup file."));
    }
    if let Some(code) = form
        .recovery_code
        .as_ref()
        .filter(|c| !c.expose().trim().is_empty())
    {
        return Ok(RestoreCredential::RecoveryCode(code.clone()));
    }
    if form.username.trim().is_empty() {
        return Err(Error::field(
            "username",
            "Enter the username of a Privacy Official in the backup.",
        ));
    }
    if form.password.expose().is_empty() {
        return Err(Error::field(
            "password",
            "Enter the password she had when the backup was made.",
        ));
    }
    Ok(RestoreCredential::Password {
        username: form.username.trim().to_owned(),
        password: form.password.clone(),
    })
}

/// Copy the backup beside the database at `db_path` and check it (opened as a Privacy Official
/// of the backup, the check of every page, the audit chain, its `backup.restore` row written
/// in it), telling `on_progress` each time the percentage copied changes and once when the
/// check begins. Nothing is replaced: [`finish`] puts the copy in place once the database is
/// closed; dropping the staged restore removes the copy.
pub fn stage(
    db_path: &Path,
    form: &RestoreForm,
    on_progress: impl FnMut(RestoreProgressView),
) -> Result<StagedRestore> {
    let credential = credential(form)?;
    let mut tell = changes_only(on_progress);
    Ok(Store::stage_restore(
        &form.backup,
        db_path,
        &credential,
        chrono::Utc::now(),
        |p| {
            tell(match p {
                RestoreProgress::Copying { copied, total } => RestoreProgressView {
                    percent: percent(copied, total),
                    checking: false,
                },
                RestoreProgress::Checking => RestoreProgressView {
                    percent: 100,
                    checking: true,
                },
            })
        },
    )?)
}

/// Keep the database (with its key file) under a new name and put the checked copy in its
/// place. The database must be closed.
pub fn finish(staged: StagedRestore) -> Result<RestoreDone> {
    let report = staged.put_in_place()?;
    Ok(RestoreDone {
        kept: report.kept.map(|p| p.display().to_string()),
        audit_rows: report.audit_rows,
        made_at: report.made_at.map(rfc3339),
    })
}

/// After a restore by password, the session on the restored database: signed in as the
/// Privacy Official who opened the backup, with the password she gave. `None` after a restore
/// with the recovery code (the sign-in screen follows).
pub fn reopen(db_path: &Path, form: &RestoreForm) -> Result<Option<crate::session::Opened>> {
    match credential(form)? {
        RestoreCredential::Password { username, password } => {
            let form = crate::session::SignInForm { username, password };
            crate::session::sign_in(db_path, &form).map(Some)
        }
        RestoreCredential::RecoveryCode(_) => Ok(None),
    }
}

/// A restore from the app, on a blocking thread beside the session: [`stage`] (the backup
/// copied beside the database and checked, telling `on_progress`), then `end_session` (the
/// session's store closed, its sign-out recorded in the database being replaced), [`finish`],
/// and [`reopen`]. A refused backup replaces nothing and leaves the session as it was.
pub fn restore_from_app(
    db_path: &Path,
    form: &RestoreForm,
    on_progress: impl FnMut(RestoreProgressView),
    end_session: impl FnOnce(),
) -> Result<(RestoreDone, Option<crate::session::Opened>)> {
    let staged = stage(db_path, form, on_progress)?;
    end_session();
    let done = finish(staged)?;
    Ok((done, reopen(db_path, form)?))
}

/// A restore from the app: what was done, and who is signed in to the restored database
/// (null after a restore with the recovery code).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreResult {
    pub done: RestoreDone,
    pub user: Option<crate::session::UserView>,
}

/// The backups in the app's backups folder (Privacy Official only): see [`list`].
pub fn backups(store: &Store, dir: &Path) -> Result<Vec<BackupListing>> {
    require_official(store)?;
    list(dir)
}

/// Backups and restores are the Privacy Official's.
pub fn require_official(store: &Store) -> Result<()> {
    if store.principal().role() != desk_core::person::Role::PrivacyOfficial {
        return Err(Error::forbidden());
    }
    Ok(())
}

/// Replace the database at `db_path` with a backup (the app closed): [`stage`], then
/// [`finish`]. A refused backup replaces nothing.
pub fn restore(db_path: &Path, form: &RestoreForm) -> Result<RestoreDone> {
    finish(stage(db_path, form, |_| {})?)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A backup found in the backups folder.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupListing {
    pub path: String,
    /// The file's name, as the list shows it.
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// When it was made (RFC 3339, UTC): the backup's own record, or for the older two-file
    /// form the file's time.
    pub made_at: Option<String>,
    /// The older form, a `.db` file with its key file beside it.
    pub two_files: bool,
}

/// The backups in `dir`, newest first: every one-file backup, and every `.db` file with a key
/// file beside it (the older form). A folder that is not there holds none. Files that are
/// neither, or whose trailer is damaged, are left out (a restore of one says why).
pub fn list(dir: &Path) -> Result<Vec<BackupListing>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(_) => {
            return Err(Error::field(
                "backups",
                "The backups folder cannot be read.",
            ))
        }
    };
    let mut found = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || name.starts_with('.') {
            continue;
        }
        let listing = |made_at: Option<DateTime<Utc>>, two_files: bool| BackupListing {
            path: path.display().to_string(),
            name: name.clone(),
            bytes: meta.len(),
            made_at: made_at.map(rfc3339),
            two_files,
        };
        match backup_file::read_trailer(&path) {
            Ok(Some(trailer)) => found.push(listing(Some(trailer.made_at), false)),
            Ok(None)
                if path.extension().is_some_and(|e| e == "db")
                    && desk_store::key_file_path(&path).is_file() =>
            {
                let modified = meta.modified().ok().map(DateTime::<Utc>::from);
                found.push(listing(modified, true));
            }
            _ => {}
        }
    }
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.name.cmp(&a.name)));
    Ok(found)
}
