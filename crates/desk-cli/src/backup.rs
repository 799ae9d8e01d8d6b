//! `records-desk backup --out FILE` and `records-desk restore FILE`: verified encrypted copies
//! of the database with their key file.

use std::path::PathBuf;

use anyhow::Context;
use desk_office::backup::{self, RestoreForm};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// Write a consistent encrypted copy of the database to FILE and its key file beside it
/// (FILE with the extension `.keys`), then open the copy to verify it (integrity check and the
/// audit chain). The passwords and recovery code of today open it. As a Privacy Official;
/// with --password-stdin: one line, your password.
#[derive(clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    db: DbArg,
    /// The backup file to create (must not exist).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Sign in as this Privacy Official.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

/// Replace the database with a backup. The backup (and the key file beside it) is checked
/// first: signed into as a Privacy Official of the backup, integrity check, audit chain. Only
/// then is the current database renamed to `<name>.before-restore-<time>.db` (kept, with its
/// key file) and the backup put in its place. Close the app first. With --password-stdin: one
/// line, your password in the backup.
#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The backup file (its key file beside it).
    file: PathBuf,
    #[command(flatten)]
    db: DbArg,
    /// Sign in to the backup as this Privacy Official.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

pub fn run_backup(args: BackupArgs) -> anyhow::Result<()> {
    let mut passwords = Passwords::new(args.password);
    let mut opened = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let done = backup::create_file(&mut opened.store, &args.out)
        .map_err(session::plain)
        .with_context(|| format!("could not back up to {}", args.out.display()))?;
    session::sign_out(opened)?;
    println!(
        "backup written and verified: {} ({} bytes, {} audit rows)",
        done.path, done.bytes, done.audit_rows
    );
    println!("key file: {} (keep it with the backup)", done.keys_path);
    Ok(())
}

pub fn run_restore(args: RestoreArgs) -> anyhow::Result<()> {
    let target = args.db.path()?;
    let mut passwords = Passwords::new(args.password);
    let password = passwords.existing(&format!("Password for {} in the backup", args.signer))?;
    let form = RestoreForm {
        backup: args.file.clone(),
        username: args.signer,
        password,
    };
    let done = backup::restore(&target, &form)
        .map_err(session::plain)
        .with_context(|| {
            format!(
                "could not restore {}; nothing was replaced",
                args.file.display()
            )
        })?;
    println!(
        "restored {} ({} audit rows verified)",
        target.display(),
        done.audit_rows
    );
    if let Some(kept) = done.kept {
        println!("the replaced database is kept as {kept}");
    }
    Ok(())
}
