//! The key-slot file beside the database: the data key wrapped once per user (Argon2id +
//! XChaCha20-Poly1305) and once under the recovery code, plus the sign-in back-off state.
//!
//! Format (`records.keys`, JSON, written atomically):
//! ```json
//! { "format": "records-desk-keys", "version": 1, "db_salt": "<32 hex: first 16 bytes of the db>",
//!   "slots": { "user:pat": { "kdf": { "algorithm": "argon2id", "version": 19,
//!                                    "memory_kib": 65536, "iterations": 3, "parallelism": 1,
//!                                    "salt": "<base64, 16 bytes>" },
//!                            "aead": "xchacha20poly1305", "nonce": "<base64, 24 bytes>",
//!                            "wrapped_key": "<base64, 32 + 16 bytes>",
//!                            "signing_key": { "nonce": "<base64, 24 bytes>",
//!                                             "wrapped": "<base64, 32 + 16 bytes>" } },
//!              "recovery": { … same shape … } },
//!   "workstation": { "nonce": "<base64, 24 bytes>", "wrapped": "<base64, 32 + 16 bytes>" },
//!   "backoff": { "pat": { "failures": 4, "last_failure": "2026-11-22T13:00:00Z" } } }
//! ```
//! The AEAD's associated data is `records-desk key slot v1:` followed by the slot id, so a slot
//! copied under another user's name does not open.
//!
//! A slot also holds its holder's Ed25519 signing key (the audit rows they write are signed
//! with it, see `signing`), wrapped under the same Argon2id key as the data key with its own
//! nonce and `records-desk signing key v1:` and the slot id as associated data: only the
//! holder's password (or the recovery code, for the recovery slot) unwraps it. A slot written
//! before schema 9 has none until its holder next opens the database. The workstation's
//! signing key, which signs what happens while nobody is signed in (failed sign-ins, the
//! refusal of an idle account), is wrapped under the data key itself.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use desk_core::Sensitive;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use ed25519_dalek::SigningKey;

use crate::error::{io, Error, Result};

/// The 256-bit key that opens the SQLCipher database.
pub type DataKey = Sensitive<[u8; 32]>;

pub(crate) fn random_data_key() -> DataKey {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let wrapped = Sensitive::new(key);
    zeroize::Zeroize::zeroize(&mut key);
    wrapped
}

const FORMAT: &str = "records-desk-keys";
const AAD_PREFIX: &str = "records-desk key slot v1:";
const SIGNING_AAD_PREFIX: &str = "records-desk signing key v1:";
const WORKSTATION_AAD: &str = "records-desk workstation key v1";
pub(crate) const RECOVERY_SLOT: &str = "recovery";
/// Back-off bookkeeping name for recovery-code attempts (never a valid username).
pub(crate) const RECOVERY_BACKOFF: &str = "#recovery";

/// Argon2id cost: at least 64 MiB of memory. Stored in every slot, so raising it later only
/// affects slots written after the change.
pub const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
pub const ARGON2_ITERATIONS: u32 = 3;
pub const ARGON2_PARALLELISM: u32 = 1;

/// Sign-in failures allowed before any wait.
pub const FREE_FAILURES: u32 = 3;
/// The longest wait, in seconds (2^10).
pub const MAX_WAIT_SECONDS: u64 = 1024;

/// The wait owed after `failures` consecutive failures: none for the first few, then 2, 4, 8…
/// seconds, capped at [`MAX_WAIT_SECONDS`].
pub fn backoff_seconds(failures: u32) -> u64 {
    if failures < FREE_FAILURES {
        0
    } else {
        let k = (failures - FREE_FAILURES + 1).min(10);
        (1u64 << k).min(MAX_WAIT_SECONDS)
    }
}

/// The slot id of a user's password slot.
pub(crate) fn user_slot_id(username: &str) -> String {
    format!("user:{username}")
}

/// The Argon2id parameters of one slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    pub algorithm: String,
    pub version: u32,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

