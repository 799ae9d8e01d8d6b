//! Authorizations for release of health information: every missing element, expiry, revocation,
//! and whether a proposed disclosure stays inside the authorization's terms (45 CFR 164.508(c)).

use crate::person::EmploymentStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// When the authorization ends, as written on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Expiry {
    /// A calendar date: valid through it, inclusive.
    On(NaiveDate),
    /// A period counted in calendar days from the signature date.
    AfterDays(u32),
    /// "When my employment with the county ends" (the county's own form).
    EmploymentEnds,
    /// Any other described event; open-ended until the event happens.
    Event(String),
}

/// In what capacity the form was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Capacity {
    Individual,
    /// A personal representative must describe their authority; `None` when they did not.
    PersonalRepresentative {
        authority: Option<String>,
    },
}

/// Who signed. A form with no (or a blank) signature has no `Signer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    pub capacity: Capacity,
}

/// The three statements 164.508(c)(2) requires the form to carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statements {
    pub right_to_revoke: bool,
    pub conditioning: bool,
    pub redisclosure: bool,
}

/// The individual's employment status, which an `EmploymentEnds` expiry follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubjectStatus {
    Active,
    /// Employment ended; `None` when the date is not recorded.
    Terminated(Option<NaiveDate>),
    Retiree,
    /// A spouse or child enrolled under an employee's coverage, with no employment of their own.
    Dependent,
}

impl SubjectStatus {
    /// The subject status of a participant: their own employment, or `Dependent` when they
    /// have none (a dependent enrolled under someone else's coverage).
    pub fn of_participant(employment: Option<EmploymentStatus>) -> Self {
        employment.map_or(SubjectStatus::Dependent, SubjectStatus::from)
    }
}

impl From<EmploymentStatus> for SubjectStatus {
    fn from(status: EmploymentStatus) -> Self {
        match status {
            EmploymentStatus::Active => SubjectStatus::Active,
            EmploymentStatus::Terminated { on } => SubjectStatus::Terminated(Some(on)),
            EmploymentStatus::Retiree { .. } => SubjectStatus::Retiree,
        }
    }
}

/// A signed (or not) authorization form as recorded. Text elements are `None` when missing;
/// callers turn blank text into `None` (see [`present`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// The information to be used or disclosed, described specifically.
    pub information: Option<String>,
    /// Who may disclose it.
    pub discloser: Option<String>,
    /// Who may receive it.
    pub recipient: Option<String>,
    /// The purpose, or "at the request of the individual".
    pub purpose: Option<String>,
    pub expires: Option<Expiry>,
    pub signed_on: Option<NaiveDate>,
    pub signer: Option<Signer>,
    pub statements: Statements,
    /// The day the revocation was received and logged.
    pub revoked_on: Option<NaiveDate>,
    pub subject: SubjectStatus,
}

/// A missing element or a reason the authorization no longer works. The order of the variants
/// is the order defects are reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Defect {
    InformationMissing,
    DiscloserMissing,
    RecipientMissing,
    PurposeMissing,
    ExpirationMissing,
    SignatureMissing,
    DateMissing,
    RepresentativeAuthorityMissing,
    RevocationStatementMissing,
    ConditioningStatementMissing,
    RedisclosureStatementMissing,
    Expired,
    Revoked,
}

