//! `records-desk demo`: a synthetic Sample County database for trying the app.

#[derive(clap::Args)]
pub struct DemoArgs {}

pub fn run(_args: DemoArgs) -> anyhow::Result<()> {
    anyhow::bail!("demo is not built yet")
}
