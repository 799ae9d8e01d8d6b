//! Backups and restores. A backup is one file: a consistent encrypted copy made on a connection
//! of its own under one read transaction (so no half-written case) — the file's own bytes once
//! the write-ahead log is checkpointed into it, else SQLite's online backup page by page — with
//! its progress, under the same data key, followed by a trailer that
//! carries the key slots ([`crate::backup_file`]): the passwords and the recovery code that
//! opened the database at backup time open the backup. Each copy passes the check of every
//! page (SQLCipher's HMAC of each page, checked on two threads as the bytes are written:
//! [`crate::page_mac`]) and of the audit chain ([`crate::integrity`]) before its trailer is
//! written and read back.
//! A restore takes a one-file backup, or the older two-file form (`NAME.db` and its key file
//! `NAME.keys` beside it), checks it the same way before anything is replaced, and keeps the replaced
//! files.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use desk_core::person::Role;
use desk_core::Sensitive;
use rusqlite::backup::StepResult;
use rusqlite::{Connection, OpenFlags};

use crate::audit::Witness;
use crate::backup_file::{self, Trailer};
use crate::error::{io, Error, FieldError, Result};
use crate::integrity::{self, Background, DatabaseCheck};
use crate::keyslot::{key_file_path, KeyFile};
use crate::page_mac::{self, Pages};
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
    /// The one-file backup: the database copy and its key slots.
    pub path: PathBuf,
    pub bytes: u64,
    /// Rows in the copy's audit chain (all verified).
    pub audit_rows: i64,
    /// The copy's chain head, also in its trailer.
    pub witness: Witness,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// Where the database that was replaced now is (`None` when there was none).
    pub kept: Option<PathBuf>,
    /// Rows in the restored audit chain (all verified).
    pub audit_rows: i64,
    /// When the backup was made (`None` for the two-file form, which does not say).
    pub made_at: Option<DateTime<Utc>>,
}

/// Whether a backup is due, for the dashboard's reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupStatus {
    pub last_backup_at: Option<DateTime<Utc>>,
    pub reminder_days: u32,
    /// No backup yet, or the last is older than `reminder_days`.
    pub due: bool,
}

/// A check's outcome as a copy's: the number of audit rows, or why it is refused.
fn checked(outcome: DatabaseCheck) -> Result<i64> {
    match outcome {
        DatabaseCheck::Sound { audit_rows } => Ok(audit_rows),
        DatabaseCheck::AuditBroken { seq } => Err(Error::AuditBroken { seq }),
        DatabaseCheck::Damaged => Err(Error::Damaged),
    }
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

fn owner_only(path: &Path) -> Result<()> {
    crate::private_file::restrict(path).map_err(io("protect the backup file"))
}

/// How far a backup has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupProgress {
    /// Pages of the database copied so far, of `total`.
    Copying { copied: u64, total: u64 },
    /// Every page is copied and held its HMAC; the copy's audit chain is being checked.
    Verifying,
}

/// Pages copied per step of the online backup (4 MiB at SQLCipher's 4 KiB pages); progress is
/// reported after each.
const PAGES_PER_STEP: i32 = 1024;