impl Defect {
    /// The code of CLI.md.
    pub fn code(self) -> &'static str {
        match self {
            Defect::InformationMissing => "information_missing",
            Defect::DiscloserMissing => "discloser_missing",
            Defect::RecipientMissing => "recipient_missing",
            Defect::PurposeMissing => "purpose_missing",
            Defect::ExpirationMissing => "expiration_missing",
            Defect::SignatureMissing => "signature_missing",
            Defect::DateMissing => "date_missing",
            Defect::RepresentativeAuthorityMissing => "representative_authority_missing",
            Defect::RevocationStatementMissing => "revocation_statement_missing",
            Defect::ConditioningStatementMissing => "conditioning_statement_missing",
            Defect::RedisclosureStatementMissing => "redisclosure_statement_missing",
            Defect::Expired => "expired",
            Defect::Revoked => "revoked",
        }
    }

    /// A plain-words explanation for staff.
    pub fn message(self) -> &'static str {
        match self {
            Defect::InformationMissing => {
                "The form does not describe the information to be used or disclosed."
            }
            Defect::DiscloserMissing => "The form does not name who may disclose the information.",
            Defect::RecipientMissing => "The form does not name who may receive the information.",
            Defect::PurposeMissing => {
                "The form does not state the purpose (or \"at the request of the individual\")."
            }
            Defect::ExpirationMissing => {
                "The form has no usable expiration date or event (a retiree's or a dependent's form needs a date or another event)."
            }
            Defect::SignatureMissing => "The form is not signed.",
            Defect::DateMissing => "The form is not dated.",
            Defect::RepresentativeAuthorityMissing => {
                "A personal representative signed without describing their authority."
            }
            Defect::RevocationStatementMissing => {
                "The form does not state the right to revoke it in writing."
            }
            Defect::ConditioningStatementMissing => {
                "The form does not state that treatment, payment, enrollment or eligibility cannot be conditioned on signing."
            }
            Defect::RedisclosureStatementMissing => {
                "The form does not state that disclosed information may be re-disclosed and no longer protected."
            }
            Defect::Expired => "The authorization has expired.",
            Defect::Revoked => "The authorization was revoked.",
        }
    }
}

/// The verdict on an authorization on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Validity {
    /// In reporting order; empty when valid.
    pub defects: Vec<Defect>,
    /// The last day it is valid, when one is known.
    pub expires_on: Option<NaiveDate>,
}

impl Validity {
    pub fn is_valid(&self) -> bool {
        self.defects.is_empty()
    }
}

/// Why an authorization cannot be judged at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorizationError {
    /// The form expires when employment ends, the subject's employment ended, but not when.
    #[error("subject.status_since: needed for a terminated subject when the form expires when employment ends")]
    TerminationDateMissing,
    /// `signed_on` + `after_days` leaves the supported calendar.
    #[error("expires.after_days: the expiry date falls outside the supported calendar")]
    ExpiryOutOfRange,
}

impl AuthorizationError {
    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            AuthorizationError::TerminationDateMissing => "subject.status_since",
            AuthorizationError::ExpiryOutOfRange => "expires.after_days",
        }
    }
}

