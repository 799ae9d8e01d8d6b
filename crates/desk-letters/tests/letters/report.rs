//! The Privacy Official's report: one page, every month and kind, the measures in words.

use super::support::*;
use desk_core::letter;
use desk_core::report::{self, RequestFacts};
use desk_core::request::RequestKind;

#[test]
fn the_privacy_report_fits_one_page_and_carries_every_measure() {
    let mut rows = Vec::new();
    let kinds = desk_core::report::KINDS;
    for i in 0..60u32 {
        let received = d("2025-01-05") + chrono::Duration::days(i64::from(i) * 6);
        rows.push(RequestFacts {
            kind: kinds[(i as usize) % kinds.len()],
            received_on: received,
            due_on: Some(received + chrono::Duration::days(30)),
            answered_on: (i % 4 != 0).then(|| received + chrono::Duration::days(i64::from(i % 45))),
            closed: false,
        });
    }
    rows.push(RequestFacts {
        kind: RequestKind::Complaint,
        received_on: d("2025-12-01"),
        due_on: None,
        answered_on: None,
        closed: false,
    });
    let today = d("2025-12-31");
    let model = letter::privacy_report(&org(), &report::report(&rows, today, 12), today);
    let pdf = render(&model);
    assert_well_formed(&pdf, "privacy report");
    assert_inside_margins(&pdf, "privacy report");
    assert_eq!(
        pdf.pages(),
        1,
        "the report is one page, twelve months included"
    );
    let text = squash(&pdf.text());
    assert_says(
        &text,
        "privacy report",
        &[
            "Privacy Requests Report",
            "January 2025",
            "December 2025",
            "Conf. comm.",
            "On time:",
            "Median time to answer:",
            "Answers sent in the months above",
            "Open now (whenever received):",
        ],
    );
    pdf.save_png("privacy-report");
}

#[test]
fn the_letters_ending_a_restriction_are_well_formed() {
    use desk_core::restriction::EndedBy;
    let wording = "Claims for physical therapy; not to be disclosed to Jordan Ashgrove.";
    let to_individual = letter::restriction_ended(
        &org(),
        &jane(),
        d("2026-03-01"),
        wording,
        d("2026-01-10"),
        d("2026-03-01"),
        EndedBy::Plan,
    );
    let pdf = render(&to_individual);
    assert_well_formed(&pdf, "restriction ended");
    assert_inside_margins(&pdf, "restriction ended");
    assert_says(
        &squash(&pdf.text()),
        "restriction ended",
        &[
            "Personal & Confidential",
            "stays covered",
            "Jordan Ashgrove",
        ],
    );
    pdf.save_png("restriction-ended");
    let notice = letter::restriction_ended_notice(
        &org(),
        &long_recipient(),
        d("2026-03-01"),
        "Jane Q. Participant",
        wording,
        d("2026-03-01"),
        EndedBy::Individual,
    );
    let pdf = render(&notice);
    assert_well_formed(&pdf, "restriction ended notice");
    assert_inside_margins(&pdf, "restriction ended notice");
    pdf.save_png("restriction-ended-notice");
}
