//! Records Desk storage: one SQLCipher database opened with a raw data key, per-user key slots,
//! migrations by `PRAGMA user_version`, the hash-chained audit log.
//!
//! Everything goes through a signed-in [`Store`]: [`Store::create`] makes a new database and its
//! first Privacy Official, [`Store::sign_in`] / [`Store::open_with_recovery`] open one, and
//! [`Store::lock`] (or dropping the store) closes it and zeroizes the key. Reads take `&self`;
//! every write is one IMMEDIATE transaction that also appends to the audit log.
//!
//! Each module owns its tables' SQL and the `Store` methods that use them:
//! `user` and `keyslot` (accounts and their slots), `settings` (profile, idle minutes, signature
//! image), `participant` (people and coverage), `request` (requesters, the lifecycle, the
//! extension), `intake` (requester, request, scan and verification in one write),
//! `attachment` (scans and files), `verification` (identity checks),
//! `decision` (decisions and approvals), `letter` (letters as sent and their deliveries),
//! `draft` (forms saved as typed), `authorization`, `disclosure` and `privacy_log` (what the
//! participant's page lists), `audit` (the hash chain and the trail), `backup` (verified
//! copies, restore, the reminder), `backup_file` (a backup's one file: the copy and its key
//! slots), `integrity` (the check of every page, beside the session), `retention` (the purge of cases past six years), `incident` (the incident log, its
//! assessment, determination, breach letters, substitute notice, mitigation and sanctions),
//! `database` (open and migrate).

#[macro_use]
mod sql;

mod accounting;
mod associate;
mod associate_log;
mod associate_request;
mod attachment;
mod audit;
mod authorization;
mod backup;
pub mod backup_file;
mod case_log;
mod database;
mod decision;
mod disclosure;
mod dispute;
mod draft;
mod error;
mod incident;
mod intake;
mod integrity;
mod keyslot;
mod letter;
mod logbook;
mod minimum;
mod page_mac;
mod participant;
mod participant_change;
mod privacy_log;
pub mod private_file;
mod referral;
mod registers;
mod request;
mod retention;
mod review;
mod settings;
mod signing;
mod user;
mod verification;

#[cfg(feature = "fixtures")]
pub mod fixture;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::organization::Organization;
use desk_core::person::{Relationship, Role};
use desk_core::request::RequestStatus;
use desk_core::Sensitive;
use std::sync::Arc;

use ed25519_dalek::SigningKey;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use associate::AssociateEntry;
pub use associate_log::NewAssociateLog;
pub use associate_request::{
    AssociateNoticeEntry, AssociateRequestEntry, NewAssociateNotice, NewAssociateRequest,
    MAX_REPLY_NOTE_CHARS,
};
pub use attachment::{
    sniff_media_type, Attachment, AttachmentKind, AttachmentMeta, NewAttachment,
    MAX_ATTACHMENT_BYTES,
};
pub use audit::{AuditEntry, AuditFilter, CaseEvent, Witness, WitnessCheck, TRAIL_LIMIT};
pub use authorization::AuthorizationEntry;
pub use backup::{
    BackupProgress, BackupReport, BackupStatus, RestoreCredential, RestoreProgress, RestoreReport,
    StagedRestore, BACKUP_REMINDER_RANGE, DEFAULT_BACKUP_REMINDER_DAYS,
};
pub use case_log::{EndStep, Ending, NewNote, Note, NoteKind, MAX_NOTE_CHARS};
pub use database::schema_version;
pub use decision::{
    Approval, DecisionOutcome, DecisionRecord, DecisionState, DenialReturn, PendingApproval,
};
pub use disclosure::DisclosureEntry;
pub use dispute::{DisputeEntry, NewDisputeStep};
pub use draft::{Draft, MAX_DRAFT_BYTES};
pub use error::{Error, FieldError, Result};
pub use incident::{
    ActionEntry, AddedEntry, AssessmentEntry, CorrectionEntry, DecisionEntry, IncidentLetter,
    IncidentRecord, NewIncident, NewSubstitute, SubstituteEntry,
};
pub use intake::NewIntake;
pub use integrity::{Background, CheckRecord, DatabaseCheck};
pub use keyslot::{
    backoff_seconds, key_file_path, Backoff, Kdf, KeyFile, Slot, ARGON2_ITERATIONS,
    ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, FREE_FAILURES, MAX_WAIT_SECONDS, RECOVERY_CODE_CHARS,
};
pub use letter::{
    DeliveryMethod, LetterDelivery, LetterMeta, NewLetter, StoredLetter, MAX_LETTER_BYTES,
};
pub use logbook::{NewAuthorization, NewDisclosure, NewSuspension, SuspensionEntry};
pub use minimum::{DisclosureReview, PendingDisclosureReview, MAX_REVIEW_NOTE_CHARS};
pub use participant::{
    Address, CoverageLink, NewParticipant, Participant, ParticipantSearch, ParticipantSummary,
    SEARCH_LIMIT,
};
pub use participant_change::{ChangeRecord, ChangeSource, FieldChange};
pub use privacy_log::{ConfidentialCommunicationEntry, RestrictionEntry};
pub use referral::Referral;
pub use registers::{ComplaintEntry, NewCommunication, NewComplaint, NewRestriction};
pub use request::{NewRequest, NewRequester, RequestFilter, RequestSummary, Requester};
pub use retention::PurgeItem;
pub use review::DenialReviewRecord;
pub use settings::{
    validate_organization, DEFAULT_IDLE_MINUTES, IDLE_MINUTES_RANGE, MAX_SIGNATURE_BYTES,
};
pub use signing::{SignatureFailure, SignatureProblem, SignatureReport, MAX_FAILURES};
pub use user::{
    is_common_password, normalize_username, validate_password, validate_username, NewUser, User,
    IDLE_ACCOUNT_DAYS, MIN_PASSWORD_CHARS,
};
pub use verification::{
    NewVerification, VerificationMethod, VerificationOutcome, VerificationRecord,
};

