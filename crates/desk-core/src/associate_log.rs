//! A business associate's log of its disclosures of one individual's health information, as the
//! plan asks for it for an accounting (164.528(b)(1)) and reads it into the logbook: one row per
//! disclosure, in the columns [`COLUMNS`]. Each cell is checked here, and each problem names its
//! column without quoting the value (it may be health information).

use chrono::NaiveDate;

use crate::disclosure::Basis;

/// One column of the log: its name (as a header row names it) and what it holds, in the words
/// the letter to the associate, the import screen and the documentation use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogColumn {
    pub name: &'static str,
    pub holds: &'static str,
    pub required: bool,
}

/// The columns, in the order a file without a header row gives them.
pub const COLUMNS: [LogColumn; 6] = [
    LogColumn {
        name: "date",
        holds: "the day of the disclosure, as YYYY-MM-DD",
        required: true,
    },
    LogColumn {
        name: "recipient",
        holds: "the name of the person or organization that received the information",
        required: true,
    },
    LogColumn {
        name: "recipient_address",
        holds: "the recipient's address, if known (may be left blank)",
        required: false,
    },
    LogColumn {
        name: "description",
        holds: "a brief description of the information disclosed",
        required: true,
    },
    LogColumn {
        name: "purpose",
        holds: "a brief statement of the purpose of the disclosure",
        required: true,
    },
    LogColumn {
        name: "basis",
        holds: "the legal basis: required_by_law, judicial, law_enforcement, public_health, health_oversight, abuse_neglect, decedent, organ_donation, research, serious_threat, workers_compensation or impermissible (or treatment, payment, operations and the other bases an accounting leaves out)",
        required: true,
    },
];

/// Is `cell` the name of one of the columns (ignoring case and surrounding space)? A first row
/// that names any column is read as the header.
pub fn is_column_name(cell: &str) -> bool {
    let cell = cell.trim();
    COLUMNS.iter().any(|c| c.name.eq_ignore_ascii_case(cell))
}

/// One disclosure as the log gives it, every cell checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    pub on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    pub basis: Basis,
}

/// A cell that cannot stand: its column, and what is wrong in words that never quote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub column: &'static str,
    pub message: String,
}

/// The most a text cell holds.
pub const MAX_CELL_CHARS: usize = 2_000;

/// A basis as a log writes it: the code (`public_health`), or the same words with spaces or
/// hyphens, in any case ("Public health").
pub fn basis_of(cell: &str) -> Option<Basis> {
    let code: String = cell
        .trim()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("_");
    Basis::ALL.into_iter().find(|b| b.as_str() == code)
}

/// Check one row's cells (`cell(name)` gives the cell of a column, "" when absent) as of
/// `today`: the row, or every problem in column order.
pub fn read_row<'a>(
    cell: impl Fn(&str) -> &'a str,
    today: NaiveDate,
) -> Result<LogRow, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let mut bad = |column: &'static str, message: &str| {
        problems.push(CellProblem {
            column,
            message: message.to_owned(),
        })
    };
    let text = |column: &'static str, bad: &mut dyn FnMut(&'static str, &str)| -> String {
        let value = cell(column).trim();
        let required = COLUMNS.iter().any(|c| c.name == column && c.required);
        if required && value.is_empty() {
            bad(column, "is empty (it is required)");
        } else if value.chars().count() > MAX_CELL_CHARS {
            bad(column, "is longer than 2,000 characters");
        }
        value.to_owned()
    };
    let date_cell = cell("date").trim();
    let on = if date_cell.is_empty() {
        bad("date", "is empty (it is required; use YYYY-MM-DD)");
        None
    } else {
        match NaiveDate::parse_from_str(date_cell, "%Y-%m-%d") {
            Ok(d) if d > today => {
                bad("date", "is after today");
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                bad("date", "not a date (use YYYY-MM-DD)");
                None
            }
        }
    };
    let recipient = text("recipient", &mut bad);
    let recipient_address = text("recipient_address", &mut bad);
    let description = text("description", &mut bad);
    let purpose = text("purpose", &mut bad);
    let basis_cell = cell("basis").trim();
    let basis = if basis_cell.is_empty() {
        bad("basis", "is empty (it is required)");
        None
    } else {
        match basis_of(basis_cell) {
            Some(Basis::Authorization) => {
                bad(
                    "basis",
                    "a disclosure under an authorization is checked against the authorization on file: record it through the logbook form",
                );
                None
            }
            Some(b) => Some(b),
            None => {
                bad(
                    "basis",
                    "not a basis Records Desk knows (use one of the codes listed for the column)",
                );
                None
            }
        }
    };
    match (on, basis) {
        (Some(on), Some(basis)) if problems.is_empty() => Ok(LogRow {
            on,
            recipient,
            recipient_address,
            description,
            purpose,
            basis,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn row(cells: [&'static str; 6]) -> Result<LogRow, Vec<CellProblem>> {
        read_row(
            |name| {
                COLUMNS
                    .iter()
                    .position(|c| c.name == name)
                    .map_or("", |i| cells[i])
            },
            d("2026-03-01"),
        )
    }

    #[test]
    fn a_good_row_reads_with_its_basis_in_words_or_as_a_code() {
        let good = row([
            "2026-01-15",
            " County Health Department ",
            "",
            "Immunization claims",
            "Case report",
            "Public health",
        ])
        .expect("good");
        assert_eq!(good.on, d("2026-01-15"));
        assert_eq!(good.recipient, "County Health Department");
        assert_eq!(good.basis, Basis::PublicHealth);
        assert_eq!(basis_of("required-by-law"), Some(Basis::RequiredByLaw));
        assert_eq!(basis_of("LAW_ENFORCEMENT"), Some(Basis::LawEnforcement));
        assert_eq!(basis_of("gossip"), None);
    }

    #[test]
    fn every_bad_cell_is_named_by_its_column() {
        let problems = row(["2026-13-01", "", "", "", " ", "authorization"]).expect_err("bad");
        let named: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.column, p.message.as_str()))
            .collect();
        assert_eq!(named[0], ("date", "not a date (use YYYY-MM-DD)"));
        let columns: Vec<&str> = problems.iter().map(|p| p.column).collect();
        assert_eq!(
            columns,
            ["date", "recipient", "description", "purpose", "basis"]
        );
        let later = row(["2026-03-02", "A", "", "B", "C", "judicial"]).expect_err("future");
        assert_eq!(later[0].column, "date");
        assert_eq!(later[0].message, "is after today");
        let unknown = row(["2026-03-01", "A", "", "B", "C", "friendly"]).expect_err("basis");
        assert_eq!(unknown[0].column, "basis");
    }

    #[test]
    fn a_header_row_is_told_by_its_column_names() {
        assert!(is_column_name(" Date "));
        assert!(is_column_name("recipient_address"));
        assert!(!is_column_name("2026-01-15"));
    }
}