impl Store {
    /// Write a verified one-file backup to `out` (Privacy Official only), on a connection of its
    /// own ([`Background::backup`], without progress).
    pub fn backup(&mut self, out: &Path) -> Result<BackupReport> {
        self.background().backup(out, |_| {})
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

    /// Replace the database at `target` with the backup at `backup`: [`Store::stage_restore`]
    /// then [`StagedRestore::put_in_place`]. The app must be closed.
    pub fn restore(
        backup: &Path,
        target: &Path,
        credential: &RestoreCredential,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        Self::stage_restore(backup, target, credential, now, |_| {})?.put_in_place()
    }

    /// Copy the backup at `backup` (one file, or the older two-file form) beside `target` and
    /// open it with `credential`, which must open it as a Privacy Official of the backup; the
    /// copy must pass the check of every page and the audit chain, and its `backup.restore`
    /// row is written in it. Nothing at `target` is touched: the caller puts the copy in place
    /// (when the database is closed) or drops it. Refused on field `backup` when the file is
    /// not there, is the database itself, is not a backup, or is damaged.
    pub fn stage_restore(
        backup: &Path,
        target: &Path,
        credential: &RestoreCredential,
        now: DateTime<Utc>,
        mut progress: impl FnMut(RestoreProgress),
    ) -> Result<StagedRestore> {
        if !backup.is_file() {
            return Err(FieldError::new("backup", "is not there").into());
        }
        if let (Ok(a), Ok(b)) = (backup.canonicalize(), target.canonicalize()) {
            if a == b {
                return Err(FieldError::new("backup", "is the database itself").into());
            }
        }
        let trailer = backup_file::read_trailer(backup)?;
        if trailer.is_none() && !key_file_path(backup).exists() {
            return Err(backup_file::not_ours());
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io("create the data folder"))?;
        }
        let staged = sibling(target, "restoring");
        remove_db_files(&staged);
        match Self::stage(
            backup,
            trailer.as_ref(),
            &staged,
            credential,
            now,
            &mut progress,
        ) {
            Ok(audit_rows) => Ok(StagedRestore {
                staged,
                target: target.to_owned(),
                now,
                audit_rows,
                made_at: trailer.map(|t| t.made_at),
                placed: false,
            }),
            Err(e) => {
                remove_db_files(&staged);
                Err(e)
            }
        }
    }

    /// Copy the backup's database to `staged` and its key slots beside it, open it, check it,
    /// record the restore in its audit log. Returns its audit rows.
    fn stage(
        backup: &Path,
        trailer: Option<&Trailer>,
        staged: &Path,
        credential: &RestoreCredential,
        now: DateTime<Utc>,
        progress: &mut impl FnMut(RestoreProgress),
    ) -> Result<i64> {
        let total = match trailer {
            Some(t) => t.database_bytes,
            None => std::fs::metadata(backup)
                .map_err(io("read the backup"))?
                .len(),
        };
        backup_file::copy_prefix(backup, staged, total, |copied| {
            progress(RestoreProgress::Copying { copied, total });
        })?;
        match trailer {
            Some(t) => t.keys.save(&key_file_path(staged))?,
            None => {
                std::fs::copy(key_file_path(backup), key_file_path(staged))
                    .map_err(io("copy the backup's key file"))?;
            }
        }
        progress(RestoreProgress::Checking);
        let mut store = match credential {
            RestoreCredential::Password { username, password } => {
                Store::sign_in(staged, username, password, now)?
            }
            RestoreCredential::RecoveryCode(code) => Store::open_with_recovery(staged, code, now)?,
        };
        store.require(Role::PrivacyOfficial)?;
        checked(integrity::run_in_two(|| {
            database::open(staged, &store.key, false, None, schema_version())
        })?)?;
        let made_at = trailer.map(|t| t.made_at);
        store.write(|tx, me| {
            // The file restored from is a backup of the restored database: the reminder
            // counts from when it was made.
            if let Some(made_at) = made_at {
                settings::put(
                    tx,
                    LAST_BACKUP_AT,
                    &made_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                )?;
            }
            audit::append(tx, now, me, "backup.restore", "database", None)
        })?;
        let rows = audit::count(&store.conn)?;
        store.conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
        drop(store);
        let mut keys = KeyFile::load(&key_file_path(staged))?;
        keys.db_salt = database::read_salt(staged);
        keys.save(&key_file_path(staged))?;
        Ok(rows)
    }
}

/// Who opens a backup to restore it: a Privacy Official of the backup with the password she
/// had then, or the recovery code that was current when it was made.
#[derive(Debug, Clone)]
pub enum RestoreCredential {
    Password {
        username: String,
        password: Sensitive<String>,
    },
    RecoveryCode(Sensitive<String>),
}

