//! `records-desk import roster FILE.csv`: participants and dependents from the enrollment export.

#[derive(clap::Subcommand)]
pub enum ImportCmd {
    Roster { file: std::path::PathBuf },
}

pub fn run(_cmd: ImportCmd) -> anyhow::Result<()> {
    anyhow::bail!("import is not built yet")
}
