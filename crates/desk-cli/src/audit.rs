//! `records-desk audit verify`: check every page of the database (recorded in the audit log),
//! then walk the audit chain and name the first broken row.

use anyhow::{bail, Context};
use desk_office::{audit, integrity};
use desk_store::DatabaseCheck;

use crate::session::{self, DbArg, PasswordArg, Passwords};

#[derive(clap::Subcommand)]
pub enum AuditCmd {
    /// Check every page of the database (SQLCipher's HMAC of each page, SQLite's integrity
    /// check; the outcome is recorded in the audit log), then walk the hash chain from the
    /// first row. Exit status 0 when every page and every row holds; 1 when a page is damaged
    /// (restore from the latest backup) or (with the first broken row named) when a row was
    /// changed, removed or its link broken. With --password-stdin: one line, your password.
    Verify {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this user.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        #[command(flatten)]
        password: PasswordArg,
    },
}

pub fn run(cmd: AuditCmd) -> anyhow::Result<()> {
    match cmd {
        AuditCmd::Verify {
            db,
            signer,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let opened = session::sign_in(&db, &signer, &mut passwords)?;
            let (outcome, view) = integrity::check_now(&opened.store)
                .map_err(session::plain)
                .context("could not check the database")?;
            if outcome == DatabaseCheck::Damaged {
                // The chain may not be readable, and signing out may not be recorded.
                drop(opened);
                bail!(
                    "the database file is damaged: {}",
                    view.advice.unwrap_or_default()
                );
            }
            let chain = audit::verify(&opened.store)
                .map_err(session::plain)
                .context("could not read the audit log")?;
            session::sign_out(opened)?;
            let rows = chain.rows;
            match chain.broken_at {
                None => {
                    outln!("every page of the database checked: none damaged");
                    outln!("audit log intact: {rows} rows verified");
                    Ok(())
                }
                Some(seq) => bail!(
                    "audit log broken at row {seq} (of {rows}): that row was changed or removed, \
                     or its link to row {} does not hold",
                    seq - 1
                ),
            }
        }
    }
}
