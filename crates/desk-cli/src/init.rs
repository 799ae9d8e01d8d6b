//! `records-desk init`: create the encrypted database and the first Privacy Official.

#[derive(clap::Args)]
pub struct InitArgs {}

pub fn run(_args: InitArgs) -> anyhow::Result<()> {
    anyhow::bail!("init is not built yet")
}