/// One wrapped copy of the data key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub kdf: Kdf,
    pub aead: String,
    pub nonce: String,
    pub wrapped_key: String,
    /// The holder's signing key under the same Argon2id key (absent in a slot written before
    /// schema 9, until its holder next opens the database).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<Sealed>,
}

/// A 32-byte secret sealed with XChaCha20-Poly1305.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    pub nonce: String,
    pub wrapped: String,
}

/// Consecutive failed sign-ins for one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backoff {
    pub failures: u32,
    pub last_failure: DateTime<Utc>,
}

/// The whole key file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    /// The database's first 16 bytes (SQLCipher's salt), to tell "damaged" from "not ours".
    #[serde(default)]
    pub db_salt: Option<String>,
    pub slots: BTreeMap<String, Slot>,
    #[serde(default)]
    pub backoff: BTreeMap<String, Backoff>,
    /// Failed sign-ins not yet in the audit log (the database is closed when they happen); the
    /// next sign-in appends them to the audit chain and clears the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_sign_ins: Vec<FailedSignIn>,
    /// The workstation's signing key, sealed under the data key (absent until the first
    /// sign-in of a build that signs audit rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workstation: Option<Sealed>,
}

/// One failed sign-in, kept in the key file until the next sign-in writes it to the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailedSignIn {
    pub at: DateTime<Utc>,
    /// The account name tried (or the recovery back-off's name): an account name, not PHI.
    pub name: String,
}

/// At most this many failed sign-ins wait in the key file; older ones give way to newer.
pub const MAX_PENDING_FAILURES: usize = 200;

/// `records.db` → `records.keys`.
pub fn key_file_path(db: &Path) -> PathBuf {
    db.with_extension("keys")
}

impl KeyFile {
    pub(crate) fn new() -> Self {
        Self {
            format: FORMAT.into(),
            version: 1,
            db_salt: None,
            slots: BTreeMap::new(),
            backoff: BTreeMap::new(),
            failed_sign_ins: Vec::new(),
            workstation: None,
        }
    }

    pub(crate) fn load(path: &Path) -> Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::KeyFileDamaged)
            }
            Err(e) => return Err(io("read the key file")(e)),
        };
        let file: KeyFile = serde_json::from_slice(&bytes).map_err(|_| Error::KeyFileDamaged)?;
        if file.format != FORMAT || file.version != 1 {
            return Err(Error::KeyFileDamaged);
        }
        Ok(file)
    }

    /// Temp file in the same directory, fsync, rename over, fsync the directory.
    pub(crate) fn save(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(|_| Error::KeyFileDamaged)?;
        text.push(b'\n');
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "records.keys".into());
        let tmp = dir.join(format!(".{name}.tmp"));
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            // Only the account that runs the app reads the key file.
            let mut f =
                crate::private_file::open(&mut options, &tmp).map_err(io("write the key file"))?;
            f.write_all(&text).map_err(io("write the key file"))?;
            f.sync_all().map_err(io("write the key file"))?;
        }
        std::fs::rename(&tmp, path).map_err(io("replace the key file"))?;
        if let Ok(d) = std::fs::File::open(dir) {
            // Best effort: not every platform can fsync a directory.
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Refuse early while a wait is owed for `name`.
    pub(crate) fn check_backoff(&self, name: &str, now: DateTime<Utc>) -> Result<()> {
        if let Some(b) = self.backoff.get(name) {
            let wait = backoff_seconds(b.failures) as i64;
            let waited = (now - b.last_failure).num_seconds();
            if waited < wait {
                return Err(Error::TryAgainLater {
                    wait_seconds: (wait - waited.max(0)) as u64,
                });
            }
        }
        Ok(())
    }

    pub(crate) fn record_failure(&mut self, name: &str, now: DateTime<Utc>) {
        let entry = self.backoff.entry(name.to_owned()).or_insert(Backoff {
            failures: 0,
            last_failure: now,
        });
        entry.failures = entry.failures.saturating_add(1);
        entry.last_failure = now;
        self.note_failed_sign_in(name, now);
    }

    /// Keep a failed attempt for the audit log without counting it towards the back-off (an
    /// attempt refused while a wait is owed: no password was tried).
    pub(crate) fn note_failed_sign_in(&mut self, name: &str, now: DateTime<Utc>) {
        self.failed_sign_ins.push(FailedSignIn {
            at: now,
            name: name.chars().take(64).collect(),
        });
        let excess = self
            .failed_sign_ins
            .len()
            .saturating_sub(MAX_PENDING_FAILURES);
        self.failed_sign_ins.drain(..excess);
    }

    /// True when there was something to reset (so the file needs writing).
    pub(crate) fn reset_failures(&mut self, name: &str) -> bool {
        self.backoff.remove(name).is_some()
    }
}

