//! The app's commands, by area: each is one delegation to a desk-office operation over the
//! signed-in store (argument mapping only). No rules here.

pub mod associate_accounting;
pub mod associates;
pub mod audit;
pub mod backup;
pub mod decision;
pub mod draft;
pub mod incident;
pub mod letter;
pub mod logbook;
pub mod participant;
pub mod print;
pub mod recovery;
pub mod referral;
pub mod registers;
pub mod report;
pub mod request;
pub mod session;
pub mod settings;
pub mod setup;

/// Where "Save as PDF" puts files: the Documents folder, in a "Records Desk" folder.
pub fn save_dir() -> crate::error::Result<std::path::PathBuf> {
    let base = dirs::document_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
        .ok_or_else(|| crate::error::ApiError::internal("finding the Documents folder"))?;
    Ok(base.join("Records Desk"))
}
