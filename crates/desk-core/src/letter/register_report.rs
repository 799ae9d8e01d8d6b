//! The Privacy Official's report on one page: requests by kind and month, the on-time rate,
//! the median days to answer, and the open and overdue counts.

use chrono::NaiveDate;

use super::*;
use crate::report::{Report, KINDS};
use crate::request::RequestKind;

/// A kind's short column title.
fn kind_title(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Access => "Access",
        RequestKind::Amendment => "Amend",
        RequestKind::Accounting => "Accounting",
        RequestKind::Restriction => "Restrict",
        RequestKind::ConfidentialCommunication => "Conf. comm.",
        RequestKind::Complaint => "Complaint",
    }
}

/// "March 2026" from "2026-03".
fn month_title(key: &str) -> String {
    let mut parts = key.split('-');
    let year = parts.next().unwrap_or_default();
    let month: usize = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    format!("{} {year}", MONTHS[(month.clamp(1, 12)) - 1])
}

/// The report as a one-page document, dated `dated`, for the Privacy Official's file.
pub fn privacy_report(org: &Organization, report: &Report, dated: NaiveDate) -> Letter {
    let share = 0.76 / KINDS.len() as f32;
    let mut columns = vec![Column {
        title: "Month".to_string(),
        width: 0.16,
    }];
    columns.extend(KINDS.iter().map(|k| Column {
        title: kind_title(*k).to_string(),
        width: share,
    }));
    columns.push(Column {
        title: "Total".to_string(),
        width: 0.08,
    });
    let mut totals = [0u32; 6];
    let mut rows: Vec<Vec<String>> = report
        .months
        .iter()
        .map(|m| {
            for (t, c) in totals.iter_mut().zip(m.counts) {
                *t += c;
            }
            std::iter::once(month_title(&m.month))
                .chain(m.counts.iter().map(u32::to_string))
                .chain(std::iter::once(m.counts.iter().sum::<u32>().to_string()))
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once("All months".to_string())
            .chain(totals.iter().map(u32::to_string))
            .chain(std::iter::once(totals.iter().sum::<u32>().to_string()))
            .collect(),
    );
    let rate = report.on_time_rate.map_or_else(
        || "no request with a due date has been answered or fallen due yet".to_string(),
        |r| {
            format!(
                "{:.0}% ({} of {} answered by the due date)",
                r * 100.0,
                report.on_time,
                report.due_counted
            )
        },
    );
    let median = report.median_days_to_answer.map_or_else(
        || "no request answered yet".to_string(),
        |m| format!("{m:.1} days from receipt to the letter sent"),
    );
    let blocks = vec![
        para(format!(
            "Requests received by the {}, by kind and month, and how promptly they were answered, as of {}.",
            keep(&org.plan_name),
            date(dated)
        )),
        heading("Requests received"),
        Block::Table(Table { columns, rows }),
        heading("Answers"),
        para("Answers sent in the months above (a request open past its due date counts as late):"),
        Block::Bullets(vec![
            vec![b("On time: "), r(rate)],
            vec![b("Median time to answer: "), r(median)],
            vec![
                b("Open now (whenever received): "),
                r(format!(
                    "{} (of which overdue: {})",
                    report.open, report.overdue
                )),
            ],
        ]),
        para("A request counts as answered on the date its response letter was sent. Requests to be answered promptly (restrictions, confidential communications) and complaints have no due date and count only in the median. No names or other health information appear in this report."),
    ];
    Letter {
        kind: LetterKind::PrivacyReport,
        title: LetterKind::PrivacyReport.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: None,
        reference: None,
        blocks,
    }
}
