//! An accounting request's own records: the period the individual asked about (either end
//! open; a change is a new row correcting the last) and where the request stands between the
//! fee notice, a withdrawal and the accounting letter (desk-core's `check_step` decides what is
//! open). Each write is one transaction with its audit row.

use chrono::NaiveDate;
use desk_core::accounting::{
    self, AccountingProgress, AccountingStep, Period, SpecialServiceCharge,
};
use desk_core::letter::LetterKind;
use desk_core::request::{RequestKind, RequestStatus};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, FieldError, Result};
use crate::sql::{date, enum_str, parse_date, parse_opt_date, ts};
use crate::{audit, case_log, request, Store};

/// Schema 5: the period an accounting request asks about, and the participant's index on the
/// disclosures made covering: an accounting reads one participant's logbook from the index
/// leaves alone, a page or two, instead of one table page for each disclosure (disclosures are
/// logged over time, so one participant's rows lie far apart; every page read from the file is
/// a page decrypted).
pub(crate) const SCHEMA_V5: &[&str] = &[
    "DROP INDEX disclosures_by_participant;",
    "CREATE INDEX disclosures_by_participant ON disclosures (participant_id, disclosed_on, id,
        recipient, recipient_address, description, purpose, basis);",
    "CREATE TABLE accounting_periods (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES requests(id),
        period_from TEXT,
        period_to   TEXT,
        corrects_id INTEGER UNIQUE REFERENCES accounting_periods(id),
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id),
        CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
    );",
    "CREATE INDEX accounting_periods_by_request ON accounting_periods (request_id);",
    never_changed!("accounting_periods"),
];

/// Schema 8: the special service charge told with each fee notice (0 cents: none), kept with
/// the notice's letter; the latest notice's charge is the one the accounting bears.
pub(crate) const SCHEMA_V8: &[&str] = &[
    "CREATE TABLE accounting_charges (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES requests(id),
        letter_id   INTEGER NOT NULL UNIQUE REFERENCES letters(id),
        cents       INTEGER NOT NULL CHECK (cents >= 0),
        reason      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  INTEGER REFERENCES users(id)
    ) STRICT;",
    "CREATE INDEX accounting_charges_by_request ON accounting_charges (request_id);",
    never_changed!("accounting_charges"),
];

/// The period row in force (not corrected), with its id.
fn current_period(conn: &Connection, request_id: i64) -> Result<Option<(i64, Period)>> {
    let row = conn
        .query_row(
            "SELECT p.id, p.period_from, p.period_to FROM accounting_periods p
             WHERE p.request_id = ?1
               AND NOT EXISTS (SELECT 1 FROM accounting_periods c WHERE c.corrects_id = p.id)
             ORDER BY p.id DESC LIMIT 1",
            [request_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id, from, to)| {
        Ok((
            id,
            Period {
                from: parse_opt_date(from)?,
                to: parse_opt_date(to)?,
            },
        ))
    })
    .transpose()
}

fn has_letter(conn: &Connection, request_id: i64, kind: LetterKind) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM letters WHERE request_id = ?1 AND kind = ?2 LIMIT 1",
            rusqlite::params![request_id, enum_str(&kind)?],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The day the last accounting was provided to the participant for another request than
/// `request_id`, on or before `on` (the day this one is provided), if any: the fee's "first in
/// twelve months" looks at it. An accounting is provided when its letter is marked sent (its
/// first delivery); a letter rendered and never sent is no accounting given, and one sent after
/// `on` came later than this one.
pub(crate) fn previous_accounting_on(
    conn: &Connection,
    participant_id: i64,
    request_id: i64,
    on: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let day: Option<String> = conn.query_row(
        "SELECT max(first_on) FROM (
             SELECT min(dl.delivered_on) AS first_on
             FROM letters l
             JOIN requests r ON r.id = l.request_id
             JOIN letter_deliveries dl ON dl.letter_id = l.id
             WHERE r.participant_id = ?1 AND r.id <> ?2 AND l.kind = ?3
             GROUP BY l.id)
         WHERE first_on <= ?4",
        rusqlite::params![
            participant_id,
            request_id,
            enum_str(&LetterKind::Accounting)?,
            date(on),
        ],
        |r| r.get(0),
    )?;
    day.map(|t| parse_date(&t)).transpose()
}

/// Where the request stands on `on`, the day its accounting would be provided.
fn progress(conn: &Connection, request_id: i64, on: NaiveDate) -> Result<AccountingProgress> {
    let r = request::get(conn, request_id)?;
    if r.kind != RequestKind::Accounting {
        return Err(FieldError::new("kind", "is not a request for an accounting").into());
    }
    let previous = previous_accounting_on(conn, r.participant_id, request_id, on)?;
    Ok(AccountingProgress {
        free: accounting::is_free(on, previous),
        fee_notice_prepared: has_letter(conn, request_id, LetterKind::AccountingFeeNotice)?,
        accounting_prepared: has_letter(conn, request_id, LetterKind::Accounting)?,
        withdrawn: r.status == RequestStatus::Withdrawn,
        verified: !matches!(
            r.status,
            RequestStatus::Received | RequestStatus::AwaitingWrittenRequest
        ),
    })
}

