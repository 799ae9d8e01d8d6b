//! Decisions on requests and the Privacy Official's approvals. A grant decides the request at
//! once; a denial, whoever drafts it, waits (PendingApproval) until an active Privacy Official
//! approves it. A new draft on the same request points at the one it replaces (`corrects_id`).

use chrono::{DateTime, Utc};
use desk_core::decision::{
    AccessDecision, AmendmentDecision, ConfidentialCommunicationDecision, RestrictionDecision,
};
use desk_core::lifecycle::{self, Step};
use desk_core::person::Role;
use desk_core::request::{RequestKind, RequestStatus};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};
use crate::sql::{enum_from, parse_ts, ts};
use crate::{audit, request, Store};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE decisions (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES requests(id),
        outcome     TEXT NOT NULL, -- JSON of the desk-core outcome (grant / extension / denial …)
        drafted_by  INTEGER NOT NULL REFERENCES users(id),
        drafted_at  TEXT NOT NULL,
        corrects_id INTEGER UNIQUE REFERENCES decisions(id)
    ) STRICT;",
    never_changed!("decisions"),
    "CREATE TABLE approvals (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
        approved_by INTEGER NOT NULL REFERENCES users(id),
        approved_at TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT ''
    ) STRICT;",
    never_changed!("approvals"),
    // Only an active Privacy Official approves.
    "CREATE TRIGGER approvals_by_an_official BEFORE INSERT ON approvals
     WHEN (SELECT role = 'privacy_official' AND active = 1 FROM users WHERE id = NEW.approved_by)
          IS NOT 1
     BEGIN SELECT RAISE(ABORT, 'only a privacy official approves'); END;",
];

/// A decision, by the kind of request it answers (stored as JSON:
/// `{"kind": "access", "decision": {"grant": {…}}}`). An extension is drafted like any decision:
/// the row keeps its notice's content, and the request takes the extension step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "decision", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DecisionOutcome {
    Access(AccessDecision),
    Amendment(AmendmentDecision),
    Restriction(RestrictionDecision),
    ConfidentialCommunication(ConfidentialCommunicationDecision),
}

impl DecisionOutcome {
    /// The new answer date, when this outcome is the one 30-day extension.
    pub fn extension_respond_by(&self) -> Option<chrono::NaiveDate> {
        match self {
            DecisionOutcome::Access(AccessDecision::Extension(e))
            | DecisionOutcome::Amendment(AmendmentDecision::Extension(e)) => Some(e.respond_by),
            _ => None,
        }
    }

    /// A denial, wholly or in part: it needs the Privacy Official's approval.
    pub fn is_denial(&self) -> bool {
        matches!(
            self,
            DecisionOutcome::Access(AccessDecision::Denial(_))
                | DecisionOutcome::Amendment(AmendmentDecision::Denial(_))
                | DecisionOutcome::Restriction(RestrictionDecision::Denied(_))
                | DecisionOutcome::ConfidentialCommunication(
                    ConfidentialCommunicationDecision::Denied { .. }
                )
        )
    }

    /// The kind of request this decision answers.
    pub fn request_kind(&self) -> RequestKind {
        match self {
            DecisionOutcome::Access(_) => RequestKind::Access,
            DecisionOutcome::Amendment(_) => RequestKind::Amendment,
            DecisionOutcome::Restriction(_) => RequestKind::Restriction,
            DecisionOutcome::ConfidentialCommunication(_) => RequestKind::ConfidentialCommunication,
        }
    }

    /// Every field a letter needs is filled in.
    fn validate(&self) -> Result<()> {
        fn required(field: &'static str, text: &str) -> Result<()> {
            if text.trim().is_empty() {
                Err(FieldError::new(field, "is required").into())
            } else {
                Ok(())
            }
        }
        fn grounds<T>(grounds: &[T]) -> Result<()> {
            if grounds.is_empty() {
                Err(FieldError::new("grounds", "choose at least one ground").into())
            } else {
                Ok(())
            }
        }
        let extension = |e: &desk_core::decision::Extension| required("reason", &e.reason);
        match self {
            DecisionOutcome::Access(AccessDecision::Grant(g)) => required("access", &g.access),
            DecisionOutcome::Access(AccessDecision::Denial(d)) => {
                grounds(&d.grounds)?;
                required("explanation", &d.explanation)
            }
            DecisionOutcome::Amendment(AmendmentDecision::Grant(g)) => {
                for a in &g.notify {
                    required("notify", &a.name)?;
                }
                Ok(())
            }
            DecisionOutcome::Amendment(AmendmentDecision::Denial(d)) => {
                grounds(&d.grounds)?;
                required("explanation", &d.explanation)
            }
            DecisionOutcome::Access(AccessDecision::Extension(e))
            | DecisionOutcome::Amendment(AmendmentDecision::Extension(e)) => extension(e),
            DecisionOutcome::Restriction(RestrictionDecision::Agreed(a)) => {
                required("restriction", &a.restriction)
            }
            DecisionOutcome::Restriction(RestrictionDecision::Denied(d)) => {
                required("reason", &d.reason)
            }
            DecisionOutcome::ConfidentialCommunication(
                ConfidentialCommunicationDecision::Accommodated { means, .. },
            ) => required("means", means),
            DecisionOutcome::ConfidentialCommunication(
                ConfidentialCommunicationDecision::Denied { reason },
            ) => required("reason", reason),
        }
    }
}

