//! Six years from creation or last effective date, whichever is later.

use chrono::NaiveDate;
use desk_core::retention::{kept_until, past_retention};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn kept_six_years_from_the_later_date() {
    // (created, last effective, kept until)
    let cases = [
        ("2020-03-15", None, "2026-03-15"),
        ("2020-03-15", Some("2022-07-01"), "2028-07-01"),
        // A last effective date before creation does not shorten retention.
        ("2020-03-15", Some("2019-01-01"), "2026-03-15"),
        // 29 February: six whole years end on 1 March.
        ("2024-02-29", None, "2030-03-01"),
    ];
    for (created, effective, until) in cases {
        assert_eq!(
            kept_until(d(created), effective.map(d)),
            d(until),
            "created {created}, effective {effective:?}"
        );
    }
}

#[test]
fn deletable_only_after_the_last_kept_day() {
    let created = d("2020-03-15");
    assert!(
        !past_retention(created, None, d("2026-03-15")),
        "the last kept day is still inside retention"
    );
    assert!(past_retention(created, None, d("2026-03-16")));
    assert!(
        !past_retention(created, Some(d("2021-01-01")), d("2026-03-16")),
        "a later effective date keeps it longer"
    );
}
