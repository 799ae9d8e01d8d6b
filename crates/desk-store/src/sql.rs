//! Small SQL helpers shared by the table modules: retention triggers, enum and date columns.

use chrono::{DateTime, Local, NaiveDate, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Triggers that refuse DELETE on a table: records are kept (six-year retention).
macro_rules! never_deleted {
    ($table:literal) => {
        concat!(
            "CREATE TRIGGER ",
            $table,
            "_never_deleted BEFORE DELETE ON ",
            $table,
            " BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;"
        )
    };
}

/// Triggers that refuse UPDATE and DELETE: the row is a fact as recorded; a correction is a new
/// row whose `corrects_id` points at this one.
macro_rules! never_changed {
    ($table:literal) => {
        concat!(
            "CREATE TRIGGER ",
            $table,
            "_never_updated BEFORE UPDATE ON ",
            $table,
            " BEGIN SELECT RAISE(ABORT, 'records are never changed: add a correcting row'); END;",
            "CREATE TRIGGER ",
            $table,
            "_never_deleted BEFORE DELETE ON ",
            $table,
            " BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;"
        )
    };
}

/// A desk-core enum as its serde (snake_case) name, the form stored in the database.
pub(crate) fn enum_str<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::Invalid {
            field: "value",
            problem: "cannot be stored".into(),
        }),
    }
}

/// The reverse of [`enum_str`]; an unknown name means the row is not what this build wrote.
pub(crate) fn enum_from<T: DeserializeOwned>(name: &str) -> Result<T> {
    use serde::de::IntoDeserializer;
    // Straight from the text, without building a JSON value: list queries parse a few per row.
    let text: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(text).map_err(|_| Error::Damaged)
}

/// A value stored as a JSON column.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Error::Invalid {
        field: "value",
        problem: "cannot be stored".into(),
    })
}

/// Timestamps are stored as RFC 3339 UTC with seconds, e.g. `2026-11-22T13:00:00Z`.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_ts(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::Damaged)
}

/// Dates are stored as ISO `YYYY-MM-DD`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    // Dates are stored as `YYYY-MM-DD` only: read the digits directly (list queries parse
    // several per row), and let anything else take chrono's parser, which refuses it.
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                .ok_or(Error::Damaged);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Damaged)
}

pub(crate) fn parse_opt_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.as_deref().map(parse_date).transpose()
}

/// The checks every "corrects" row shares (attachments, letters): the request it names is on
/// file, and the row it replaces belongs to the same request and was not replaced already.
/// `table` is one of this crate's table names; `prior_request_id` is the request of the row
/// `corrects_id` names (looked up by the caller, `Err` when it is not on file).
pub(crate) fn check_correction(
    tx: &rusqlite::Transaction<'_>,
    table: &'static str,
    request_id: Option<i64>,
    corrects_id: Option<i64>,
    prior_request_id: impl FnOnce(i64) -> Result<Option<i64>>,
) -> Result<()> {
    use crate::error::FieldError;
    use rusqlite::OptionalExtension;
    if let Some(rid) = request_id {
        let on_file: Option<i64> = tx
            .query_row("SELECT id FROM requests WHERE id = ?1", [rid], |r| r.get(0))
            .optional()?;
        if on_file.is_none() {
            return Err(FieldError::new("request_id", "is not on file").into());
        }
    }
    if let Some(old) = corrects_id {
        let prior = prior_request_id(old).map_err(|e| match e {
            Error::NotFound { .. } => FieldError::new("corrects_id", "is not on file").into(),
            e => e,
        })?;
        if prior != request_id {
            return Err(FieldError::new("corrects_id", "belongs to another request").into());
        }
        let replaced: Option<i64> = tx
            .query_row(
                &format!("SELECT id FROM {table} WHERE corrects_id = ?1"),
                [old],
                |r| r.get(0),
            )
            .optional()?;
        if replaced.is_some() {
            return Err(FieldError::new("corrects_id", "was already replaced").into());
        }
    }
    Ok(())
}

/// The office's calendar day at `now`, in this machine's time zone: the date a notice bears and
/// the day against which "not in the future" is judged. (In the evening in the US the UTC date
/// is already tomorrow.)
pub(crate) fn local_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}
