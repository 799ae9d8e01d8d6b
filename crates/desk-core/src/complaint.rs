//! Privacy complaints (45 CFR 164.530(d)): what a log entry needs, and where a complaint stands
//! (logged, acknowledged by letter, closed with its outcome).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A complaint entry that cannot stand, naming the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ComplaintError {
    pub field: &'static str,
    pub problem: &'static str,
}

/// Where a complaint stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStage {
    Logged,
    Acknowledged,
    Closed,
}

/// A complaint as the log holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub received_on: NaiveDate,
    pub description: String,
    pub acknowledged_on: Option<NaiveDate>,
    /// The outcome; empty while open.
    pub disposition: String,
}

impl Complaint {
    pub fn stage(&self) -> ComplaintStage {
        if !self.disposition.trim().is_empty() {
            ComplaintStage::Closed
        } else if self.acknowledged_on.is_some() {
            ComplaintStage::Acknowledged
        } else {
            ComplaintStage::Logged
        }
    }
}

/// A new complaint: a description, received no later than today.
pub fn check_new(
    received_on: NaiveDate,
    description: &str,
    today: NaiveDate,
) -> Result<(), ComplaintError> {
    if description.trim().is_empty() {
        return Err(ComplaintError {
            field: "description",
            problem: "describe the complaint",
        });
    }
    if received_on > today {
        return Err(ComplaintError {
            field: "receivedOn",
            problem: "the date received cannot be in the future",
        });
    }
    Ok(())
}

/// Acknowledge on `on`: once, not before it was received, not after it is closed.
pub fn check_acknowledge(c: &Complaint, on: NaiveDate) -> Result<(), ComplaintError> {
    if c.acknowledged_on.is_some() {
        return Err(ComplaintError {
            field: "acknowledgedOn",
            problem: "the complaint is already acknowledged",
        });
    }
    if on < c.received_on {
        return Err(ComplaintError {
            field: "acknowledgedOn",
            problem: "a complaint cannot be acknowledged before it was received",
        });
    }
    Ok(())
}

/// Record the outcome: once, with words.
pub fn check_outcome(c: &Complaint, disposition: &str) -> Result<(), ComplaintError> {
    if c.stage() == ComplaintStage::Closed {
        return Err(ComplaintError {
            field: "disposition",
            problem: "the outcome is already recorded",
        });
    }
    if disposition.trim().is_empty() {
        return Err(ComplaintError {
            field: "disposition",
            problem: "say what was found and done",
        });
    }
    Ok(())
}
