//! `records-desk init`: create the encrypted database and the first Privacy Official.

use std::path::PathBuf;

use anyhow::Context;
use desk_office::setup::{self, FirstOfficial};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// Create the database and its key file, the first Privacy Official, and print the recovery
/// code once. With --password-stdin, standard input holds one line: the new password.
#[derive(clap::Args)]
pub struct InitArgs {
    #[command(flatten)]
    db: DbArg,
    /// The first Privacy Official's username (lower-case letters, digits, '.', '_', '-').
    #[arg(long)]
    username: String,
    /// The first Privacy Official's name as shown in the app.
    #[arg(long)]
    name: String,
    /// The organization profile (JSON); default: the Sample County profile.
    #[arg(long, value_name = "FILE.json")]
    organization: Option<PathBuf>,
    #[command(flatten)]
    password: PasswordArg,
}

pub fn run(args: InitArgs) -> anyhow::Result<()> {
    let path = args.db.path()?;
    let org = match &args.organization {
        Some(file) => session::read_organization(file)?,
        None => session::default_organization()?,
    };
    let mut passwords = Passwords::new(args.password);
    let password = passwords.new_password(&format!("New password for {}", args.username))?;
    let account = FirstOfficial {
        username: args.username,
        display_name: args.name,
        password,
    };
    let (opened, code) = setup::create_with_profile(&path, &org, &account)
        .map_err(session::plain)
        .with_context(|| format!("could not create {}", path.display()))?;
    let username = opened.user.username.clone();
    // Closed without a sign-out row: the log starts with the creation and the first account.
    drop(opened);
    outln!("Created {} for {}.", path.display(), org.name);
    outln!("Privacy Official: {username}");
    outln!();
    outln!("Recovery code (shown only this once; print it, keep it in the safe):");
    outln!();
    outln!("    {}", code.expose());
    outln!();
    outln!("It opens the database if every Privacy Official password is lost.");
    Ok(())
}