fn argon2_key(secret: &[u8], kdf: &Kdf) -> Result<Zeroizing<[u8; 32]>> {
    if kdf.algorithm != "argon2id" || kdf.version != 0x13 {
        return Err(Error::KeyFileDamaged);
    }
    let salt = B64.decode(&kdf.salt).map_err(|_| Error::KeyFileDamaged)?;
    let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|_| Error::KeyFileDamaged)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(secret, &salt, out.as_mut())
        .map_err(|_| Error::KeyFileDamaged)?;
    Ok(out)
}

fn aad(slot_id: &str) -> Vec<u8> {
    format!("{AAD_PREFIX}{slot_id}").into_bytes()
}

fn cipher_error<E>(_: E) -> Error {
    Error::KeyFileDamaged
}

fn seal(cipher: &XChaCha20Poly1305, aad: &[u8], secret: &[u8; 32]) -> Result<(String, String)> {
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad })
        .map_err(cipher_error)?;
    Ok((B64.encode(nonce), B64.encode(wrapped)))
}

/// `None` when the tag does not verify (a wrong secret).
fn open_sealed(
    cipher: &XChaCha20Poly1305,
    aad: &[u8],
    nonce: &str,
    wrapped: &str,
) -> Result<Option<Zeroizing<[u8; 32]>>> {
    let nonce = B64.decode(nonce).map_err(cipher_error)?;
    let wrapped = B64.decode(wrapped).map_err(cipher_error)?;
    if nonce.len() != 24 {
        return Err(Error::KeyFileDamaged);
    }
    let plain = match cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad }) {
        Ok(p) => Zeroizing::new(p),
        Err(_) => return Ok(None),
    };
    let mut out = Zeroizing::new([0u8; 32]);
    if plain.len() != 32 {
        return Err(Error::KeyFileDamaged);
    }
    out.copy_from_slice(&plain);
    Ok(Some(out))
}

fn signing_aad(slot_id: &str) -> Vec<u8> {
    format!("{SIGNING_AAD_PREFIX}{slot_id}").into_bytes()
}

/// Wrap the data key under `secret` (a password or a normalised recovery code), and the
/// holder's signing key with it when there is one.
pub(crate) fn wrap(
    slot_id: &str,
    secret: &[u8],
    key: &DataKey,
    signing: Option<&SigningKey>,
) -> Result<Slot> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let kdf = Kdf {
        algorithm: "argon2id".into(),
        version: 0x13,
        memory_kib: ARGON2_MEMORY_KIB,
        iterations: ARGON2_ITERATIONS,
        parallelism: ARGON2_PARALLELISM,
        salt: B64.encode(salt),
    };
    let kek = argon2_key(secret, &kdf)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let (nonce, wrapped_key) = seal(&cipher, &aad(slot_id), key.expose())?;
    let signing_key = match signing {
        Some(s) => {
            let secret = Zeroizing::new(s.to_bytes());
            let (nonce, wrapped) = seal(&cipher, &signing_aad(slot_id), &secret)?;
            Some(Sealed { nonce, wrapped })
        }
        None => None,
    };
    Ok(Slot {
        kdf,
        aead: "xchacha20poly1305".into(),
        nonce,
        wrapped_key,
        signing_key,
    })
}

/// What a slot holds: the data key, and its holder's signing key when the slot has one.
pub(crate) struct Opened {
    pub(crate) data_key: DataKey,
    pub(crate) signing_key: Option<SigningKey>,
}

