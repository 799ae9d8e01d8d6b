//! `records-desk purge`: list the cases past their six-year retention, and with `--remove`
//! remove exactly those (as a Privacy Official).

use anyhow::Context;

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
    let mut store = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let today = chrono::Local::now().date_naive();
    let plan = store
        .purge_plan(today)
        .context("could not list what is past retention")?;
    if plan.is_empty() {
        println!("nothing is past retention");
    }
    for item in &plan {
        let rows: Vec<String> = item
            .rows
            .iter()
            .map(|(table, n)| format!("{table} {n}"))
            .collect();
        println!(
            "request {}: created {}, last effective {}, kept until {}: {}",
            item.request_id,
            item.created_on,
            item.last_effective_on,
            item.kept_until,
            rows.join(", ")
        );
    }
    if args.remove && !plan.is_empty() {
        let ids: Vec<i64> = plan.iter().map(|i| i.request_id).collect();
        let removed = store
            .purge(today, &ids)
            .context("the purge failed; nothing was removed")?;
        println!("removed {removed} rows of {} cases", ids.len());
    } else if !plan.is_empty() {
        println!("nothing removed: run again with --remove to remove these cases");
    }
    store.sign_out().context("could not sign out")?;
    Ok(())
}