/// How far a restore has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreProgress {
    /// Bytes of the backup's database copied beside the database so far, of `total`.
    Copying { copied: u64, total: u64 },
    /// The copy is being opened and checked page by page.
    Checking,
}

/// A backup copied beside the database and checked, ready to take its place. Dropped without
/// [`StagedRestore::put_in_place`], its copy is removed and nothing is replaced.
#[derive(Debug)]
pub struct StagedRestore {
    staged: PathBuf,
    target: PathBuf,
    now: DateTime<Utc>,
    audit_rows: i64,
    made_at: Option<DateTime<Utc>>,
    placed: bool,
}

impl StagedRestore {
    /// When the backup was made (`None` for the two-file form, which does not say).
    pub fn made_at(&self) -> Option<DateTime<Utc>> {
        self.made_at
    }

    /// Keep the database at the target (with its key file) as
    /// `<target>.before-restore-<time>.db`, then move the checked copy into its place. The
    /// database must be closed. When the copy cannot be moved, the kept files go back.
    pub fn put_in_place(mut self) -> Result<RestoreReport> {
        let kept = swap_in(&self.staged, &self.target, self.now)?;
        self.placed = true;
        Ok(RestoreReport {
            kept,
            audit_rows: self.audit_rows,
            made_at: self.made_at,
        })
    }
}

impl Drop for StagedRestore {
    fn drop(&mut self) {
        if !self.placed {
            remove_db_files(&self.staged);
        }
    }
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
    let placed = std::fs::rename(staged, target)
        .map_err(io("put the backup in place"))
        .and_then(|()| {
            std::fs::rename(key_file_path(staged), key_file_path(target))
                .map_err(io("put the backup's key file in place"))
        });
    if let Err(e) = placed {
        if let Some(kept) = &kept {
            // Best effort: the database that was there goes back where it was.
            let _ = std::fs::rename(kept, target);
            let _ = std::fs::rename(key_file_path(kept), key_file_path(target));
            let _ = std::fs::rename(wal_path(kept), wal_path(target));
            let _ = std::fs::rename(shm_path(kept), shm_path(target));
        }
        return Err(e);
    }
    sync_dir(target);
    Ok(kept)
}