/// The Privacy Official's approval of a denial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    pub approved_by: i64,
    pub approved_by_name: String,
    pub approved_at: DateTime<Utc>,
    pub note: String,
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DecisionState {
    /// A grant: in force as drafted.
    InForce,
    /// A denial waiting for the Privacy Official.
    PendingApproval,
    /// A denial the Privacy Official approved.
    Approved,
    /// A denial sent back without approval.
    Returned,
    /// A later decision on the same request replaced it.
    Superseded,
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    pub id: i64,
    pub request_id: i64,
    pub outcome: DecisionOutcome,
    pub drafted_by: i64,
    pub drafted_by_name: String,
    pub drafted_at: DateTime<Utc>,
    /// The earlier decision this one replaces.
    pub corrects_id: Option<i64>,
    /// The later decision that replaced this one.
    pub superseded_by: Option<i64>,
    pub approval: Option<Approval>,
    pub state: DecisionState,
}

/// One line of the Privacy Official's approval queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingApproval {
    pub decision_id: i64,
    pub request_id: i64,
    pub kind: RequestKind,
    pub participant_id: i64,
    pub participant_name: String,
    pub drafted_by: i64,
    pub drafted_by_name: String,
    pub drafted_at: DateTime<Utc>,
}

const COLUMNS: &str = "d.id, d.request_id, d.outcome, d.drafted_by, du.display_name, d.drafted_at,
    d.corrects_id, (SELECT n.id FROM decisions n WHERE n.corrects_id = d.id),
    a.approved_by, au.display_name, a.approved_at, a.note, r.status,
    EXISTS (SELECT 1 FROM decision_returns x WHERE x.decision_id = d.id)";

const FROM: &str = "decisions d JOIN users du ON du.id = d.drafted_by
    JOIN requests r ON r.id = d.request_id
    LEFT JOIN approvals a ON a.decision_id = d.id
    LEFT JOIN users au ON au.id = a.approved_by";

type Raw = (
    (i64, i64, String, i64, String, String, Option<i64>),
    (
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        bool,
    ),
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ),
        (
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
            r.get(13)?,
        ),
    ))
}

fn to_record(row: Raw) -> Result<DecisionRecord> {
    let (
        (id, request_id, outcome, drafted_by, drafted_by_name, drafted_at, corrects_id),
        (superseded_by, approved_by, approved_by_name, approved_at, note, status, returned),
    ) = row;
    let outcome: DecisionOutcome = serde_json::from_str(&outcome).map_err(|_| Error::Damaged)?;
    let approval = match (approved_by, approved_by_name, approved_at) {
        (Some(by), Some(name), Some(at)) => Some(Approval {
            approved_by: by,
            approved_by_name: name,
            approved_at: parse_ts(&at)?,
            note: note.unwrap_or_default(),
        }),
        _ => None,
    };
    let status: RequestStatus = enum_from(&status)?;
    let state = if superseded_by.is_some() {
        DecisionState::Superseded
    } else if approval.is_some() {
        DecisionState::Approved
    } else if returned {
        DecisionState::Returned
    } else if status == RequestStatus::PendingApproval {
        // The request's latest decision (the others are superseded): a denial, or a decision
        // the Privacy Official makes, drafted by staff.
        DecisionState::PendingApproval
    } else if !outcome.is_denial() {
        DecisionState::InForce
    } else {
        DecisionState::Returned
    };
    Ok(DecisionRecord {
        id,
        request_id,
        outcome,
        drafted_by,
        drafted_by_name,
        drafted_at: parse_ts(&drafted_at)?,
        corrects_id,
        superseded_by,
        approval,
        state,
    })
}

fn get(conn: &Connection, id: i64) -> Result<DecisionRecord> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM {FROM} WHERE d.id = ?1"),
            [id],
            raw,
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "decision" })?;
    to_record(row)
}