/// desk-core's verdict on `step`, as a store error on its field.
pub(crate) fn check(
    conn: &Connection,
    request_id: i64,
    step: AccountingStep,
    on: NaiveDate,
) -> Result<()> {
    let p = progress(conn, request_id, on)?;
    accounting::check_step(p, step).map_err(|e| FieldError::new(e.field(), e.to_string()).into())
}

impl Store {
    /// The day the last accounting was provided (its letter first marked sent) to the
    /// participant for another request than `request_id`, on or before the office's day (the
    /// day this one would be provided), if any: the fee's "first in twelve months" looks at it.
    pub fn previous_accounting_on(
        &self,
        participant_id: i64,
        request_id: i64,
    ) -> Result<Option<NaiveDate>> {
        previous_accounting_on(&self.conn, participant_id, request_id, self.today())
    }

    /// The period an accounting request asks about; both ends open when none was recorded.
    pub fn accounting_period(&self, request_id: i64) -> Result<Period> {
        Ok(current_period(&self.conn, request_id)?
            .map(|(_, p)| p)
            .unwrap_or_default())
    }

    /// Where an accounting request stands on the office's day (refused, field `kind`, for
    /// another kind of request).
    pub fn accounting_progress(&self, request_id: i64) -> Result<AccountingProgress> {
        progress(&self.conn, request_id, self.today())
    }

    /// Record the period asked about (a change corrects the row before). Refused on its field
    /// by desk-core's `check_period`, and once the accounting letter was prepared.
    pub fn set_accounting_period(&mut self, request_id: i64, period: Period) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| {
            check(
                tx,
                request_id,
                AccountingStep::SetPeriod,
                crate::sql::local_date(now),
            )?;
            let received_on = request::get(tx, request_id)?.received_on;
            accounting::check_period(received_on, period)
                .map_err(|e| Error::from(FieldError::new(e.field(), e.to_string())))?;
            let before = current_period(tx, request_id)?;
            if before.map(|(_, p)| p) == Some(period) {
                return Ok(before.map_or(0, |(id, _)| id));
            }
            tx.execute(
                "INSERT INTO accounting_periods (request_id, period_from, period_to, corrects_id,
                     created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    request_id,
                    period.from.map(date),
                    period.to.map(date),
                    before.map(|(id, _)| id),
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                tx,
                now,
                me,
                "accounting.period",
                "request",
                Some(request_id),
            )?;
            Ok(id)
        })
    }

    /// The special service charge of the latest fee notice (`None` when none was told).
    pub fn accounting_charge(&self, request_id: i64) -> Result<Option<SpecialServiceCharge>> {
        Ok(self
            .conn
            .query_row(
                "SELECT cents, reason FROM accounting_charges WHERE request_id = ?1
                 ORDER BY id DESC LIMIT 1",
                [request_id],
                |r| {
                    Ok(SpecialServiceCharge {
                        cents: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                        reason: r.get(1)?,
                    })
                },
            )
            .optional()?
            .filter(|c| c.cents > 0))
    }

    /// The fee notice and the special service charge it tells (none: 0 cents), in one write.
    /// The charge is checked by desk-core's `fee_with_charge` (a reason; never on a free
    /// accounting, which has no fee notice). Returns the letters' ids.
    pub fn store_fee_notice(
        &mut self,
        request_id: i64,
        charge: Option<&SpecialServiceCharge>,
        letters: &[crate::NewLetter],
    ) -> Result<Vec<i64>> {
        accounting::fee_with_charge(false, 0, charge)
            .map_err(|e| Error::from(FieldError::from_rule(e.field(), e)))?;
        let now = self.now();
        self.write(|tx, me| {
            if letters.iter().any(|l| l.request_id != Some(request_id)) {
                return Err(FieldError::new("request_id", "names another request").into());
            }
            check(
                tx,
                request_id,
                AccountingStep::FeeNotice,
                crate::sql::local_date(now),
            )?;
            let ids = crate::letter::insert_checked(tx, me, letters, now)?;
            let first = *ids
                .first()
                .ok_or_else(|| FieldError::new("letters", "the fee notice is missing"))?;
            let (cents, reason) = charge
                .filter(|c| c.cents > 0)
                .map_or((0, ""), |c| (c.cents, c.reason.trim()));
            tx.execute(
                "INSERT INTO accounting_charges (request_id, letter_id, cents, reason, created_at,
                     created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    request_id,
                    first,
                    i64::try_from(cents).map_err(|_| FieldError::new(
                        "special_charge",
                        "is more than can be counted"
                    ))?,
                    reason,
                    ts(now),
                    me
                ],
            )?;
            audit::append(
                tx,
                now,
                me,
                "accounting.fee_notice",
                "request",
                Some(request_id),
            )?;
            Ok(ids)
        })
    }

    /// The person withdrew an accounting request after its fee notice (the lifecycle's
    /// withdrawal, so a closed request stays closed).
    pub fn withdraw_accounting(&mut self, request_id: i64) -> Result<()> {
        let now = self.now();
        self.write(|tx, me| {
            check(
                tx,
                request_id,
                AccountingStep::Withdraw,
                crate::sql::local_date(now),
            )?;
            case_log::end(
                tx,
                request_id,
                case_log::EndStep::Withdraw,
                "Withdrawn in reply to the fee notice",
                now,
                me,
            )?;
            Ok(())
        })
    }
}
