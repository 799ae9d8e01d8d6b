//! The `records-desk` binary, run as a user would run it.

mod audit;
mod case_file;
mod check;
mod disk;
mod letter;
mod report;
mod requests;
mod store;
mod trust;
