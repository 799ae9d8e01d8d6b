//! The roster import: the county's enrollment export (CSV, columns in docs/roster.md) checked
//! whole before anything is written. Every bad row is reported by line and column, never
//! quoting the value (it may be health or personal information); nothing is imported unless
//! every row is good, and then every row is written in one transaction. Each person is checked
//! by desk-store's participant checks against the office's day; across rows, employee ids are
//! unique in the file, and each dependent names an employee. A person already on file (an
//! employee by id, a dependent by names and birth date under their employee) is not added
//! again: a re-import applies the export's changes to them (a termination with its date, a new
//! address), recorded field by field, and reports which columns changed.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::Sensitive;
use desk_store::{Address, NewDependent, NewParticipant, Roster, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_table::{self, Cells, Columns, Record};
use crate::error::{Error, Result};

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

/// The enrollment export as read from its file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RosterForm {
    /// The file's text: a header line naming every column, then one row per person.
    pub csv: String,
}

/// One problem with one row, by line (the header is line 1) and column. Never quotes the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RosterProblem {
    #[ts(type = "number")]
    pub line: u64,
    /// The column as the header names it (`date_of_birth`), or `record` for a row that is not
    /// well-formed CSV.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RosterProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.message)
    }
}

/// What an import did: every row written, or every problem found and nothing written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum RosterImport {
    /// Every row was good and all were written: the people added, and for people already on
    /// file what the export changed (a termination with its date, a new address …).
    Imported {
        #[ts(type = "number")]
        employees: u64,
        #[ts(type = "number")]
        dependents: u64,
        changes: Vec<RosterChange>,
    },
    /// At least one row was bad (each problem in line order); nothing was written.
    Refused { problems: Vec<RosterProblem> },
}

/// A person already on file whom the export changed: by line, with the columns changed (never
/// the values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RosterChange {
    #[ts(type = "number")]
    pub line: u64,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub columns: Vec<String>,
}

/// The export read whole: the people to add, and those on file with their details now.
struct Plan {
    roster: Roster,
    updates: Vec<(u64, i64, NewParticipant)>,
}

/// Check the export without writing anything: every problem, in line order (none when every
/// row is good). A file whose header does not name the columns is refused on `csv`.
pub fn check(store: &Store, form: &RosterForm) -> Result<Vec<RosterProblem>> {
    Ok(read(store, form)?.err().unwrap_or_default())
}

/// Import the export: checked whole first, then every row in one transaction with one
/// `roster.import` audit row. A bad row imports nothing (`Refused`, with every problem); a
/// file whose header does not name the columns is refused on `csv`.
pub fn import(store: &mut Store, form: &RosterForm) -> Result<RosterImport> {
    let plan = match read(store, form)? {
        Ok(plan) => plan,
        Err(problems) => return Ok(RosterImport::Refused { problems }),
    };
    let updates: Vec<(i64, NewParticipant)> = plan
        .updates
        .iter()
        .map(|(_, id, p)| (*id, p.clone()))
        .collect();
    let (counts, changed) = store.import_roster_updating(&plan.roster, &updates)?;
    let changes = changed
        .into_iter()
        .map(|(id, fields)| RosterChange {
            line: plan
                .updates
                .iter()
                .find(|(_, pid, _)| *pid == id)
                .map_or(0, |(line, _, _)| *line),
            participant_id: id,
            columns: fields
                .iter()
                // The store's field names are the export's column names.
                .map(|f| f.field.to_owned())
                .collect(),
        })
        .collect();
    Ok(RosterImport::Imported {
        employees: counts.employees as u64,
        dependents: counts.dependents as u64,
        changes,
    })
}

/// The roster as the county's enrollment export writes it: the header naming every column,
/// then each employee and each dependent (the inverse of the import's reading). The demo writes
/// its synthetic roster with it, to import it as an office would.
pub fn csv_of(roster: &Roster) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let bad = |_| Error::internal("writing the roster");
    w.write_record(COLUMNS).map_err(bad)?;
    let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let row =
        |kind: &str, p: &NewParticipant, dependent_of: &str, relationship: &str| -> Vec<String> {
            let (status, since) = match &p.employment {
                None => ("", String::new()),
                Some(EmploymentStatus::Active) => ("active", String::new()),
                Some(EmploymentStatus::Terminated { on }) => ("terminated", date(*on)),
                Some(EmploymentStatus::Retiree { since }) => {
                    ("retiree", since.map(date).unwrap_or_default())
                }
            };
            vec![
                kind.to_owned(),
                p.employee_id.clone().unwrap_or_default(),
                dependent_of.to_owned(),
                relationship.to_owned(),
                p.last_name.clone(),
                p.first_name.clone(),
                date(p.date_of_birth),
                p.address.line1.clone(),
                p.address.line2.clone(),
                p.address.city.clone(),
                p.address.state.clone(),
                p.address.zip.clone(),
                p.phone.clone(),
                status.to_owned(),
                since,
                p.ssn_last4
                    .as_ref()
                    .map(|s| s.expose().clone())
                    .unwrap_or_default(),
            ]
        };
    for e in &roster.employees {
        w.write_record(row("employee", e, "", "")).map_err(bad)?;
    }
    for d in &roster.dependents {
        let relationship = match d.relationship {
            Relationship::Spouse => "spouse",
            Relationship::Child => "child",
            _ => "other",
        };
        let mut person = d.person.clone();
        person.employment = None;
        w.write_record(row("dependent", &person, &d.dependent_of, relationship))
            .map_err(bad)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|_| Error::internal("writing the roster"))?;
    String::from_utf8(bytes).map_err(|_| Error::internal("writing the roster"))
}