impl Background {
    /// Write a verified one-file backup to `out` (Privacy Official only), telling `progress`
    /// how far it has got. Refused (field `out`) when `out` exists or is the database itself.
    /// The copy is taken under one read transaction (every committed write and nothing
    /// half-done, whatever the session writes meanwhile), under the same data key, every page's
    /// HMAC checked as it is written; then the copy's audit chain, then its trailer of key slots,
    /// read back. Records the backup's time (for the reminder), an audit row and the check's
    /// outcome. A full disk under `out` is [`Error::BackupDiskFull`].
    pub fn backup(
        &self,
        out: &Path,
        mut progress: impl FnMut(BackupProgress),
    ) -> Result<BackupReport> {
        if self.role != Role::PrivacyOfficial {
            return Err(Error::NotPermitted {
                needed: Role::PrivacyOfficial,
            });
        }
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if same(out, &self.path) || same(out, &key_file_path(&self.path)) {
            return Err(FieldError::new("out", "is the database itself").into());
        }
        if out.exists() {
            return Err(FieldError::new("out", "already exists: choose a new file name").into());
        }
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io("create the backup folder"))?;
        }
        let mut conn = self.connect()?;
        let partial = sibling(out, "partial");
        remove_db_files(&partial);
        let result = self.write_copy(&conn, &partial, out, &mut progress);
        remove_db_files(&partial);
        if result.is_err() {
            remove_if_there(out);
        }
        let now = self.now();
        let report = match result {
            Ok(report) => report,
            Err(Error::DiskFull) => return Err(Error::BackupDiskFull),
            Err(e) => {
                let found = match e {
                    Error::Damaged => Some(DatabaseCheck::Damaged),
                    Error::AuditBroken { seq } => Some(DatabaseCheck::AuditBroken { seq }),
                    _ => None,
                };
                if let Some(outcome) = found {
                    // Best effort, on a fresh connection (SQLCipher refuses every later read on
                    // one that met a damaged page): the damage may reach the pages it needs.
                    let _ = self.connect().and_then(|mut conn| {
                        self.write(&mut conn, |tx| {
                            integrity::record(tx, now, self.user_id, outcome)
                        })
                    });
                }
                return Err(e);
            }
        };
        self.write(&mut conn, |tx| {
            // Every page of the copy held its HMAC and its chain verified: that is the day's
            // check too.
            integrity::record(
                tx,
                now,
                self.user_id,
                DatabaseCheck::Sound {
                    audit_rows: report.audit_rows,
                },
            )?;
            settings::put(
                tx,
                LAST_BACKUP_AT,
                &now.to_rfc3339_opts(SecondsFormat::Secs, true),
            )?;
            audit::append(tx, now, self.user_id, "backup.create", "database", None)?;
            Ok(())
        })?;
        Ok(report)
    }

    fn write_copy(
        &self,
        source: &Connection,
        partial: &Path,
        out: &Path,
        progress: &mut impl FnMut(BackupProgress),
    ) -> Result<BackupReport> {
        // The copy's audit chain, and the chain's head, the witness in the trailer.
        let read_back = || -> Result<(i64, Witness)> {
            let conn = database::open_beside(partial, &self.key)?;
            Ok((checked(integrity::chain(&conn)?)?, audit::head(&conn)?))
        };
        let (pages, read) = match self.copy_file(source, partial, progress, &read_back)? {
            Some(found) => found,
            None => {
                let mut copy = database::connect(
                    partial,
                    OpenFlags::SQLITE_OPEN_READ_WRITE
                        | OpenFlags::SQLITE_OPEN_CREATE
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                database::apply_key(&copy, &self.key)?;
                // One read transaction: the copy is the database as it was when it began.
                source.execute_batch("BEGIN")?;
                let copied = copy_pages(source, &mut copy, progress);
                let ended = source.execute_batch("COMMIT");
                copied?;
                ended?;
                drop(copy);
                progress(BackupProgress::Verifying);
                match check_file(partial, &self.key)? {
                    pages @ Pages::Authentic { .. } => (pages, read_back()),
                    pages => (pages, Err(Error::Damaged)),
                }
            }
        };
        owner_only(partial)?;
        if let Pages::Failed { .. } = pages {
            return Err(Error::Damaged);
        }
        progress(BackupProgress::Verifying);
        // Every page of the copy held its HMAC, and the copy is on the disk.
        let (audit_rows, witness) = read?;
        let mut keys = KeyFile::load(&key_file_path(&self.path))?;
        keys.db_salt = database::read_salt(partial);
        keys.backoff.clear();
        keys.failed_sign_ins.clear();
        backup_file::append_trailer(partial, &keys, self.now(), &witness)?;
        std::fs::rename(partial, out).map_err(io("move the backup into place"))?;
        sync_dir(out);
        let bytes = std::fs::metadata(out).map_err(io("read the backup"))?.len();
        Ok(BackupReport {
            path: out.to_owned(),
            bytes,
            audit_rows,
            witness,
        })
    }
}

