//! What the store commands share: `--db`, passwords from a prompt or `--password-stdin`, signing
//! in and out through desk-office, desk-office's errors as the CLI prints them, printing to
//! standard output, and the default organization profile.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{bail, Context};
use desk_core::organization::Organization;
use desk_core::Sensitive;
use desk_office::session::{Opened, SignInForm};
use desk_office::ErrorCode;

/// `--db PATH`, defaulting to the app's own database.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The database file (default: the app's data folder, org.recordsdesk.desk/records.db).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => desk_store::default_db_path()
                .context("this system has no data folder: give the database with --db PATH"),
        }
    }
}

/// `--password-stdin`: passwords come one per line on standard input, in the order each
/// command documents, instead of from a prompt. Never from arguments.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct PasswordArg {
    /// Read passwords from standard input, one per line (see each command's help for the
    /// order), instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Where passwords come from.
pub struct Passwords {
    stdin: bool,
}

impl Passwords {
    pub fn new(arg: PasswordArg) -> Self {
        Self {
            stdin: arg.password_stdin,
        }
    }

    /// An existing password (one prompt, or the next line of standard input).
    pub fn existing(&mut self, prompt: &str) -> anyhow::Result<Sensitive<String>> {
        if self.stdin {
            return self.next_line(prompt);
        }
        let p = rpassword::prompt_password(format!("{prompt}: "))
            .context("could not read a password")?;
        Ok(Sensitive::new(p))
    }

    /// A new password: prompted twice and compared, or one line of standard input.
    pub fn new_password(&mut self, prompt: &str) -> anyhow::Result<Sensitive<String>> {
        if self.stdin {
            return self.next_line(prompt);
        }
        let first = Sensitive::new(
            rpassword::prompt_password(format!("{prompt}: "))
                .context("could not read a password")?,
        );
        let again = Sensitive::new(
            rpassword::prompt_password("Type it again: ").context("could not read a password")?,
        );
        if first != again {
            bail!("the two passwords differ");
        }
        Ok(first)
    }

    fn next_line(&mut self, what: &str) -> anyhow::Result<Sensitive<String>> {
        let mut line = String::new();
        let n = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("could not read standard input")?;
        let value = Sensitive::new(line.trim_end_matches(['\n', '\r']).to_owned());
        zeroize::Zeroize::zeroize(&mut line);
        if n == 0 || value.expose().is_empty() {
            bail!(
                "--password-stdin: standard input has no line for {}",
                what.to_lowercase()
            );
        }
        Ok(value)
    }
}

/// Sign in as `username`, reading the password from `passwords`.
pub fn sign_in(db: &DbArg, username: &str, passwords: &mut Passwords) -> anyhow::Result<Opened> {
    let path = db.path()?;
    let password = passwords.existing(&format!("Password for {username}"))?;
    let form = SignInForm {
        username: username.to_owned(),
        password,
    };
    desk_office::session::sign_in(&path, &form)
        .map_err(plain)
        .with_context(|| format!("could not open {}", path.display()))
}

/// Sign out at the end of a command (the audit log records it).
pub fn sign_out(opened: Opened) -> anyhow::Result<()> {
    desk_office::session::sign_out(opened.store)
        .map_err(plain)
        .context("could not sign out")
}

/// desk-office's error in the words the store commands have always printed: lower case with no
/// full stop, a field's problem after the field's name (`out: already exists`), and the
/// sign-in and role refusals as the store words them. Exit status 1 comes from `main`.
pub fn plain(e: desk_office::Error) -> anyhow::Error {
    anyhow::anyhow!(cli_text(&e))
}

fn cli_text(e: &desk_office::Error) -> String {
    if *e == desk_office::Error::wrong_password() {
        return "wrong username or password".into();
    }
    if e.code == ErrorCode::Forbidden {
        return "only a Privacy Official can do this".into();
    }
    if e.code == ErrorCode::DiskFull {
        // Said as the app says it: "The disk holding the database is full: free space, then
        // try again".
        return e.message.strip_suffix('.').unwrap_or(&e.message).to_owned();
    }
    let message = message_text(&e.message);
    match &e.field {
        Some(field) => format!("{}: {message}", snake_case(field)),
        None => message,
    }
}

/// "Already exists." → "already exists".
pub fn message_text(message: &str) -> String {
    let message = message.strip_suffix('.').unwrap_or(message);
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The store's name for a field: `displayName` → `display_name`.
fn snake_case(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Print a command's whole output on standard output. A reader that stops early (`| head`)
/// ends the output there rather than the command with a panic.
pub fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("could not write to standard output")
        }
        _ => Ok(()),
    }
}

/// The Sample County profile (assets/organization.json), used when `init` or `demo` is given
/// no `--organization`.
pub fn default_organization() -> anyhow::Result<Organization> {
    serde_json::from_str(include_str!("../../../assets/organization.json"))
        .context("the built-in organization profile is not valid")
}

/// Read an organization profile (JSON of `desk_core::organization::Organization`).
pub fn read_organization(path: &std::path::Path) -> anyhow::Result<Organization> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not an organization profile", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_errors_read_as_the_store_commands_always_printed_them() {
        let field = desk_office::Error::field("out", "Already exists.");
        assert_eq!(cli_text(&field), "out: already exists");
        let nested = desk_office::Error::field("privacyOfficial.name", "Is required.");
        assert_eq!(cli_text(&nested), "privacy_official.name: is required");
        assert_eq!(
            cli_text(&desk_office::Error::wrong_password()),
            "wrong username or password"
        );
        assert_eq!(
            cli_text(&desk_office::Error::forbidden()),
            "only a Privacy Official can do this"
        );
        let plain = desk_office::Error::new(ErrorCode::NotFound, "No such user.");
        assert_eq!(cli_text(&plain), "no such user");
    }
}
