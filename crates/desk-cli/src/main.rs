//! `records-desk`: the headless twin of the Records Desk app. `check` and `letter render` follow
//! the fixed contract in CLI.md; the store commands (init, user, import, demo, audit,
//! backup, restore, purge, and the screens' twins requests, report and case-file) are the project's, each
//! run through desk-office's operations as the app's commands are.

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
    Init(init::InitArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(user::UserCmd),
    /// Import data from the county's exports.
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Create a synthetic Sample County database for trying the app.
    Demo(demo::DemoArgs),
    /// The audit log's hash chain.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Write a verified encrypted backup: one file, the database and its key slots.
    Backup(backup::BackupArgs),
    /// Replace the database with a checked backup, keeping the old one.
    Restore(backup::RestoreArgs),
    /// List (and with --remove, remove) the cases past their six-year retention.
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
