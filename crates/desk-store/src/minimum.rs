//! The minimum-necessary standard in the logbook (164.502(b); county policy §9): each
//! disclosure it applies to is marked routine (one of the county's list) or reviewed by the
//! Privacy Official, whose review is its own row. A disclosure marked for review waits in her
//! queue until she records it; one she logs herself with her note is reviewed in the same write.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::minimum::MinimumNecessary;
use desk_core::person::Role;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{Error, FieldError, Result};
use crate::sql::{parse_date, parse_ts, ts};
use crate::{audit, Store};

/// Schema 8 (logbook): a disclosure's minimum-necessary marking (JSON of desk-core's
/// `MinimumNecessary`; NULL where the standard does not apply, and on entries logged before
/// schema 8) and the Privacy Official's reviews.
pub(crate) const SCHEMA_V8: &[&str] = &[
    "ALTER TABLE disclosures ADD COLUMN minimum_necessary TEXT;",
    // Under an authorization: the information was confirmed to fall within its description.
    "ALTER TABLE disclosures ADD COLUMN information_confirmed INTEGER NOT NULL DEFAULT 0
        CHECK (information_confirmed IN (0, 1));",
    "CREATE TABLE disclosure_reviews (
        id            INTEGER PRIMARY KEY,
        disclosure_id INTEGER NOT NULL UNIQUE REFERENCES disclosures(id),
        note          TEXT NOT NULL,
        reviewed_at   TEXT NOT NULL,
        reviewed_by   INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;",
    never_changed!("disclosure_reviews"),
];

/// Longest review note kept.
pub const MAX_REVIEW_NOTE_CHARS: usize = 2000;

/// The Privacy Official's review of one disclosure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DisclosureReview {
    pub note: String,
    pub reviewed_at: DateTime<Utc>,
    pub reviewed_by_name: String,
}

/// A disclosure waiting for the Privacy Official's review.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PendingDisclosureReview {
    pub disclosure_id: i64,
    pub participant_id: i64,
    pub participant_name: String,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub description: String,
    pub purpose: String,
    pub basis: String,
    pub recorded_by_name: String,
}

fn note_of(note: &str) -> Result<&str> {
    let note = note.trim();
    if note.is_empty() {
        return Err(FieldError::new(
            "reviewNote",
            "say what was checked: that only what the purpose needs was disclosed",
        )
        .into());
    }
    if note.chars().count() > MAX_REVIEW_NOTE_CHARS {
        return Err(FieldError::new("reviewNote", "use at most 2000 characters").into());
    }
    Ok(note)
}

/// Record the review of a disclosure just written, inside its write.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    note: &str,
    me: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let note = note_of(note)?;
    tx.execute(
        "INSERT INTO disclosure_reviews (disclosure_id, note, reviewed_at, reviewed_by)
         VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![disclosure_id, note, ts(now), me],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        now,
        Some(me),
        "disclosure.review",
        "disclosure_review",
        Some(id),
    )?;
    Ok(())
}

/// What to do with a new disclosure's marking, inside its write: a disclosure the Privacy
/// Official logs for review with her note is reviewed at once; without one, and whenever staff
/// log it, it waits in her queue (a note from staff is refused, so nobody reviews in her name).
pub(crate) fn on_record(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    marking: Option<MinimumNecessary>,
    note: Option<&str>,
    me: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let note = note.filter(|n| !n.trim().is_empty());
    if marking != Some(MinimumNecessary::Reviewed) {
        if note.is_some() {
            return Err(FieldError::new("reviewNote", "is only for a reviewed disclosure").into());
        }
        return Ok(());
    }
    let official = match me {
        Some(me) => crate::user::is_active_official(tx, me)?,
        None => false,
    };
    match (official, me, note) {
        (true, Some(me), Some(note)) => insert(tx, disclosure_id, note, me, now),
        (false, _, Some(_)) => Err(FieldError::new(
            "reviewNote",
            "only the Privacy Official records her review",
        )
        .into()),
        _ => Ok(()),
    }
}

