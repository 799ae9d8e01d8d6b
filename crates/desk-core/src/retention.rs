//! Retention (45 CFR 164.530(j)): requests, verifications, authorizations, letters sent and the
//! Privacy Official's logs are kept at least six years from their creation or their last
//! effective date, whichever is later, and may not be deleted before.

use chrono::{Datelike, NaiveDate};

/// Years a record is kept.
pub const RETENTION_YEARS: i32 = 6;

/// The last day a record must still be kept: six years after the later of its creation and its
/// last effective date (a 29 February start ends on 1 March, never short of six years).
pub fn kept_until(created_on: NaiveDate, last_effective_on: Option<NaiveDate>) -> NaiveDate {
    let start = last_effective_on.map_or(created_on, |d| d.max(created_on));
    let year = start.year() + RETENTION_YEARS;
    NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a record may be deleted on `today`: only once its retention has run out.
pub fn past_retention(
    created_on: NaiveDate,
    last_effective_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    today > kept_until(created_on, last_effective_on)
}