/// Open a slot: `None` when the secret is wrong (the AEAD tag does not verify).
pub(crate) fn open_slot(slot_id: &str, slot: &Slot, secret: &[u8]) -> Result<Option<Opened>> {
    if slot.aead != "xchacha20poly1305" {
        return Err(Error::KeyFileDamaged);
    }
    let kek = argon2_key(secret, &slot.kdf)?;
    let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
    let Some(key) = open_sealed(&cipher, &aad(slot_id), &slot.nonce, &slot.wrapped_key)? else {
        return Ok(None);
    };
    let signing_key = match &slot.signing_key {
        Some(s) => Some(SigningKey::from_bytes(
            &*open_sealed(&cipher, &signing_aad(slot_id), &s.nonce, &s.wrapped)?
                .ok_or(Error::KeyFileDamaged)?,
        )),
        None => None,
    };
    Ok(Some(Opened {
        data_key: Sensitive::new(*key),
        signing_key,
    }))
}

/// Unwrap the data key alone: `None` when the secret is wrong.
pub(crate) fn unwrap(slot_id: &str, slot: &Slot, secret: &[u8]) -> Result<Option<DataKey>> {
    Ok(open_slot(slot_id, slot, secret)?.map(|o| o.data_key))
}

/// A fresh signing key.
pub(crate) fn new_signing_key() -> SigningKey {
    let mut secret = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(secret.as_mut());
    SigningKey::from_bytes(&secret)
}

/// Seal the workstation's signing key under the data key.
pub(crate) fn seal_workstation(key: &DataKey, signing: &SigningKey) -> Result<Sealed> {
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let secret = Zeroizing::new(signing.to_bytes());
    let (nonce, wrapped) = seal(&cipher, WORKSTATION_AAD.as_bytes(), &secret)?;
    Ok(Sealed { nonce, wrapped })
}

/// The workstation's signing key from the key file, unsealed with the data key. A key that
/// does not open under this data key is damage.
pub(crate) fn open_workstation(key: &DataKey, sealed: &Sealed) -> Result<SigningKey> {
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let secret = open_sealed(
        &cipher,
        WORKSTATION_AAD.as_bytes(),
        &sealed.nonce,
        &sealed.wrapped,
    )?
    .ok_or(Error::KeyFileDamaged)?;
    Ok(SigningKey::from_bytes(&secret))
}

/// Spend the same Argon2id work as a real unwrap, so an unknown username takes as long as a
/// wrong password.
pub(crate) fn burn(secret: &[u8]) {
    let kdf = Kdf {
        algorithm: "argon2id".into(),
        version: 0x13,
        memory_kib: ARGON2_MEMORY_KIB,
        iterations: ARGON2_ITERATIONS,
        parallelism: ARGON2_PARALLELISM,
        salt: B64.encode([0u8; 16]),
    };
    let _ = argon2_key(secret, &kdf);
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a recovery code (30 × 5 bits = 150 bits).
pub const RECOVERY_CODE_CHARS: usize = 30;

/// A fresh recovery code: 30 Crockford base32 characters in groups of five.
pub(crate) fn new_recovery_code() -> Sensitive<String> {
    let mut bytes = Zeroizing::new([0u8; RECOVERY_CODE_CHARS]);
    rand::rngs::OsRng.fill_bytes(bytes.as_mut());
    let mut code = String::with_capacity(RECOVERY_CODE_CHARS + RECOVERY_CODE_CHARS / 5);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 5 == 0 {
            code.push('-');
        }
        code.push(CROCKFORD[(*b & 31) as usize] as char);
    }
    Sensitive::new(code)
}

/// Upper-case, drop separators, read O as 0 and I/L as 1 (Crockford's rules). `None` when the
/// text cannot be a recovery code.
pub(crate) fn normalize_recovery_code(text: &str) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(RECOVERY_CODE_CHARS));
    for c in text.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !CROCKFORD.contains(&(c as u8)) || !c.is_ascii() {
            return None;
        }
        out.push(c);
    }
    (out.len() == RECOVERY_CODE_CHARS).then_some(out)
}