use keyslot::{DataKey, RECOVERY_BACKOFF, RECOVERY_SLOT};
use signing::{Holder, Keyring};

/// Where the app keeps its database unless told otherwise:
/// `<OS data dir>/org.recordsdesk.desk/records.db`: `$XDG_DATA_HOME` (`~/.local/share`) on Linux,
/// `%LOCALAPPDATA%` on Windows (the local, not the roaming, profile: a roaming profile would
/// copy the whole database to the server at every sign-out).
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join("org.recordsdesk.desk").join("records.db"))
}

/// Who opened the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A staff account, signed in with its own password.
    User(User),
    /// Opened with the recovery code: may reset passwords and manage accounts (as a Privacy
    /// Official would), audited as such.
    Recovery,
}

impl Principal {
    pub fn role(&self) -> Role {
        match self {
            Principal::User(u) => u.role,
            Principal::Recovery => Role::PrivacyOfficial,
        }
    }

    fn user_id(&self) -> Option<i64> {
        match self {
            Principal::User(u) => Some(u.id),
            Principal::Recovery => None,
        }
    }

    /// Whose key signs this principal's audit rows.
    fn holder(&self) -> Holder {
        match self {
            Principal::User(u) => Holder::User(u.id),
            Principal::Recovery => Holder::Recovery,
        }
    }
}

/// A dependent to import: the person, the employee id whose coverage they are enrolled under,
/// and how they are related.
#[derive(Debug, Clone)]
pub struct NewDependent {
    pub person: NewParticipant,
    pub dependent_of: String,
    pub relationship: Relationship,
}

/// An enrollment export, already parsed and checked by the caller.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub employees: Vec<NewParticipant>,
    pub dependents: Vec<NewDependent>,
}

/// A participant's id with the fields a change wrote.
pub type ParticipantChanges = (i64, Vec<FieldChange>);

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterCounts {
    pub employees: usize,
    pub dependents: usize,
}

/// An open, signed-in database. Dropping it closes the connection and zeroizes the key.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    key: DataKey,
    principal: Principal,
    /// Made by [`Store::create_demo`] (the settings flag, read when the store opened).
    demo: bool,
    /// A demo database's simulated time ([`Store::simulate_clock`]); `None`: the real clock.
    clock: Option<DateTime<Utc>>,
    /// The keys this session's audit rows are signed with (the principal's and the
    /// workstation's), attached to the connection.
    keyring: Arc<Keyring>,
}

