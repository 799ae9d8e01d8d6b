//! Wire types of `records-desk check …` (CLI.md) and their one validating step into desk-core
//! values. Past `into_domain`, nothing re-checks the input.
//!
//! Where CLI.md leaves room, these readings hold (each is tested in `tests/cli/check.rs`):
//! - Every object refuses unknown fields. Fields the contract allows to be `null` may also be
//!   left out (same meaning); `as_of`, `received_on`, `requested_on`, `right`, `pages`,
//!   `signer.capacity`, `subject.status` (when `subject` is given), and each disclosure's `id`,
//!   `on`, `basis` and each suspension's `from`, `to` are required.
//! - `statements` left out or `null`, or any of its three keys left out or `null`, is that
//!   statement missing (`*_statement_missing`), as a missing text element is; a value that is
//!   not a boolean is unusable.
//! - `subject` may be left out or `null`: it only matters for an `employment_ends` expiry, and
//!   with that expiry and no subject the input is unusable (naming `subject`).
//! - Dates are strictly `YYYY-MM-DD` and must exist; a blank date string means "no date"
//!   (`date_missing` for `signed_on`, unusable for a required date).
//! - `expires`: `{}`, `{"on": null}` or a blank event is `expiration_missing`; two kinds at once,
//!   a negative or fractional `after_days` are unusable. `{"event": "employment_ends"}` for a
//!   `terminated` subject without `status_since` is unusable (the end date cannot be known).
//! - A signer with a blank name is `signature_missing`; a personal representative's blank
//!   `authority` is `representative_authority_missing` either way.
//! - `pages` must be a whole number ≥ 0; disclosure ids must be non-blank and distinct; a
//!   disclosure's recipient may be blank (unknown) and then matches no suspension; suspension
//!   recipients are matched ignoring case and surrounding white space (revision 2), and hold
//!   back only `health_oversight` and `law_enforcement` disclosures.
//! - Revision 2's unusable inputs: a negative `after_days` (naming `expires.after_days`), and an
//!   `extension_noticed_on` before `received_on` (desk-core's clock refuses it, naming
//!   `extension_noticed_on`).

use chrono::NaiveDate;
use desk_core::accounting::{AccountingRequest, Period, Suspension};
use desk_core::authorization::{
    present, Authorization, Capacity, Expiry, Signer, Statements, SubjectStatus,
};
use desk_core::clock::Right;
use desk_core::disclosure::{Basis, Disclosure};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Input that cannot be used, and the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// A `YYYY-MM-DD` date as written; `None` when the string is empty or white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(Option<NaiveDate>);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_date(&text)
            .map(Date)
            .map_err(serde::de::Error::custom)
    }
}

/// Strict ISO calendar date: four-digit year, two-digit month and day, a day that exists.
fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let b = t.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err("is not a date in YYYY-MM-DD form".to_owned());
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().unwrap_or(0);
    let year = i32::try_from(num(0..4)).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
        .map(Some)
        .ok_or_else(|| "is not a real calendar date".to_owned())
}

fn required(date: Date, field: &str) -> Result<NaiveDate, FieldError> {
    date.0
        .ok_or_else(|| FieldError::new(field, "missing (an empty date)"))
}

fn optional(date: Option<Date>) -> Option<NaiveDate> {
    date.and_then(|d| d.0)
}

fn text(value: &Option<String>) -> Option<String> {
    present(value.as_deref())
}

