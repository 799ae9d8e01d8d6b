//! `records-desk user add|passwd|list`: staff accounts and their key slots.

#[derive(clap::Subcommand)]
pub enum UserCmd {
    List {},
}

pub fn run(_cmd: UserCmd) -> anyhow::Result<()> {
    anyhow::bail!("user is not built yet")
}
