//! Retention: what may be removed once desk-core's six years have run out, and the purge that
//! removes it. The triggers refuse every DELETE; a purge (Privacy Official only) lifts them for
//! the tables of the cases it removes, inside its one transaction, and puts them back before it
//! commits. A case is a request with its scans, verifications, decisions and approvals, letters
//! and deliveries, and its requester. A case that the Privacy Official's logs (restrictions,
//! confidential communications, complaints, authorizations, disclosures) point at is kept with
//! them. Participants and the audit log are never purged.

use chrono::NaiveDate;
use desk_core::person::Role;
use desk_core::retention;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, FieldError, Result};
use crate::{audit, Store};

/// One case past retention, as a purge would list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeItem {
    pub request_id: i64,
    pub created_on: NaiveDate,
    /// The latest day any record of the case was made or changed.
    pub last_effective_on: NaiveDate,
    pub kept_until: NaiveDate,
    /// Rows the purge removes, by table.
    pub rows: Vec<(&'static str, i64)>,
}

/// The tables of a case, children first (the order rows are removed in), with the query that
/// selects the case's rows by request id (`?1`).
const CASE_TABLES: [(&str, &str); 15] = [
    (
        "decision_returns",
        "SELECT x.id FROM decision_returns x JOIN decisions d ON d.id = x.decision_id
         WHERE d.request_id = ?1",
    ),
    (
        "amendment_disputes",
        "SELECT id FROM amendment_disputes WHERE request_id = ?1",
    ),
    (
        "denial_review_outcomes",
        "SELECT o.id FROM denial_review_outcomes o JOIN denial_reviews v ON v.id = o.review_id
         WHERE v.request_id = ?1",
    ),
    (
        "denial_reviews",
        "SELECT id FROM denial_reviews WHERE request_id = ?1",
    ),
    (
        "request_endings",
        "SELECT id FROM request_endings WHERE request_id = ?1 ORDER BY id DESC",
    ),
    (
        "case_notes",
        "SELECT id FROM case_notes WHERE request_id = ?1 ORDER BY id DESC",
    ),
    (
        "letter_deliveries",
        "SELECT d.id FROM letter_deliveries d JOIN letters l ON l.id = d.letter_id
         WHERE l.request_id = ?1",
    ),
    (
        "approvals",
        "SELECT a.id FROM approvals a JOIN decisions d ON d.id = a.decision_id
         WHERE d.request_id = ?1",
    ),
    (
        "decisions",
        "SELECT id FROM decisions WHERE request_id = ?1",
    ),
    ("letters", "SELECT id FROM letters WHERE request_id = ?1"),
    (
        "accounting_periods",
        "SELECT id FROM accounting_periods WHERE request_id = ?1",
    ),
    (
        "verifications",
        "SELECT id FROM verifications WHERE request_id = ?1",
    ),
    (
        "attachments",
        "SELECT id FROM attachments WHERE request_id = ?1",
    ),
    ("requests", "SELECT id FROM requests WHERE id = ?1"),
    (
        "requesters",
        "SELECT requester_id FROM requests WHERE id = ?1 AND requester_id IS NOT NULL",
    ),
];

/// The Privacy Official's logs that keep a case: table and the column naming the request.
const KEEPERS: [&str; 5] = [
    "restrictions",
    "confidential_communications",
    "complaints",
    "authorizations",
    "disclosures",
];

/// The office's day of a stored value: a date as written, a timestamp's local day.
fn day(text: &str) -> Result<NaiveDate> {
    day_in(text, &chrono::Local)
}

/// [`day`] in the time zone `tz`: a timestamp (stored in UTC) is dated by the local calendar,
/// so late in a US evening it is still today; a date (`received_on`) is the day as written.
fn day_in<Tz: chrono::TimeZone>(text: &str, tz: &Tz) -> Result<NaiveDate> {
    match crate::sql::parse_ts(text) {
        Ok(t) => Ok(t.with_timezone(tz).date_naive()),
        Err(_) => crate::sql::parse_date(text),
    }
}

