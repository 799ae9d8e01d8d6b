//! `records-desk import roster FILE.csv`: participants and dependents from the enrollment export
//! (columns in docs/roster.md). Every row is checked first; any bad row imports nothing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use chrono::NaiveDate;
use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::Sensitive;
use desk_store::{Address, NewDependent, NewParticipant, Roster, Store};

use crate::session::{self, DbArg, PasswordArg, Passwords};

#[derive(clap::Subcommand)]
pub enum ImportCmd {
    /// Import employees, retirees and dependents from the county's enrollment export (CSV,
    /// columns in docs/roster.md). With --password-stdin: one line, your password.
    Roster {
        /// The CSV file.
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this user.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        #[command(flatten)]
        password: PasswordArg,
    },
}

pub fn run(cmd: ImportCmd) -> anyhow::Result<()> {
    match cmd {
        ImportCmd::Roster {
            file,
            db,
            signer,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut store = session::sign_in(&db, &signer, &mut passwords)?;
            let today = chrono::Local::now().date_naive();
            let roster = match read_roster(&file, today, &store)? {
                Ok(roster) => roster,
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    bail!(
                        "{}: {} problem(s); nothing was imported",
                        file.display(),
                        problems.len()
                    );
                }
            };
            let counts = store
                .import_roster(&roster)
                .context("the import failed; nothing was imported")?;
            println!(
                "Imported {} employee(s) and {} dependent(s).",
                counts.employees, counts.dependents
            );
            store.sign_out().context("could not sign out")?;
            Ok(())
        }
    }
}

/// The columns, in the documented order. All must be present; no others are allowed.
pub const COLUMNS: [&str; 16] = [
    "record_type",
    "employee_id",
    "dependent_of",
    "relationship",
    "last_name",
    "first_name",
    "date_of_birth",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "zip",
    "phone",
    "employment_status",
    "status_date",
    "ssn_last4",
];

/// One problem with one row, by line number and column. Never quotes the value (PHI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.message)
    }
}

/// Parse and check the whole file. `Ok(Err(problems))` lists every bad row.
pub fn read_roster(
    file: &Path,
    today: NaiveDate,
    store: &Store,
) -> anyhow::Result<Result<Roster, Vec<Problem>>> {
    let input =
        std::fs::File::open(file).with_context(|| format!("could not read {}", file.display()))?;
    check_roster(input, &file.display().to_string(), today, &|ids| {
        store
            .existing_employee_ids(ids.iter().copied())
            .context("could not check the employee ids on file")
    })
}

/// Which of these employee ids are already on file.
pub type OnFile<'a> = &'a dyn Fn(&[&str]) -> anyhow::Result<HashSet<String>>;

/// Parse and check a roster read from `input` (`name` for messages); `on_file` answers which
/// employee ids the store already holds.
pub fn check_roster(
    input: impl std::io::Read,
    name: &str,
    today: NaiveDate,
    on_file: OnFile<'_>,
) -> anyhow::Result<Result<Roster, Vec<Problem>>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader
        .headers()
        .with_context(|| format!("{name}: line 1: no header line"))?
        .clone();
    let index: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h, i)).collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.contains_key(c))
        .collect();
    let unknown: Vec<&str> = headers.iter().filter(|h| !COLUMNS.contains(h)).collect();
    if !missing.is_empty() || !unknown.is_empty() {
        bail!(
            "{}: line 1: the header must name the columns in docs/roster.md (missing: {}; unknown: {})",
            name,
            if missing.is_empty() { "none".into() } else { missing.join(", ") },
            if unknown.is_empty() { "none".into() } else { unknown.join(", ") }
        );
    }

    let mut problems = Vec::new();
    let mut employees: Vec<(u64, NewParticipant)> = Vec::new();
    let mut dependents: Vec<(u64, NewDependent)> = Vec::new();
    // Every employee row's id, good row or not, so one bad field does not cause more reports.
    let mut ids_in_file: Vec<(u64, String)> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Problem {
                    line,
                    field: "record",
                    message: "not a well-formed CSV row (wrong number of columns or quoting)"
                        .into(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cells = Cells {
            record: &record,
            index: &index,
        };
        let get = |c: &str| cells.get(c);
        if get("record_type").eq_ignore_ascii_case("employee") && !get("employee_id").is_empty() {
            ids_in_file.push((line, get("employee_id").to_uppercase()));
        }
        let mut row = RowCheck {
            line,
            problems: &mut problems,
        };
        match parse_row(&cells, today, &mut row) {
            Some(Parsed::Employee(p)) => employees.push((line, p)),
            Some(Parsed::Dependent(d)) => dependents.push((line, d)),
            None => {}
        }
    }

    // Across rows: unique employee ids, not already on file; dependents point at an employee.
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, id) in &ids_in_file {
        if let Some(first) = seen.get(id) {
            problems.push(Problem {
                line: *line,
                field: "employee_id",
                message: format!("duplicate employee id (first on line {first})"),
            });
        } else {
            seen.insert(id.clone(), *line);
        }
    }
    let ids: Vec<&str> = ids_in_file.iter().map(|(_, id)| id.as_str()).collect();
    let on_file_ids: HashSet<String> = on_file(&ids)?
        .into_iter()
        .map(|s| s.to_uppercase())
        .collect();
    for (line, id) in &ids_in_file {
        if on_file_ids.contains(id) {
            problems.push(Problem {
                line: *line,
                field: "employee_id",
                message: "this employee id is already on file".into(),
            });
        }
    }
    let dep_targets: Vec<&str> = dependents
        .iter()
        .map(|(_, d)| d.dependent_of.as_str())
        .collect();
    let targets_on_file: HashSet<String> = on_file(&dep_targets)?
        .into_iter()
        .map(|s| s.to_uppercase())
        .collect();
    for (line, d) in &dependents {
        let target = d.dependent_of.to_uppercase();
        if !seen.contains_key(&target) && !targets_on_file.contains(&target) {
            problems.push(Problem {
                line: *line,
                field: "dependent_of",
                message: "names no employee in this file or on file".into(),
            });
        }
    }

    if problems.is_empty() {
        Ok(Ok(Roster {
            employees: employees.into_iter().map(|(_, e)| e).collect(),
            dependents: dependents.into_iter().map(|(_, d)| d).collect(),
        }))
    } else {
        problems.sort_by_key(|p| p.line);
        Ok(Err(problems))
    }
}

