//! `records-desk case-file`: a request's case file, headless, from desk-office's
//! `case_file::pdf` as the request page's "Case file (PDF)" shows it; the export is audited.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context};

use crate::session::{self, DbArg, PasswordArg, Passwords};

/// `case-file`'s arguments (its help is on `Command::CaseFile` in main.rs).
#[derive(clap::Args)]
pub struct CaseFileArgs {
    /// The request's number as the request page shows it (`42` or `#42`).
    #[arg(value_name = "REQUEST")]
    request: String,
    /// Where to write the PDF (refused when the file exists; only you may read it).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    db: DbArg,
    /// Sign in as this user.
    #[arg(long = "as", value_name = "USERNAME")]
    signer: String,
    #[command(flatten)]
    password: PasswordArg,
}

/// `42` or `#42` → 42.
fn request_number(text: &str) -> anyhow::Result<i64> {
    let digits = text.trim().trim_start_matches('#');
    match digits.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => bail!("REQUEST: give the request's number, as 42 or #42"),
    }
}

pub fn run(args: CaseFileArgs) -> anyhow::Result<()> {
    let id = request_number(&args.request)?;
    if args.out.exists() {
        bail!("out: {} already exists", args.out.display());
    }
    let mut passwords = Passwords::new(args.password);
    let mut opened = session::sign_in(&args.db, &args.signer, &mut passwords)?;
    let pdf = desk_office::case_file::pdf(&mut opened.store, id)
        .map_err(session::plain)
        .with_context(|| format!("could not make the case file of request {id}"));
    session::sign_out(opened)?;
    let pdf = pdf?;
    write_private(&args.out, &pdf)
        .with_context(|| format!("could not write {}", args.out.display()))?;
    session::print(&format!(
        "case file of request {id} written to {} ({} bytes)\n",
        args.out.display(),
        pdf.len()
    ))
}

/// A new file only its owner may read.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    let mut file = desk_store::private_file::open(&mut options, path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_number_is_read_as_the_page_shows_it() {
        assert_eq!(super::request_number("42").expect("42"), 42);
        assert_eq!(super::request_number("#42").expect("#42"), 42);
        for bad in ["", "#", "forty-two", "0", "-3"] {
            assert!(super::request_number(bad).is_err(), "{bad:?} is refused");
        }
    }
}
