//! `records-desk report`: the Privacy Official's report, headless, from desk-office's
//! `report::get` as the app's Reports screen receives it.

use std::fmt::Write;

use anyhow::Context;
use desk_office::form::code_of;
use desk_office::report::{self, ReportView};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// `report`'s arguments (its help is on `Command::Report` in main.rs).
#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    db: DbArg,
    /// Months covered, 1 to 24 (12, as on the Reports screen, unless given).
    #[arg(long, value_name = "N", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(report::MAX_MONTHS)))]
    months: u32,
    /// Print JSON instead of a summary and table.
    #[arg(long)]
    json: bool,
    /// Sign in as this user.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let mut passwords = Passwords::new(args.password);
    let opened = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let view = report::get(&opened.store, args.months)
        .map_err(session::plain)
        .context("could not read the report")?;
    session::sign_out(opened)?;
    let text = if args.json {
        serde_json::to_string_pretty(&view)? + "\n"
    } else {
        summary(&view)
    };
    session::print(&text)
}

/// The figures, then requests by month and kind.
fn summary(view: &ReportView) -> String {
    let mut out = String::new();
    let rate = view
        .on_time_rate
        .map(|r| format!(" ({:.0}%)", r * 100.0))
        .unwrap_or_default();
    let median = view
        .median_days_to_answer
        .map_or_else(|| "-".to_owned(), |m| m.to_string());
    let _ = writeln!(
        out,
        "on time: {} of {} due{rate}\nmedian days to answer: {median}\nopen: {}, overdue: {}",
        view.on_time, view.due_counted, view.open, view.overdue
    );
    let kinds: Vec<String> = view.kinds.iter().map(code_of).collect();
    let header: Vec<String> = kinds.iter().map(|k| format!("{k:>3}")).collect();
    let _ = writeln!(out, "{:<7}  {}", "MONTH", header.join("  "));
    for m in &view.months {
        let cells: Vec<String> = m
            .counts
            .iter()
            .zip(&kinds)
            .map(|(c, k)| format!("{c:>w$}", w = k.len().max(3)))
            .collect();
        let _ = writeln!(out, "{:<7}  {}", m.month, cells.join("  "));
    }
    out
}