/// One CSV row's cells by column name.
struct Cells<'r> {
    record: &'r csv::StringRecord,
    index: &'r HashMap<&'r str, usize>,
}

impl<'r> Cells<'r> {
    fn get(&self, column: &str) -> &'r str {
        self.index
            .get(column)
            .and_then(|i| self.record.get(*i))
            .unwrap_or("")
    }
}

enum Parsed {
    Employee(NewParticipant),
    Dependent(NewDependent),
}

struct RowCheck<'a> {
    line: u64,
    problems: &'a mut Vec<Problem>,
}

impl RowCheck<'_> {
    fn bad(&mut self, field: &'static str, message: impl Into<String>) {
        self.problems.push(Problem {
            line: self.line,
            field,
            message: message.into(),
        });
    }

    fn date(&mut self, field: &'static str, text: &str) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.bad(field, "not a date (use YYYY-MM-DD)");
                None
            }
        }
    }

    fn empty(&mut self, field: &'static str, text: &str, why: &str) {
        if !text.is_empty() {
            self.bad(field, format!("must be empty {why}"));
        }
    }
}

fn parse_row(cells: &Cells<'_>, today: NaiveDate, row: &mut RowCheck<'_>) -> Option<Parsed> {
    let get = |c: &str| cells.get(c);
    let before = row.problems.len();
    let kind = get("record_type").to_lowercase();
    let is_employee = match kind.as_str() {
        "employee" => true,
        "dependent" => false,
        _ => {
            row.bad("record_type", "use employee or dependent");
            return None;
        }
    };
    let dob_text = get("date_of_birth");
    let date_of_birth = if dob_text.is_empty() {
        row.bad("date_of_birth", "is required");
        None
    } else {
        row.date("date_of_birth", dob_text)
    };

    let employment = if is_employee {
        let status_date = get("status_date");
        let status_date = if status_date.is_empty() {
            None
        } else {
            row.date("status_date", status_date)
        };
        match get("employment_status").to_lowercase().as_str() {
            "active" => {
                row.empty("status_date", get("status_date"), "for an active employee");
                Some(EmploymentStatus::Active)
            }
            "terminated" => match status_date {
                Some(on) => Some(EmploymentStatus::Terminated { on }),
                None => {
                    if get("status_date").is_empty() {
                        row.bad("status_date", "is required for a terminated employee");
                    }
                    None
                }
            },
            "retiree" => Some(EmploymentStatus::Retiree { since: status_date }),
            "" => {
                row.bad("employment_status", "is required for an employee");
                None
            }
            _ => {
                row.bad("employment_status", "use active, terminated or retiree");
                None
            }
        }
    } else {
        row.empty(
            "employment_status",
            get("employment_status"),
            "for a dependent",
        );
        row.empty("status_date", get("status_date"), "for a dependent");
        row.empty(
            "employee_id",
            get("employee_id"),
            "for a dependent (put the employee's id in dependent_of)",
        );
        None
    };

    let relationship = if is_employee {
        row.empty("dependent_of", get("dependent_of"), "for an employee");
        row.empty("relationship", get("relationship"), "for an employee");
        None
    } else {
        if get("dependent_of").is_empty() {
            row.bad("dependent_of", "is required for a dependent");
        }
        match get("relationship").to_lowercase().as_str() {
            "spouse" => Some(Relationship::Spouse),
            "child" => Some(Relationship::Child),
            "other" => Some(Relationship::Other),
            "" => {
                row.bad("relationship", "is required for a dependent");
                None
            }
            _ => {
                row.bad("relationship", "use spouse, child or other");
                None
            }
        }
    };
    if is_employee && get("employee_id").is_empty() {
        row.bad("employee_id", "is required for an employee");
    }

    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let person = NewParticipant {
        employee_id: if is_employee {
            opt(get("employee_id"))
        } else {
            None
        },
        last_name: get("last_name").to_owned(),
        first_name: get("first_name").to_owned(),
        date_of_birth: date_of_birth.unwrap_or(today),
        address: Address {
            line1: get("address_line1").to_owned(),
            line2: get("address_line2").to_owned(),
            city: get("city").to_owned(),
            state: get("state").to_owned(),
            zip: get("zip").to_owned(),
        },
        phone: get("phone").to_owned(),
        employment: employment.or(if is_employee {
            Some(EmploymentStatus::Active)
        } else {
            None
        }),
        ssn_last4: opt(get("ssn_last4")).map(Sensitive::new),
        ssn: None,
    };
    for e in person.validate(today) {
        // Already reported more precisely above.
        let dup = row.problems[before..].iter().any(|p| p.field == e.field);
        if !dup {
            row.bad(e.field, e.problem);
        }
    }
    if row.problems.len() > before {
        return None;
    }
    if is_employee {
        Some(Parsed::Employee(person))
    } else {
        Some(Parsed::Dependent(NewDependent {
            person,
            dependent_of: get("dependent_of").to_owned(),
            relationship: relationship?,
        }))
    }
}
