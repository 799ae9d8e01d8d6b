//! `records-desk check …`: the rules of desk-core over JSON, exactly as CLI.md fixes them.

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CheckCmd {
    /// Is a signed authorization valid on `as_of`? (45 CFR 164.508(c))
    Authorization { file: PathBuf },
    /// When must the plan answer a request, counting any extension?
    Deadline { file: PathBuf },
    /// Which logged disclosures go into an accounting, and its fee.
    Accounting { file: PathBuf },
}

pub fn run(_cmd: CheckCmd) -> ExitCode {
    eprintln!("records-desk: check is not built yet");
    ExitCode::from(2)
}
