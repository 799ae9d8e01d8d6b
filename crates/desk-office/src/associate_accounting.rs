//! Business associates' disclosures in an accounting (164.528(b)(1)): for an accounting request
//! the plan asks each active associate, by letter, for its disclosures of the individual's
//! information in the period, by the day its agreement gives (the store's clock for the
//! associate); the reply is recorded; what the associate sends goes into the logbook marked
//! with it, one disclosure at a time through the logbook's form or as its log (a CSV file,
//! columns in desk-core's `associate_log::COLUMNS`, documented in docs/associate-log.md),
//! checked whole: every bad row named by its row and column, nothing written unless every row
//! is good. The accounting then lists those disclosures under the associate's name.

use chrono::NaiveDate;
use desk_core::accounting;
use desk_core::associate::{Duty, ReplyStanding};
use desk_core::associate_log::{self, COLUMNS};
use desk_core::decision::Addressee;
use desk_core::letter::{self, AccountingSubject, AssociateAccountingAsk};
use desk_core::request::RequestKind;
use desk_store::{AssociateEntry, NewAssociateLog, NewAssociateRequest, NewDisclosure, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_table::{self, Columns, Record};
use crate::error::{Error, Result};
use crate::letter::{LetterDone, With};

/// A business associate of the register, as the screens offer it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateChoice {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// As an accounting names it: "Blue Cross and Blue Shield of Florida, the Plan's claims
    /// administrator".
    pub described: String,
    /// Its agreement runs today.
    pub active: bool,
}

/// The register as [`AssociateChoice`]s, by name.
pub fn choices(store: &Store) -> Result<Vec<AssociateChoice>> {
    let today = crate::today(store);
    Ok(store
        .associates()?
        .into_iter()
        .map(|e| AssociateChoice {
            id: e.id,
            described: e.associate.described(),
            active: e.associate.active_on(today),
            name: e.associate.name,
        })
        .collect())
}

/// The plan's request to an associate for this accounting, and its reply.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateAsked {
    #[ts(type = "number")]
    pub associate_request_id: i64,
    pub sent_on: NaiveDate,
    /// `sent_on` plus the agreement's days for accounting information.
    pub due_on: NaiveDate,
    #[ts(type = "number | null")]
    pub letter_id: Option<i64>,
    pub replied_on: Option<NaiveDate>,
    pub reply_note: String,
    /// desk-core's standing of the reply on the office's day.
    pub standing: ReplyStanding,
    pub asked_by: String,
}

/// One associate on an accounting request's panel.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateAccountingRow {
    #[ts(type = "number")]
    pub associate_id: i64,
    pub name: String,
    pub described: String,
    /// The agreement's days for accounting information.
    pub accounting_days: u32,
    /// What was asked of it for this request, oldest first.
    pub asked: Vec<AssociateAsked>,
    /// It may be asked now: its agreement runs, no request to it waits for a reply, and the
    /// accounting is still open to it.
    pub can_ask: bool,
    /// Disclosures it made that are in the participant's logbook.
    #[ts(type = "number")]
    pub logged: u64,
}

/// The associates of an accounting request: whom to ask, what was asked and answered.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AssociateAccountingView {
    /// Associates may be asked (desk-core's `check_ask_associates`); otherwise why not.
    pub open: bool,
    pub closed_because: Option<String>,
    /// Every associate whose agreement runs today, and any asked for this request since.
    pub associates: Vec<AssociateAccountingRow>,
    #[ts(type = "number")]
    pub participant_id: i64,
}

fn accounting_request(store: &Store, request_id: i64) -> Result<desk_store::RequestSummary> {
    let r = store.request(request_id)?;
    if r.kind != RequestKind::Accounting {
        return Err(Error::field(
            "kind",
            "This is not a request for an accounting.",
        ));
    }
    Ok(r)
}

/// desk-core's verdict on asking associates now, as the form's error.
fn ask_open(store: &Store, request_id: i64) -> Result<()> {
    let progress = store.accounting_progress(request_id)?;
    accounting::check_ask_associates(progress)
        .map_err(|e| Error::from(desk_store::FieldError::new(e.field(), e.to_string())))
}