impl Background {
    /// The database file's own bytes to `partial`, when they are the whole database: copied by
    /// the kernel chunk by chunk, every page of the copy read back from the page cache and
    /// checked against its HMAC on two threads as its chunk lands, and, while the last checks
    /// run, the copy synced to the disk and `read_back` run on it ([`page_mac::check_pages`]);
    /// what `read_back` found comes back beside what the check of the pages found, and counts
    /// only if every page held. Every committed write is moved from the write-ahead log into
    /// the file first (`wal_checkpoint(TRUNCATE)`), then one read transaction begins on
    /// `source`. While it is open no checkpoint may write into the file (its snapshot reads
    /// nothing from the log), so the file holds still however the session writes meanwhile.
    /// `None` (nothing written) when the log could not be emptied or took a write before the
    /// snapshot began: the caller then copies page by page.
    fn copy_file(
        &self,
        source: &Connection,
        partial: &Path,
        progress: &mut impl FnMut(BackupProgress),
        read_back: &(impl Fn() -> Result<(i64, Witness)> + Sync),
    ) -> Result<Option<CopyFound>> {
        let (busy, log_frames): (i64, i64) =
            source.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if busy != 0 || log_frames != 0 {
            return Ok(None);
        }
        source.execute_batch("BEGIN")?;
        let copied = (|| -> Result<Option<CopyFound>> {
            // The first read fixes the snapshot; the log must still be empty after it.
            source.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            let log_len = std::fs::metadata(wal_path(&self.path)).map_or(0, |m| m.len());
            if log_len != 0 {
                return Ok(None);
            }
            let total = std::fs::metadata(&self.path)
                .map_err(io("read the database"))?
                .len();
            let from = std::fs::File::open(&self.path).map_err(io("read the database"))?;
            let to = backup_file::create_owner_only(partial)?;
            let found = page_mac::check_pages(
                partial,
                total,
                &self.key,
                |_, len| copy_bytes(&from, &to, len),
                || synced_then(&to, read_back),
                |checked| {
                    progress(BackupProgress::Copying {
                        copied: checked / PAGE_BYTES,
                        total: total / PAGE_BYTES,
                    })
                },
            )?;
            Ok(Some(found))
        })();
        let ended = source.execute_batch("COMMIT");
        let copied = copied?;
        ended?;
        Ok(copied)
    }
}

/// What a copy's check found: its pages, and its audit chain's rows and head read back.
type CopyFound = (Pages, Result<(i64, Witness)>);

/// Every page of the file at `path` checked against its HMAC, on two threads.
fn check_file(path: &Path, key: &crate::keyslot::DataKey) -> Result<Pages> {
    let bytes = std::fs::metadata(path)
        .map_err(io("read the backup"))?
        .len();
    Ok(page_mac::check_pages(path, bytes, key, |_, _| Ok(()), || (), |_| {})?.0)
}

/// `to` synced to the disk while `read_back` reads it (from the page cache), on two threads.
fn synced_then<R>(to: &std::fs::File, read_back: impl FnOnce() -> Result<R>) -> Result<R> {
    std::thread::scope(|scope| {
        let synced = scope.spawn(|| to.sync_all().map_err(io("write the backup")));
        let read = read_back();
        synced
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        read
    })
}

/// The next `len` bytes of `from` onto the end of `to`, copied by the kernel where it can
/// (`copy_file_range`: the bytes never pass through this process).
fn copy_bytes(from: &std::fs::File, to: &std::fs::File, len: usize) -> Result<()> {
    use std::io::Read;
    let copied =
        std::io::copy(&mut from.take(len as u64), &mut &*to).map_err(io("write the backup"))?;
    if copied != len as u64 {
        return Err(io("read the database")(
            std::io::ErrorKind::UnexpectedEof.into(),
        ));
    }
    Ok(())
}

/// SQLCipher's page, as the progress of a file copy counts pages.
const PAGE_BYTES: u64 = page_mac::PAGE as u64;

/// Every page of `source` into `copy`, [`PAGES_PER_STEP`] at a time, inside the caller's read
/// transaction on `source`.
fn copy_pages(
    source: &Connection,
    copy: &mut Connection,
    progress: &mut impl FnMut(BackupProgress),
) -> Result<()> {
    // The first read fixes the snapshot the whole copy is taken from.
    source.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let backup = rusqlite::backup::Backup::new(source, copy)?;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let remaining = u64::try_from(p.remaining).unwrap_or(0);
        progress(BackupProgress::Copying {
            copied: total.saturating_sub(remaining),
            total,
        });
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // The copy's own file is locked by nobody else; wait and go on.
            _ => std::thread::sleep(std::time::Duration::from_millis(10)),
        }
    }
}
