//! Agreed restrictions on uses and disclosures (45 CFR 164.522(a)): the questionnaire's terms,
//! when a restriction is in force, ending it (for the future only), and the warning — with the
//! restriction quoted — when a proposed disclosure would conflict with one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::authorization::{normalized, ProposedDisclosure};
use crate::disclosure::Basis;

/// The answers to the restriction request form's questions 1–3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictionTerms {
    /// 1) the information to be restricted.
    pub information: String,
    /// 2) how its use and disclosure is to be restricted.
    #[serde(default)]
    pub manner: String,
    /// 3) people or organizations it must not be disclosed to.
    #[serde(default)]
    pub not_disclosed_to: Vec<String>,
}

/// A questionnaire answer that cannot stand, naming the form field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct TermsError {
    pub field: &'static str,
    pub problem: &'static str,
}

impl RestrictionTerms {
    /// Question 1 must be answered, and at least one of questions 2 and 3: a restriction that
    /// is not specifically listed is not effective.
    pub fn validate(&self) -> Result<(), TermsError> {
        if self.information.trim().is_empty() {
            return Err(TermsError {
                field: "information",
                problem: "say which information is to be restricted",
            });
        }
        if self.manner.trim().is_empty() && self.recipients().next().is_none() {
            return Err(TermsError {
                field: "manner",
                problem: "say how it is restricted, or who must not receive it",
            });
        }
        Ok(())
    }

    fn recipients(&self) -> impl Iterator<Item = &str> {
        self.not_disclosed_to
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("n/a"))
    }

    /// The restriction in one sentence, as the letters quote it.
    pub fn wording(&self) -> String {
        let mut s = self.information.trim().trim_end_matches('.').to_string();
        let manner = self.manner.trim().trim_end_matches('.');
        if !manner.is_empty() && !manner.eq_ignore_ascii_case("n/a") {
            s.push_str(": ");
            s.push_str(manner);
        }
        let to: Vec<&str> = self.recipients().collect();
        if !to.is_empty() {
            s.push_str("; not to be disclosed to ");
            s.push_str(&to.join(", "));
        }
        s.push('.');
        s
    }
}

/// Who ended a restriction: the individual, or the plan (which must tell the individual).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    Individual,
    Plan,
}

/// An agreed restriction as the log holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedRestriction {
    pub id: i64,
    /// The restriction as agreed and quoted in the letter.
    pub wording: String,
    /// The questionnaire answers, when recorded.
    pub terms: Option<RestrictionTerms>,
    pub agreed_on: NaiveDate,
    /// From this date on the restriction no longer binds new uses and disclosures.
    pub ended_on: Option<NaiveDate>,
    pub ended_by: Option<EndedBy>,
}

impl AgreedRestriction {
    /// In force on `on`: agreed on or before it and not yet ended.
    pub fn in_force_on(&self, on: NaiveDate) -> bool {
        self.agreed_on <= on && self.ended_on.is_none_or(|end| on < end)
    }
}

/// Why a restriction cannot be ended as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndError {
    #[error("the restriction has already ended")]
    AlreadyEnded,
    /// Termination is effective for the future only.
    #[error("a restriction can only be ended from today on, never back-dated")]
    Retroactive,
    #[error("the end date is before the restriction was agreed")]
    BeforeAgreement,
}

/// The date a restriction ends when ended on `ended_on`, asked `today`: never in the past
/// (termination is effective only for future uses and disclosures).
pub fn end(
    r: &AgreedRestriction,
    ended_on: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, EndError> {
    if r.ended_on.is_some() {
        return Err(EndError::AlreadyEnded);
    }
    if ended_on < r.agreed_on {
        return Err(EndError::BeforeAgreement);
    }
    if ended_on < today {
        return Err(EndError::Retroactive);
    }
    Ok(ended_on)
}

/// A warning shown before a disclosure is recorded, quoting the restriction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictWarning {
    pub restriction_id: i64,
    /// The restriction as agreed, in quotation marks.
    pub quoted: String,
    /// Why the disclosure conflicts, in plain words.
    pub message: String,
}

/// Words too common to show that two descriptions speak of the same information.
const COMMON: [&str; 26] = [
    "about",
    "all",
    "and",
    "any",
    "are",
    "claim",
    "claims",
    "for",
    "from",
    "health",
    "her",
    "his",
    "information",
    "medical",
    "not",
    "other",
    "records",
    "record",
    "the",
    "their",
    "them",
    "this",
    "with",
    "use",
    "disclosed",
    "restricted",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// One of the named recipients is the proposed one (ignoring case and spacing; a name inside
/// the other, "Acme" in "Acme Claims Services", counts).
fn same_recipient(named: &str, proposed: &str) -> bool {
    let (a, b) = (normalized(named), normalized(proposed));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// The agreed restrictions a proposed disclosure (on the given basis) would conflict with.
///
/// - Disclosures a restriction never binds raise no warning: to the individual, and every
///   disclosure permitted by 164.512 — required by law (a disclosure to the Secretary among
///   them), judicial, law enforcement, public health, oversight, … (164.522(a)(1)(v)); a
///   restriction does not stop emergency treatment, so a disclosure for treatment still warns,
///   saying the exception is for emergencies only.
/// - A restriction that names recipients (question 3) conflicts when the proposed recipient is
///   one of them; one that names none conflicts when the information described shares words
///   with the restricted information (question 1, or the wording).
/// - A restriction counts when in force on the disclosure date; one the plan ended still
///   covers what was created or received before the end, so it warns on that.
pub fn conflicts(
    restrictions: &[AgreedRestriction],
    proposed: &ProposedDisclosure,
    basis: Basis,
) -> Vec<ConflictWarning> {
    if basis == Basis::ToIndividual || basis.is_under_164_512() {
        return Vec::new();
    }
    let proposed_words = words(&proposed.information);
    let mut out = Vec::new();
    for r in restrictions {
        let ended_by_plan =
            r.ended_by == Some(EndedBy::Plan) && r.ended_on.is_some_and(|e| proposed.on >= e);
        if !(r.in_force_on(proposed.on) || ended_by_plan && r.agreed_on <= proposed.on) {
            continue;
        }
        let named: Vec<&str> = r
            .terms
            .as_ref()
            .map(|t| t.recipients().collect())
            .unwrap_or_default();
        let hit = if named.is_empty() {
            let restricted = r
                .terms
                .as_ref()
                .map_or(r.wording.as_str(), |t| t.information.as_str());
            let restricted = words(restricted);
            proposed_words.iter().find(|w| restricted.contains(w)).map(|w| {
                format!("The information described (\u{201c}{w}\u{201d}) is covered by an agreed restriction.")
            })
        } else {
            named
                .iter()
                .find(|n| same_recipient(n, &proposed.recipient))
                .map(|n| {
                    format!("The restriction says the information must not be disclosed to {n}.")
                })
        };
        let Some(mut message) = hit else { continue };
        if ended_by_plan {
            message.push_str(" The plan ended this restriction; information created or received before the end stays covered by it.");
        }
        if basis == Basis::Treatment {
            message.push_str(
                " Only emergency treatment is exempt: then ask the provider not to pass it on.",
            );
        }
        out.push(ConflictWarning {
            restriction_id: r.id,
            quoted: format!("\u{201c}{}\u{201d}", r.wording.trim()),
            message,
        });
    }
    out
}
