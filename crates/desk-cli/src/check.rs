//! `records-desk check …`: the rules of desk-core over JSON, exactly as CLI.md fixes them.

mod wire;

use clap::Subcommand;
use desk_core::{accounting, authorization, clock};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
pub use wire::FieldError;

#[derive(Subcommand)]
pub enum CheckCmd {
    /// Is a signed authorization valid on `as_of`? (45 CFR 164.508(c))
    Authorization { file: PathBuf },
    /// When must the plan answer a request, counting any extension?
    Deadline { file: PathBuf },
    /// Which logged disclosures go into an accounting, and its fee.
    Accounting { file: PathBuf },
}

/// The answer of one check: the JSON to print and whether it is a "yes".
pub struct Answer {
    pub json: String,
    pub yes: bool,
}

pub fn run(cmd: CheckCmd) -> ExitCode {
    let result = match cmd {
        CheckCmd::Authorization { file } => read(&file).and_then(|t| check_authorization(&t)),
        CheckCmd::Deadline { file } => read(&file).and_then(|t| check_deadline(&t)),
        CheckCmd::Accounting { file } => read(&file).and_then(|t| check_accounting(&t)),
    };
    match result {
        Ok(answer) => {
            println!("{}", answer.json);
            if answer.yes {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            // One line, naming the field; nothing on standard output.
            let line = e.to_string().replace(['\n', '\r'], " ");
            eprintln!("records-desk: {line}");
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
            .map_err(|e| FieldError::new("", format!("cannot read standard input: {e}")))?;
    } else {
        text = std::fs::read_to_string(file)
            .map_err(|e| FieldError::new("", format!("cannot read {}: {e}", file.display())))?;
    }
    Ok(text)
}

/// Parses one JSON document, refusing trailing text; errors name the field by its path.
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, FieldError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        FieldError::new(
            field_of(&path, &message),
            crate::redact::serde_message(&message),
        )
    })?;
    de.end()
        .map_err(|e| FieldError::new("input", format!("more than one JSON document: {e}")))?;
    Ok(value)
}

/// The field an error is about: its path, extended by the field a "missing field `x`" or
/// "unknown field `x`" message names (serde reports those at the enclosing object).
fn field_of(path: &str, message: &str) -> String {
    // An empty or blank key ("" or "  " : …) names nothing: the error is about the object that
    // holds it, or the input itself.
    let base = path
        .split('.')
        .filter(|segment| !segment.trim().is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let named = ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        .filter(|name| !name.trim().is_empty());
    match named {
        Some(name) if base.is_empty() => name.to_owned(),
        // An unknown key is already the last segment of the path.
        Some(name) if base == name || base.ends_with(&format!(".{name}")) => base,
        Some(name) => format!("{base}.{name}"),
        None if base.is_empty() => "input".to_owned(),
        None => base,
    }
}

/// A desk-core rule's refusal, whose message starts with the field it is about (`pages: …`).
fn core_error(e: impl std::fmt::Display) -> FieldError {
    let text = e.to_string();
    match text.split_once(": ") {
        Some((field, message)) if !field.is_empty() && !field.contains(' ') => {
            FieldError::new(field, message)
        }
        _ => FieldError::new("input", text),
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, FieldError> {
    serde_json::to_string(value).map_err(|e| FieldError::new("", format!("output: {e}")))
}

#[derive(Serialize)]
struct DefectOut {
    code: &'static str,
    message: &'static str,
}

#[derive(Serialize)]
struct AuthorizationOut {
    valid: bool,
    defects: Vec<DefectOut>,
    expires_on: Option<chrono::NaiveDate>,
}

pub fn check_authorization(text: &str) -> Result<Answer, FieldError> {
    let (auth, as_of) = parse::<wire::AuthorizationIn>(text)?.into_domain()?;
    let validity = authorization::validate(&auth, as_of).map_err(core_error)?;
    let out = AuthorizationOut {
        valid: validity.is_valid(),
        defects: validity
            .defects
            .iter()
            .map(|d| DefectOut {
                code: d.code(),
                message: d.message(),
            })
            .collect(),
        expires_on: validity.expires_on,
    };
    Ok(Answer {
        json: to_json(&out)?,
        yes: out.valid,
    })
}

#[derive(Serialize)]
struct DeadlineOut {
    due_on: chrono::NaiveDate,
    extension: &'static str,
    effective_due_on: chrono::NaiveDate,
    extension_available: bool,
    days_left: i64,
    overdue: bool,
}

pub fn check_deadline(text: &str) -> Result<Answer, FieldError> {
    let q = parse::<wire::DeadlineIn>(text)?.into_domain()?;
    let d = clock::deadline(q.right, q.received_on, q.extension_noticed_on, q.as_of)
        .map_err(core_error)?;
    let out = DeadlineOut {
        due_on: d.due_on,
        extension: d.extension.as_str(),
        effective_due_on: d.effective_due_on,
        extension_available: d.extension_available,
        days_left: d.days_left,
        overdue: d.overdue,
    };
    Ok(Answer {
        json: to_json(&out)?,
        yes: true,
    })
}

#[derive(Serialize)]
struct ExcludedOut<'a> {
    id: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct AccountingOut<'a> {
    included: Vec<&'a str>,
    excluded: Vec<ExcludedOut<'a>>,
    free: bool,
    fee_cents: u64,
}

pub fn check_accounting(text: &str) -> Result<Answer, FieldError> {
    let q = parse::<wire::AccountingIn>(text)?.into_domain()?;
    let a = accounting::account(&q.request, &q.disclosures, &q.suspensions).map_err(core_error)?;
    let id = |i: usize| q.disclosures.get(i).map_or("", |d| d.id.as_str());
    let out = AccountingOut {
        included: a.included.iter().map(|&i| id(i)).collect(),
        excluded: a
            .excluded
            .iter()
            .map(|&(i, reason)| ExcludedOut {
                id: id(i),
                reason: reason.code(),
            })
            .collect(),
        free: a.free,
        fee_cents: a.fee_cents,
    };
    Ok(Answer {
        json: to_json(&out)?,
        yes: true,
    })
}
