//! Dates in words, as letters and rules write them ("March 10, 2025"): plain formatting that
//! the letters and the rules (an authorization's expiry in words) both use.

use chrono::{Datelike, NaiveDate};

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written out, "March 10, 2025" (ordinary spaces).
pub fn long_date(d: NaiveDate) -> String {
    format!("{} {}, {}", MONTHS[d.month0() as usize], d.day(), d.year())
}
