//! Records Desk's operations: what the office does, one function each over the store. Each takes
//! typed input (the wire types beside it, camelCase, exported to the UI by ts-rs), validates it
//! in one step with field-level errors, and answers a typed result. Rules come only from
//! desk-core, SQL only from desk-store, PDF layout only from desk-letters. The app's commands
//! and the CLI call these and nothing below them for the office's work.

pub mod accounting;
pub mod associate;
pub mod associate_accounting;
pub mod audit;
pub mod backup;
pub mod case_file;
pub mod cases;
pub mod communication;
pub mod complaint;
mod csv_table;
pub mod dashboard;
pub mod decision;
pub mod demo;
pub mod dispute;
pub mod draft;
pub mod error;
pub mod form;
pub mod incident;
pub mod intake;
pub mod integrity;
pub mod letter;
pub mod logbook;
pub mod participant;
mod prefill;
pub mod recovery;
pub mod referral;
pub mod report;
pub mod request;
pub mod response;
pub mod restriction;
pub mod retention;
pub mod review;
pub mod roster;
pub mod session;
pub mod settings;
pub mod setup;

pub use desk_core::Sensitive;
pub use error::{Error, ErrorCode, Result};

/// The office's day (the store clock's local day): what letters are dated and deadlines are
/// counted from.
pub fn today(store: &desk_store::Store) -> chrono::NaiveDate {
    store.today()
}

/// The office's calendar day of a moment the store stamped (this machine's time zone, as
/// [`today`]).
pub(crate) fn local_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}
