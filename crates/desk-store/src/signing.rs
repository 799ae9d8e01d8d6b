//! Signed audit rows (schema 9). Every row of the audit chain carries an Ed25519 signature of
//! its chain hash by the key of whoever acted: the signed-in user, the recovery code's holder
//! (a session opened with the recovery code), or the workstation for what happens while nobody
//! is signed in (failed sign-ins, the refusal of an account unused too long). A user's key is
//! in their key slot, unwrapped by their own password; the workstation's is in the key file
//! under the data key. The public keys are rows of the chain themselves (a key registration's
//! row carries the public key, inside its hash), so a key change is an audit row and the keys
//! cannot be swapped without breaking the chain.
//!
//! The chain is unkeyed SHA-256: whoever holds the data key can rewrite rows and recompute it.
//! The signatures make that visible, because rewriting a row changes the hash of every row
//! after it, and re-signing those needs the passwords of everyone who wrote them.

use std::collections::HashMap;
use std::sync::Arc;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};

/// The key registration of a user's signing key (entity `user`, its id the holder's).
pub(crate) const USER_KEY: &str = "user.signing_key";
/// The key registration of the recovery code's signing key.
pub(crate) const RECOVERY_KEY: &str = "recovery.signing_key";
/// The key registration of the workstation's signing key (signed by that key).
pub(crate) const WORKSTATION_KEY: &str = "workstation.signing_key";

/// What happens while nobody is signed in: signed by the workstation key.
const WORKSTATION_ACTIONS: &[&str] = &[
    "session.sign_in_failed",
    "session.recovery_failed",
    "session.refused_idle",
    "user.idle_locked",
    WORKSTATION_KEY,
];

/// Whose key signs a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Holder {
    User(i64),
    Recovery,
    Workstation,
}

impl Holder {
    /// Whose key must sign a row, from the row itself: the workstation's for what happens while
    /// nobody is signed in, else the acting user's, else (no user) the recovery code's.
    pub(crate) fn of_row(user_id: Option<i64>, action: &str) -> Holder {
        if WORKSTATION_ACTIONS.contains(&action) {
            Holder::Workstation
        } else {
            user_id.map_or(Holder::Recovery, Holder::User)
        }
    }

    /// The holder a key registration row registers a key for.
    fn registered_by(action: &str, entity_id: Option<i64>) -> Option<Holder> {
        match action {
            USER_KEY => entity_id.map(Holder::User),
            RECOVERY_KEY => Some(Holder::Recovery),
            WORKSTATION_KEY => Some(Holder::Workstation),
            _ => None,
        }
    }

    fn code(self) -> String {
        match self {
            Holder::User(id) => format!("user:{id}"),
            Holder::Recovery => "recovery".into(),
            Holder::Workstation => "workstation".into(),
        }
    }

    fn parse(code: &str) -> Option<Holder> {
        match code {
            "recovery" => Some(Holder::Recovery),
            "workstation" => Some(Holder::Workstation),
            _ => code.strip_prefix("user:")?.parse().ok().map(Holder::User),
        }
    }
}

/// The bytes a row's signature covers: its chain hash, under a domain label.
pub(crate) fn message(hash: &str) -> Vec<u8> {
    format!("records-desk audit row v1:{hash}").into_bytes()
}

/// The public key as a row carries it.
pub(crate) fn public_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().as_bytes())
}

/// The signing keys a connection signs with: the acting user's (or the recovery code's) and
/// the workstation's. A keyring that does not sign is for files older than schema 9 and for
/// the test fixtures' stores opened without a password.
#[derive(Clone)]
pub(crate) struct Keyring {
    keys: Vec<(Holder, SigningKey)>,
    signs: bool,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field(
                "holders",
                &self.keys.iter().map(|k| k.0).collect::<Vec<_>>(),
            )
            .field("signs", &self.signs)
            .finish()
    }
}

impl Keyring {
    pub(crate) fn new(keys: Vec<(Holder, SigningKey)>) -> Self {
        Self { keys, signs: true }
    }

    /// Rows are written without a signature.
    pub(crate) fn unsigned() -> Self {
        Self {
            keys: Vec::new(),
            signs: false,
        }
    }

    pub(crate) fn key(&self, holder: Holder) -> Option<&SigningKey> {
        self.keys.iter().find(|(h, _)| *h == holder).map(|(_, k)| k)
    }

    /// The signature of the row with chain hash `hash` by `holder`'s key, hex; `None` when this
    /// keyring does not sign. Refused when the keyring has no key of `holder`'s.
    fn sign(&self, holder: Holder, hash: &str) -> std::result::Result<Option<String>, String> {
        if !self.signs {
            return Ok(None);
        }
        let key = self
            .key(holder)
            .ok_or_else(|| "no signing key for this audit row's author".to_owned())?;
        Ok(Some(hex::encode(key.sign(&message(hash)).to_bytes())))
    }
}

/// The SQL function through which `audit::append` signs a row on this connection:
/// `records_desk_sign(holder, hash)`.
const SIGN_FUNCTION: &str = "records_desk_sign";

/// Give `conn` the keys its audit rows are signed with (again, to change them).
pub(crate) fn attach(conn: &Connection, keyring: Arc<Keyring>) -> Result<()> {
    conn.create_scalar_function(
        SIGN_FUNCTION,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
        move |ctx| {
            let holder: String = ctx.get(0)?;
            let hash: String = ctx.get(1)?;
            let holder = Holder::parse(&holder).ok_or_else(|| {
                rusqlite::Error::UserFunctionError("not a signing key's holder".into())
            })?;
            keyring
                .sign(holder, &hash)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
        },
    )?;
    Ok(())
}

