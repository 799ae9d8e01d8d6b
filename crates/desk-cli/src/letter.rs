//! `records-desk letter render`: one letter as PDF, exactly as CLI.md fixes it.
//!
//! Exit 0 with the PDF written; exit 2 with one line on standard error naming the field, nothing
//! on standard output and no file written. The PDF is rendered in full before anything touches
//! the disk, then written to a temporary file beside `--out` and renamed into place.

mod wire;

use clap::Subcommand;
use desk_core::letter;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
pub use wire::FieldError;
use wire::Outcome;

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

pub fn run(cmd: LetterCmd) -> ExitCode {
    let LetterCmd::Render { input, out } = cmd;
    match read(&input)
        .and_then(|text| render(&text))
        .and_then(|pdf| write(&out, &pdf))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("records-desk: {e}");
            ExitCode::from(2)
        }
    }
}

/// The input document: the file named, or standard input for `-`.
fn read(file: &Path) -> Result<String, FieldError> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| FieldError::new("--input", format!("cannot read standard input: {e}")))?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| {
            FieldError::new("--input", format!("cannot read {}: {e}", file.display()))
        })?;
    }
    Ok(text)
}

/// The JSON decoder: the document as validated domain values, or the field that is wrong.
pub fn decode(text: &str) -> Result<wire::Request, FieldError> {
    wire::parse::<wire::Input>(text, "")?.into_request()
}

/// Validates the document and renders the letter to PDF bytes.
fn render(text: &str) -> Result<Vec<u8>, FieldError> {
    let request = decode(text)?;
    let org = &request.organization;
    let (to, dated, received) = (&request.recipient, request.dated, request.received_on);
    let model = match &request.outcome {
        Outcome::Access(d) => letter::access_response(org, to, dated, received, d),
        Outcome::Amendment(d) => letter::amendment_response(org, to, dated, received, d),
        Outcome::Restriction(d) => letter::restriction_response(org, to, dated, received, d),
    };
    desk_letters::render(&model, org, None).map_err(|e| FieldError::new("letter", e.to_string()))
}

/// Writes the PDF atomically: a temporary file in the same directory, then a rename. `-` writes
/// it to standard output.
fn write(out: &Path, pdf: &[u8]) -> Result<(), FieldError> {
    let fail = |e: std::io::Error| {
        FieldError::new("--out", format!("cannot write {}: {e}", out.display()))
    };
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(pdf)
            .and_then(|()| stdout.flush())
            .map_err(fail);
    }
    let name = out
        .file_name()
        .ok_or_else(|| FieldError::new("--out", "names no file"))?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(pdf).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, out));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}
