//! `records-desk check …` against the CLI.md contract.
