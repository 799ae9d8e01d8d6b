//! `records-desk user add|passwd|list|deactivate|activate`: staff accounts and their key slots.

use anyhow::Context;
use desk_office::form::code_of;
use desk_office::session::RoleView;
use desk_office::settings::{self, NewUserForm, PasswordForm};
use serde::Serialize;

use crate::session::{self, DbArg, PasswordArg, Passwords};

#[derive(clap::Subcommand)]
pub enum UserCmd {
    /// Add an account (signed in as a Privacy Official). With --password-stdin: first line the
    /// official's password, second line the new account's password.
    Add {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this Privacy Official.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// The new account's username.
        #[arg(long)]
        username: String,
        /// The new account's name as shown in the app.
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "staff")]
        role: RoleArg,
        #[command(flatten)]
        password: PasswordArg,
    },
    /// Change your own password, or (as a Privacy Official) reset someone's. With
    /// --password-stdin: first line your current password, second line the new password.
    Passwd {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this user.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// Whose password to set (default: your own).
        #[arg(long)]
        username: Option<String>,
        #[command(flatten)]
        password: PasswordArg,
    },
    /// Deactivate an account (as a Privacy Official): it can no longer sign in. With
    /// --password-stdin: one line, your password.
    Deactivate {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this Privacy Official.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// The account to deactivate.
        #[arg(long)]
        username: String,
        #[command(flatten)]
        password: PasswordArg,
    },
    /// Reactivate an account with a new password (as a Privacy Official); also re-enables one
    /// locked after 90 days unused. With --password-stdin: first line your password, second
    /// line the account's new password.
    Activate {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this Privacy Official.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// The account to reactivate.
        #[arg(long)]
        username: String,
        #[command(flatten)]
        password: PasswordArg,
    },
    /// List the accounts. With --password-stdin: one line, your password.
    List {
        #[command(flatten)]
        db: DbArg,
        /// Sign in as this user.
        #[arg(long = "as", value_name = "USERNAME")]
        signer: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        password: PasswordArg,
    },
}

#[derive(clap::ValueEnum, Clone, Copy)]
pub enum RoleArg {
    Staff,
    PrivacyOfficial,
}

impl From<RoleArg> for RoleView {
    fn from(r: RoleArg) -> RoleView {
        match r {
            RoleArg::Staff => RoleView::Staff,
            RoleArg::PrivacyOfficial => RoleView::PrivacyOfficial,
        }
    }
}

/// An account as `user list --json` prints it.
#[derive(Serialize)]
struct UserJson<'a> {
    id: i64,
    username: &'a str,
    display_name: &'a str,
    role: RoleView,
    active: bool,
    created_at: &'a str,
}

pub fn run(cmd: UserCmd) -> anyhow::Result<()> {
    match cmd {
        UserCmd::Add {
            db,
            signer,
            username,
            name,
            role,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut opened = session::sign_in(&db, &signer, &mut passwords)?;
            let new_password = passwords.new_password(&format!("New password for {username}"))?;
            let user = settings::add_user(
                &mut opened.store,
                NewUserForm {
                    username,
                    display_name: name,
                    role: role.into(),
                    password: new_password,
                },
            )
            .map_err(session::plain)
            .context("could not add the account")?;
            outln!("Added {} ({}).", user.username, code_of(&user.role));
            session::sign_out(opened)?;
        }
        UserCmd::Passwd {
            db,
            signer,
            username,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut opened = session::sign_in(&db, &signer, &mut passwords)?;
            let target = username.unwrap_or(signer);
            let new_password = passwords.new_password(&format!("New password for {target}"))?;
            let user = settings::set_password(
                &mut opened.store,
                &PasswordForm {
                    username: target,
                    password: new_password,
                },
            )
            .map_err(session::plain)
            .context("could not change the password")?;
            outln!("Password changed for {}.", user.username);
            session::sign_out(opened)?;
        }
        UserCmd::Deactivate {
            db,
            signer,
            username,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut opened = session::sign_in(&db, &signer, &mut passwords)?;
            settings::deactivate(&mut opened.store, &username)
                .map_err(session::plain)
                .context("could not deactivate the account")?;
            outln!("Deactivated {}.", username.trim().to_lowercase());
            session::sign_out(opened)?;
        }
        UserCmd::Activate {
            db,
            signer,
            username,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut opened = session::sign_in(&db, &signer, &mut passwords)?;
            let new_password = passwords.new_password(&format!("New password for {username}"))?;
            let user = settings::reactivate(
                &mut opened.store,
                &PasswordForm {
                    username,
                    password: new_password,
                },
            )
            .map_err(session::plain)
            .context("could not reactivate the account")?;
            outln!("Reactivated {}.", user.username);
            session::sign_out(opened)?;
        }
        UserCmd::List {
            db,
            signer,
            json,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let opened = session::sign_in(&db, &signer, &mut passwords)?;
            let users = settings::users(&opened.store)
                .map_err(session::plain)
                .context("could not list the accounts")?;
            if json {
                let rows: Vec<UserJson<'_>> = users
                    .iter()
                    .map(|u| UserJson {
                        id: u.id,
                        username: &u.username,
                        display_name: &u.display_name,
                        role: u.role,
                        active: u.active,
                        created_at: &u.created_at,
                    })
                    .collect();
                outln!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                outln!("{:<20} {:<17} {:<8} NAME", "USERNAME", "ROLE", "ACTIVE");
                for u in &users {
                    outln!(
                        "{:<20} {:<17} {:<8} {}",
                        u.username,
                        code_of(&u.role),
                        if u.active { "yes" } else { "no" },
                        u.display_name
                    );
                }
            }
            session::sign_out(opened)?;
        }
    }
    Ok(())
}
