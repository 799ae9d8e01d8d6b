//! `records-desk backup --out FILE` and `records-desk restore FILE`: verified encrypted copies
//! of the database in one file (the database and its key slots).

use std::path::PathBuf;

use anyhow::Context;
use desk_office::backup::{self, RestoreForm};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// Write a consistent encrypted copy of the database and its key slots to one FILE (the app
/// names them `.rdbackup`), verified: the check of every page and the audit chain on the copy,
/// then the key slots read back. The passwords and recovery code of today open it. As a
/// Privacy Official; with --password-stdin: one line, your password.
#[derive(clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    db: DbArg,
    /// The backup file to create (must not exist), e.g. records-monday.rdbackup.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Sign in as this Privacy Official.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

/// Replace the database with a backup: one `.rdbackup` file, or an older backup's `.db` with
/// its key file beside it. The backup is checked first: opened as a Privacy Official of the
/// backup (or with the recovery code of its day), the check of every page, the audit chain.
/// Only then is the current database renamed to `<name>.before-restore-<time>.db` (kept, with
/// its key file) and the backup put in its place. Close the app first. With --password-stdin:
/// one line, your password in the backup (or the recovery code).
#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The backup file.
    file: PathBuf,
    #[command(flatten)]
    db: DbArg,
    /// Open the backup as this Privacy Official of it.
    #[arg(
        long = "as",
        value_name = "USERNAME",
        required_unless_present = "recovery_code"
    )]
    signer: Option<String>,
    /// Open the backup with the recovery code that was current when it was made, instead.
    #[arg(long, conflicts_with = "signer")]
    recovery_code: bool,
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
    outln!(
        "backup written and verified: {} ({} bytes, {} audit rows)",
        done.path,
        done.bytes,
        done.audit_rows
    );
    outln!("witness {}", done.witness);
    Ok(())
}

pub fn run_restore(args: RestoreArgs) -> anyhow::Result<()> {
    let target = args.db.path()?;
    let mut passwords = Passwords::new(args.password);
    let form = match args.signer {
        Some(username) if !args.recovery_code => RestoreForm {
            password: passwords.existing(&format!("Password for {username} in the backup"))?,
            backup: args.file.clone(),
            username,
            recovery_code: None,
        },
        _ => RestoreForm {
            recovery_code: Some(passwords.existing("Recovery code of the backup's day")?),
            backup: args.file.clone(),
            username: String::new(),
            password: Default::default(),
        },
    };
    let done = backup::restore(&target, &form)
        .map_err(session::plain)
        .with_context(|| {
            format!(
                "could not restore {}; nothing was replaced",
                args.file.display()
            )
        })?;
    outln!(
        "restored {} ({} audit rows verified)",
        target.display(),
        done.audit_rows
    );
    if let Some(made_at) = done.made_at {
        outln!("the backup was made at {made_at}");
    }
    if let Some(kept) = done.kept {
        outln!("the replaced database is kept as {kept}");
    }
    Ok(())
}
