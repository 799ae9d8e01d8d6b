//! Backups and restores. A backup is a consistent encrypted copy made with `VACUUM INTO` (one
//! read transaction, so no half-written case), under the same data key, with a copy of the key
//! file beside it (`FILE` → `FILE` with extension `.keys`): the passwords and the recovery code
//! that opened the database at backup time open the backup. Each copy is verified by opening
//! it (integrity check and the audit chain) before it is called a backup. A restore checks the
//! backup the same way before anything is replaced, and keeps the replaced files.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use desk_core::person::Role;
use desk_core::Sensitive;
use rusqlite::Connection;

use crate::error::{io, Error, FieldError, Result};
use crate::keyslot::{key_file_path, KeyFile};
use crate::{audit, database, schema_version, settings, shm_path, wal_path, Store};

/// The settings key of the last verified backup's time (RFC 3339 UTC).
const LAST_BACKUP_AT: &str = "last_backup_at";
/// The settings key of the days after which the app reminds to back up.
const BACKUP_REMINDER_DAYS: &str = "backup_reminder_days";
/// Remind when the last backup is older than this many days, until the Privacy Official sets
/// another.
pub const DEFAULT_BACKUP_REMINDER_DAYS: u32 = 7;
/// The reminder periods a Privacy Official may choose.
pub const BACKUP_REMINDER_RANGE: std::ops::RangeInclusive<u32> = 1..=90;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The database copy.
    pub path: PathBuf,
    /// Its key file (the slots as they were at backup time).
    pub keys_path: PathBuf,
    pub bytes: u64,
    /// Rows in the copy's audit chain (all verified).
    pub audit_rows: i64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// Where the database that was replaced now is (`None` when there was none).
    pub kept: Option<PathBuf>,
    /// Rows in the restored audit chain (all verified).
    pub audit_rows: i64,
}

/// Whether a backup is due, for the dashboard's reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupStatus {
    pub last_backup_at: Option<DateTime<Utc>>,
    pub reminder_days: u32,
    /// No backup yet, or the last is older than `reminder_days`.
    pub due: bool,
}

/// Integrity check and audit chain of an open copy; the number of audit rows.
fn check_copy(conn: &Connection) -> Result<i64> {
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Damaged);
    }
    if let Some(seq) = audit::verify(conn)? {
        return Err(Error::AuditBroken { seq });
    }
    audit::count(conn)
}

/// A sibling of `path` named `.NAME.SUFFIX` (same directory, so a rename is atomic).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "records.db".into());
    dir.join(format!(".{name}.{suffix}.db"))
}

fn remove_if_there(path: &Path) {
    // Leftovers of an earlier attempt; a file that is not there is what we want.
    let _ = std::fs::remove_file(path);
}

fn remove_db_files(path: &Path) {
    for p in [
        path.to_owned(),
        wal_path(path),
        shm_path(path),
        key_file_path(path),
    ] {
        remove_if_there(&p);
    }
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            // Best effort: not every platform can fsync a directory.
            let _ = d.sync_all();
        }
    }
}

#[cfg(unix)]
fn owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(io("protect the backup file"))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) -> Result<()> {
    Ok(())
}

