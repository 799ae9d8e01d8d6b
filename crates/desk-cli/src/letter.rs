//! `records-desk letter render`: one letter as PDF, exactly as CLI.md fixes it.

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum LetterCmd {
    /// Render one letter from a JSON document to a PDF file.
    Render {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(_cmd: LetterCmd) -> ExitCode {
    eprintln!("records-desk: letter render is not built yet");
    ExitCode::from(2)
}
