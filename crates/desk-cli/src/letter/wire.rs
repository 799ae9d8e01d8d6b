//! The `letter render` input document exactly as CLI.md fixes it, and its one-step conversion
//! to desk-core values. Every object refuses unknown fields; blank strings, impossible dates,
//! empty ground lists and outcomes of the wrong shape are refused with the field's path.

use chrono::NaiveDate;
use desk_core::decision::{
    AccessDecision, AccessDenial, AccessDenialGround, AccessGrant, Addressee, AmendmentDecision,
    AmendmentDenial, AmendmentDenialGround, AmendmentGrant, Extension, Format, RestrictionAgreed,
    RestrictionDecision, RestrictionDenied,
};
use desk_core::organization::{Official, Organization};
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::Deserialize;

/// A refusal naming the field (`recipient.address[1]`, `outcome.denial.grounds`).
#[derive(Debug)]
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

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = self.message.replace(['\n', '\r'], " ");
        if self.field.is_empty() {
            write!(f, "{message}")
        } else {
            write!(f, "{}: {message}", self.field)
        }
    }
}

/// A string that is not empty or only white space (stored trimmed).
#[derive(Debug, Clone)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(D::Error::custom(
                "is empty (blank strings count as missing)",
            ));
        }
        Ok(Text(s.trim().to_string()))
    }
}

/// An ISO `YYYY-MM-DD` date that exists on the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let shaped = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return Err(D::Error::custom("is not a date in the form YYYY-MM-DD"));
        }
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| D::Error::custom("is not a real calendar date"))
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
// The variants spell the contract's `letter` values (`access_response`, …) through serde.
#[allow(clippy::enum_variant_names)]
pub enum Kind {
    AccessResponse,
    AmendmentResponse,
    RestrictionResponse,
}

