//! The audit trail as a document for the Privacy Official's file: one table row per audit row
//! (when, who, what, which record by id), with what was selected and whether the chain held.
//! Rows name records by id only: no names, dates of birth or other health information.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;

/// One audit row as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub seq: i64,
    /// Local time.
    pub at: NaiveDateTime,
    /// The account's user name, or "recovery code" / "—".
    pub user: String,
    /// The code word (`letter.print`).
    pub action: String,
    /// `request 12`, `database`.
    pub record: String,
}

/// The audit trail document. `scope` says what was selected ("all rows", "participant 7");
/// `broken_at` is the first row whose hash does not hold, if any.
pub fn audit_trail(
    org: &Organization,
    scope: &str,
    lines: &[AuditLine],
    broken_at: Option<i64>,
    dated: NaiveDate,
) -> Letter {
    let columns = vec![
        Column {
            title: "Row".to_string(),
            width: 0.09,
        },
        Column {
            title: "When".to_string(),
            width: 0.22,
        },
        Column {
            title: "User".to_string(),
            width: 0.17,
        },
        Column {
            title: "Action".to_string(),
            width: 0.30,
        },
        Column {
            title: "Record".to_string(),
            width: 0.22,
        },
    ];
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                l.seq.to_string(),
                l.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                l.user.clone(),
                l.action.clone(),
                l.record.clone(),
            ]
        })
        .collect();
    let chain = match broken_at {
        None => "The hash chain of the whole audit log was verified: every row is as written."
            .to_string(),
        Some(seq) => format!(
            "The hash chain does not hold from row {seq}: that row was changed or removed, or \
             its link to the row before it is broken."
        ),
    };
    let blocks = vec![
        para(format!(
            "Audit trail of the {}: {} ({} {}, newest first), as of {}.",
            keep(&org.plan_name),
            scope,
            lines.len(),
            if lines.len() == 1 { "row" } else { "rows" },
            date(dated)
        )),
        para(chain),
        Block::Table(Table { columns, rows }),
        para("Records are named by their id in Records Desk; no names or other health information appear in this trail."),
    ];
    Letter {
        kind: LetterKind::AuditTrail,
        title: LetterKind::AuditTrail.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: None,
        reference: None,
        blocks,
    }
}
