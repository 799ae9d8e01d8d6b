//! `records-desk purge`: list the cases past their six-year retention, and with `--remove`
//! remove exactly those (as a Privacy Official).

use anyhow::Context;
use desk_office::retention::{self, PurgeForm};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// List the request cases past retention (six years from creation or last effective date,
/// whichever is later) and the rows each would remove; with --remove, remove them in one write.
/// As a Privacy Official; with --password-stdin: one line, your password.
#[derive(clap::Args)]
pub struct PurgeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Remove the listed cases (without it nothing is removed).
    #[arg(long)]
    remove: bool,
    /// Sign in as this Privacy Official.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

pub fn run(args: PurgeArgs) -> anyhow::Result<()> {
    let mut passwords = Passwords::new(args.password);
    let mut opened = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let plan = retention::plan(&opened.store)
        .map_err(session::plain)
        .context("could not list what is past retention")?;
    if plan.is_empty() {
        outln!("nothing is past retention");
    }
    for case in &plan {
        let rows: Vec<String> = case
            .rows
            .iter()
            .map(|r| format!("{} {}", r.table, r.count))
            .collect();
        outln!(
            "request {}: created {}, last effective {}, kept until {}: {}",
            case.request_id,
            case.created_on,
            case.last_effective_on,
            case.kept_until,
            rows.join(", ")
        );
    }
    if args.remove && !plan.is_empty() {
        let form = PurgeForm {
            request_ids: plan.iter().map(|c| c.request_id).collect(),
        };
        let done = retention::purge(&mut opened.store, &form)
            .map_err(session::plain)
            .context("the purge failed; nothing was removed")?;
        outln!("removed {} rows of {} cases", done.rows, done.cases);
    } else if !plan.is_empty() {
        outln!("nothing removed: run again with --remove to remove these cases");
    }
    session::sign_out(opened)?;
    Ok(())
}