/// Parse and check the export as of the office's day. `Ok(Err(problems))` lists every bad row.
fn read(store: &Store, form: &RosterForm) -> Result<std::result::Result<Plan, Vec<RosterProblem>>> {
    let today = crate::today(store);
    let on_file = |ids: &[&str]| -> Result<HashSet<String>> {
        Ok(store
            .existing_employee_ids(ids.iter().copied())?
            .into_iter()
            .map(|s| s.to_uppercase())
            .collect())
    };
    let mut records = csv_table::records(&form.csv).into_iter();
    let headers = match records.next() {
        Some(Record::Cells { cells, .. }) => cells,
        Some(Record::Unreadable { .. }) => {
            return Err(Error::field("csv", "Line 1: no header line."))
        }
        None => csv::StringRecord::new(),
    };
    let columns = Columns::of_header(&headers);
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !columns.has(c))
        .collect();
    let unknown: Vec<&str> = headers.iter().filter(|h| !COLUMNS.contains(h)).collect();
    if !missing.is_empty() || !unknown.is_empty() {
        let list = |names: &[&str]| {
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        return Err(Error::field(
            "csv",
            format!(
                "Line 1: the header must name the columns in docs/roster.md (missing: {}; \
                 unknown: {}).",
                list(&missing),
                list(&unknown)
            ),
        ));
    }

    let mut problems = Vec::new();
    let mut employees: Vec<(u64, NewParticipant)> = Vec::new();
    let mut dependents: Vec<(u64, NewDependent)> = Vec::new();
    // Every employee row's id, good row or not, so one bad field does not cause more reports.
    let mut ids_in_file: Vec<(u64, String)> = Vec::new();
    for record in records {
        let (line, record) = match record {
            Record::Cells { line, cells } if columns.fits(&cells) => (line, cells),
            Record::Cells { line, .. } | Record::Unreadable { line } => {
                problems.push(RosterProblem {
                    line,
                    column: "record".into(),
                    message: "not a well-formed CSV row (wrong number of columns or quoting)"
                        .into(),
                });
                continue;
            }
        };
        let cells = columns.cells(&record);
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
            problems.push(RosterProblem {
                line: *line,
                column: "employee_id".into(),
                message: format!("duplicate employee id (first on line {first})"),
            });
        } else {
            seen.insert(id.clone(), *line);
        }
    }
    // People already on file are not added again: the export's details update them.
    let ids: Vec<&str> = ids_in_file.iter().map(|(_, id)| id.as_str()).collect();
    let on_file_ids = on_file(&ids)?;
    let dep_targets: Vec<&str> = dependents
        .iter()
        .map(|(_, d)| d.dependent_of.as_str())
        .collect();
    let targets_on_file = on_file(&dep_targets)?;
    for (line, d) in &dependents {
        let target = d.dependent_of.to_uppercase();
        if !seen.contains_key(&target) && !targets_on_file.contains(&target) {
            problems.push(RosterProblem {
                line: *line,
                column: "dependent_of".into(),
                message: "names no employee in this file or on file".into(),
            });
        }
    }

    if problems.is_empty() {
        let mut updates = Vec::new();
        let mut new_employees = Vec::new();
        for (line, e) in employees {
            let id = e.employee_id.as_deref().unwrap_or_default().to_uppercase();
            match on_file_ids.contains(&id) {
                true => {
                    let pid = on_file_participant(store, &id)?;
                    updates.push((line, pid, e));
                }
                false => new_employees.push(e),
            }
        }
        let mut new_dependents = Vec::new();
        for (line, d) in dependents {
            let target = d.dependent_of.to_uppercase();
            // A dependent already enrolled under an employee on file (same names, same birth
            // date) is updated; anyone else is added.
            let existing = if targets_on_file.contains(&target) {
                let employee = on_file_participant(store, &target)?;
                store.dependents_of(employee)?.into_iter().find(|x| {
                    x.first_name
                        .trim()
                        .eq_ignore_ascii_case(d.person.first_name.trim())
                        && x.last_name
                            .trim()
                            .eq_ignore_ascii_case(d.person.last_name.trim())
                        && x.date_of_birth == d.person.date_of_birth
                })
            } else {
                None
            };
            match existing {
                Some(x) => updates.push((line, x.id, d.person)),
                None => new_dependents.push(d),
            }
        }
        Ok(Ok(Plan {
            roster: Roster {
                employees: new_employees,
                dependents: new_dependents,
            },
            updates,
        }))
    } else {
        problems.sort_by_key(|p| p.line);
        Ok(Err(problems))
    }
}

/// The participant on file with this employee id.
fn on_file_participant(store: &Store, employee_id: &str) -> Result<i64> {
    store
        .search_participants(&desk_store::ParticipantSearch::EmployeeId(
            employee_id.to_owned(),
        ))?
        .into_iter()
        .find(|p| {
            p.employee_id
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(employee_id))
        })
        .map(|p| p.id)
        .ok_or_else(|| Error::internal("finding a participant on file"))
}

enum Parsed {
    Employee(NewParticipant),
    Dependent(NewDependent),
}

struct RowCheck<'a> {
    line: u64,
    problems: &'a mut Vec<RosterProblem>,
}

impl RowCheck<'_> {
    fn bad(&mut self, field: &'static str, message: impl Into<String>) {
        self.problems.push(RosterProblem {
            line: self.line,
            column: field.to_owned(),
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
        let dup = row.problems[before..].iter().any(|p| p.column == e.field);
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
