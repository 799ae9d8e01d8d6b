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

#[test]
fn the_audit_trail_document_lists_every_row_and_the_chain_state() {
    use desk_core::letter::{audit_trail, AuditLine, LetterKind};
    let org = desk_core::organization::Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources".into(),
        address: vec!["1 Main St".into()],
        phone: "555-0100".into(),
        fax: String::new(),
        privacy_official: desk_core::organization::Official {
            name: "Pat Official".into(),
            title: "Privacy Official".into(),
        },
        business_associates: Vec::new(),
    };
    let at = d("2026-11-22").and_hms_opt(9, 30, 0).expect("time");
    let lines: Vec<AuditLine> = (1..=3)
        .rev()
        .map(|seq| AuditLine {
            seq,
            at,
            user: "pat".into(),
            action: "participant.view".into(),
            record: format!("participant {seq}"),
        })
        .collect();
    let intact = audit_trail(&org, "every row", &lines, None, d("2026-11-22"));
    assert_eq!(intact.kind, LetterKind::AuditTrail);
    let text = intact.plain_text();
    for seq in 1..=3 {
        assert!(
            text.contains(&format!(
                "{seq} | 2026-11-22 09:30:00 | pat | participant.view | participant {seq}"
            )),
            "row {seq} is printed: {text}"
        );
    }
    assert!(text.contains("(3 rows, newest first)"), "{text}");
    assert!(text.contains("every row is as written"), "{text}");
    let broken = audit_trail(&org, "every row", &lines, Some(2), d("2026-11-22")).plain_text();
    assert!(broken.contains("does not hold from row 2"), "{broken}");
}
