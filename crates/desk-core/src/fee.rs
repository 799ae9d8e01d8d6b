//! Fees for copies under the right of access (45 CFR 164.524(c)(4)): reasonable and cost-based,
//! only for copying labour, supplies, postage and an agreed summary; never search, retrieval or
//! verification. The estimate is what the letter tells the person in advance.

use serde::{Deserialize, Serialize};

/// The most a flat fee may be: $6.50, for electronic copies of electronic records only.
pub const FLAT_FEE_LIMIT_CENTS: u64 = 650;

/// What a charge is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cost {
    /// Labour for copying (or converting, for electronic copies).
    CopyingLabour,
    /// Paper, toner, or electronic media (CD, USB drive).
    Supplies,
    Postage,
    /// Preparing a summary or explanation, only when the person agreed to it and its fee.
    Summary,
    /// Never chargeable.
    Search,
    /// Never chargeable.
    Retrieval,
    /// Never chargeable.
    Verification,
}

impl Cost {
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::CopyingLabour => "copying_labour",
            Cost::Supplies => "supplies",
            Cost::Postage => "postage",
            Cost::Summary => "summary",
            Cost::Search => "search",
            Cost::Retrieval => "retrieval",
            Cost::Verification => "verification",
        }
    }

    /// May this cost be passed on to the person at all?
    pub fn is_chargeable(self) -> bool {
        matches!(
            self,
            Cost::CopyingLabour | Cost::Supplies | Cost::Postage | Cost::Summary
        )
    }
}

/// One line of a fee: what for, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub cost: Cost,
    pub cents: u64,
}

/// A posted average-cost schedule: a rate per page (paper) or per copy (electronic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Labour and supplies per page of a paper copy.
    pub per_page_cents: u64,
    /// Labour and media for one electronic copy.
    pub per_electronic_copy_cents: u64,
}

/// The form of the copy and of the records it is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    Paper,
    Electronic,
}

/// How the plan prices the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// The actual cost, line by line.
    ActualCost { lines: Vec<FeeLine> },
    /// The posted schedule, applied to `pages` (paper) or one electronic copy.
    AverageCost { schedule: Schedule, pages: u64 },
    /// One flat fee, at most $6.50, for electronic copies of electronic records.
    Flat { cents: u64 },
}

/// Everything needed to price a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeRequest {
    pub method: Method,
    /// The copy the person asked for.
    pub copy: Format,
    /// The form the records are kept in.
    pub records: Format,
    /// Postage, when the copy is mailed.
    pub postage_cents: u64,
    /// The fee for a summary the person agreed to, if any.
    pub agreed_summary_cents: Option<u64>,
}

/// The estimate the letter states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeEstimate {
    pub lines: Vec<FeeLine>,
    pub total_cents: u64,
}

/// Why a fee cannot be charged as proposed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeeError {
    #[error("method.lines: {} cannot be charged for a copy (only copying labour, supplies, postage and an agreed summary)", cost.as_str())]
    NotChargeable { cost: Cost },
    #[error("method.lines: a summary is charged only when the person agreed to it (use agreed_summary_cents)")]
    SummaryNotAgreed,
    #[error("method.cents: a flat fee may be at most 650 cents, not {cents}")]
    FlatFeeTooHigh { cents: u64 },
    #[error("copy: a flat fee is only for electronic copies of electronic records")]
    FlatFeeNotElectronic,
    #[error("{field}: the fee is more than can be counted")]
    Overflow { field: &'static str },
}

impl FeeError {
    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            FeeError::NotChargeable { .. } | FeeError::SummaryNotAgreed => "method.lines",
            FeeError::FlatFeeTooHigh { .. } => "method.cents",
            FeeError::FlatFeeNotElectronic => "copy",
            FeeError::Overflow { field } => field,
        }
    }
}

fn add(total: u64, cents: u64, field: &'static str) -> Result<u64, FeeError> {
    total.checked_add(cents).ok_or(FeeError::Overflow { field })
}

/// Prices a copy, refusing anything the rule does not allow.
pub fn estimate(request: &FeeRequest) -> Result<FeeEstimate, FeeError> {
    let mut lines = Vec::new();
    match &request.method {
        Method::ActualCost { lines: given } => {
            for line in given {
                if !line.cost.is_chargeable() {
                    return Err(FeeError::NotChargeable { cost: line.cost });
                }
                if line.cost == Cost::Summary {
                    return Err(FeeError::SummaryNotAgreed);
                }
                lines.push(*line);
            }
        }
        Method::AverageCost { schedule, pages } => {
            let cents = match request.copy {
                Format::Paper => {
                    schedule
                        .per_page_cents
                        .checked_mul(*pages)
                        .ok_or(FeeError::Overflow {
                            field: "method.pages",
                        })?
                }
                Format::Electronic => schedule.per_electronic_copy_cents,
            };
            lines.push(FeeLine {
                cost: Cost::CopyingLabour,
                cents,
            });
        }
        Method::Flat { cents } => {
            if request.copy != Format::Electronic || request.records != Format::Electronic {
                return Err(FeeError::FlatFeeNotElectronic);
            }
            if *cents > FLAT_FEE_LIMIT_CENTS {
                return Err(FeeError::FlatFeeTooHigh { cents: *cents });
            }
            // The flat fee covers everything, postage included.
            let total_cents = *cents;
            return Ok(FeeEstimate {
                lines: vec![FeeLine {
                    cost: Cost::CopyingLabour,
                    cents: *cents,
                }],
                total_cents,
            });
        }
    }
    if request.postage_cents > 0 {
        lines.push(FeeLine {
            cost: Cost::Postage,
            cents: request.postage_cents,
        });
    }
    if let Some(cents) = request.agreed_summary_cents {
        lines.push(FeeLine {
            cost: Cost::Summary,
            cents,
        });
    }
    let mut total_cents = 0;
    for line in &lines {
        total_cents = add(total_cents, line.cents, "method")?;
    }
    Ok(FeeEstimate { lines, total_cents })
}

impl From<crate::decision::Format> for Format {
    /// The copy a grant gives, as the fee rule prices it.
    fn from(f: crate::decision::Format) -> Self {
        match f {
            crate::decision::Format::Paper => Format::Paper,
            crate::decision::Format::Electronic => Format::Electronic,
        }
    }
}
