//! `records-desk requests`: the dashboard's data, headless. Every case (desk-office's
//! `cases::all`), or with `--open` exactly what the dashboard lists as waiting for the office
//! (`dashboard::get`), as the app receives them.

use std::fmt::Write;

use anyhow::Context;
use desk_office::dashboard::{DashboardRow, KindCount};
use desk_office::form::code_of;
use desk_office::{cases, dashboard};
use serde::Serialize;

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// `requests`' arguments (its help is on `Command::Requests` in main.rs).
#[derive(clap::Args)]
pub struct RequestsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only what waits for the office (the dashboard's list).
    #[arg(long)]
    open: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Sign in as this user.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

/// What `requests --json` prints.
#[derive(Serialize)]
struct RequestsJson<'a> {
    requests: &'a [DashboardRow],
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<&'a [KindCount]>,
}

pub fn run(args: RequestsArgs) -> anyhow::Result<()> {
    let mut passwords = Passwords::new(args.password);
    let opened = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let (rows, counts) = if args.open {
        let board = dashboard::get(&opened.store)
            .map_err(session::plain)
            .context("could not read the dashboard")?;
        (board.rows, Some(board.counts))
    } else {
        let rows = cases::all(&opened.store)
            .map_err(session::plain)
            .context("could not list the requests")?;
        (rows, None)
    };
    session::sign_out(opened)?;
    let text = if args.json {
        let doc = RequestsJson {
            requests: &rows,
            counts: counts.as_deref(),
        };
        serde_json::to_string_pretty(&doc)? + "\n"
    } else {
        table(&rows, counts.as_deref())
    };
    session::print(&text)
}

/// id, due, kind, status, participant; a last line with the total (and with --open, by kind).
fn table(rows: &[DashboardRow], counts: Option<&[KindCount]>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>6}  {:<10}  {:<26}  {:<24}  PARTICIPANT",
        "ID", "DUE", "KIND", "STATUS"
    );
    for r in rows {
        let due = r
            .effective_due_on
            .map_or_else(|| "-".to_owned(), |d| d.to_string());
        let flag = if r.overdue {
            " (overdue)"
        } else if r.due_soon {
            " (due soon)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:>6}  {:<10}  {:<26}  {:<24}  {}{flag}",
            r.id,
            due,
            code_of(&r.kind),
            code_of(&r.status),
            r.participant
        );
    }
    let _ = match counts {
        Some(counts) => {
            let by_kind: Vec<String> = counts
                .iter()
                .map(|c| format!("{} {} ({} overdue)", code_of(&c.kind), c.open, c.overdue))
                .collect();
            writeln!(out, "{} waiting: {}", rows.len(), by_kind.join(", "))
        }
        None => writeln!(out, "{} requests", rows.len()),
    };
    out
}
