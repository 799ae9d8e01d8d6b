//! `records-desk user add|passwd|list`: staff accounts and their key slots.

use anyhow::Context;
use desk_core::person::Role;
use desk_store::NewUser;

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

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Staff => Role::Staff,
            RoleArg::PrivacyOfficial => Role::PrivacyOfficial,
        }
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Staff => "staff",
        Role::PrivacyOfficial => "privacy_official",
    }
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
            let mut store = session::sign_in(&db, &signer, &mut passwords)?;
            let new_password = passwords.new_password(&format!("New password for {username}"))?;
            let user = store
                .add_user(&NewUser {
                    username,
                    display_name: name,
                    role: role.into(),
                    password: new_password,
                })
                .context("could not add the account")?;
            println!("Added {} ({}).", user.username, role_name(user.role));
            store.sign_out().context("could not sign out")?;
        }
        UserCmd::Passwd {
            db,
            signer,
            username,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let mut store = session::sign_in(&db, &signer, &mut passwords)?;
            let target = username.unwrap_or(signer);
            let new_password = passwords.new_password(&format!("New password for {target}"))?;
            store
                .change_password(&target, &new_password)
                .context("could not change the password")?;
            println!(
                "Password changed for {}.",
                desk_store::normalize_username(&target)
            );
            store.sign_out().context("could not sign out")?;
        }
        UserCmd::List {
            db,
            signer,
            json,
            password,
        } => {
            let mut passwords = Passwords::new(password);
            let store = session::sign_in(&db, &signer, &mut passwords)?;
            let users = store.list_users().context("could not list the accounts")?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users)?);
            } else {
                println!("{:<20} {:<17} {:<8} NAME", "USERNAME", "ROLE", "ACTIVE");
                for u in users {
                    println!(
                        "{:<20} {:<17} {:<8} {}",
                        u.username,
                        role_name(u.role),
                        if u.active { "yes" } else { "no" },
                        u.display_name
                    );
                }
            }
            store.sign_out().context("could not sign out")?;
        }
    }
    Ok(())
}
