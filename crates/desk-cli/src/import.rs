//! `records-desk import roster FILE.csv`: participants and dependents from the enrollment export
//! (columns in docs/roster.md), through desk-office's roster import: every row is checked
//! first; any bad row imports nothing.

use std::path::PathBuf;

use anyhow::{bail, Context};
use desk_office::roster::{self, RosterForm, RosterImport};

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
            let mut opened = session::sign_in(&db, &signer, &mut passwords)?;
            let form = RosterForm {
                csv: std::fs::read_to_string(&file)
                    .with_context(|| format!("could not read {}", file.display()))?,
            };
            let done = match roster::import(&mut opened.store, &form) {
                Ok(done) => done,
                // The header is refused whole, on the file.
                Err(e) if e.field.as_deref() == Some("csv") => {
                    bail!("{}: {}", file.display(), session::message_text(&e.message))
                }
                Err(e) => {
                    return Err(session::plain(e))
                        .context("the import failed; nothing was imported")
                }
            };
            match done {
                RosterImport::Imported {
                    employees,
                    dependents,
                    changes,
                } => {
                    outln!("Imported {employees} employee(s) and {dependents} dependent(s).");
                    if !changes.is_empty() {
                        outln!("Updated {} person(s) already on file:", changes.len());
                        for c in &changes {
                            outln!("  line {}: {}", c.line, c.columns.join(", "));
                        }
                    }
                }
                RosterImport::Refused { problems } => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    bail!(
                        "{}: {} problem(s); nothing was imported",
                        file.display(),
                        problems.len()
                    );
                }
            }
            session::sign_out(opened)?;
            Ok(())
        }
    }
}