/// The associates of accounting request `request_id`, as of the office's day.
pub fn get(store: &Store, request_id: i64) -> Result<AssociateAccountingView> {
    let today = crate::today(store);
    let r = accounting_request(store, request_id)?;
    let closed_because = ask_open(store, request_id).err().map(|e| e.message);
    let asked = store.associate_requests_of(request_id)?;
    let logged = store.disclosures_of(r.participant_id)?;
    let associates = store
        .associates()?
        .into_iter()
        .filter(|e| e.associate.active_on(today) || asked.iter().any(|q| q.associate_id == e.id))
        .map(|e| {
            let mine: Vec<AssociateAsked> = asked
                .iter()
                .filter(|q| q.associate_id == e.id && q.duty == Duty::Accounting)
                .map(|q| AssociateAsked {
                    associate_request_id: q.id,
                    sent_on: q.sent_on,
                    due_on: q.due_on,
                    letter_id: q.letter_id,
                    replied_on: q.replied_on,
                    reply_note: q.reply_note.clone(),
                    standing: q.standing(today),
                    asked_by: q.by.clone(),
                })
                .collect();
            AssociateAccountingRow {
                associate_id: e.id,
                described: e.associate.described(),
                accounting_days: e.associate.duties.accounting_days,
                can_ask: closed_because.is_none()
                    && e.associate.active_on(today)
                    && mine.iter().all(|q| q.replied_on.is_some()),
                logged: logged
                    .iter()
                    .filter(|d| d.associate_id == Some(e.id))
                    .count() as u64,
                asked: mine,
                name: e.associate.name,
            }
        })
        .collect();
    Ok(AssociateAccountingView {
        open: closed_because.is_none(),
        closed_because,
        associates,
        participant_id: r.participant_id,
    })
}

/// Where a letter to an associate goes: its name, then its contact ("Attention: Privacy
/// Office") and address.
fn addressee(e: &AssociateEntry) -> Addressee {
    let contact = e.associate.contact.trim();
    let mut address = Vec::new();
    if !contact.is_empty() {
        address.push(format!("Attention: {contact}"));
    }
    address.extend(e.associate.address.iter().cloned());
    Addressee {
        name: e.associate.name.clone(),
        address,
    }
}

/// Ask associate `associate_id` for its disclosures of the individual's information in the
/// accounting's period, by letter (the letter and the associate's clock — today plus the
/// agreement's accounting days — kept in one write). Refused on `status` before the requester
/// is verified and once the request was withdrawn or answered; on `associateId` when its
/// agreement has ended or a request to it waits for its reply.
pub fn ask(store: &mut Store, request_id: i64, associate_id: i64) -> Result<LetterDone> {
    let dated = crate::today(store);
    let r = accounting_request(store, request_id)?;
    ask_open(store, request_id)?;
    let entry = store.associate(associate_id).map_err(|e| match e {
        desk_store::Error::NotFound { .. } => {
            Error::field("associateId", "Choose an associate of the register.")
        }
        other => other.into(),
    })?;
    if !entry.associate.active_on(dated) {
        return Err(Error::field(
            "associateId",
            "Its agreement has ended: it is not asked.",
        ));
    }
    let p = store.participant(r.participant_id)?;
    let member_id = match (&p.summary.employee_id, &p.summary.dependent_of) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(link)) => store.participant(link.participant_id)?.summary.employee_id,
        (None, None) => None,
    };
    let (period_from, period_to) =
        accounting::window(r.received_on, store.accounting_period(request_id)?);
    let org = store.organization()?;
    let model = letter::associate_accounting_request(
        &org,
        &addressee(&entry),
        dated,
        &AssociateAccountingAsk {
            subject: AccountingSubject {
                name: format!("{} {}", p.summary.first_name, p.summary.last_name),
                date_of_birth: p.summary.date_of_birth,
                member_id,
            },
            received_on: r.clock_from(),
            period_from,
            period_to,
            days: entry.associate.duties.days(Duty::Accounting),
            reply_by: entry.associate.duties.due(Duty::Accounting, dated),
        },
    );
    crate::letter::issue(
        store,
        Some(request_id),
        &model,
        &[],
        With::Forward(&NewAssociateRequest {
            request_id,
            associate_id,
            duty: Duty::Accounting,
            sent_on: dated,
        }),
    )
}