/// How a new database is made: the schema version it stops at (older ones for the migration
/// tests) and whether it is a demo database.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Creation {
    pub(crate) version: u32,
    pub(crate) demo: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("principal", &self.principal)
            .field("demo", &self.demo)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Create a new database at `path` (and its key file beside it) with the organization
    /// profile and the first Privacy Official. Returns the store, signed in as that official,
    /// and the recovery code — show it once, it is not kept anywhere in clear.
    pub fn create(
        path: &Path,
        organization: &Organization,
        username: &str,
        display_name: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<(Store, Sensitive<String>)> {
        let creation = Creation {
            version: schema_version(),
            demo: false,
        };
        Self::create_at(
            path,
            organization,
            username,
            display_name,
            password,
            now,
            creation,
        )
    }

    /// Create a demo database: exactly as [`Store::create`], and in the same transaction the
    /// settings flag that it holds synthetic data. Only a demo database accepts
    /// [`Store::simulate_clock`], so that a demo can replay a history through the real
    /// operations.
    pub fn create_demo(
        path: &Path,
        organization: &Organization,
        username: &str,
        display_name: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<(Store, Sensitive<String>)> {
        let creation = Creation {
            version: schema_version(),
            demo: true,
        };
        Self::create_at(
            path,
            organization,
            username,
            display_name,
            password,
            now,
            creation,
        )
    }

    pub(crate) fn create_at(
        path: &Path,
        organization: &Organization,
        username: &str,
        display_name: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
        creation: Creation,
    ) -> Result<(Store, Sensitive<String>)> {
        let keys_path = key_file_path(path);
        if path.exists() || keys_path.exists() {
            return Err(Error::AlreadyExists);
        }
        validate_organization(organization)?;
        let first = NewUser {
            username: username.to_owned(),
            display_name: display_name.to_owned(),
            role: Role::PrivacyOfficial,
            password: password.clone(),
        }
        .validated()?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(error::io("create the data folder"))?;
        }
        let result = Self::create_files(path, &keys_path, organization, &first, now, creation);
        if result.is_err() {
            // Leave nothing half-made behind: a database without its key file cannot be opened.
            for p in [path.to_owned(), wal_path(path), shm_path(path), keys_path] {
                let _ = std::fs::remove_file(p);
            }
        }
        result
    }

    fn create_files(
        path: &Path,
        keys_path: &Path,
        organization: &Organization,
        first: &NewUser,
        now: DateTime<Utc>,
        creation: Creation,
    ) -> Result<(Store, Sensitive<String>)> {
        let key = keyslot::random_data_key();
        let mut conn = database::open(path, &key, true, None, creation.version)?;
        // Owner only; SQLite gives the -wal and -shm files the same mode.
        private_file::restrict(path).map_err(error::io("protect the database file"))?;
        let signs = creation.version >= 9;
        let own_key = keyslot::new_signing_key();
        let workstation = keyslot::new_signing_key();
        let recovery_key = keyslot::new_signing_key();
        let (user_id, keyring) = {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            settings::set_organization(&tx, organization)?;
            settings::init_ssn_key(&tx)?;
            if creation.demo {
                settings::mark_demo(&tx)?;
            }
            let id = user::insert(&tx, first, now)?;
            let keyring = Arc::new(if signs {
                Keyring::new(vec![
                    (Holder::User(id), own_key.clone()),
                    (Holder::Workstation, workstation.clone()),
                ])
            } else {
                Keyring::unsigned()
            });
            signing::attach(&tx, keyring.clone())?;
            if signs {
                // The first key signs its own registration; every later row is signed.
                audit::register_key(
                    &tx,
                    now,
                    Some(id),
                    signing::USER_KEY,
                    "user",
                    Some(id),
                    &own_key,
                )?;
                user::set_signing_key(&tx, id, &signing::public_hex(&own_key))?;
            }
            audit::append(&tx, now, Some(id), "store.create", "database", None)?;
            audit::append(&tx, now, Some(id), "user.add", "user", Some(id))?;
            if signs {
                audit::register_workstation_key(&tx, now, &workstation)?;
                audit::register_key(
                    &tx,
                    now,
                    Some(id),
                    signing::RECOVERY_KEY,
                    "database",
                    None,
                    &recovery_key,
                )?;
            }
            // The set-up's list of business associates starts the register.
            if creation.version >= 11 {
                associate::insert_from_profile(
                    &tx,
                    &organization.business_associates,
                    Some(id),
                    now,
                )?;
            }
            tx.commit()?;
            (id, keyring)
        };
        // Page 1 (with SQCipher's salt) reaches the main file only at a checkpoint.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;

        let code = keyslot::new_recovery_code();
        let normalized =
            keyslot::normalize_recovery_code(code.expose()).ok_or(Error::KeyFileDamaged)?;
        let mut keys = KeyFile::new();
        keys.db_salt = database::read_salt(path);
        keys.slots.insert(
            keyslot::user_slot_id(&first.username),
            keyslot::wrap(
                &keyslot::user_slot_id(&first.username),
                first.password.expose().as_bytes(),
                &key,
                signs.then_some(&own_key),
            )?,
        );
        keys.slots.insert(
            RECOVERY_SLOT.into(),
            keyslot::wrap(
                RECOVERY_SLOT,
                normalized.as_bytes(),
                &key,
                signs.then_some(&recovery_key),
            )?,
        );
        if signs {
            keys.workstation = Some(keyslot::seal_workstation(&key, &workstation)?);
        }
        keys.save(keys_path)?;
        let me = user::by_username(&conn, &first.username)?
            .filter(|u| u.id == user_id)
            .ok_or(Error::Damaged)?;
        Ok((
            Store::opened(conn, path, key, Principal::User(me), keyring)?,
            code,
        ))
    }

    /// Sign in with a username and password. Unknown usernames and wrong passwords give the
    /// same [`Error::WrongCredentials`]; after [`FREE_FAILURES`] failures in a row each further
    /// attempt must wait (see [`backoff_seconds`]), reported as [`Error::TryAgainLater`].
    pub fn sign_in(
        path: &Path,
        username: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        Self::sign_in_at(path, username, password, now, schema_version())
    }

    pub(crate) fn sign_in_at(
        path: &Path,
        username: &str,
        password: &Sensitive<String>,
        now: DateTime<Utc>,
        version: u32,
    ) -> Result<Store> {
        let username = normalize_username(username);
        let (opened, before, keys_path) =
            Self::unwrap_slot(path, &username, password.expose().as_bytes(), now, false)?;
        let key = opened.data_key;
        let mut conn = database::open(path, &key, false, before.db_salt.as_deref(), version)?;
        let me = match user::by_username(&conn, &username)? {
            Some(u) if u.active => u,
            Some(_) => return Err(Error::AccountInactive),
            None => return Err(Error::WrongCredentials),
        };
        // An older file opened without migrating (tests of upgrades) keeps no last use, and
        // its audit rows are not signed.
        let tracks_use = version >= 8;
        let signs = version >= 9;
        let mut after = before.clone();
        let workstation = if signs {
            Some(Self::workstation_key(&key, &mut after)?)
        } else {
            None
        };
        // A slot written before schema 9 gets its holder's signing key now: the slot is
        // rewritten under the same password and the key registered in the chain.
        let slot_id = keyslot::user_slot_id(&username);
        let own = match (signs, opened.signing_key) {
            (false, _) => None,
            (true, Some(k)) => Some((k, None)),
            (true, None) => {
                let k = keyslot::new_signing_key();
                let slot = keyslot::wrap(&slot_id, password.expose().as_bytes(), &key, Some(&k))?;
                Some((k, Some(slot)))
            }
        };
        let idle = tracks_use
            && (now - user::last_used(&conn, me.id)?).num_days() > user::IDLE_ACCOUNT_DAYS;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let unattended = match &workstation {
            Some((ws, _)) => Keyring::new(vec![(Holder::Workstation, ws.clone())]),
            None => Keyring::unsigned(),
        };
        signing::attach(&tx, Arc::new(unattended))?;
        if let Some((ws, true)) = &workstation {
            audit::register_workstation_key(&tx, now, ws)?;
        }
        append_failed_sign_ins(&tx, &after.failed_sign_ins)?;
        after.failed_sign_ins.clear();
        if idle {
            // Unused too long: a staff account is locked until the Privacy Official re-enables
            // it; a Privacy Official (one must stay active) uses the recovery code. Audited,
            // under the workstation's key: the session does not begin.
            let official = me.role == Role::PrivacyOfficial;
            if official {
                audit::append(
                    &tx,
                    now,
                    Some(me.id),
                    "session.refused_idle",
                    "user",
                    Some(me.id),
                )?;
            } else {
                user::update(&tx, &me, me.role, false)?;
                audit::append(
                    &tx,
                    now,
                    Some(me.id),
                    "user.idle_locked",
                    "user",
                    Some(me.id),
                )?;
            }
            commit_with_keys(tx, &keys_path, &before, &after)?;
            return Err(Error::AccountIdle { official });
        }
        let keyring = Arc::new(match (&workstation, &own) {
            (Some((ws, _)), Some((k, _))) => Keyring::new(vec![
                (Holder::User(me.id), k.clone()),
                (Holder::Workstation, ws.clone()),
            ]),
            _ => Keyring::unsigned(),
        });
        signing::attach(&tx, keyring.clone())?;
        if let Some((k, Some(slot))) = own {
            after.slots.insert(slot_id, slot);
            audit::register_key(
                &tx,
                now,
                Some(me.id),
                signing::USER_KEY,
                "user",
                Some(me.id),
                &k,
            )?;
            user::set_signing_key(&tx, me.id, &signing::public_hex(&k))?;
        }
        audit::append(
            &tx,
            now,
            Some(me.id),
            "session.sign_in",
            "user",
            Some(me.id),
        )?;
        if tracks_use {
            user::touch(&tx, me.id, now)?;
        }
        after.reset_failures(&username);
        commit_with_keys(tx, &keys_path, &before, &after)?;
        Store::opened(conn, path, key, Principal::User(me), keyring)
    }

    /// Open with the recovery code printed at creation (separators and case do not matter).
    pub fn open_with_recovery(
        path: &Path,
        code: &Sensitive<String>,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        let normalized = keyslot::normalize_recovery_code(code.expose());
        let secret: &[u8] = normalized.as_ref().map_or(b"", |n| n.as_bytes());
        let (opened, before, keys_path) = Self::unwrap_slot(path, "", secret, now, true)?;
        let key = opened.data_key;
        let mut conn = database::open(
            path,
            &key,
            false,
            before.db_salt.as_deref(),
            schema_version(),
        )?;
        let mut after = before.clone();
        let (workstation, new_workstation) = Self::workstation_key(&key, &mut after)?;
        // A recovery slot written before schema 9 gets its signing key now.
        let (own, new_own) = match opened.signing_key {
            Some(k) => (k, false),
            None => {
                let k = keyslot::new_signing_key();
                after.slots.insert(
                    RECOVERY_SLOT.into(),
                    keyslot::wrap(RECOVERY_SLOT, secret, &key, Some(&k))?,
                );
                (k, true)
            }
        };
        let keyring = Arc::new(Keyring::new(vec![
            (Holder::Recovery, own.clone()),
            (Holder::Workstation, workstation.clone()),
        ]));
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        signing::attach(&tx, keyring.clone())?;
        if new_workstation {
            audit::register_workstation_key(&tx, now, &workstation)?;
        }
        append_failed_sign_ins(&tx, &after.failed_sign_ins)?;
        after.failed_sign_ins.clear();
        if new_own {
            audit::register_key(
                &tx,
                now,
                None,
                signing::RECOVERY_KEY,
                "database",
                None,
                &own,
            )?;
        }
        audit::append(&tx, now, None, "session.recovery", "database", None)?;
        after.reset_failures(RECOVERY_BACKOFF);
        commit_with_keys(tx, &keys_path, &before, &after)?;
        Store::opened(conn, path, key, Principal::Recovery, keyring)
    }

    /// The workstation's signing key from the key file, or a new one put in it (`true`: to be
    /// registered in the chain).
    fn workstation_key(key: &DataKey, keys: &mut KeyFile) -> Result<(SigningKey, bool)> {
        match &keys.workstation {
            Some(sealed) => Ok((keyslot::open_workstation(key, sealed)?, false)),
            None => {
                let k = keyslot::new_signing_key();
                keys.workstation = Some(keyslot::seal_workstation(key, &k)?);
                Ok((k, true))
            }
        }
    }

    /// The store over an opened connection, on the real clock, its audit rows signed with
    /// `keyring`; whether it is a demo database is read from its settings once, here.
    pub(crate) fn opened(
        conn: Connection,
        path: &Path,
        key: DataKey,
        principal: Principal,
        keyring: Arc<Keyring>,
    ) -> Result<Store> {
        signing::attach(&conn, keyring.clone())?;
        let demo = settings::is_demo(&conn)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            key,
            principal,
            demo,
            clock: None,
            keyring,
        })
    }

    /// The slot's keys, with the back-off bookkeeping around it.
    fn unwrap_slot(
        path: &Path,
        username: &str,
        secret: &[u8],
        now: DateTime<Utc>,
        recovery: bool,
    ) -> Result<(keyslot::Opened, KeyFile, PathBuf)> {
        if !path.exists() {
            return Err(Error::NoDatabase);
        }
        let keys_path = key_file_path(path);
        let mut keys = KeyFile::load(&keys_path)?;
        let (backoff_name, slot_id, wrong) = if recovery {
            (
                RECOVERY_BACKOFF.to_owned(),
                RECOVERY_SLOT.to_owned(),
                Error::WrongRecoveryCode,
            )
        } else {
            (
                username.to_owned(),
                keyslot::user_slot_id(username),
                Error::WrongCredentials,
            )
        };
        if let Err(e) = keys.check_backoff(&backoff_name, now) {
            keys.note_failed_sign_in(&backoff_name, now);
            keys.save(&keys_path)?;
            return Err(e);
        }
        let opened = match keys.slots.get(&slot_id) {
            Some(slot) if !secret.is_empty() => keyslot::open_slot(&slot_id, slot, secret)?,
            _ => {
                keyslot::burn(secret);
                None
            }
        };
        match opened {
            Some(opened) => Ok((opened, keys, keys_path)),
            None => {
                keys.record_failure(&backoff_name, now);
                keys.save(&keys_path)?;
                Err(wrong)
            }
        }
    }

    /// Close the database and zeroize the key (the same as dropping the store).
    pub fn lock(self) {
        drop(self);
    }

    /// Sign out: the audit log records it, then the store closes and the key is zeroized.
    pub fn sign_out(self) -> Result<()> {
        self.close_with("session.sign_out")
    }

    /// The idle lock: recorded like a sign-out, then the store closes.
    pub fn lock_idle(self) -> Result<()> {
        self.close_with("session.lock")
    }

    fn close_with(mut self, action: &str) -> Result<()> {
        let now = self.now();
        let me = self.principal.user_id();
        self.write(|tx, _| {
            audit::append(tx, now, me, action, "user", me)?;
            // The end of a session is the account's last use too.
            if let Some(id) = me {
                user::touch(tx, id, now)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store's time, which stamps every row it writes: the real time, unless a demo
    /// database runs on a simulated clock ([`Store::simulate_clock`]).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.unwrap_or_else(Utc::now)
    }

    /// The office's calendar day at [`Store::now`], in this machine's time zone: the day a
    /// notice bears and against which "not in the future" is judged.
    pub fn today(&self) -> NaiveDate {
        sql::local_date(self.now())
    }

    /// From now on [`Store::now`] answers `at` (a demo moves it forward as it replays its
    /// cases; the store goes back to the real clock when it is opened again). Refused with
    /// [`Error::NotADemo`] unless the database was made by [`Store::create_demo`]: a real
    /// database always runs on the real clock.
    pub fn simulate_clock(&mut self, at: DateTime<Utc>) -> Result<()> {
        if !self.demo {
            return Err(Error::NotADemo);
        }
        self.clock = Some(at);
        Ok(())
    }

    /// Whether the database was made by [`Store::create_demo`] (it holds synthetic data).
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// The signed-in account (`None` when opened with the recovery code).
    pub fn user(&self) -> Option<&User> {
        match &self.principal {
            Principal::User(u) => Some(u),
            Principal::Recovery => None,
        }
    }

    fn require(&self, role: Role) -> Result<()> {
        if role == Role::PrivacyOfficial && self.principal.role() != Role::PrivacyOfficial {
            return Err(Error::NotPermitted { needed: role });
        }
        Ok(())
    }

    /// Run `f` in one IMMEDIATE transaction and commit.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, Option<i64>) -> Result<T>,
    ) -> Result<T> {
        let user_id = self.principal.user_id();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, user_id)?;
        tx.commit()?;
        Ok(out)
    }

    /// A write that also changes the key file: `f` runs in one IMMEDIATE transaction, then
    /// `after` replaces the key file, then the transaction commits. A key file that cannot be
    /// saved rolls the database back; a commit that fails puts `before` back. Either way no
    /// account is left without its slot, and no slot without its account.
    fn write_with_keys<T>(
        &mut self,
        before: &KeyFile,
        after: &KeyFile,
        f: impl FnOnce(&Transaction<'_>, Option<i64>) -> Result<T>,
    ) -> Result<T> {
        let keys_path = self.keys_path();
        let user_id = self.principal.user_id();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, user_id)?;
        after.save(&keys_path)?;
        if let Err(e) = tx.commit() {
            // Best effort: the database kept nothing, so the old slots are the true ones.
            let _ = before.save(&keys_path);
            return Err(e.into());
        }
        Ok(out)
    }

    fn keys_path(&self) -> PathBuf {
        key_file_path(&self.path)
    }

    /// Whether this session signs its audit rows (not a file opened without migrating, nor a
    /// test fixture's store opened without a password).
    fn signs(&self) -> bool {
        self.keyring.key(self.principal.holder()).is_some()
    }

    // ---- accounts ----

    /// Add an account (Privacy Official only): a users row and a key slot.
    pub fn add_user(&mut self, new: &NewUser) -> Result<User> {
        self.require(Role::PrivacyOfficial)?;
        let new = new.validated()?;
        let now = self.now();
        let slot_id = keyslot::user_slot_id(&new.username);
        let signing_key = self.signs().then(keyslot::new_signing_key);
        let slot = keyslot::wrap(
            &slot_id,
            new.password.expose().as_bytes(),
            &self.key,
            signing_key.as_ref(),
        )?;
        let before = KeyFile::load(&self.keys_path())?;
        let mut after = before.clone();
        after.slots.insert(slot_id, slot);
        after.reset_failures(&new.username);
        let id = self.write_with_keys(&before, &after, |tx, me| {
            let id = user::insert(tx, &new, now)?;
            audit::append(tx, now, me, "user.add", "user", Some(id))?;
            register_user_key(tx, now, me, id, signing_key.as_ref())?;
            Ok(id)
        })?;
        user::list(&self.conn)?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or(Error::NotFound { entity: "user" })
    }

    /// Change one's own password, proving the current one first (field `old_password`; a
    /// wrong one counts as a failed sign-in, with its back-off). The new one follows the
    /// password rules (field `password`).
    pub fn change_own_password(
        &mut self,
        old: &Sensitive<String>,
        new_password: &Sensitive<String>,
    ) -> Result<()> {
        let me = self
            .user()
            .map(|u| u.username.clone())
            .ok_or_else(|| FieldError::new("old_password", "sign in with your own account"))?;
        let now = self.now();
        let keys_path = self.keys_path();
        let mut keys = KeyFile::load(&keys_path)?;
        keys.check_backoff(&me, now)?;
        let slot_id = keyslot::user_slot_id(&me);
        let proven = match keys.slots.get(&slot_id) {
            Some(slot) => keyslot::unwrap(&slot_id, slot, old.expose().as_bytes())?.is_some(),
            None => false,
        };
        if !proven {
            keys.record_failure(&me, now);
            keys.save(&keys_path)?;
            return Err(FieldError::new("old_password", "is not your current password").into());
        }
        self.change_password(&me, new_password)
    }

    /// Set a new password: one's own, or (Privacy Official) anyone's. Rewrites only that
    /// account's slot; the database is not touched except for the audit row.
    pub fn change_password(
        &mut self,
        username: &str,
        new_password: &Sensitive<String>,
    ) -> Result<()> {
        let username = normalize_username(username);
        let is_self = self.user().is_some_and(|u| u.username == username);
        if !is_self {
            self.require(Role::PrivacyOfficial)?;
        }
        validate_password(new_password)?;
        let target =
            user::by_username(&self.conn, &username)?.ok_or(Error::NotFound { entity: "user" })?;
        if !target.active {
            return Err(Error::AccountInactive);
        }
        let slot_id = keyslot::user_slot_id(&username);
        // One's own key goes into the new slot; someone else's password is set without their
        // old one, so their key cannot be unwrapped: they get a new key, and the change is
        // registered in the chain.
        let own = self
            .keyring
            .key(Holder::User(target.id))
            .filter(|_| is_self)
            .cloned();
        let new_key = match own {
            Some(_) => None,
            None => self.signs().then(keyslot::new_signing_key),
        };
        let slot = keyslot::wrap(
            &slot_id,
            new_password.expose().as_bytes(),
            &self.key,
            own.as_ref().or(new_key.as_ref()),
        )?;
        let before = KeyFile::load(&self.keys_path())?;
        let mut after = before.clone();
        after.slots.insert(slot_id, slot);
        after.reset_failures(&username);
        let now = self.now();
        self.write_with_keys(&before, &after, |tx, me| {
            audit::append(tx, now, me, "user.password", "user", Some(target.id))?;
            register_user_key(tx, now, me, target.id, new_key.as_ref())?;
            // A password set starts the account's idle clock again.
            user::touch(tx, target.id, now)?;
            Ok(())
        })
    }

    pub fn list_users(&self) -> Result<Vec<User>> {
        user::list(&self.conn)
    }

    /// Change an account's role (Privacy Official only). The last active Privacy Official
    /// cannot be demoted ([`Error::LastPrivacyOfficial`]).
    pub fn set_role(&mut self, username: &str, role: Role) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let target = self.user_named(username)?;
        let now = self.now();
        self.write(|tx, me| {
            user::update(tx, &target, role, target.active)?;
            audit::append(tx, now, me, "user.role", "user", Some(target.id))?;
            Ok(())
        })?;
        self.refresh_principal(&target)
    }

    /// Deactivate or reactivate an account (Privacy Official only). Deactivating removes the
    /// account's key slot, so its password no longer opens the database; reactivating needs a
    /// new password.
    pub fn set_active(
        &mut self,
        username: &str,
        active: bool,
        password: Option<&Sensitive<String>>,
    ) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let target = self.user_named(username)?;
        let slot_id = keyslot::user_slot_id(&target.username);
        // A reactivated account gets a new password and with it a new signing key.
        let new_key = (active && self.signs()).then(keyslot::new_signing_key);
        let new_slot = match (active, password) {
            (true, Some(p)) => {
                validate_password(p)?;
                Some(keyslot::wrap(
                    &slot_id,
                    p.expose().as_bytes(),
                    &self.key,
                    new_key.as_ref(),
                )?)
            }
            (true, None) => {
                return Err(FieldError::new(
                    "password",
                    "a reactivated account needs a new password",
                )
                .into())
            }
            (false, _) => None,
        };
        let before = KeyFile::load(&self.keys_path())?;
        let mut after = before.clone();
        match new_slot {
            Some(slot) => {
                after.slots.insert(slot_id, slot);
            }
            None => {
                after.slots.remove(&slot_id);
            }
        }
        let now = self.now();
        self.write_with_keys(&before, &after, |tx, me| {
            user::update(tx, &target, target.role, active)?;
            if active {
                user::touch(tx, target.id, now)?;
            }
            let action = if active {
                "user.activate"
            } else {
                "user.deactivate"
            };
            audit::append(tx, now, me, action, "user", Some(target.id))?;
            if active {
                register_user_key(tx, now, me, target.id, new_key.as_ref())?;
            }
            Ok(())
        })?;
        self.refresh_principal(&target)
    }

    /// Replace the recovery slot with a fresh code (Privacy Official only); the old code stops
    /// working. Show the returned code once.
    pub fn new_recovery_code(&mut self) -> Result<Sensitive<String>> {
        self.require(Role::PrivacyOfficial)?;
        let code = keyslot::new_recovery_code();
        let normalized =
            keyslot::normalize_recovery_code(code.expose()).ok_or(Error::KeyFileDamaged)?;
        // The new code's slot holds a new signing key for the sessions it opens.
        let new_key = self.signs().then(keyslot::new_signing_key);
        let slot = keyslot::wrap(
            RECOVERY_SLOT,
            normalized.as_bytes(),
            &self.key,
            new_key.as_ref(),
        )?;
        let before = KeyFile::load(&self.keys_path())?;
        let mut after = before.clone();
        after.slots.insert(RECOVERY_SLOT.into(), slot);
        let now = self.now();
        self.write_with_keys(&before, &after, |tx, me| {
            audit::append(tx, now, me, "recovery.renew", "database", None)?;
            if let Some(k) = &new_key {
                audit::register_key(tx, now, me, signing::RECOVERY_KEY, "database", None, k)?;
            }
            Ok(())
        })?;
        Ok(code)
    }

    fn user_named(&self, username: &str) -> Result<User> {
        user::by_username(&self.conn, &normalize_username(username))?
            .ok_or(Error::NotFound { entity: "user" })
    }

    /// Keep the signed-in user's own role and flag current after changing them.
    fn refresh_principal(&mut self, changed: &User) -> Result<()> {
        if let Principal::User(me) = &self.principal {
            if me.id == changed.id {
                let fresh = self.user_named(&changed.username)?;
                self.principal = Principal::User(fresh);
            }
        }
        Ok(())
    }

    // ---- settings ----

    /// The letterhead profile, its business associates those of the register whose agreement
    /// runs today.
    pub fn organization(&self) -> Result<Organization> {
        let mut org = settings::organization(&self.conn)?;
        if associate::register_exists(&self.conn)? {
            org.business_associates = associate::for_letterhead(&self.conn, self.today())?;
        }
        Ok(org)
    }

    /// Replace the organization profile (Privacy Official only). Its business associates are
    /// the register's: a list given here is not kept (see [`Store::add_associate`]).
    pub fn set_organization(&mut self, org: &Organization) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        self.write(|tx, me| {
            settings::set_organization(tx, org)?;
            audit::append(tx, now, me, "settings.organization", "settings", None)?;
            Ok(())
        })
    }

    // ---- participants ----

    /// Add one participant (employee, retiree, or a dependent with no coverage yet).
    pub fn add_participant(&mut self, p: &NewParticipant) -> Result<i64> {
        let key = settings::ssn_key(&self.conn)?;
        let now = self.now();
        self.write(|tx, me| {
            let id = participant::insert(tx, p, key.expose(), me, now)?;
            audit::append(tx, now, me, "participant.add", "participant", Some(id))?;
            Ok(id)
        })
    }

    /// Add a dependent enrolled under participant `covered_by`'s coverage.
    pub fn add_dependent(
        &mut self,
        p: &NewParticipant,
        covered_by: i64,
        relationship: Relationship,
    ) -> Result<i64> {
        let key = settings::ssn_key(&self.conn)?;
        let now = self.now();
        self.write(|tx, me| {
            let id = participant::insert(tx, p, key.expose(), me, now)?;
            participant::add_coverage(tx, id, covered_by, relationship, now)?;
            audit::append(tx, now, me, "participant.add", "participant", Some(id))?;
            Ok(id)
        })
    }

    /// Import a roster in one transaction: every employee, then every dependent linked to
    /// their employee (in the roster or already on file). Any failure imports nothing.
    pub fn import_roster(&mut self, roster: &Roster) -> Result<RosterCounts> {
        Ok(self.import_roster_updating(roster, &[])?.0)
    }

    /// A roster re-import, in one transaction: the new people as [`Store::import_roster`]
    /// adds them, and for people already on file (`updates`: participant id, details as the
    /// roster now has them) each changed field written and recorded as a change from the
    /// roster. Any failure imports nothing. Answers the counts added and the changes made.
    pub fn import_roster_updating(
        &mut self,
        roster: &Roster,
        updates: &[(i64, NewParticipant)],
    ) -> Result<(RosterCounts, Vec<ParticipantChanges>)> {
        let key = settings::ssn_key(&self.conn)?;
        let now = self.now();
        self.write(|tx, me| {
            for e in &roster.employees {
                if e.employee_id.is_none() {
                    return Err(
                        FieldError::new("employee_id", "is required for an employee").into(),
                    );
                }
                participant::insert(tx, e, key.expose(), me, now)?;
            }
            for d in &roster.dependents {
                let covered_by = participant::id_by_employee_id(tx, &d.dependent_of)?
                    .ok_or_else(|| FieldError::new("dependent_of", "names no employee"))?;
                let id = participant::insert(tx, &d.person, key.expose(), me, now)?;
                participant::add_coverage(tx, id, covered_by, d.relationship, now)?;
            }
            let mut changed = Vec::new();
            for (id, p) in updates {
                let c = participant_change::apply(tx, *id, p, ChangeSource::Roster, now, me)?;
                if !c.is_empty() {
                    changed.push((*id, c));
                }
            }
            audit::append(tx, now, me, "roster.import", "participant", None)?;
            Ok((
                RosterCounts {
                    employees: roster.employees.len(),
                    dependents: roster.dependents.len(),
                },
                changed,
            ))
        })
    }

    /// Which of these employee ids are already on file (for checking an import up front).
    pub fn existing_employee_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>> {
        let mut found = HashSet::new();
        for id in ids {
            if participant::id_by_employee_id(&self.conn, id)?.is_some() {
                found.insert(id.to_owned());
            }
        }
        Ok(found)
    }

    /// Search employees and dependents alike (at most [`SEARCH_LIMIT`] rows).
    pub fn search_participants(
        &self,
        query: &ParticipantSearch,
    ) -> Result<Vec<ParticipantSummary>> {
        participant::search(&self.conn, query)
    }

    pub fn participant(&self, id: i64) -> Result<Participant> {
        participant::get(&self.conn, id)
    }

    /// The dependents enrolled under participant `id`'s coverage.
    pub fn dependents_of(&self, id: i64) -> Result<Vec<ParticipantSummary>> {
        participant::dependents_of(&self.conn, id)
    }

    pub fn count_participants(&self) -> Result<i64> {
        participant::count(&self.conn)
    }

    /// Telephone verification: does the number read out match? It is compared, never stored.
    pub fn ssn_matches(&self, participant_id: i64, ssn: &Sensitive<String>) -> Result<bool> {
        let key = settings::ssn_key(&self.conn)?;
        participant::ssn_matches(&self.conn, key.expose(), participant_id, ssn.expose())
    }

    // ---- requests ----

    /// A request on its own, with `due_on` as given (see [`Store::intake`] for the app's intake,
    /// which also records the requester and applies the clock).
    pub fn create_request(&mut self, req: &NewRequest) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| {
            let id = request::insert(tx, req, me, now)?;
            audit::append(tx, now, me, "request.create", "request", Some(id))?;
            Ok(id)
        })
    }

    /// Set a status outright, past the lifecycle: for imports and the demo database only. The
    /// app moves requests with [`Store::advance_request`] and the calls that record each step.
    pub fn set_request_status(&mut self, id: i64, status: RequestStatus) -> Result<()> {
        let now = self.now();
        self.write(|tx, me| {
            request::set_status(tx, id, status, now)?;
            audit::append(tx, now, me, "request.status", "request", Some(id))?;
            Ok(())
        })
    }

    /// Record the written extension notice, mailed on `noticed_on`, and the new due date; the
    /// request moves to Extended. Refused (field `extension`) when the one extension was already given, when the
    /// kind has no clock, or when the notice is later than the original due date (desk-core's
    /// clock rule); `extended_due_on` must be after the due date and at most 30 days after the
    /// rule's; the lifecycle must allow the move (field `status`).
    pub fn set_request_extension(
        &mut self,
        id: i64,
        noticed_on: chrono::NaiveDate,
        extended_due_on: chrono::NaiveDate,
    ) -> Result<()> {
        let now = self.now();
        self.write(|tx, me| {
            request::extend(tx, id, noticed_on, extended_due_on, now)?;
            tx.execute(
                "UPDATE requests SET extension_mailed_on = ?2 WHERE id = ?1",
                (id, crate::sql::date(noticed_on)),
            )?;
            audit::append(tx, now, me, "request.extension", "request", Some(id))?;
            Ok(())
        })
    }

    pub fn request(&self, id: i64) -> Result<RequestSummary> {
        request::get(&self.conn, id)
    }

    /// The dashboard: soonest due first.
    pub fn list_requests(&self, filter: &RequestFilter) -> Result<Vec<RequestSummary>> {
        request::list(&self.conn, filter)
    }

    /// The names (first and last) of the participants `ids`, by id: for a list read with
    /// [`RequestFilter::without_names`].
    pub fn participant_names(&self, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
        request::participant_names(&self.conn, ids)
    }

    // ---- audit ----

    /// Append an event to the audit chain (action and entity are code words such as
    /// `letter.print` / `request`; never free text). Returns the row's seq.
    pub fn record_event(
        &mut self,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
    ) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| audit::append(tx, now, me, action, entity, entity_id))
    }

    /// Walk the audit chain: `None` when intact, else the first broken seq.
    pub fn verify_audit(&self) -> Result<Option<i64>> {
        audit::verify(&self.conn)
    }

    /// The audit chain's state for the screens: the rows the last check of every page found
    /// sound are not walked again (a county's years of rows would take seconds), the rows since
    /// are, linked to the last of those. Without such a check, the whole chain is walked.
    pub fn verify_audit_since_check(&self) -> Result<Option<i64>> {
        let after = match self.last_database_check()?.map(|c| c.outcome) {
            Some(DatabaseCheck::Sound { audit_rows }) => audit_rows,
            _ => 0,
        };
        audit::verify_after(&self.conn, after)
    }

    /// Walk every row's signature: each must be its author's key's signature of the row's
    /// hash (see [`SignatureReport`]); the key in the signed-in holder's own slot must be the
    /// one the chain registered last for them.
    pub fn verify_signatures(&self) -> Result<SignatureReport> {
        let holder = self.principal.holder();
        let own = self.keyring.key(holder).map(|k| (holder, k));
        signing::verify(&self.conn, own)
    }

    /// The chain's head now, to be carried out of the database (a letter, a report, a backup).
    pub fn witness(&self) -> Result<Witness> {
        audit::head(&self.conn)
    }

    /// Check the log against a witness taken earlier: whether it still holds the witness's row
    /// with the witness's hash.
    pub fn check_witness(&self, witness: &Witness) -> Result<WitnessCheck> {
        audit::check_witness(&self.conn, witness)
    }

    pub fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        audit::recent(&self.conn, limit)
    }

    /// How many rows the audit chain holds.
    pub fn audit_count(&self) -> Result<i64> {
        audit::count(&self.conn)
    }

    /// The audit trail for the Privacy Official: the rows `filter` selects, newest first.
    /// Viewing it is itself recorded.
    pub fn audit_trail(&mut self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.require(Role::PrivacyOfficial)?;
        let rows = audit::trail(&self.conn, filter)?;
        let now = self.now();
        self.write(|tx, me| audit::append(tx, now, me, "audit.view", "audit_log", None))?;
        Ok(rows)
    }

    /// Every audit row about request `request_id` and what belongs to it, oldest first, with
    /// the user names (any signed-in user, as the request page). Nothing is written: the
    /// caller records what it does with them.
    pub fn case_audit(&self, request_id: i64) -> Result<Vec<CaseEvent>> {
        request::get(&self.conn, request_id)?;
        audit::of_request(&self.conn, request_id)
    }

    /// Fold the write-ahead log into the main file (also done when the store closes).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Register `key` (when there is one) as account `user_id`'s signing key, by `me`: a key