impl Store {
    /// Write a verified backup to `out` and its key file beside it (Privacy Official only).
    /// Refused (field `out`) when `out` or its key file exists, or is the database itself.
    /// Records the backup's time (for the reminder) and an audit row.
    pub fn backup(&mut self, out: &Path) -> Result<BackupReport> {
        self.require(Role::PrivacyOfficial)?;
        let out_keys = key_file_path(out);
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if out == out_keys || same(out, &self.path) || same(&out_keys, &self.keys_path()) {
            return Err(FieldError::new("out", "is the database itself").into());
        }
        if out.exists() || out_keys.exists() {
            return Err(FieldError::new("out", "already exists: choose a new file name").into());
        }
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io("create the backup folder"))?;
        }
        let partial = sibling(out, "partial");
        remove_db_files(&partial);
        let result = self.write_copy(&partial, out, &out_keys);
        remove_db_files(&partial);
        if result.is_err() {
            remove_if_there(out);
            remove_if_there(&out_keys);
        }
        let report = result?;
        let now = self.now();
        self.write(|tx, me| {
            settings::put(
                tx,
                LAST_BACKUP_AT,
                &now.to_rfc3339_opts(SecondsFormat::Secs, true),
            )?;
            audit::append(tx, now, me, "backup.create", "database", None)?;
            Ok(())
        })?;
        Ok(report)
    }

    fn write_copy(&self, partial: &Path, out: &Path, out_keys: &Path) -> Result<BackupReport> {
        let target = partial
            .to_str()
            .ok_or_else(|| FieldError::new("out", "is not a usable file name"))?;
        // One read transaction: the copy holds every committed write and nothing half-done.
        // SQLCipher writes it under the same key.
        self.conn.execute("VACUUM INTO ?1", [target])?;
        owner_only(partial)?;
        let audit_rows = {
            let conn = database::open(partial, &self.key, false, None, schema_version())?;
            let rows = check_copy(&conn)?;
            conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
            rows
        };
        let mut keys = KeyFile::load(&self.keys_path())?;
        keys.db_salt = database::read_salt(partial);
        keys.backoff.clear();
        keys.failed_sign_ins.clear();
        keys.save(out_keys)?;
        std::fs::rename(partial, out).map_err(io("move the backup into place"))?;
        sync_dir(out);
        let bytes = std::fs::metadata(out).map_err(io("read the backup"))?.len();
        Ok(BackupReport {
            path: out.to_owned(),
            keys_path: out_keys.to_owned(),
            bytes,
            audit_rows,
        })
    }

    /// When the last verified backup was made, and whether the reminder is due on `now`.
    pub fn backup_status(&self, now: DateTime<Utc>) -> Result<BackupStatus> {
        let last = settings::get(&self.conn, LAST_BACKUP_AT)?
            .map(|t| crate::sql::parse_ts(&t))
            .transpose()?;
        let reminder_days = match settings::get(&self.conn, BACKUP_REMINDER_DAYS)? {
            None => DEFAULT_BACKUP_REMINDER_DAYS,
            Some(t) => t.parse().map_err(|_| Error::Damaged)?,
        };
        let due = last.is_none_or(|at| (now - at).num_days() >= i64::from(reminder_days));
        Ok(BackupStatus {
            last_backup_at: last,
            reminder_days,
            due,
        })
    }

    /// Set the days after which the app reminds to back up (Privacy Official only;
    /// [`BACKUP_REMINDER_RANGE`], field `backup_reminder_days`).
    pub fn set_backup_reminder_days(&mut self, days: u32) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        if !BACKUP_REMINDER_RANGE.contains(&days) {
            return Err(FieldError::new(
                "backup_reminder_days",
                format!(
                    "choose from {} to {} days",
                    BACKUP_REMINDER_RANGE.start(),
                    BACKUP_REMINDER_RANGE.end()
                ),
            )
            .into());
        }
        let now = self.now();
        self.write(|tx, me| {
            settings::put(tx, BACKUP_REMINDER_DAYS, &days.to_string())?;
            audit::append(
                tx,
                now,
                me,
                "settings.backup_reminder_days",
                "settings",
                None,
            )?;
            Ok(())
        })
    }

    /// Replace the database at `target` with the backup at `backup` (and its key file). The
    /// backup is first copied beside `target` and signed into as `username`, who must be a
    /// Privacy Official in it; the copy must pass the integrity check and the audit chain. Only
    /// then is the database at `target` (with its key file) renamed to
    /// `<target>.before-restore-<time>` and the copy put in its place. The app must be closed.
    pub fn restore(
        backup: &Path,
        target: &Path,
        username: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        if !backup.exists() {
            return Err(FieldError::new("backup", "is not there").into());
        }
        if !key_file_path(backup).exists() {
            return Err(FieldError::new("backup", "has no key file beside it").into());
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io("create the data folder"))?;
        }
        let staged = sibling(target, "restoring");
        remove_db_files(&staged);
        let result = Self::stage(backup, &staged, username, password, now)
            .and_then(|rows| Self::swap_in(&staged, target, now).map(|kept| (rows, kept)));
        remove_db_files(&staged);
        let (audit_rows, kept) = result?;
        Ok(RestoreReport { kept, audit_rows })
    }

    /// Copy the backup to `staged`, sign in, check it, record the restore in its audit log.
    fn stage(
        backup: &Path,
        staged: &Path,
        username: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        std::fs::copy(backup, staged).map_err(io("copy the backup"))?;
        std::fs::copy(key_file_path(backup), key_file_path(staged))
            .map_err(io("copy the backup's key file"))?;
        owner_only(staged)?;
        let mut store = Store::sign_in(staged, username, password, now)?;
        store.require(Role::PrivacyOfficial)?;
        check_copy(&store.conn)?;
        store.write(|tx, me| audit::append(tx, now, me, "backup.restore", "database", None))?;
        let rows = audit::count(&store.conn)?;
        store.conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
        drop(store);
        let mut keys = KeyFile::load(&key_file_path(staged))?;
        keys.db_salt = database::read_salt(staged);
        keys.save(&key_file_path(staged))?;
        Ok(rows)
    }

    /// Keep the current files under a new name, then move the staged copy into place.
    fn swap_in(staged: &Path, target: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let kept = if target.exists() {
            let stem = target
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "records".into());
            let kept = target.with_file_name(format!(
                "{stem}.before-restore-{}.db",
                now.format("%Y%m%dT%H%M%SZ")
            ));
            if kept.exists() || key_file_path(&kept).exists() {
                return Err(FieldError::new("target", "was restored a moment ago: wait").into());
            }
            for (from, to) in [
                (wal_path(target), wal_path(&kept)),
                (shm_path(target), shm_path(&kept)),
            ] {
                if from.exists() {
                    std::fs::rename(&from, &to).map_err(io("keep the replaced database"))?;
                }
            }
            std::fs::rename(target, &kept).map_err(io("keep the replaced database"))?;
            if key_file_path(target).exists() {
                std::fs::rename(key_file_path(target), key_file_path(&kept))
                    .map_err(io("keep the replaced key file"))?;
            }
            Some(kept)
        } else {
            None
        };
        std::fs::rename(staged, target).map_err(io("put the backup in place"))?;
        std::fs::rename(key_file_path(staged), key_file_path(target))
            .map_err(io("put the backup's key file in place"))?;
        sync_dir(target);
        Ok(kept)
    }
}