/// The decision on a request not yet replaced by another.
fn latest_id(conn: &Connection, request_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT d.id FROM decisions d WHERE d.request_id = ?1
               AND NOT EXISTS (SELECT 1 FROM decisions n WHERE n.corrects_id = d.id)
             ORDER BY d.id DESC LIMIT 1",
            [request_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// A request's decisions, oldest first.
pub(crate) fn list(conn: &rusqlite::Connection, request_id: i64) -> Result<Vec<DecisionRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE d.request_id = ?1 ORDER BY d.id"
    ))?;
    let rows = stmt.query_map([request_id], raw)?;
    rows.map(|r| to_record(r?)).collect()
}

impl Store {
    /// Draft a decision on a request. A grant moves the request to Decided; a denial (drafted
    /// by anyone) to PendingApproval. A request that is only Verified begins review first. The
    /// outcome must answer the request's kind and fill in what its letter needs (fields
    /// `outcome`, `grounds`, `explanation`, `access`, …); the lifecycle must allow the move
    /// (field `status`). A new draft replaces the request's previous decision. Returns its id.
    pub fn draft_decision(&mut self, request_id: i64, outcome: &DecisionOutcome) -> Result<i64> {
        outcome.validate()?;
        let json = serde_json::to_string(outcome).map_err(|_| Error::Invalid {
            field: "outcome",
            problem: "cannot be stored".into(),
        })?;
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(|| {
                FieldError::new("drafted_by", "sign in with your own account to decide")
            })?;
            let req = request::get(tx, request_id)?;
            if req.kind != outcome.request_kind() {
                return Err(
                    FieldError::new("outcome", "does not answer this kind of request").into(),
                );
            }
            if request::case(tx, request_id)?.status == RequestStatus::Verified {
                request::apply(tx, request_id, &Step::BeginReview, now)?;
                audit::append(
                    tx,
                    now,
                    Some(me),
                    "request.begin_review",
                    "request",
                    Some(request_id),
                )?;
            }
            let previous = latest_id(tx, request_id)?;
            if let Some(respond_by) = outcome.extension_respond_by() {
                // The extension and its notice's content are one write: the clock rule (one
                // extension, noticed inside the first period) is checked by `request::extend`.
                request::extend(tx, request_id, crate::sql::local_date(now), respond_by, now)?;
                tx.execute(
                    "INSERT INTO decisions (request_id, outcome, drafted_by, drafted_at, corrects_id)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    rusqlite::params![request_id, json, me, ts(now), previous],
                )?;
                let id = tx.last_insert_rowid();
                audit::append(tx, now, Some(me), "decision.draft", "decision", Some(id))?;
                audit::append(tx, now, Some(me), "request.extend", "request", Some(request_id))?;
                return Ok(id);
            }
            // A denial waits for the Privacy Official, and so does a decision she makes
            // (restrictions, confidential communications) when staff record it.
            let role = if crate::user::is_active_official(tx, me)? {
                Role::PrivacyOfficial
            } else {
                Role::Staff
            };
            let step = lifecycle::draft_step(req.kind, outcome.is_denial(), role);
            request::apply(tx, request_id, &step, now)?;
            tx.execute(
                "INSERT INTO decisions (request_id, outcome, drafted_by, drafted_at, corrects_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![request_id, json, me, ts(now), previous],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, Some(me), "decision.draft", "decision", Some(id))?;
            audit::append(
                tx,
                now,
                Some(me),
                &format!("request.{}", step.as_str()),
                "request",
                Some(request_id),
            )?;
            Ok(id)
        })
    }

    /// Approve a drafted denial (an active Privacy Official signed in with their own account;
    /// anyone else gets [`Error::NotPermitted`] and nothing is written). The request moves to
    /// Decided; the approval row and the audit entry go in the same transaction.
    pub fn approve_decision(&mut self, decision_id: i64, note: &str) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        if note.chars().count() > 2000 {
            return Err(FieldError::new("note", "use at most 2000 characters").into());
        }
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(|| {
                FieldError::new("approved_by", "sign in with your own account to approve")
            })?;
            if !crate::user::is_active_official(tx, me)? {
                return Err(Error::NotPermitted {
                    needed: Role::PrivacyOfficial,
                });
            }
            let d = get(tx, decision_id)?;
            match d.state {
                DecisionState::PendingApproval => {}
                DecisionState::InForce => {
                    return Err(FieldError::new("decision", "only a denial needs approval").into())
                }
                DecisionState::Approved => {
                    return Err(FieldError::new("decision", "is already approved").into())
                }
                _ => return Err(FieldError::new("decision", "is not waiting for approval").into()),
            }
            let step = lifecycle::approve_step(d.outcome.is_denial(), Role::PrivacyOfficial);
            request::apply(tx, d.request_id, &step, now)?;
            tx.execute(
                "INSERT INTO approvals (decision_id, approved_by, approved_at, note)
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![decision_id, me, ts(now), note.trim()],
            )?;
            let aid = tx.last_insert_rowid();
            audit::append(tx, now, Some(me), "decision.approve", "approval", Some(aid))?;
            audit::append(
                tx,
                now,
                Some(me),
                &format!("request.{}", step.as_str()),
                "request",
                Some(d.request_id),
            )?;
            Ok(())
        })
    }

    /// One decision with its approval state.
    pub fn decision(&self, id: i64) -> Result<DecisionRecord> {
        get(&self.conn, id)
    }

    /// A request's decisions, oldest first (replaced ones included, see `state`).
    pub fn decisions_of(&self, request_id: i64) -> Result<Vec<DecisionRecord>> {
        list(&self.conn, request_id)
    }

    /// Denials waiting for the Privacy Official, oldest first.
    pub fn pending_approvals(&self) -> Result<Vec<PendingApproval>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.request_id, r.kind, r.participant_id,
                    p.first_name || ' ' || p.last_name, d.drafted_by, u.display_name, d.drafted_at
             FROM decisions d
             JOIN requests r ON r.id = d.request_id
             JOIN participants p ON p.id = r.participant_id
             JOIN users u ON u.id = d.drafted_by
             WHERE r.status = 'pending_approval'
               AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.decision_id = d.id)
               AND NOT EXISTS (SELECT 1 FROM decisions n WHERE n.corrects_id = d.id)
             ORDER BY d.drafted_at, d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (decision_id, request_id, kind, participant_id, name, by, by_name, at) = row?;
            out.push(PendingApproval {
                decision_id,
                request_id,
                kind: enum_from(&kind)?,
                participant_id,
                participant_name: name,
                drafted_by: by,
                drafted_by_name: by_name,
                drafted_at: parse_ts(&at)?,
            });
        }
        Ok(out)
    }
}