/// The whole document. `outcome` is read after `letter`, because its shape depends on it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub letter: Kind,
    pub dated: Date,
    pub organization: OrganizationIn,
    pub recipient: RecipientIn,
    pub received_on: Date,
    pub outcome: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationIn {
    name: Text,
    plan_name: Text,
    department: Text,
    address: Vec<Text>,
    phone: Text,
    fax: Text,
    privacy_official: OfficialIn,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialIn {
    name: Text,
    title: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientIn {
    name: Text,
    address: Vec<Text>,
}

// -- outcomes ------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum AccessOutcome {
    Grant(GrantIn),
    Extension(ExtensionIn),
    Denial(DenialIn<AccessDenialGround>),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum AmendmentOutcome {
    Grant(AmendGrantIn),
    Extension(ExtensionIn),
    Denial(DenialIn<AmendmentDenialGround>),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum RestrictionOutcome {
    Agreed(AgreedIn),
    Denied(DeniedIn),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantIn {
    access: Text,
    format: Format,
    available_on: Date,
    fee_cents: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionIn {
    reason: Text,
    respond_by: Date,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DenialIn<G> {
    grounds: Vec<G>,
    explanation: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AmendGrantIn {
    notify: Vec<NotifyIn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotifyIn {
    name: Text,
    address: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreedIn {
    restriction: Text,
    business_associates: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeniedIn {
    reason: Text,
}

/// The decision for the letter, in desk-core terms.
pub enum Outcome {
    Access(AccessDecision),
    Amendment(AmendmentDecision),
    Restriction(RestrictionDecision),
}

/// Validated input: past this point everything is trusted.
pub struct Request {
    pub dated: NaiveDate,
    pub received_on: NaiveDate,
    pub organization: Organization,
    pub recipient: Addressee,
    pub outcome: Outcome,
}

/// Parses one JSON document, refusing trailing text; errors name the field by its path.
pub fn parse<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, FieldError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = from_de(&mut de, prefix)?;
    de.end()
        .map_err(|e| FieldError::new("input", format!("more than one JSON document: {e}")))?;
    Ok(value)
}

fn from_de<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    de: D,
    prefix: &str,
) -> Result<T, FieldError>
where
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        FieldError::new(
            field_of(prefix, &path, &message),
            crate::redact::serde_message(&message),
        )
    })
}

/// The field an error is about: its path, extended by the field a "missing field `x`" or
/// "unknown field `x`" message names (serde reports those at the enclosing object).
fn field_of(prefix: &str, path: &str, message: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !prefix.is_empty() {
        parts.push(prefix.to_string());
    }
    if path != "?" {
        // An empty or blank key ("" or "  " : …) names nothing: the error is about the object
        // that holds it, or the input itself.
        parts.extend(
            path.split('.')
                .filter(|segment| !segment.trim().is_empty())
                .map(str::to_string),
        );
    }
    let named = ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .find_map(|p| message.strip_prefix(p))
        .and_then(|rest| rest.split('`').next())
        .filter(|name| !name.trim().is_empty());
    let base = parts.join(".");
    // serde reports a missing field at the enclosing object, but an unknown field at its own
    // path: only the first needs the name added.
    if let Some(name) = named {
        if base != name && !base.ends_with(&format!(".{name}")) {
            parts.push(name.to_string());
        }
    }
    let field = parts.join(".").replace(".[", "[");
    if field.is_empty() {
        "input".to_string()
    } else {
        field
    }
}

fn nonempty<T>(items: &[T], field: &str, what: &str) -> Result<(), FieldError> {
    if items.is_empty() {
        Err(FieldError::new(field, format!("needs at least one {what}")))
    } else {
        Ok(())
    }
}

fn texts(v: Vec<Text>) -> Vec<String> {
    v.into_iter().map(|t| t.0).collect()
}

impl Input {
    /// The one step from wire shape to trusted domain values.
    pub fn into_request(self) -> Result<Request, FieldError> {
        let org = self.organization;
        nonempty(&org.address, "organization.address", "address line")?;
        nonempty(&self.recipient.address, "recipient.address", "address line")?;
        let outcome = match self.letter {
            Kind::AccessResponse => Outcome::Access(access(&self.outcome)?),
            Kind::AmendmentResponse => Outcome::Amendment(amendment(&self.outcome)?),
            Kind::RestrictionResponse => Outcome::Restriction(restriction(&self.outcome)?),
        };
        Ok(Request {
            dated: self.dated.0,
            received_on: self.received_on.0,
            organization: Organization {
                name: org.name.0,
                plan_name: org.plan_name.0,
                department: org.department.0,
                address: texts(org.address),
                phone: org.phone.0,
                fax: org.fax.0,
                privacy_official: Official {
                    name: org.privacy_official.name.0,
                    title: org.privacy_official.title.0,
                },
                // Not part of CLI.md's organization: the three letters name the business
                // associates an agreed restriction is told to in the outcome itself.
                business_associates: Vec::new(),
            },
            recipient: Addressee {
                name: self.recipient.name.0,
                address: texts(self.recipient.address),
            },
            outcome,
        })
    }
}

fn outcome_of<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, FieldError> {
    from_de(value, "outcome")
}

fn extension(e: ExtensionIn) -> Extension {
    Extension {
        reason: e.reason.0,
        respond_by: e.respond_by.0,
    }
}

fn access(value: &serde_json::Value) -> Result<AccessDecision, FieldError> {
    Ok(match outcome_of::<AccessOutcome>(value)? {
        AccessOutcome::Grant(g) => AccessDecision::Grant(AccessGrant {
            access: g.access.0,
            format: g.format,
            available_on: g.available_on.0,
            fee_cents: g.fee_cents,
        }),
        AccessOutcome::Extension(e) => AccessDecision::Extension(extension(e)),
        AccessOutcome::Denial(d) => {
            nonempty(&d.grounds, "outcome.denial.grounds", "ground")?;
            AccessDecision::Denial(AccessDenial {
                grounds: dedup(d.grounds),
                explanation: d.explanation.0,
                released: None,
                held_by: None,
                withheld: None,
            })
        }
    })
}

fn amendment(value: &serde_json::Value) -> Result<AmendmentDecision, FieldError> {
    Ok(match outcome_of::<AmendmentOutcome>(value)? {
        AmendmentOutcome::Grant(g) => AmendmentDecision::Grant(AmendmentGrant {
            notify: g
                .notify
                .into_iter()
                .map(|n| Addressee {
                    name: n.name.0,
                    address: texts(n.address),
                })
                .collect(),
        }),
        AmendmentOutcome::Extension(e) => AmendmentDecision::Extension(extension(e)),
        AmendmentOutcome::Denial(d) => {
            nonempty(&d.grounds, "outcome.denial.grounds", "ground")?;
            AmendmentDecision::Denial(AmendmentDenial {
                grounds: dedup(d.grounds),
                explanation: d.explanation.0,
            })
        }
    })
}

fn restriction(value: &serde_json::Value) -> Result<RestrictionDecision, FieldError> {
    Ok(match outcome_of::<RestrictionOutcome>(value)? {
        RestrictionOutcome::Agreed(a) => RestrictionDecision::Agreed(RestrictionAgreed {
            restriction: a.restriction.0,
            business_associates: texts(a.business_associates),
            terms: None,
        }),
        RestrictionOutcome::Denied(d) => {
            RestrictionDecision::Denied(RestrictionDenied { reason: d.reason.0 })
        }
    })
}

/// The same ground twice is stated once.
fn dedup<G: PartialEq + Copy>(grounds: Vec<G>) -> Vec<G> {
    let mut out: Vec<G> = Vec::new();
    for g in grounds {
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}