/// change is an audit row, and the account keeps the public key.
fn register_user_key(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    me: Option<i64>,
    user_id: i64,
    key: Option<&SigningKey>,
) -> Result<()> {
    if let Some(k) = key {
        audit::register_key(tx, now, me, signing::USER_KEY, "user", Some(user_id), k)?;
        user::set_signing_key(tx, user_id, &signing::public_hex(k))?;
    }
    Ok(())
}

/// Commit `tx` with the key file as `after` (saved first when it differs from `before`): a key
/// file that cannot be saved rolls the database back; a commit that fails puts `before` back.
fn commit_with_keys(
    tx: Transaction<'_>,
    keys_path: &Path,
    before: &KeyFile,
    after: &KeyFile,
) -> Result<()> {
    let changed = before != after;
    if changed {
        after.save(keys_path)?;
    }
    if let Err(e) = tx.commit() {
        if changed {
            // Best effort: the database kept nothing, so the old key file is the true one.
            let _ = before.save(keys_path);
        }
        return Err(e.into());
    }
    Ok(())
}

/// Append the failed sign-ins the key file kept while the database was closed, each at the time
/// it happened. Returns whether there were any.
fn append_failed_sign_ins(tx: &Transaction<'_>, failed: &[keyslot::FailedSignIn]) -> Result<bool> {
    for f in failed {
        if f.name == RECOVERY_BACKOFF {
            audit::append(tx, f.at, None, "session.recovery_failed", "database", None)?;
        } else {
            // An unknown name is recorded without one: what was typed is not kept.
            let user = user::by_username(tx, &f.name)?.map(|u| u.id);
            audit::append(tx, f.at, user, "session.sign_in_failed", "user", user)?;
        }
    }
    Ok(!failed.is_empty())
}

fn wal_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

fn shm_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-shm");
    PathBuf::from(s)
}
