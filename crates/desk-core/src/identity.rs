//! Identity and authority verification of whoever asks for health information (county
//! procedure §8; 45 CFR 164.514(h)): what each requester must show on each channel, what is
//! still missing, and when the Privacy Official or the County Attorney must step in.

use crate::person::{is_minor, Channel, RequesterRole};
use crate::Sensitive;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A piece of evidence staff can record. The checklist shows these by name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// A government photo ID (driver's licence, passport, other) was shown.
    PhotoId,
    /// The photo ID matches the person asking.
    PhotoIdMatches,
    /// A copy of the ID or credentials is filed with the designated record set.
    CopyFiled,
    /// The caller's SSN (last four) matched the record (compared, never stored).
    SsnMatch,
    /// The request's origin (seal, logo, known sender) is known.
    KnownOrigin,
    /// The child is enrolled as a dependent under the parent's coverage.
    DependentEnrolled,
    /// The child's date of birth, showing a minor (under 18) on the request date.
    ChildIsMinor,
    /// Power of attorney, guardianship order or letters of administration.
    RepresentativeDocument,
    /// Agency badge, credentials or other proof of government status.
    OfficialCredentials,
    /// The written request is on government letterhead (or, for an agent, a statement on
    /// letterhead, a contract, memorandum of understanding or purchase order).
    GovernmentLetterhead,
    /// A statement of the legal authority for the request (written; oral if impracticable).
    StatementOfLegalAuthority,
    /// A valid authorization from the individual is on file.
    AuthorizationOnFile,
}

impl Evidence {
    /// In words, for a note a person reads ("a known origin").
    pub fn description(self) -> &'static str {
        match self {
            Evidence::PhotoId => "a government photo ID",
            Evidence::PhotoIdMatches => "a photo ID that matches the person",
            Evidence::CopyFiled => "a copy filed with the record set",
            Evidence::SsnMatch => "SSN digits that match the file",
            Evidence::KnownOrigin => "a known origin (sender or caller)",
            Evidence::DependentEnrolled => "the child enrolled under this parent",
            Evidence::ChildIsMinor => "a child under 18",
            Evidence::RepresentativeDocument => "the representative's legal document",
            Evidence::OfficialCredentials => "an official's credentials",
            Evidence::GovernmentLetterhead => "government letterhead",
            Evidence::StatementOfLegalAuthority => "a statement of legal authority",
            Evidence::AuthorizationOnFile => "a valid authorization on file",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::PhotoId => "photo_id",
            Evidence::PhotoIdMatches => "photo_id_matches",
            Evidence::CopyFiled => "copy_filed",
            Evidence::SsnMatch => "ssn_match",
            Evidence::KnownOrigin => "known_origin",
            Evidence::DependentEnrolled => "dependent_enrolled",
            Evidence::ChildIsMinor => "child_is_minor",
            Evidence::RepresentativeDocument => "representative_document",
            Evidence::OfficialCredentials => "official_credentials",
            Evidence::GovernmentLetterhead => "government_letterhead",
            Evidence::StatementOfLegalAuthority => "statement_of_legal_authority",
            Evidence::AuthorizationOnFile => "authorization_on_file",
        }
    }
}

/// Kinds of government photo ID staff may rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhotoIdKind {
    DriversLicence,
    Passport,
    OtherGovernment,
}

/// A photo ID as recorded (its number lives in the store, encrypted, never here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoId {
    pub kind: PhotoIdKind,
    pub matches: bool,
    pub copy_filed: bool,
    /// The day the ID expires, when it shows one: an ID expired on the day the request was
    /// received does not identify anyone.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

impl PhotoId {
    /// Still valid on `on` (an ID showing no expiry is taken as valid).
    pub fn valid_on(&self, on: NaiveDate) -> bool {
        self.expires_on.is_none_or(|e| e >= on)
    }
}

/// The result of comparing the SSN a caller read out with the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SsnCheck {
    Match,
    NoMatch,
}

/// Compares the SSN a caller reads out with the record (county procedure §8; the number is
/// compared, never stored). Exactly 4 digits are checked against the last four on file;
/// exactly 9 against the keyed hash of the full number, when one is stored (`hash_matches` is
/// called with the nine digits only then). Spaces and hyphens between digits are allowed;
/// anything else, or any other count of digits ("00001234"), does not match.
pub fn ssn_check<E>(
    spoken: &str,
    last4_on_file: Option<&str>,
    hash_on_file: bool,
    hash_matches: impl FnOnce(&str) -> Result<bool, E>,
) -> Result<SsnCheck, E> {
    let text = spoken.trim();
    let readable = text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    let digits: Sensitive<String> =
        Sensitive::new(text.chars().filter(char::is_ascii_digit).collect());
    let matched = readable
        && match digits.expose().len() {
            4 => last4_on_file.is_some_and(|l| l == digits.expose().as_str()),
            9 if hash_on_file => hash_matches(digits.expose())?,
            _ => false,
        };
    Ok(if matched {
        SsnCheck::Match
    } else {
        SsnCheck::NoMatch
    })
}