// ---------------------------------------------------------------------------------------------
// check authorization
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationIn {
    as_of: Date,
    information: Option<String>,
    discloser: Option<String>,
    recipient: Option<String>,
    purpose: Option<String>,
    expires: Option<ExpiresIn>,
    signed_on: Option<Date>,
    signer: Option<SignerIn>,
    statements: Option<StatementsIn>,
    revoked_on: Option<Date>,
    subject: Option<SubjectIn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpiresIn {
    on: Option<Date>,
    after_days: Option<i64>,
    event: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignerIn {
    name: Option<String>,
    capacity: CapacityIn,
    authority: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum CapacityIn {
    Individual,
    PersonalRepresentative,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementsIn {
    right_to_revoke: Option<bool>,
    conditioning: Option<bool>,
    redisclosure: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectIn {
    status: StatusIn,
    status_since: Option<Date>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusIn {
    Active,
    Terminated,
    Retiree,
    Dependent,
}

/// The event text the county's form uses for "when my employment with the county ends".
const EMPLOYMENT_ENDS: &str = "employment_ends";

impl ExpiresIn {
    /// `None` when no usable expiry is written (`expiration_missing`).
    fn into_domain(self) -> Result<Option<Expiry>, FieldError> {
        let on = optional(self.on);
        let event = text(&self.event);
        let given = usize::from(on.is_some())
            + usize::from(self.after_days.is_some())
            + usize::from(event.is_some());
        if given > 1 {
            return Err(FieldError::new(
                "expires",
                "give only one of `on`, `after_days` or `event`",
            ));
        }
        if let Some(days) = self.after_days {
            let days = u32::try_from(days).map_err(|_| {
                FieldError::new(
                    "expires.after_days",
                    format!("{days} is not a number of days from 0 to {}", u32::MAX),
                )
            })?;
            return Ok(Some(Expiry::AfterDays(days)));
        }
        Ok(match (on, event) {
            (Some(date), _) => Some(Expiry::On(date)),
            (None, Some(event)) if event == EMPLOYMENT_ENDS => Some(Expiry::EmploymentEnds),
            (None, Some(event)) => Some(Expiry::Event(event)),
            (None, None) => None,
        })
    }
}

impl AuthorizationIn {
    /// The domain authorization and the day to judge it on.
    pub fn into_domain(self) -> Result<(Authorization, NaiveDate), FieldError> {
        let as_of = required(self.as_of, "as_of")?;
        let expires = match self.expires {
            None => None,
            Some(e) => e.into_domain()?,
        };
        let subject = match self.subject {
            Some(subject) => match (subject.status, optional(subject.status_since)) {
                (StatusIn::Active, _) => SubjectStatus::Active,
                (StatusIn::Terminated, since) => SubjectStatus::Terminated(since),
                (StatusIn::Retiree, _) => SubjectStatus::Retiree,
                (StatusIn::Dependent, _) => SubjectStatus::Dependent,
            },
            None if expires == Some(Expiry::EmploymentEnds) => {
                return Err(FieldError::new(
                    "subject",
                    "missing: needed when the form expires when employment ends",
                ))
            }
            // No other expiry looks at the subject's employment.
            None => SubjectStatus::Active,
        };
        let statements = self.statements.unwrap_or(StatementsIn {
            right_to_revoke: None,
            conditioning: None,
            redisclosure: None,
        });
        let signer = self.signer.map(|s| {
            // A blank name stays blank: desk-core reports it as `signature_missing`.
            let name = text(&s.name).unwrap_or_default();
            let capacity = match s.capacity {
                CapacityIn::Individual => Capacity::Individual,
                CapacityIn::PersonalRepresentative => Capacity::PersonalRepresentative {
                    authority: text(&s.authority),
                },
            };
            Signer { name, capacity }
        });
        let auth = Authorization {
            information: text(&self.information),
            discloser: text(&self.discloser),
            recipient: text(&self.recipient),
            purpose: text(&self.purpose),
            expires,
            signed_on: optional(self.signed_on),
            signer,
            // A statement left out or `null` is not on the form.
            statements: Statements {
                right_to_revoke: statements.right_to_revoke.unwrap_or(false),
                conditioning: statements.conditioning.unwrap_or(false),
                redisclosure: statements.redisclosure.unwrap_or(false),
            },
            revoked_on: optional(self.revoked_on),
            subject,
        };
        Ok((auth, as_of))
    }
}

// ---------------------------------------------------------------------------------------------
// check deadline
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineIn {
    right: Right,
    received_on: Date,
    extension_noticed_on: Option<Date>,
    as_of: Date,
}

/// A validated deadline question.
pub struct DeadlineQuestion {
    pub right: Right,
    pub received_on: NaiveDate,
    pub extension_noticed_on: Option<NaiveDate>,
    pub as_of: NaiveDate,
}

impl DeadlineIn {
    pub fn into_domain(self) -> Result<DeadlineQuestion, FieldError> {
        Ok(DeadlineQuestion {
            right: self.right,
            received_on: required(self.received_on, "received_on")?,
            extension_noticed_on: optional(self.extension_noticed_on),
            as_of: required(self.as_of, "as_of")?,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// check accounting
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountingIn {
    requested_on: Date,
    period: Option<PeriodIn>,
    previous_accounting_on: Option<Date>,
    pages: i64,
    #[serde(default)]
    disclosures: Vec<DisclosureIn>,
    #[serde(default)]
    suspensions: Vec<SuspensionIn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodIn {
    from: Option<Date>,
    to: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DisclosureIn {
    id: String,
    on: Date,
    recipient: Option<String>,
    description: Option<String>,
    purpose: Option<String>,
    basis: Basis,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuspensionIn {
    recipient: Option<String>,
    from: Date,
    to: Date,
}

/// A validated accounting question.
pub struct AccountingQuestion {
    pub request: AccountingRequest,
    pub disclosures: Vec<Disclosure>,
    pub suspensions: Vec<Suspension>,
}

impl AccountingIn {
    pub fn into_domain(self) -> Result<AccountingQuestion, FieldError> {
        let requested_on = required(self.requested_on, "requested_on")?;
        let pages = u64::try_from(self.pages)
            .map_err(|_| FieldError::new("pages", format!("{} is negative", self.pages)))?;
        let period = self
            .period
            .map(|p| Period {
                from: optional(p.from),
                to: optional(p.to),
            })
            .unwrap_or_default();
        let mut disclosures: Vec<Disclosure> = Vec::with_capacity(self.disclosures.len());
        for (i, d) in self.disclosures.into_iter().enumerate() {
            let at = |name: &str| format!("disclosures[{i}].{name}");
            let id = text(&Some(d.id)).ok_or_else(|| FieldError::new(at("id"), "missing"))?;
            if disclosures.iter().any(|seen| seen.id == id) {
                return Err(FieldError::new(
                    at("id"),
                    format!("`{id}` is used by an earlier disclosure"),
                ));
            }
            disclosures.push(Disclosure {
                id,
                on: required(d.on, &at("on"))?,
                recipient: text(&d.recipient).unwrap_or_default(),
                recipient_address: String::new(),
                description: text(&d.description).unwrap_or_default(),
                purpose: text(&d.purpose).unwrap_or_default(),
                basis: d.basis,
                // The contract carries no copy of a written request.
                written_request_copy: false,
                by_associate: None,
            });
        }
        let mut suspensions = Vec::with_capacity(self.suspensions.len());
        for (i, s) in self.suspensions.into_iter().enumerate() {
            let at = |name: &str| format!("suspensions[{i}].{name}");
            suspensions.push(Suspension {
                recipient: text(&s.recipient)
                    .ok_or_else(|| FieldError::new(at("recipient"), "missing"))?,
                from: required(s.from, &at("from"))?,
                to: required(s.to, &at("to"))?,
            });
        }
        Ok(AccountingQuestion {
            request: AccountingRequest {
                requested_on,
                period,
                previous_accounting_on: optional(self.previous_accounting_on),
                pages,
            },
            disclosures,
            suspensions,
        })
    }
}