/// Schema 7: a drafted denial the Privacy Official sent back, with her reason.
pub(crate) const SCHEMA_V7: &[&str] = &[
    "CREATE TABLE decision_returns (
        id INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
        returned_by INTEGER NOT NULL REFERENCES users(id),
        returned_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
    ) STRICT;",
    never_changed!("decision_returns"),
];

/// A drafted denial sent back, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DenialReturn {
    pub decision_id: i64,
    pub returned_by_name: String,
    pub returned_at: DateTime<Utc>,
    pub reason: String,
}

impl Store {
    /// The Privacy Official sends a drafted denial back with her reason (field `reason`): the
    /// request goes back to review for staff to revise the denial or decide otherwise. Anyone
    /// else gets [`Error::NotPermitted`]. One write with its audit rows.
    pub fn return_denial(&mut self, decision_id: i64, reason: &str) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(FieldError::new("reason", "is required").into());
        }
        if reason.chars().count() > 2000 {
            return Err(FieldError::new("reason", "use at most 2000 characters").into());
        }
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(|| {
                FieldError::new(
                    "returned_by",
                    "sign in with your own account to return a denial",
                )
            })?;
            let d = get(tx, decision_id)?;
            if d.state != DecisionState::PendingApproval {
                return Err(FieldError::new("decision", "is not waiting for approval").into());
            }
            request::apply(
                tx,
                d.request_id,
                &Step::ReturnDenial {
                    by: Role::PrivacyOfficial,
                },
                now,
            )?;
            tx.execute(
                "INSERT INTO decision_returns (decision_id, returned_by, returned_at, reason)
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![decision_id, me, ts(now), reason],
            )?;
            audit::append(
                tx,
                now,
                Some(me),
                "request.return_denial",
                "request",
                Some(d.request_id),
            )?;
            Ok(())
        })
    }

    /// The request's returned denials, oldest first.
    pub fn denial_returns(&self, request_id: i64) -> Result<Vec<DenialReturn>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.decision_id, u.display_name, x.returned_at, x.reason
             FROM decision_returns x JOIN decisions d ON d.id = x.decision_id
             JOIN users u ON u.id = x.returned_by
             WHERE d.request_id = ?1 ORDER BY x.id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (decision_id, returned_by_name, at, reason) = row?;
            Ok(DenialReturn {
                decision_id,
                returned_by_name,
                returned_at: parse_ts(&at)?,
                reason,
            })
        })
        .collect()
    }
}
