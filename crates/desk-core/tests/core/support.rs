//! Helpers shared by the test modules.

use chrono::NaiveDate;

/// A date from `YYYY-MM-DD`, for tables.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test tables hold real dates")
}