/// Created and last effective day of request `id`.
fn case_dates(conn: &Connection, id: i64) -> Result<(NaiveDate, NaiveDate)> {
    let (created, received, updated): (String, String, String) = conn
        .query_row(
            "SELECT created_at, received_on, updated_at FROM requests WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { entity: "request" })?;
    let created_on = day(&created)?.min(day(&received)?);
    let mut last = day(&updated)?.max(day(&created)?);
    let mut stmt = conn.prepare(
        "SELECT drafted_at FROM decisions WHERE request_id = ?1
         UNION ALL SELECT a.approved_at FROM approvals a JOIN decisions d ON d.id = a.decision_id
                   WHERE d.request_id = ?1
         UNION ALL SELECT rendered_at FROM letters WHERE request_id = ?1
         UNION ALL SELECT d.delivered_on FROM letter_deliveries d JOIN letters l
                   ON l.id = d.letter_id WHERE l.request_id = ?1
         UNION ALL SELECT d.created_at FROM letter_deliveries d JOIN letters l
                   ON l.id = d.letter_id WHERE l.request_id = ?1
         UNION ALL SELECT verified_at FROM verifications WHERE request_id = ?1
         UNION ALL SELECT created_at FROM attachments WHERE request_id = ?1
         UNION ALL SELECT created_at FROM accounting_periods WHERE request_id = ?1
         UNION ALL SELECT at FROM request_endings WHERE request_id = ?1
         UNION ALL SELECT at FROM case_notes WHERE request_id = ?1",
    )?;
    let stamps = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    for s in stamps {
        last = last.max(day(&s?)?);
    }
    Ok((created_on, last))
}

fn kept_by_logs(conn: &Connection, id: i64) -> Result<bool> {
    for table in KEEPERS {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE request_id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if n > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

fn case_rows(conn: &Connection, id: i64) -> Result<Vec<(&'static str, Vec<i64>)>> {
    let mut out = Vec::new();
    for (table, sql) in CASE_TABLES {
        let mut stmt = conn.prepare(sql)?;
        let ids = stmt
            .query_map([id], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        out.push((table, ids));
    }
    Ok(out)
}

/// The case of request `id` as a purge would list it, whether or not it is past retention
/// (`None` when the logs keep it).
fn item(conn: &Connection, id: i64) -> Result<Option<PurgeItem>> {
    if kept_by_logs(conn, id)? {
        return Ok(None);
    }
    let (created_on, last_effective_on) = case_dates(conn, id)?;
    let rows = case_rows(conn, id)?
        .into_iter()
        .map(|(t, ids)| (t, ids.len() as i64))
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Some(PurgeItem {
        request_id: id,
        created_on,
        last_effective_on,
        kept_until: retention::kept_until(created_on, Some(last_effective_on)),
        rows,
    }))
}

impl Store {
    /// The cases past retention on `today` that a purge would remove (Privacy Official only).
    /// Removes nothing.
    pub fn purge_plan(&self, today: NaiveDate) -> Result<Vec<PurgeItem>> {
        self.require(Role::PrivacyOfficial)?;
        let mut stmt = self.conn.prepare("SELECT id FROM requests ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(item) = item(&self.conn, id)? {
                if retention::past_retention(item.created_on, Some(item.last_effective_on), today) {
                    out.push(item);
                }
            }
        }
        Ok(out)
    }

    /// Remove the cases of `request_ids` (Privacy Official only), each of which must be past
    /// retention on `today`: a case inside it is refused ([`Error::Retained`], field
    /// `request_id`), as is one the logs keep; then nothing is removed. One transaction, with an
    /// audit row per case. Returns the rows removed.
    pub fn purge(&mut self, today: NaiveDate, request_ids: &[i64]) -> Result<i64> {
        self.require(Role::PrivacyOfficial)?;
        let now = self.now();
        self.write(|tx, me| {
            let mut removed = 0;
            let mut plan = Vec::new();
            for &id in request_ids {
                let Some(item) = item(tx, id)? else {
                    return Err(FieldError::new(
                        "request_id",
                        "is kept with the Privacy Official's logs",
                    )
                    .into());
                };
                if !retention::past_retention(item.created_on, Some(item.last_effective_on), today)
                {
                    return Err(Error::Retained {
                        field: "request_id",
                        kept_until: item.kept_until,
                    });
                }
                plan.push((id, case_rows(tx, id)?));
            }
            tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
            let triggers = lift_triggers(tx)?;
            for (id, tables) in &plan {
                for (table, ids) in tables {
                    for row in ids {
                        removed += tx
                            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [row])?
                            as i64;
                    }
                }
                audit::append(tx, now, me, "retention.purge", "request", Some(*id))?;
            }
            for sql in triggers {
                tx.execute_batch(&sql)?;
            }
            Ok(removed)
        })
    }
}

/// Drop the retention triggers of the case tables; returns their SQL to create them again.
fn lift_triggers(tx: &rusqlite::Transaction<'_>) -> Result<Vec<String>> {
    let mut found = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1
             AND name LIKE ?1 || '_never_%'",
        )?;
        for (table, _) in CASE_TABLES {
            let rows = stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for row in rows {
                found.push(row?);
            }
        }
    }
    let mut sqls: Vec<String> = Vec::new();
    for (name, sql) in found {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
        sqls.push(sql);
    }
    Ok(sqls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    /// Issue 15, point 12: a case's days are the office's local days. At 9:30 in the evening
    /// of 10 March in Florida (UTC-5) it is already 11 March in UTC; the office's day is the 10th.
    #[test]
    fn a_timestamp_counts_on_the_offices_local_day() {
        let florida = FixedOffset::west_opt(5 * 3600).expect("UTC-5");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(
            day_in("2025-03-11T02:30:00Z", &florida).expect("day"),
            d("2025-03-10"),
            "the evening of the 10th, local time"
        );
        assert_eq!(
            day_in("2025-03-11T05:00:00Z", &florida).expect("day"),
            d("2025-03-11"),
            "midnight local starts the 11th"
        );
        assert_eq!(
            day_in("2025-03-10", &florida).expect("day"),
            d("2025-03-10"),
            "a date is the day as written, in any time zone"
        );
        let tokyo = FixedOffset::east_opt(9 * 3600).expect("UTC+9");
        assert_eq!(
            day_in("2025-03-10", &tokyo).expect("day"),
            d("2025-03-10"),
            "a date is the day as written, east of UTC too"
        );
    }
}