/// A dependent as the enrollment records show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependent {
    /// Enrolled under the requesting parent's coverage.
    pub enrolled_under_requester: bool,
    pub born: NaiveDate,
}

/// Documents showing a personal representative's authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RepresentativeDocument {
    PowerOfAttorney,
    GuardianshipOrder,
    LettersOfAdministration,
}

/// Legal process that must go to the County Attorney.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LegalProcess {
    Subpoena,
    Warrant,
    CourtOrder,
    Other,
}

/// Everything recorded about who is asking. `Default` is "nothing shown yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub photo_id: Option<PhotoId>,
    pub ssn: Option<SsnCheck>,
    /// The request's origin is known (seal, logo, a known sender or caller).
    pub origin_known: bool,
    pub dependent: Option<Dependent>,
    pub representative_document: Option<RepresentativeDocument>,
    /// A copy of the representative's document or official's credentials is filed.
    pub document_copy_filed: bool,
    pub official_credentials: bool,
    pub government_letterhead: bool,
    pub statement_of_legal_authority: bool,
    pub legal_process: Option<LegalProcess>,
    pub authorization_on_file: bool,
    /// Staff doubt the identification or documents.
    pub doubt: bool,
    /// State law may forbid a parent's access.
    pub state_law_concern: bool,
}

/// Who must step in.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Escalation {
    /// The Privacy Official decides (doubt, unknown fax/mail, state law, public officials).
    PrivacyOfficial,
    /// Legal process (subpoena, warrant, order): always the Office of the County Attorney.
    CountyAttorney,
}

/// What staff should do next when verification is not sufficient.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NextStep {
    /// Collect the missing evidence.
    CollectEvidence,
    /// Unknown caller, or an SSN that did not match: ask for a written request on letterhead.
    AskForWrittenRequest,
    /// Hand the request to the Privacy Official.
    ReferToPrivacyOfficial,
}

/// What a verification found, as it is recorded.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationOutcome {
    Verified,
    NotVerified,
    ReferredToPrivacyOfficial,
}

/// The verdict on one requester.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub sufficient: bool,
    /// Evidence still missing, by name, in checklist order.
    pub missing: Vec<Evidence>,
    pub escalations: Vec<Escalation>,
    /// `None` when verification is sufficient and nothing else is needed.
    pub next_step: Option<NextStep>,
}

/// How identity or authority was checked.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerificationMethod {
    /// A government photo ID, in person.
    PhotoId,
    /// The SSN a caller read out matched (compared, never stored).
    SsnMatch,
    /// The child is enrolled under the parent's coverage and a minor.
    DependentCoverage,
    /// Power of attorney, guardianship order, letters of administration.
    LegalDocument,
    /// An official's badge or credentials.
    Credentials,
    /// A request on government letterhead.
    Letterhead,
    /// Sent to the Privacy Official to decide.
    Referred,
}

/// How the requester was verified, for the record: the strongest thing the evidence shows for
/// the role (a parent by the child's coverage, a representative by the legal document, an
/// official by credentials before letterhead; anyone else by photo ID before SSN digits; with
/// neither, the request went to the Privacy Official).
pub fn method(role: RequesterRole, evidence: &EvidenceRecord) -> VerificationMethod {
    match role {
        RequesterRole::Parent => VerificationMethod::DependentCoverage,
        RequesterRole::PersonalRepresentative => VerificationMethod::LegalDocument,
        RequesterRole::PublicOfficial if evidence.official_credentials => {
            VerificationMethod::Credentials
        }
        RequesterRole::PublicOfficial => VerificationMethod::Letterhead,
        _ if evidence.photo_id.is_some() => VerificationMethod::PhotoId,
        _ if evidence.ssn.is_some() => VerificationMethod::SsnMatch,
        _ => VerificationMethod::Referred,
    }
}

/// The evidence a requester in `role` must show on `channel` (the app's checklist).
pub fn required_evidence(role: RequesterRole, channel: Channel) -> Vec<Evidence> {
    let mut needed = identity_on(role, channel);
    match role {
        RequesterRole::Parent => {
            needed.extend([Evidence::DependentEnrolled, Evidence::ChildIsMinor]);
        }
        RequesterRole::PersonalRepresentative => {
            needed.push(Evidence::RepresentativeDocument);
            if !needed.contains(&Evidence::CopyFiled) {
                needed.push(Evidence::CopyFiled);
            }
        }
        RequesterRole::PublicOfficial => {
            needed = match channel {
                Channel::InPerson => vec![Evidence::OfficialCredentials, Evidence::CopyFiled],
                Channel::Telephone => vec![Evidence::KnownOrigin],
                _ => vec![Evidence::KnownOrigin, Evidence::GovernmentLetterhead],
            };
            needed.push(Evidence::StatementOfLegalAuthority);
        }
        RequesterRole::ThirdParty => needed.push(Evidence::AuthorizationOnFile),
        _ => {}
    }
    needed
}

