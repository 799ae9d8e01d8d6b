//! The audit trail for the Privacy Official: filtered by participant and user, with the chain
//! verified, and exported as PDF (desk-core's document, desk-letters' layout); and the chain's
//! walk on its own.

use chrono::Local;
use desk_core::letter::{self, AuditLine};
use desk_store::{AuditEntry, AuditFilter, SignatureReport, Store, Witness, WitnessCheck};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::session::{user_view, UserView};

/// What the audit trail shows: all rows, or one participant's, or one user's (or both).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AuditFilterForm {
    #[ts(type = "number | null")]
    pub participant_id: Option<i64>,
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
}

/// One audit row: ids and code words only.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditRowView {
    #[ts(type = "number")]
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The account's user name; null for the recovery code or an unknown name.
    pub user: Option<String>,
    pub action: String,
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
}

/// The audit trail screen: the rows selected, and whether the whole chain holds.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditTrailView {
    pub rows: Vec<AuditRowView>,
    /// Rows in the whole log.
    #[ts(type = "number")]
    pub total: i64,
    /// The first row whose hash does not hold; null when the chain is intact.
    #[ts(type = "number | null")]
    pub broken_at: Option<i64>,
    /// The accounts, for the user filter.
    pub users: Vec<UserView>,
    /// More rows match than the [`SCREEN_ROWS`] shown.
    pub more: bool,
}

/// The hash chain walked from its first row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditChainView {
    /// Rows in the whole log.
    #[ts(type = "number")]
    pub rows: i64,
    /// The first row whose hash or link does not hold; null when the chain is intact.
    #[ts(type = "number | null")]
    pub broken_at: Option<i64>,
}

/// Walk the audit log's hash chain (any signed-in user; nothing is written): how many rows it
/// holds and the first that was changed, removed or whose link to the row before it does not
/// hold.
pub fn verify(store: &Store) -> Result<AuditChainView> {
    Ok(AuditChainView {
        rows: store.audit_count()?,
        broken_at: store.verify_audit()?,
    })
}

/// What `records-desk audit verify` finds in the log: the hash chain, every row's signature,
/// and, when one is given, the log against a witness taken earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogCheck {
    pub chain: AuditChainView,
    pub signatures: SignatureReport,
    /// The witness checked and what it says of the log.
    pub witness: Option<(Witness, WitnessCheck)>,
}

impl LogCheck {
    /// The chain and every signature hold, and so does the log against the witness.
    pub fn holds(&self) -> bool {
        self.chain.broken_at.is_none()
            && self.signatures.holds()
            && self
                .witness
                .as_ref()
                .is_none_or(|(_, check)| *check == WitnessCheck::Holds)
    }
}

/// Walk the chain and every signature, and check the log against `witness` (any signed-in
/// user; nothing is written).
pub fn verify_log(store: &Store, witness: Option<&Witness>) -> Result<LogCheck> {
    Ok(LogCheck {
        chain: verify(store)?,
        signatures: store.verify_signatures()?,
        witness: witness
            .map(|w| Ok::<_, desk_store::Error>((w.clone(), store.check_witness(w)?)))
            .transpose()?,
    })
}

/// The most rows the screen shows, newest first (the PDF export takes up to
/// [`desk_store::TRAIL_LIMIT`]): a county's years of rows are narrowed by participant or user.
pub const SCREEN_ROWS: u32 = 100;

fn filter(form: &AuditFilterForm, limit: u32) -> AuditFilter {
    AuditFilter {
        participant_id: form.participant_id,
        user_id: form.user_id,
        limit,
    }
}

fn name_of(users: &[UserView], id: Option<i64>) -> Option<String> {
    id.and_then(|id| {
        users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.username.clone())
    })
}

/// The rows the filter selects (newest first), the chain's state (the rows since the last
/// check of every page walked now, linked to those it found sound) and the accounts.
pub fn trail(store: &mut Store, form: &AuditFilterForm) -> Result<AuditTrailView> {
    let mut rows = store.audit_trail(&filter(form, SCREEN_ROWS + 1))?;
    let more = rows.len() > SCREEN_ROWS as usize;
    rows.truncate(SCREEN_ROWS as usize);
    let users: Vec<UserView> = store.list_users()?.iter().map(user_view).collect();
    Ok(AuditTrailView {
        rows: rows
            .iter()
            .map(|e| AuditRowView {
                seq: e.seq,
                at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                user: name_of(&users, e.user_id),
                action: e.action.clone(),
                entity: e.entity.clone(),
                entity_id: e.entity_id,
            })
            .collect(),
        total: store.audit_count()?,
        broken_at: store.verify_audit_since_check()?,
        users,
        more,
    })
}

fn record_of(e: &AuditEntry) -> String {
    match e.entity_id {
        Some(id) => format!("{} {id}", e.entity),
        None => e.entity.clone(),
    }
}

/// The selected rows as a PDF document; the export is itself recorded.
pub fn trail_pdf(store: &mut Store, form: &AuditFilterForm) -> Result<Vec<u8>> {
    let rows = store.audit_trail(&filter(form, 0))?;
    let users: Vec<UserView> = store.list_users()?.iter().map(user_view).collect();
    let broken_at = store.verify_audit_since_check()?;
    let lines: Vec<AuditLine> = rows
        .iter()
        .map(|e| AuditLine {
            seq: e.seq,
            at: e.at.with_timezone(&Local).naive_local(),
            user: name_of(&users, e.user_id).unwrap_or_else(|| "—".into()),
            action: e.action.clone(),
            record: record_of(e),
        })
        .collect();
    let user = |u: i64| name_of(&users, Some(u)).unwrap_or_else(|| u.to_string());
    let scope = match (form.participant_id, form.user_id) {
        (None, None) => "every row".to_string(),
        (Some(p), None) => format!("the rows about participant {p}"),
        (None, Some(u)) => format!("the rows of user {}", user(u)),
        (Some(p), Some(u)) => format!("the rows about participant {p} by user {}", user(u)),
    };
    let org = store.organization()?;
    let model = letter::audit_trail(&org, &scope, &lines, broken_at, crate::today(store));
    let pdf = crate::letter::render_witnessed(store, &model)?;
    store.record_event("audit.export", "audit_log", None)?;
    Ok(pdf)
}
