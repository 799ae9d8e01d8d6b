//! Recording a disclosure in the logbook (registers-b's minimal version, for the restriction
//! conflict warning; the integrator reconciles it with the logbook branch's `record_disclosure`).

use chrono::{NaiveDate, Utc};
use desk_core::disclosure::Basis;

use crate::error::{FieldError, Result};
use crate::sql::{date, enum_str, ts};
use crate::{audit, Store};

/// A disclosure as staff enter it.
#[derive(Debug, Clone)]
pub struct NewDisclosure {
    pub participant_id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    pub basis: Basis,
}

impl Store {
    /// Log a disclosure (fields `recipient`, `description`, `purpose`, `disclosedOn`). Returns
    /// its id.
    pub fn record_disclosure(&mut self, new: &NewDisclosure) -> Result<i64> {
        for (field, text) in [
            ("recipient", &new.recipient),
            ("description", &new.description),
            ("purpose", &new.purpose),
        ] {
            if text.trim().is_empty() {
                return Err(FieldError::new(field, "is required").into());
            }
        }
        let now = Utc::now();
        if new.disclosed_on > chrono::Local::now().date_naive() {
            return Err(FieldError::new("disclosedOn", "cannot be in the future").into());
        }
        self.write(|tx, me| {
            tx.execute(
                "INSERT INTO disclosures (participant_id, disclosed_on, recipient,
                     recipient_address, description, purpose, basis, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    new.participant_id,
                    date(new.disclosed_on),
                    new.recipient.trim(),
                    new.recipient_address.trim(),
                    new.description.trim(),
                    new.purpose.trim(),
                    enum_str(&new.basis)?,
                    ts(now),
                    me,
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit::append(tx, now, me, "disclosure.record", "disclosure", Some(id))?;
            Ok(id)
        })
    }
}
