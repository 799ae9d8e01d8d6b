//! The store's errors: one variant per thing a person can act on, none carrying PHI.

use desk_core::person::Role;

/// Everything that can go wrong in the store. Messages are safe to show: they never contain
/// names, dates of birth, identifiers of people, passwords or keys.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Unknown username and wrong password look the same on purpose.
    #[error("wrong username or password")]
    WrongCredentials,
    /// The recovery code does not open this database.
    #[error("that recovery code does not open this database")]
    WrongRecoveryCode,
    /// Too many failed sign-ins in a row: the next attempt is accepted after the wait.
    #[error("too many failed sign-ins: try again in {wait_seconds} seconds")]
    TryAgainLater { wait_seconds: u64 },
    /// The account exists but was deactivated.
    #[error("this account is deactivated: ask the Privacy Official")]
    AccountInactive,
    /// The account was not used for [`crate::IDLE_ACCOUNT_DAYS`] days: a staff account is
    /// locked until the Privacy Official re-enables it; a Privacy Official uses the recovery code.
    #[error("{}", if *official {
        "this account was not used for 90 days and is locked: reset its password with the recovery code"
    } else {
        "this account was not used for 90 days and is locked: ask the Privacy Official to re-enable it"
    })]
    AccountIdle { official: bool },
    /// No database at the given place.
    #[error("there is no Records Desk database at this location")]
    NoDatabase,
    /// A database (or its key file) already exists where one would be created.
    #[error("a Records Desk database already exists at this location")]
    AlreadyExists,
    /// The key file beside the database is missing or unreadable.
    #[error("the key file beside the database is missing or damaged")]
    KeyFileDamaged,
    /// Random bytes, a plain SQLite file, someone else's encrypted file.
    #[error("this file is not a Records Desk database")]
    NotRecordsDesk,
    /// The file is ours but truncated or fails the integrity check: restore a backup.
    #[error("the database file is damaged: restore it from a backup")]
    Damaged,
    /// Written by a newer Records Desk.
    #[error(
        "this database was written by a newer version of Records Desk (schema {found}, this \
         version reads up to {supported}): install the newer version"
    )]
    NewerVersion { found: u32, supported: u32 },
    /// The disk holding the database is full (SQLITE_FULL, the shared-memory file that cannot
    /// grow, ENOSPC): the write was refused whole.
    #[error("the disk holding the database is full: free space, then try again")]
    DiskFull,
    /// The disk a backup is written to is full: no backup was made.
    #[error("the disk holding the backup is full: free space, then try again")]
    BackupDiskFull,
    /// The SQLite library linked into this build has no encryption: refuse to store anything.
    #[error("this build of Records Desk has no database encryption (SQLCipher) and cannot run")]
    NoEncryption,
    /// The signed-in user does not have the role the action needs.
    #[error("only a {} can do this", role_name(*needed))]
    NotPermitted { needed: Role },
    /// A simulated clock was asked of a database not made by `Store::create_demo`.
    #[error("only a demo database can run on a simulated clock")]
    NotADemo,
    /// At least one active Privacy Official must remain.
    #[error("at least one active Privacy Official must remain")]
    LastPrivacyOfficial,
    /// A field's value is unusable; `field` names it so a form can mark it.
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
    /// An audit row was to be written without its author's signing key (a fault of the
    /// program, never of the person): nothing was written.
    #[error("the audit log's signing key for this action is not open: nothing was written")]
    NoSigningKey,
    /// The audit chain does not verify from this row on (a backup or a restore refuses it).
    #[error("the audit log is broken at row {seq}")]
    AuditBroken { seq: i64 },
    /// The record must be kept (six-year retention) until the date given.
    #[error("{field}: is kept until {kept_until} (six-year retention)")]
    Retained {
        field: &'static str,
        kept_until: chrono::NaiveDate,
    },
    /// A record looked up by id is not there.
    #[error("no such {entity}")]
    NotFound { entity: &'static str },
    /// File system trouble around the database or the key file.
    #[error("could not {action}: {source}")]
    Io {
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Anything else SQLite reports (never carries row values).
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One field's problem, for forms and imports that report every bad field at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: String,
}

impl FieldError {
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }

    /// A desk-core rule's refusal on `field`: its message reads "field: problem", and the
    /// problem alone is kept.
    pub(crate) fn from_rule(field: &'static str, refusal: impl std::fmt::Display) -> Self {
        let text = refusal.to_string();
        let problem = text.split_once(": ").map_or(text.as_str(), |(_, p)| p);
        Self::new(field, problem)
    }
}

impl From<FieldError> for Error {
    fn from(e: FieldError) -> Self {
        Error::Invalid {
            field: e.field,
            problem: e.problem,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if e.sqlite_error_code() == Some(ErrorCode::SystemIoFailure)
            && extended_code(&e) == Some(SQLITE_IOERR_SHMSIZE)
        {
            // The WAL's shared-memory file could not grow: on Linux only ENOSPC does that.
            return Error::DiskFull;
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) => Error::Damaged,
            Some(ErrorCode::NotADatabase) => Error::NotRecordsDesk,
            _ => Error::Sqlite(e),
        }
    }
}

/// SQLite's extended result code for "the shared-memory file could not be resized".
const SQLITE_IOERR_SHMSIZE: i32 = 10 | (19 << 8);

fn extended_code(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

pub(crate) fn io(action: &'static str) -> impl FnOnce(std::io::Error) -> Error {
    move |source| {
        if source.raw_os_error() == Some(28) {
            // ENOSPC
            Error::DiskFull
        } else {
            Error::Io { action, source }
        }
    }
}

pub(crate) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Staff => "staff member",
        Role::PrivacyOfficial => "Privacy Official",
    }
}
