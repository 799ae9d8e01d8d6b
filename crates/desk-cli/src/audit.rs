//! `records-desk audit verify`: walk the audit chain and name the first broken row.

use anyhow::{bail, Context};
use desk_office::audit;

use crate::session::{self, DbArg, PasswordArg, Passwords};

#[derive(clap::Subcommand)]
pub enum AuditCmd {
    /// Walk the hash chain from the first row. Exit status 0 when every row holds; 1 (with the
    /// first broken row named) when a row was changed, removed or its link broken. With
    /// --password-stdin: one line, your password.
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
            let chain = audit::verify(&opened.store)
                .map_err(session::plain)
                .context("could not read the audit log")?;
            session::sign_out(opened)?;
            let rows = chain.rows;
            match chain.broken_at {
                None => {
                    println!("audit log intact: {rows} rows verified");
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
