//! Review of a reviewable access denial (45 CFR 164.524(a)(4)): the individual's request for
//! review, referred to a licensed health care professional who took no part in the decision,
//! and the reviewer's decision. The rules (reviewable grounds, licence, not a decider) are
//! desk-core's lifecycle; the rows are never changed.

use chrono::{DateTime, NaiveDate, Utc};
use desk_core::decision::{AccessDecision, ReviewOutcome};
use desk_core::lifecycle::{Reviewer, Step};
use rusqlite::{Connection, OptionalExtension};

use crate::decision::{DecisionOutcome, DecisionState};
use crate::error::{FieldError, Result};
use crate::sql::{date, json, parse_date, parse_ts, ts};
use crate::{audit, request, Store};

/// Schema 7: requests for review and the reviewers' decisions.
pub(crate) const SCHEMA_V7: &[&str] = &[
    "CREATE TABLE denial_reviews (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        asked_on TEXT NOT NULL CHECK (date(asked_on) = asked_on),
        reviewer TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
        licence TEXT NOT NULL CHECK (length(trim(licence)) > 0),
        referred_at TEXT NOT NULL,
        referred_by INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("denial_reviews"),
    "CREATE TABLE denial_review_outcomes (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL UNIQUE REFERENCES denial_reviews(id),
        outcome TEXT NOT NULL, -- JSON desk_core::decision::ReviewOutcome
        decided_on TEXT NOT NULL CHECK (date(decided_on) = decided_on),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("denial_review_outcomes"),
];

/// A request for review, with the reviewer's decision once recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenialReviewRecord {
    pub id: i64,
    pub request_id: i64,
    /// The day the individual asked for the review.
    pub asked_on: NaiveDate,
    pub reviewer: String,
    pub licence: String,
    pub referred_at: DateTime<Utc>,
    /// The reviewer's decision and its day, once recorded.
    pub outcome: Option<(ReviewOutcome, NaiveDate)>,
    pub decided_at: Option<DateTime<Utc>>,
}

type Raw = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub(crate) fn latest(conn: &Connection, request_id: i64) -> Result<Option<DenialReviewRecord>> {
    let raw: Option<Raw> = conn
        .query_row(
            "SELECT v.id, v.request_id, v.asked_on, v.reviewer, v.licence, v.referred_at,
                    o.outcome, o.decided_on, o.recorded_at
             FROM denial_reviews v LEFT JOIN denial_review_outcomes o ON o.review_id = v.id
             WHERE v.request_id = ?1 ORDER BY v.id DESC LIMIT 1",
            [request_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some((id, rid, asked, reviewer, licence, referred, outcome, decided, recorded)) = raw
    else {
        return Ok(None);
    };
    let outcome = match (outcome, decided) {
        (Some(o), Some(d)) => Some((
            serde_json::from_str(&o).map_err(|_| FieldError::new("outcome", "is not readable"))?,
            parse_date(&d)?,
        )),
        _ => None,
    };
    Ok(Some(DenialReviewRecord {
        id,
        request_id: rid,
        asked_on: parse_date(&asked)?,
        reviewer,
        licence,
        referred_at: parse_ts(&referred)?,
        outcome,
        decided_at: recorded.as_deref().map(parse_ts).transpose()?,
    }))
}

/// A name as compared for "took part in the decision": trimmed, case ignored.
fn person(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Store {
    /// The individual asked on `asked_on` for review of the access denial in force: referred
    /// to `reviewer`, a licensed health care professional (`licence`, required) who took no
    /// part in the denial. desk-core refuses a denial none of whose grounds is reviewable
    /// (field `decision`), one already reviewed, and a reviewer who drafted or approved it or is
    /// not licensed (field `reviewer`). One write with its audit row.
    pub fn request_denial_review(
        &mut self,
        request_id: i64,
        asked_on: NaiveDate,
        reviewer: &str,
        licence: &str,
    ) -> Result<i64> {
        let today = self.today();
        let now = self.now();
        let decision = self
            .decisions_of(request_id)?
            .into_iter()
            .rev()
            .find(|d| d.superseded_by.is_none())
            .ok_or_else(|| FieldError::new("decision", "no decision is in force"))?;
        let denial = match (&decision.outcome, decision.state) {
            (DecisionOutcome::Access(AccessDecision::Denial(d)), DecisionState::Approved) => d,
            _ => {
                return Err(
                    FieldError::new("decision", "only an access denial can be reviewed").into(),
                )
            }
        };
        let mut deciders = vec![person(&decision.drafted_by_name)];
        if let Some(a) = &decision.approval {
            deciders.push(person(&a.approved_by_name));
        }
        if reviewer.trim().is_empty() {
            return Err(FieldError::new("reviewer", "is required").into());
        }
        let step = Step::RequestReview {
            reviewable: denial.is_reviewable(),
            reviewer: Reviewer {
                id: person(reviewer),
                licensed: !licence.trim().is_empty(),
            },
            deciders,
        };
        self.write(|tx, me| {
            let r = request::get(tx, request_id)?;
            if asked_on > today {
                return Err(FieldError::new("asked_on", "is in the future").into());
            }
            if asked_on < r.received_on {
                return Err(
                    FieldError::new("asked_on", "is before the request was received").into(),
                );
            }
            request::apply(tx, request_id, &step, now)?;
            tx.execute(
                "INSERT INTO denial_reviews
                   (request_id, asked_on, reviewer, licence, referred_at, referred_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    request_id,
                    date(asked_on),
                    reviewer.trim(),
                    licence.trim(),
                    ts(now),
                    me
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "request.request_review",
                "request",
                Some(request_id),
            )?;
            Ok(id)
        })
    }

    /// The reviewer decided on `decided_on`: the denial upheld, or reversed with the access to
    /// give. The request moves to Decided (its review letter next). One write with its audit
    /// row.
    pub fn complete_denial_review(
        &mut self,
        request_id: i64,
        outcome: &ReviewOutcome,
        decided_on: NaiveDate,
    ) -> Result<()> {
        let today = self.today();
        let now = self.now();
        let upheld = matches!(outcome, ReviewOutcome::Upheld { .. });
        if let ReviewOutcome::Upheld { explanation } = outcome {
            if explanation.trim().is_empty() {
                return Err(FieldError::new("explanation", "is required").into());
            }
        }
        self.write(|tx, me| {
            let review = latest(tx, request_id)?
                .filter(|v| v.outcome.is_none())
                .ok_or_else(|| {
                    FieldError::new("status", "no review is waiting for its decision")
                })?;
            if decided_on > today {
                return Err(FieldError::new("decided_on", "is in the future").into());
            }
            if decided_on < review.asked_on {
                return Err(
                    FieldError::new("decided_on", "is before the review was asked for").into(),
                );
            }
            request::apply(tx, request_id, &Step::CompleteReview { upheld }, now)?;
            tx.execute(
                "INSERT INTO denial_review_outcomes
                   (review_id, outcome, decided_on, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![review.id, json(outcome)?, date(decided_on), ts(now), me],
            )?;
            audit::append(
                tx,
                now,
                me,
                "request.complete_review",
                "request",
                Some(request_id),
            )?;
            Ok(())
        })
    }

    /// The request's latest request for review, with its decision once recorded.
    pub fn denial_review_of(&self, request_id: i64) -> Result<Option<DenialReviewRecord>> {
        latest(&self.conn, request_id)
    }
}