/// `Some(trimmed text)` unless the text is empty or only white space.
pub fn present(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The expiry in words, for the printed form and the checklist's expiry line; `None` when the
/// form gives nothing to say (a blank event). A period after signature counts the day signed
/// as day 0, so it says so with the day it ends: "30 days after the date signed, on July 1,
/// 2025" (or, unsigned yet, "on the 30th day after the day it is signed").
pub fn expiry_words(expires: &Expiry, signed_on: Option<NaiveDate>) -> Option<String> {
    match expires {
        Expiry::AfterDays(days) => {
            let period = match days {
                1 => "1 day".to_owned(),
                n => format!("{n} days"),
            };
            let on = match signed_on
                .and_then(|s| s.checked_add_days(chrono::Days::new(u64::from(*days))))
            {
                Some(end) => crate::words::long_date(end),
                None => format!("the {} day after the day it is signed", ordinal(*days)),
            };
            Some(format!("{period} after the date signed, on {on}"))
        }
        Expiry::On(date) => Some(format!("on {}", crate::words::long_date(*date))),
        Expiry::EmploymentEnds => Some("when employment with the County ends".to_owned()),
        Expiry::Event(text) => present(Some(text)).map(|t| format!("when {t}")),
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, …
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What an expiry means for this subject: the last valid day, open-ended, or missing.
enum End {
    On(NaiveDate),
    Open,
    Missing,
}

fn end_of(auth: &Authorization) -> Result<End, AuthorizationError> {
    Ok(match &auth.expires {
        None => End::Missing,
        Some(Expiry::On(date)) => End::On(*date),
        Some(Expiry::AfterDays(days)) => match auth.signed_on {
            // Reported as `date_missing`; the end cannot be known.
            None => End::Open,
            Some(signed) => End::On(
                signed
                    .checked_add_days(chrono::Days::new(u64::from(*days)))
                    .ok_or(AuthorizationError::ExpiryOutOfRange)?,
            ),
        },
        Some(Expiry::EmploymentEnds) => match auth.subject {
            SubjectStatus::Active => End::Open,
            SubjectStatus::Terminated(Some(on)) => End::On(on),
            SubjectStatus::Terminated(None) => {
                return Err(AuthorizationError::TerminationDateMissing)
            }
            // A retiree's employment has already ended, and a dependent has none of their own:
            // the form needs a date or another event.
            SubjectStatus::Retiree | SubjectStatus::Dependent => End::Missing,
        },
        Some(Expiry::Event(text)) => {
            if text.trim().is_empty() {
                End::Missing
            } else {
                End::Open
            }
        }
    })
}

/// Is the authorization valid on `as_of`? Lists every defect, in the order of [`Defect`].
pub fn validate(auth: &Authorization, as_of: NaiveDate) -> Result<Validity, AuthorizationError> {
    let blank = |t: &Option<String>| present(t.as_deref()).is_none();
    let end = end_of(auth)?;
    let mut defects = Vec::new();
    let mut flag = |missing: bool, defect: Defect| {
        if missing {
            defects.push(defect);
        }
    };
    flag(blank(&auth.information), Defect::InformationMissing);
    flag(blank(&auth.discloser), Defect::DiscloserMissing);
    flag(blank(&auth.recipient), Defect::RecipientMissing);
    flag(blank(&auth.purpose), Defect::PurposeMissing);
    flag(matches!(end, End::Missing), Defect::ExpirationMissing);
    let signer = auth.signer.as_ref().filter(|s| !s.name.trim().is_empty());
    flag(signer.is_none(), Defect::SignatureMissing);
    flag(auth.signed_on.is_none(), Defect::DateMissing);
    // A representative who left their authority blank is named even when the name is blank too.
    let authority_missing = matches!(
        auth.signer.as_ref().map(|s| &s.capacity),
        Some(Capacity::PersonalRepresentative { authority }) if blank(authority)
    );
    flag(authority_missing, Defect::RepresentativeAuthorityMissing);
    flag(
        !auth.statements.right_to_revoke,
        Defect::RevocationStatementMissing,
    );
    flag(
        !auth.statements.conditioning,
        Defect::ConditioningStatementMissing,
    );
    flag(
        !auth.statements.redisclosure,
        Defect::RedisclosureStatementMissing,
    );
    let expires_on = match end {
        End::On(date) => Some(date),
        End::Open | End::Missing => None,
    };
    flag(expires_on.is_some_and(|e| as_of > e), Defect::Expired);
    flag(auth.revoked_on.is_some_and(|r| r <= as_of), Defect::Revoked);
    Ok(Validity {
        defects,
        expires_on,
    })
}

/// A disclosure someone proposes to make under an authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedDisclosure {
    pub recipient: String,
    /// The information to be sent, as described on the disclosure.
    pub information: String,
    pub purpose: String,
    pub on: NaiveDate,
    /// Staff confirmed that the information disclosed falls within the authorization's
    /// description, having read it quoted beside the field. Needed unless the two are the same
    /// words, and always for a description with an exception ("except", "excluding", "other
    /// than"): a part of a description's text is not necessarily inside it ("mental health
    /// records" is part of "all records except mental health records").
    #[serde(default)]
    pub information_confirmed: bool,
}

/// Words that carve an exception out of a description: a disclosure under such a form is
/// always confirmed by the person recording it.
const EXCEPTIONS: [&str; 3] = ["except", "excluding", "other than"];

/// Does the description carve out an exception ("all records except …")?
pub fn has_exception(description: &str) -> bool {
    let text = normalized(description);
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    EXCEPTIONS
        .iter()
        .any(|e| joined.contains(&format!(" {e} ")))
}

/// Must staff confirm that `information` falls within the form's description? Unless it is
/// the description itself (the same words) with no exception in it.
pub fn needs_confirmation(description: &str, information: &str) -> bool {
    has_exception(description) || normalized(description) != normalized(information)
}

/// Why a proposed disclosure falls outside the authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Overreach {
    /// The authorization itself is defective on the disclosure date.
    Invalid(Defect),
    /// The disclosure would go to someone the form does not name.
    RecipientNotNamed,
    /// Nobody confirmed that the information is within the form's description (see
    /// [`ProposedDisclosure::information_confirmed`]).
    InformationNotDescribed,
    /// The purpose differs from the form's.
    PurposeDiffers,
    /// The disclosure predates the signature.
    BeforeSigned,
}

/// Lower-case, single-spaced text, for comparing what staff typed with what the form says.
pub fn normalized(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `proposed` stay inside the authorization's terms? An empty list means it does.
///
/// The recipient must be the one named (compared ignoring case and spacing); the information
/// must be the form's description itself, or confirmed by staff to fall within it
/// ([`needs_confirmation`]); the purpose must match unless the form says "at the request of the
/// individual"; the form must be valid on the disclosure date.
pub fn overreach(
    auth: &Authorization,
    proposed: &ProposedDisclosure,
) -> Result<Vec<Overreach>, AuthorizationError> {
    let validity = validate(auth, proposed.on)?;
    let mut found: Vec<Overreach> = validity
        .defects
        .into_iter()
        .map(Overreach::Invalid)
        .collect();
    let named = |form: &Option<String>, wanted: &str| {
        let wanted = normalized(wanted);
        match present(form.as_deref()) {
            None => false,
            Some(form) => !wanted.is_empty() && normalized(&form) == wanted,
        }
    };
    if !named(&auth.recipient, &proposed.recipient) {
        found.push(Overreach::RecipientNotNamed);
    }
    let described = match present(auth.information.as_deref()) {
        Some(form) => {
            !normalized(&proposed.information).is_empty()
                && (proposed.information_confirmed
                    || !needs_confirmation(&form, &proposed.information))
        }
        None => false,
    };
    if !described {
        found.push(Overreach::InformationNotDescribed);
    }
    let at_request = auth
        .purpose
        .as_deref()
        .is_some_and(|p| normalized(p) == "at the request of the individual");
    if !at_request && !named(&auth.purpose, &proposed.purpose) {
        found.push(Overreach::PurposeDiffers);
    }
    if auth.signed_on.is_some_and(|s| proposed.on < s) {
        found.push(Overreach::BeforeSigned);
    }
    Ok(found)
}

impl Overreach {
    /// The field of the disclosure form the reason is about: `recipient`, `informationConfirmed`
    /// (the information, confirmed within the description), `purpose`, `disclosedOn` (expired, revoked, before signature) or
    /// `authorizationId` (the form itself is defective).
    pub fn field(&self) -> &'static str {
        match self {
            Overreach::RecipientNotNamed => "recipient",
            Overreach::InformationNotDescribed => "informationConfirmed",
            Overreach::PurposeDiffers => "purpose",
            Overreach::BeforeSigned
            | Overreach::Invalid(Defect::Expired)
            | Overreach::Invalid(Defect::Revoked) => "disclosedOn",
            Overreach::Invalid(_) => "authorizationId",
        }
    }

    /// Plain words for staff, naming what is outside the authorization (no names or dates).
    pub fn message(&self) -> &'static str {
        match self {
            Overreach::RecipientNotNamed => {
                "The authorization does not name this recipient: the disclosure is outside it."
            }
            Overreach::InformationNotDescribed => {
                "Confirm that the information disclosed falls within the authorization's description, quoted beside the field: otherwise the disclosure is outside it."
            }
            Overreach::PurposeDiffers => {
                "The authorization states another purpose: the disclosure is outside it."
            }
            Overreach::BeforeSigned => "The disclosure date is before the authorization was signed.",
            Overreach::Invalid(Defect::Expired) => {
                "The authorization had expired by the disclosure date."
            }
            Overreach::Invalid(Defect::Revoked) => {
                "The authorization was revoked on or before the disclosure date (a revocation counts from the day it was received and logged)."
            }
            Overreach::Invalid(defect) => defect.message(),
        }
    }
}

/// The first reason a disclosure under `auth` must be refused, if any (see [`overreach`]):
/// the authorization's own defects first, then recipient, information, purpose, dates.
pub fn refusal(
    auth: &Authorization,
    proposed: &ProposedDisclosure,
) -> Result<Option<Overreach>, AuthorizationError> {
    Ok(overreach(auth, proposed)?.into_iter().next())
}