/// The associate's reply as staff record it: the day it came, and a note.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AssociateReplyForm {
    pub received_on: String,
    pub note: String,
}

/// Record the reply to the plan's request `associate_request_id` (once; not before it was
/// sent nor in the future, on `receivedOn`).
pub fn record_reply(
    store: &mut Store,
    associate_request_id: i64,
    form: &AssociateReplyForm,
) -> Result<()> {
    let on = crate::form::date(&form.received_on, "receivedOn")?;
    store.record_associate_reply(associate_request_id, on, &form.note)?;
    Ok(())
}

/// An associate's disclosure log for one participant, as read from its file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AssociateLogForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    #[ts(type = "number")]
    pub associate_id: i64,
    /// The file's text: one row per disclosure, a header row optional.
    pub csv: String,
}

/// One problem with one row of the log, by row (the file's line; a header is row 1) and column.
/// Never quotes the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogProblem {
    #[ts(type = "number")]
    pub row: u64,
    /// The column's name (`date`), `row` for a row that is not well-formed, or `header`.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for LogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}: {}", self.row, self.column, self.message)
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum AssociateLogImport {
    /// Every row was good and all were written, marked with the associate; `replies`: the
    /// plan's open requests to it for this participant's accountings that the log answered
    /// (recorded received today, "N disclosures imported").
    Imported {
        #[ts(type = "number")]
        disclosures: u64,
        #[ts(type = "number")]
        replies: u64,
    },
    /// At least one row was bad (each problem in row order); nothing was written.
    Refused { problems: Vec<LogProblem> },
}

/// One column of the log, for the import screen's description.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogColumnView {
    pub name: String,
    pub holds: String,
    pub required: bool,
}

/// The log's columns in their order, as the import screen documents them.
pub fn columns() -> Vec<LogColumnView> {
    COLUMNS
        .iter()
        .map(|c| LogColumnView {
            name: c.name.to_owned(),
            holds: c.holds.to_owned(),
            required: c.required,
        })
        .collect()
}

/// Read the log as of `today`: its rows, or every problem in row order. A file with no rows is
/// refused on `csv`.
fn read(
    form: &AssociateLogForm,
    today: NaiveDate,
) -> Result<std::result::Result<Vec<associate_log::LogRow>, Vec<LogProblem>>> {
    let mut problems = Vec::new();
    let bad = |row: u64, column: &str, message: String| LogProblem {
        row,
        column: column.to_owned(),
        message,
    };
    let mut records = csv_table::records(&form.csv).into_iter().peekable();
    // A first row that names any column is the header: it names every column it gives, in
    // any order, and every required one.
    let header = match records.peek() {
        Some(Record::Cells { cells, .. }) if cells.iter().any(associate_log::is_column_name) => {
            let Some(Record::Cells { line, cells }) = records.next() else {
                return Err(Error::internal("reading the header row"));
            };
            Some((line, cells))
        }
        _ => None,
    };
    let columns = match &header {
        Some((line, cells)) => {
            let names: Vec<String> = cells.iter().map(|c| c.trim().to_lowercase()).collect();
            for name in &names {
                if !associate_log::is_column_name(name) {
                    problems.push(bad(
                        *line,
                        "header",
                        if name.is_empty() {
                            "a column has no name".to_owned()
                        } else {
                            "names a column that is not one of the log's (see the columns listed)"
                                .to_owned()
                        },
                    ));
                }
            }
            for c in COLUMNS {
                match names.iter().filter(|n| *n == c.name).count() {
                    0 => problems.push(bad(
                        *line,
                        "header",
                        format!("does not name the column {}", c.name),
                    )),
                    1 => {}
                    _ => problems.push(bad(
                        *line,
                        "header",
                        format!("names the column {} twice", c.name),
                    )),
                }
            }
            Columns::of_names(names.iter().map(String::as_str))
        }
        None => Columns::of_names(COLUMNS.iter().map(|c| c.name)),
    };
    // Rows under a header that does not name the columns cannot be read column by column.
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut rows = Vec::new();
    for record in records {
        let (line, cells) = match record {
            Record::Unreadable { line } => {
                problems.push(bad(
                    line,
                    "row",
                    "cannot be read (save the file as CSV, UTF-8)".to_owned(),
                ));
                continue;
            }
            Record::Cells { line, cells } => (line, cells),
        };
        if !columns.fits(&cells) {
            problems.push(bad(
                line,
                "row",
                format!(
                    "has {} column(s); each row has {}",
                    cells.len(),
                    columns.width()
                ),
            ));
            continue;
        }
        let cells = columns.cells(&cells);
        match associate_log::read_row(|c| cells.get(c), today) {
            Ok(row) => rows.push(row),
            Err(found) => {
                for p in found {
                    problems.push(bad(line, p.column, p.message));
                }
            }
        }
    }
    if problems.is_empty() && rows.is_empty() {
        return Err(Error::field(
            "csv",
            "The file holds no disclosures: one row per disclosure, after the header if it has one.",
        ));
    }
    if problems.is_empty() {
        Ok(Ok(rows))
    } else {
        problems.sort_by_key(|p| p.row);
        Ok(Err(problems))
    }
}