/// How a person proves who they are on a channel. Only a participant (the individual, or a
/// parent whose own coverage the child is under) has an SSN on record to compare; anyone else
/// on the telephone must be a known caller, and in writing must come from a known origin.
fn identity_on(role: RequesterRole, channel: Channel) -> Vec<Evidence> {
    let participant = matches!(role, RequesterRole::Individual | RequesterRole::Parent);
    match channel {
        Channel::InPerson => vec![
            Evidence::PhotoId,
            Evidence::PhotoIdMatches,
            Evidence::CopyFiled,
        ],
        Channel::Telephone if participant => vec![Evidence::SsnMatch],
        Channel::Telephone => vec![Evidence::KnownOrigin],
        // Fax or mail: the origin must be known, then the telephone steps apply.
        _ if participant => vec![Evidence::KnownOrigin, Evidence::SsnMatch],
        _ => vec![Evidence::KnownOrigin],
    }
}

fn shown(evidence: Evidence, record: &EvidenceRecord, role: RequesterRole, on: NaiveDate) -> bool {
    match evidence {
        Evidence::PhotoId => record.photo_id.is_some_and(|id| id.valid_on(on)),
        Evidence::PhotoIdMatches => record
            .photo_id
            .is_some_and(|id| id.matches && id.valid_on(on)),
        Evidence::CopyFiled => match role {
            RequesterRole::PersonalRepresentative | RequesterRole::PublicOfficial => {
                record.document_copy_filed
            }
            _ => record.photo_id.is_some_and(|id| id.copy_filed),
        },
        Evidence::SsnMatch => record.ssn == Some(SsnCheck::Match),
        Evidence::KnownOrigin => record.origin_known,
        Evidence::DependentEnrolled => record.dependent.is_some_and(|d| d.enrolled_under_requester),
        Evidence::ChildIsMinor => record.dependent.is_some_and(|d| is_minor(d.born, on)),
        Evidence::RepresentativeDocument => record.representative_document.is_some(),
        Evidence::OfficialCredentials => record.official_credentials,
        Evidence::GovernmentLetterhead => record.government_letterhead,
        Evidence::StatementOfLegalAuthority => record.statement_of_legal_authority,
        Evidence::AuthorizationOnFile => record.authorization_on_file,
    }
}

impl Verification {
    /// What is recorded: verified when the evidence is sufficient, referred when the Privacy
    /// Official must decide, otherwise not verified.
    pub fn outcome(&self) -> VerificationOutcome {
        if self.sufficient {
            VerificationOutcome::Verified
        } else if self.next_step == Some(NextStep::ReferToPrivacyOfficial) {
            VerificationOutcome::ReferredToPrivacyOfficial
        } else {
            VerificationOutcome::NotVerified
        }
    }
}

/// Is the requester verified on `request_on`? Lists what is missing and who must step in.
///
/// Legal process always goes to the County Attorney and needs the Privacy Official's approval;
/// every public official's disclosure needs the Privacy Official's approval; doubt, a parent
/// whose access state law may forbid, and fax or mail of unknown origin go to the Privacy
/// Official. An unknown caller, or a caller whose SSN does not match, is asked for a written
/// request on letterhead.
pub fn verify(
    role: RequesterRole,
    channel: Channel,
    record: &EvidenceRecord,
    request_on: NaiveDate,
) -> Verification {
    let missing: Vec<Evidence> = required_evidence(role, channel)
        .into_iter()
        .filter(|e| !shown(*e, record, role, request_on))
        .collect();
    let mut escalations = Vec::new();
    if record.legal_process.is_some() {
        escalations.push(Escalation::CountyAttorney);
    }
    let written = matches!(channel, Channel::Mail | Channel::Fax);
    let unknown_writing = written && !record.origin_known;
    let to_official = record.legal_process.is_some()
        || role == RequesterRole::PublicOfficial
        || record.doubt
        || unknown_writing
        || (role == RequesterRole::Parent && record.state_law_concern);
    if to_official {
        escalations.push(Escalation::PrivacyOfficial);
    }
    let unknown_caller = channel == Channel::Telephone
        && (missing.contains(&Evidence::KnownOrigin) || record.ssn == Some(SsnCheck::NoMatch));
    let blocked = record.doubt
        || unknown_writing
        || (record.state_law_concern && role == RequesterRole::Parent);
    let sufficient = missing.is_empty() && !blocked;
    let next_step = if sufficient {
        None
    } else if unknown_writing || record.doubt || blocked {
        Some(NextStep::ReferToPrivacyOfficial)
    } else if unknown_caller {
        Some(NextStep::AskForWrittenRequest)
    } else {
        Some(NextStep::CollectEvidence)
    };
    Verification {
        sufficient,
        missing,
        escalations,
        next_step,
    }
}