/// The review of a disclosure, when there is one.
pub(crate) fn review_of(conn: &Connection, disclosure_id: i64) -> Result<Option<DisclosureReview>> {
    let row = conn
        .query_row(
            "SELECT r.note, r.reviewed_at, u.display_name FROM disclosure_reviews r
             JOIN users u ON u.id = r.reviewed_by WHERE r.disclosure_id = ?1",
            [disclosure_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    row.map(|(note, at, name)| {
        Ok(DisclosureReview {
            note,
            reviewed_at: parse_ts(&at)?,
            reviewed_by_name: name,
        })
    })
    .transpose()
}

/// The marking stored with a disclosure.
pub(crate) fn parse_marking(json: Option<String>) -> Result<Option<MinimumNecessary>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|_| Error::Invalid {
            field: "minimum_necessary",
            problem: "is not one Records Desk writes".into(),
        })
    })
    .transpose()
}

impl Store {
    /// Disclosures in force marked for the Privacy Official's review and not yet reviewed,
    /// oldest first.
    pub fn disclosures_awaiting_review(&self) -> Result<Vec<PendingDisclosureReview>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.participant_id, p.first_name || ' ' || p.last_name, d.disclosed_on,
                    d.recipient, d.description, d.purpose, d.basis,
                    coalesce(u.display_name, '')
             FROM disclosures d
             JOIN participants p ON p.id = d.participant_id
             LEFT JOIN users u ON u.id = d.created_by
             WHERE d.minimum_necessary = '\"reviewed\"'
               AND NOT EXISTS (SELECT 1 FROM disclosure_reviews r WHERE r.disclosure_id = d.id)
               AND NOT EXISTS (SELECT 1 FROM disclosures c WHERE c.corrects_id = d.id)
             ORDER BY d.created_at, d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ),
                (
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                (disclosure_id, participant_id, participant_name, on),
                (recipient, description, purpose, basis, recorded_by_name),
            ) = row?;
            out.push(PendingDisclosureReview {
                disclosure_id,
                participant_id,
                participant_name,
                disclosed_on: parse_date(&on)?,
                recipient,
                description,
                purpose,
                basis,
                recorded_by_name,
            });
        }
        Ok(out)
    }

    /// The Privacy Official records her review of a disclosure staff marked for it (anyone
    /// else gets [`Error::NotPermitted`]). Refused on `disclosure` when it is not marked for
    /// review, is already reviewed or was corrected; on `reviewNote` without a note.
    pub fn review_disclosure(&mut self, disclosure_id: i64, note: &str) -> Result<()> {
        self.require(Role::PrivacyOfficial)?;
        note_of(note)?;
        let now = self.now();
        self.write(|tx, me| {
            let me = me.ok_or_else(|| {
                FieldError::new("reviewedBy", "sign in with your own account to review")
            })?;
            if !crate::user::is_active_official(tx, me)? {
                return Err(Error::NotPermitted {
                    needed: Role::PrivacyOfficial,
                });
            }
            let marking: Option<Option<String>> = tx
                .query_row(
                    "SELECT minimum_necessary FROM disclosures WHERE id = ?1",
                    [disclosure_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(marking) = marking else {
                return Err(Error::NotFound {
                    entity: "disclosure",
                });
            };
            if parse_marking(marking)? != Some(MinimumNecessary::Reviewed) {
                return Err(FieldError::new(
                    "disclosure",
                    "is not marked for the Privacy Official's review",
                )
                .into());
            }
            let corrected: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM disclosures WHERE corrects_id = ?1)",
                [disclosure_id],
                |r| r.get(0),
            )?;
            if corrected {
                return Err(
                    FieldError::new("disclosure", "was corrected: review the correction").into(),
                );
            }
            if review_of(tx, disclosure_id)?.is_some() {
                return Err(FieldError::new("disclosure", "is already reviewed").into());
            }
            insert(tx, disclosure_id, note, me, now)
        })
    }
}