/// Check a log without writing anything: every problem, in row order (none when every row is
/// good).
pub fn check(store: &Store, form: &AssociateLogForm) -> Result<Vec<LogProblem>> {
    Ok(read(form, crate::today(store))?.err().unwrap_or_default())
}

/// Import associate `associate_id`'s log of its disclosures of participant `participant_id`'s
/// information into the logbook, each entry marked with the associate, all in one write; a bad
/// row imports nothing (`Refused`, every problem named). When the log answers the plan's open
/// requests to that associate for the participant's accountings, their replies are recorded in
/// the same write (received today, "N disclosures imported"). Refused on `associateId` when the
/// associate is not in the register, or its agreement had ended before a disclosure's day.
pub fn import(store: &mut Store, form: &AssociateLogForm) -> Result<AssociateLogImport> {
    let today = crate::today(store);
    store.participant(form.participant_id)?;
    store.associate(form.associate_id).map_err(|e| match e {
        desk_store::Error::NotFound { .. } => {
            Error::field("associateId", "Choose an associate of the register.")
        }
        other => other.into(),
    })?;
    let rows = match read(form, today)? {
        Ok(rows) => rows,
        Err(problems) => return Ok(AssociateLogImport::Refused { problems }),
    };
    let mut answers = Vec::new();
    for q in store.open_associate_requests()? {
        if q.associate_id == form.associate_id
            && q.duty == Duty::Accounting
            && store.request(q.request_id)?.participant_id == form.participant_id
        {
            answers.push(q.id);
        }
    }
    let n = rows.len();
    let disclosures = rows
        .into_iter()
        .map(|row| NewDisclosure {
            participant_id: form.participant_id,
            disclosed_on: row.on,
            recipient: row.recipient,
            recipient_address: row.recipient_address,
            description: row.description,
            purpose: row.purpose,
            basis: row.basis,
            authorization_id: None,
            written_request: None,
            corrects_id: None,
            minimum_necessary: None,
            review_note: None,
            information_confirmed: false,
            associate_id: Some(form.associate_id),
        })
        .collect();
    store.record_associate_log(&NewAssociateLog {
        participant_id: form.participant_id,
        associate_id: form.associate_id,
        disclosures,
        answers: answers.clone(),
        received_on: today,
        note: match n {
            1 => "1 disclosure imported".to_owned(),
            n => format!("{n} disclosures imported"),
        },
    })?;
    Ok(AssociateLogImport::Imported {
        disclosures: n as u64,
        replies: answers.len() as u64,
    })
}
