//! `records-desk`: the headless twin of the Records Desk app. `check` and `letter render` follow
//! the fixed contract in CLI.md; the store commands (init, user, import, demo, audit,
//! backup, restore, purge, and the screens' twins requests, report and case-file) are the project's, each
//! run through desk-office's operations as the app's commands are.

/// `println!` for the store commands, in a function that returns `anyhow::Result`: a reader
/// that stops early (`| head`) ends the output there, not the command with a panic.
macro_rules! outln {
    () => {
        $crate::session::print("\n")?
    };
    ($($arg:tt)*) => {
        $crate::session::print(&format!("{}\n", format_args!($($arg)*)))?
    };
}

mod audit;
mod backup;
mod case_file;
mod demo;
mod import;
mod init;
mod purge;
mod report;
mod requests;
mod session;
mod user;

use clap::{Parser, Subcommand};
use desk_cli::{check, letter};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "records-desk",
    version,
    about = "Records Desk, headless: rules, letters and the encrypted case store"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply one HIPAA rule to a JSON document (authorization, deadline, accounting).
    #[command(subcommand)]
    Check(check::CheckCmd),
    /// Render letters as PDF.
    #[command(subcommand)]
    Letter(letter::LetterCmd),
    /// Create the encrypted database, the first Privacy Official, and print the recovery code.
    ///
    /// Creates the database and its key file and the first Privacy Official, and prints the
    /// recovery code once: print it or write it down, and lock it away. With --password-stdin:
    /// one line, the new password.
    Init(init::InitArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(user::UserCmd),
    /// Import data from the county's exports.
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Create a synthetic Sample County database for trying the app.
    ///
    /// Synthetic participants, dependents and requests, each case made through the same
    /// operations as the app's. Accounts: `official` / `demo-official-pass` (Privacy Official)
    /// and `staff` / `demo-staff-pass`. It holds no real data.
    Demo(demo::DemoArgs),
    /// The audit log's hash chain.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Write a verified encrypted backup: one file, the database and its key slots.
    ///
    /// A consistent copy of the database and its key slots in one FILE (the app names them
    /// `.rdbackup`), verified: the check of every page and the audit chain on the copy, then
    /// the key slots read back. Today's passwords and recovery code open it. As a Privacy
    /// Official; with --password-stdin: one line, your password.
    Backup(backup::BackupArgs),
    /// Replace the database with a checked backup, keeping the old one.
    ///
    /// FILE is one `.rdbackup` file, or an older backup's `NAME.db` with `NAME.keys` beside it.
    /// The backup is checked first: opened as a Privacy Official of the backup (--as) or with
    /// the recovery code of its day (--recovery-code), the check of every page, the audit
    /// chain. Only then is the current database renamed to `<name>.before-restore-<time>.db`
    /// (kept, with its key file) and the backup put in its place. Close the app first. With
    /// --password-stdin: one line, the password in the backup (or the recovery code).
    Restore(backup::RestoreArgs),
    /// List (and with --remove, remove) the cases past their six-year retention.
    ///
    /// Lists the request cases past retention (six years from creation or last effective date,
    /// whichever is later) and the rows each would remove; with --remove, removes them in one
    /// write. As a Privacy Official; with --password-stdin: one line, your password.
    Purge(purge::PurgeArgs),
    /// The dashboard's data: every case, or with --open what waits for the office.
    ///
    /// Every case, newest received first; with --open, what waits for the office, soonest due
    /// first, as the dashboard lists it. With --json, one JSON document, `{"requests": [...]}`
    /// (with --open also `"counts"`: waiting and overdue by kind), each row as the app's
    /// dashboard receives it. With --password-stdin: one line, your password.
    Requests(requests::RequestsArgs),
    /// The Privacy Official's report over the last months.
    ///
    /// Requests by month and kind, the on-time rate and median days to answer of the answered
    /// cases, what is open and overdue. With --json, the app's `ReportView` as one JSON
    /// document. With --password-stdin: one line, your password.
    Report(report::ReportArgs),
    /// A request's case file as one PDF: its timeline, clock, decisions, notes and letters.
    ///
    /// Everything the plan did on the request, as the request page's "Case file (PDF)" shows
    /// it: every audit event of the case with its user and time, the verification record, the
    /// decisions with each approval or return, the notes, how the due date was worked out, and
    /// every letter as stored and sent (its pages appended, its exact bytes attached, its
    /// SHA-256 and the day it went out). The export is recorded in the audit log. Any signed-in
    /// user. With --password-stdin: one line, your password.
    CaseFile(case_file::CaseFileArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(cmd) => check::run(cmd),
        Command::Letter(cmd) => letter::run(cmd),
        Command::Init(args) => report(init::run(args)),
        Command::User(cmd) => report(user::run(cmd)),
        Command::Import(cmd) => report(import::run(cmd)),
        Command::Demo(args) => report(demo::run(args)),
        Command::Audit(cmd) => report(audit::run(cmd)),
        Command::Backup(args) => report(backup::run_backup(args)),
        Command::Restore(args) => report(backup::run_restore(args)),
        Command::Purge(args) => report(purge::run(args)),
        Command::Requests(args) => report(requests::run(args)),
        Command::Report(args) => report(report::run(args)),
        Command::CaseFile(args) => report(case_file::run(args)),
    }
}

/// Store commands: `anyhow` errors become one line on standard error and exit status 1.
fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("records-desk: {e:#}");
            ExitCode::FAILURE
        }
    }
}
