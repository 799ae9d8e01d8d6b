//! The `records-desk` binary, run as a user would run it.

mod check;
mod letter;
mod requests;
mod store;
mod trust;