/// The signature of a new row (`None` when the connection's keyring does not sign).
pub(crate) fn sign_row(
    conn: &Connection,
    user_id: Option<i64>,
    action: &str,
    hash: &str,
) -> Result<Option<String>> {
    let holder = Holder::of_row(user_id, action);
    conn.query_row(
        &format!("SELECT {SIGN_FUNCTION}(?1, ?2)"),
        (holder.code(), hash),
        |r| r.get(0),
    )
    .map_err(|e| match e {
        rusqlite::Error::UserFunctionError(_) => Error::NoSigningKey,
        e => e.into(),
    })
}

/// Why a row's signature does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignatureProblem {
    /// The row carries no signature, after rows that do.
    Missing,
    /// The signature is not the key's signature of the row's hash.
    Wrong,
    /// No key of the holder's was registered in the chain before the row.
    NoKey,
    /// The row carries a public key but is not a key registration.
    NotARegistration,
}

/// A row whose signature does not hold, and whose key would have had to sign it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureFailure {
    pub seq: i64,
    /// Who should have signed: an account's user name, "the recovery code" or "the
    /// workstation".
    pub signer: String,
    pub problem: SignatureProblem,
}

/// What the walk of every row's signature found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureReport {
    /// Rows before the first signed row (written before schema 9 began signing).
    pub unsigned_before_signing: i64,
    /// Rows whose signature holds.
    pub signed: i64,
    /// The rows whose signature does not hold (the first [`MAX_FAILURES`]).
    pub failures: Vec<SignatureFailure>,
    /// How many rows fail in all.
    pub failed: i64,
    /// Whether the key in the signed-in user's own slot is the key the chain registered last
    /// for them (`None` when the store was opened without one: the keyring does not sign).
    pub own_key_registered: Option<bool>,
}

impl SignatureReport {
    pub fn holds(&self) -> bool {
        self.failed == 0 && self.own_key_registered != Some(false)
    }
}

/// At most this many failing rows are listed.
pub const MAX_FAILURES: usize = 1000;

/// Walk every row: each row's signature must be the signature of its hash by the key of its
/// holder ([`Holder::of_row`]) last registered in the chain at or before it. Rows before the
/// first signed row are counted apart. `own`: the signed-in holder and key, compared with the
/// chain's registration of them. The chain's own hashes are [`crate::audit::verify`]'s to check.
pub(crate) fn verify(
    conn: &Connection,
    own: Option<(Holder, &SigningKey)>,
) -> Result<SignatureReport> {
    let names: HashMap<i64, String> = {
        let mut stmt = conn.prepare("SELECT id, username FROM users")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let signer = |h: Holder| match h {
        Holder::User(id) => names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("account #{id}")),
        Holder::Recovery => "the recovery code".into(),
        Holder::Workstation => "the workstation".into(),
    };
    let mut keys: HashMap<Holder, Option<VerifyingKey>> = HashMap::new();
    let mut report = SignatureReport {
        unsigned_before_signing: 0,
        signed: 0,
        failures: Vec::new(),
        failed: 0,
        own_key_registered: None,
    };
    let mut started = false;
    let mut stmt = conn.prepare(
        "SELECT seq, user_id, action, entity_id, hash, signature, public_key
         FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let user_id: Option<i64> = r.get(1)?;
        let action: String = r.get(2)?;
        let entity_id: Option<i64> = r.get(3)?;
        let hash: String = r.get(4)?;
        let signature: Option<String> = r.get(5)?;
        let public_key: Option<String> = r.get(6)?;
        let holder = Holder::of_row(user_id, &action);
        let mut fail = |problem| {
            report.failed += 1;
            if report.failures.len() < MAX_FAILURES {
                report.failures.push(SignatureFailure {
                    seq,
                    signer: signer(holder),
                    problem,
                });
            }
        };
        if let Some(public) = public_key {
            match Holder::registered_by(&action, entity_id) {
                // A key that does not parse is registered as none: its holder's rows fail.
                Some(h) => {
                    keys.insert(h, parse_key(&public));
                }
                None => {
                    fail(SignatureProblem::NotARegistration);
                    continue;
                }
            }
        }
        let Some(signature) = signature else {
            if started {
                fail(SignatureProblem::Missing);
            } else {
                report.unsigned_before_signing += 1;
            }
            continue;
        };
        started = true;
        match keys.get(&holder).copied().flatten() {
            None => fail(SignatureProblem::NoKey),
            Some(key) => {
                let holds = parse_signature(&signature)
                    .is_some_and(|s| key.verify(&message(&hash), &s).is_ok());
                if holds {
                    report.signed += 1;
                } else {
                    fail(SignatureProblem::Wrong);
                }
            }
        }
    }
    if let Some((holder, key)) = own {
        report.own_key_registered =
            Some(keys.get(&holder).copied().flatten() == Some(key.verifying_key()));
    }
    Ok(report)
}

fn parse_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn parse_signature(text: &str) -> Option<Signature> {
    let bytes: [u8; 64] = hex::decode(text).ok()?.try_into().ok()?;
    Some(Signature::from_bytes(&bytes))
}
