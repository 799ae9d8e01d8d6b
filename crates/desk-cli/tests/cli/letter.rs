//! `records-desk letter render` against the CLI.md contract.
