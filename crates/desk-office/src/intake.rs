//! Intake: the verification checklist for a requester's role and channel (desk-core's identity
//! rule over what staff saw and what the store knows), and logging a new request in one write.

use chrono::NaiveDate;
use desk_core::identity::{
    self, Dependent, Escalation, Evidence, EvidenceRecord, NextStep, PhotoId, SsnCheck,
    VerificationOutcome,
};
use desk_core::person::{Channel, RequesterRole};
use desk_core::request::RequestKind;
use desk_core::Sensitive;
use desk_store::{AttachmentKind, NewIntake, NewRequest, NewRequester, NewVerification, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{fields, Error, Result};
use crate::form::{self, parse_code, UploadForm};

/// What was seen or checked to verify a requester (county procedure §8), as the intake form
/// sends it. The SSN digits read out on the telephone are compared and never stored.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct EvidenceForm {
    /// `individual`, `parent`, `personal_representative`, `public_official`, `third_party`
    pub role: String,
    /// `in_person`, `telephone`, `mail`, `fax`
    pub channel: String,
    pub received_on: NaiveDate,
    /// Whose records are asked for.
    #[ts(type = "number")]
    pub participant_id: i64,
    /// The requester when they are on file themselves (the participant, or a parent).
    #[ts(type = "number | null")]
    pub requester_participant_id: Option<i64>,
    /// `drivers_licence`, `passport`, `other_government`, or null when no photo ID was seen.
    pub photo_id_kind: Option<String>,
    pub photo_id_matches: bool,
    pub copy_filed: bool,
    /// The photo ID's expiry, when it shows one (an ID expired on the day received does not
    /// count).
    pub photo_id_expires_on: Option<NaiveDate>,
    /// The last four (or all nine) SSN digits the caller read out; compared, never stored.
    #[ts(type = "string | null")]
    pub ssn_digits: Option<Sensitive<String>>,
    pub origin_known: bool,
    /// `power_of_attorney`, `guardianship_order`, `letters_of_administration`, or null.
    pub representative_document: Option<String>,
    pub official_credentials: bool,
    pub government_letterhead: bool,
    pub statement_of_legal_authority: bool,
    /// `subpoena`, `warrant`, `court_order`, `other`, or null.
    pub legal_process: Option<String>,
    /// A third party's authorization in the participant's register (it must be valid on the
    /// day received: desk-core checks it, and the intake is refused on `authorizationId`
    /// otherwise).
    #[ts(type = "number | null")]
    pub authorization_id: Option<i64>,
    pub doubt: bool,
    pub state_law_concern: bool,
}

/// One item of the verification checklist.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvidenceItem {
    pub code: Evidence,
    pub shown: bool,
}

/// desk-core's answer: is the requester verified, what is missing, who must step in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VerificationView {
    pub sufficient: bool,
    /// What is recorded if the request is logged now: `verified`, `not_verified` or
    /// `referred_to_privacy_official`.
    pub outcome: VerificationOutcome,
    /// Whether the request can be logged now: verified, referred to the Privacy Official, or
    /// (a caller who could not be verified) logged as awaiting a written request.
    pub can_log: bool,
    /// What this role and channel need, each marked shown or not.
    pub checklist: Vec<EvidenceItem>,
    pub escalations: Vec<Escalation>,
    pub next_step: Option<NextStep>,
    /// Whether an SSN was given and matched the one on file (null when none was given).
    pub ssn_matched: Option<bool>,
    /// For a parent: whether the child is enrolled under the requester's coverage.
    pub dependent_enrolled: Option<bool>,
    /// For a parent: whether the child is under 18 on the date received.
    pub child_is_minor: Option<bool>,
    /// Whether the requester must state the authority they act under (desk-core's rule, which
    /// the store also applies).
    pub authority_required: bool,
}

/// Who is asking, when they are not the participant on file.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct RequesterForm {
    pub name: String,
    pub organization: String,
    /// One address line per text line.
    pub address_lines: String,
    pub phone: String,
    /// A representative's or official's stated authority.
    pub authority: String,
}

/// The new-request wizard's answers, sent once at the end.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct IntakeForm {
    /// `access`, `amendment`, `accounting`, `restriction`, `confidential_communication` (a complaint
    /// goes in the complaint log and is refused here)
    pub kind: String,
    /// Role, channel, date received, participant and what was seen.
    pub evidence: EvidenceForm,
    /// Null when the requester is the participant or a parent on file.
    pub requester: Option<RequesterForm>,
    /// What is asked for, in a few words (what records; what should change and why).
    pub details: String,
    /// The scanned ID or document, when one was taken.
    pub scan: Option<UploadForm>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IntakeResult {
    #[ts(type = "number")]
    pub request_id: i64,
    pub verification: VerificationView,
}

/// Store field names → the intake form's.
const INTAKE_FIELDS: &[(&str, &str)] = &[
    ("receivedOn", "evidence.receivedOn"),
    ("participantId", "evidence.participantId"),
    ("dueOn", "evidence.receivedOn"),
    ("requester.address", "requester.addressLines"),
    ("bytes", "scan"),
    ("mediaType", "scan"),
    ("fileName", "scan"),
    ("summary", "details"),
];

/// A participant the form names who is not on file is that field's error.
fn not_on_file(field: String) -> impl FnOnce(desk_store::Error) -> Error {
    move |e| match e {
        desk_store::Error::NotFound { .. } => {
            Error::field(field, "Find and choose a participant on file.")
        }
        e => e.into(),
    }
}

/// What the store told the check, for the checklist to show.
#[derive(Debug, Default, Clone, Copy)]
struct Facts {
    ssn_matched: Option<bool>,
    dependent_enrolled: Option<bool>,
    child_is_minor: Option<bool>,
}

/// The evidence record desk-core judges, with the facts only the store has: whether the SSN read
/// out matches, and for a parent whether the child is enrolled under them and when it was born.
fn evidence_record(
    store: &Store,
    form: &EvidenceForm,
    role: RequesterRole,
    at: &str,
) -> Result<(EvidenceRecord, Facts)> {
    let mut facts = Facts::default();
    let photo_id = match &form.photo_id_kind {
        Some(kind) => Some(PhotoId {
            kind: parse_code(kind, &format!("{at}photoIdKind"))?,
            matches: form.photo_id_matches,
            copy_filed: form.copy_filed,
            expires_on: form.photo_id_expires_on,
        }),
        None => None,
    };
    let digits = form
        .ssn_digits
        .as_ref()
        .filter(|s| !s.expose().trim().is_empty());
    let ssn = match digits {
        Some(digits) => {
            // The SSN belongs to whoever is speaking: the participant, or the parent on file.
            let whose = match role {
                RequesterRole::Parent => form.requester_participant_id,
                _ => Some(form.participant_id),
            };
            let matched = match whose {
                Some(id) => store.ssn_matches(id, digits)?,
                None => false,
            };
            facts.ssn_matched = Some(matched);
            Some(if matched {
                SsnCheck::Match
            } else {
                SsnCheck::NoMatch
            })
        }
        None => None,
    };
    let dependent = if role == RequesterRole::Parent {
        let child = store
            .participant(form.participant_id)
            .map_err(not_on_file(format!("{at}participantId")))?;
        let enrolled = match (form.requester_participant_id, &child.summary.dependent_of) {
            (Some(parent), Some(link)) => link.participant_id == parent,
            _ => false,
        };
        facts.dependent_enrolled = Some(enrolled);
        facts.child_is_minor = Some(desk_core::person::is_minor(
            child.summary.date_of_birth,
            form.received_on,
        ));
        Some(Dependent {
            enrolled_under_requester: enrolled,
            born: child.summary.date_of_birth,
        })
    } else {
        None
    };
    let representative_document = form
        .representative_document
        .as_deref()
        .map(|d| parse_code(d, &format!("{at}representativeDocument")))
        .transpose()?;
    let legal_process = form
        .legal_process
        .as_deref()
        .map(|p| parse_code(p, &format!("{at}legalProcess")))
        .transpose()?;
    Ok((
        EvidenceRecord {
            photo_id,
            ssn,
            origin_known: form.origin_known,
            dependent,
            representative_document,
            document_copy_filed: form.copy_filed,
            official_credentials: form.official_credentials,
            government_letterhead: form.government_letterhead,
            statement_of_legal_authority: form.statement_of_legal_authority,
            legal_process,
            authorization_on_file: authorization_usable(store, form, at)?,
            doubt: form.doubt,
            state_law_concern: form.state_law_concern,
        },
        facts,
    ))
}

/// Whether the third party's authorization is on file and usable on the day received:
/// the participant's, with no defect desk-core finds (expired, revoked, an element missing).
/// One that is not refuses on `authorizationId`, saying why.
fn authorization_usable(store: &Store, form: &EvidenceForm, at: &str) -> Result<bool> {
    let Some(id) = form.authorization_id else {
        return Ok(false);
    };
    let field = format!("{at}authorizationId");
    let entry = store
        .authorizations_of(form.participant_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            Error::field(
                &field,
                "Choose an authorization in this participant's register.",
            )
        })?;
    let terms = store.authorization_terms(entry.id)?;
    let validity = desk_core::authorization::validate(&terms, form.received_on)
        .map_err(|e| Error::field(&field, e.to_string()))?;
    match validity.defects.first() {
        Some(defect) => Err(Error::field(
            &field,
            format!("This authorization cannot be used: {}", defect.message()),
        )),
        None => Ok(true),
    }
}

/// The evidence judged: desk-core's verification and the record it judged.
struct Judged {
    role: RequesterRole,
    record: EvidenceRecord,
    verification: identity::Verification,
    view: VerificationView,
}

/// `at` names the form's fields: "" on the check's own form, "evidence." inside the intake form.
fn judge(store: &Store, form: &EvidenceForm, at: &str) -> Result<Judged> {
    let role: RequesterRole = parse_code(&form.role, &format!("{at}role"))?;
    let channel: Channel = parse_code(&form.channel, &format!("{at}channel"))?;
    let (record, facts) = evidence_record(store, form, role, at)?;
    let verification = identity::verify(role, channel, &record, form.received_on);
    let view = VerificationView {
        sufficient: verification.sufficient,
        outcome: verification.outcome(),
        can_log: verification.outcome() != VerificationOutcome::NotVerified
            || verification.next_step == Some(NextStep::AskForWrittenRequest),
        checklist: identity::required_evidence(role, channel)
            .into_iter()
            .map(|e| EvidenceItem {
                code: e,
                shown: !verification.missing.contains(&e),
            })
            .collect(),
        escalations: verification.escalations.clone(),
        next_step: verification.next_step,
        ssn_matched: facts.ssn_matched,
        dependent_enrolled: facts.dependent_enrolled,
        child_is_minor: facts.child_is_minor,
        authority_required: role.states_authority(),
    };
    Ok(Judged {
        role,
        record,
        verification,
        view,
    })
}

/// The checklist for this role and channel, and whether what was seen is enough.
pub fn check(store: &Store, form: &EvidenceForm) -> Result<VerificationView> {
    Ok(judge(store, form, "")?.view)
}

/// Log a new request: desk-core judges the verification, the store writes the requester, the
/// request, the scan and the verification at once.
pub fn log(store: &mut Store, form: &IntakeForm) -> Result<IntakeResult> {
    let kind: RequestKind = parse_code(&form.kind, "kind")?;
    if kind == RequestKind::Complaint {
        return Err(Error::field(
            "kind",
            "A complaint goes in the complaint log (Complaints), not through a request.",
        ));
    }
    let channel: Channel = parse_code(&form.evidence.channel, "evidence.channel")?;
    if form.details.trim().is_empty() {
        return Err(Error::field("details", "Say what is asked for."));
    }
    let judged = judge(store, &form.evidence, "evidence.")?;
    let role = judged.role;
    let participant = store
        .participant(form.evidence.participant_id)
        .map_err(not_on_file("evidence.participantId".to_owned()))?;
    let requester = match (&form.requester, role) {
        (Some(r), _) => Some(NewRequester {
            role,
            participant_id: None,
            name: r.name.trim().to_owned(),
            organization: r.organization.trim().to_owned(),
            address: form::lines(&r.address_lines),
            phone: r.phone.trim().to_owned(),
            authority: r.authority.trim().to_owned(),
        }),
        (None, RequesterRole::Individual) => None,
        (None, _) => {
            // A parent on file: the requester is that participant.
            let id = form
                .evidence
                .requester_participant_id
                .ok_or_else(|| Error::field("requester.name", "Enter who is asking."))?;
            let parent = store.participant(id)?;
            Some(NewRequester {
                role,
                participant_id: Some(id),
                name: format!("{} {}", parent.summary.first_name, parent.summary.last_name),
                organization: String::new(),
                address: parent.address.lines(),
                phone: parent.phone.clone(),
                authority: String::new(),
            })
        }
    };
    let scan = form
        .scan
        .as_ref()
        .map(|s| form::attachment(s, AttachmentKind::PhotoId, None, "scan"))
        .transpose()?;
    let missing = judged
        .view
        .checklist
        .iter()
        .filter(|i| !i.shown)
        .map(|i| i.code.description())
        .collect::<Vec<_>>()
        .join("; ");
    if !judged.view.can_log {
        return Err(Error::field(
            "evidence",
            "The requester is not verified: collect what is missing before logging the request.",
        ));
    }
    // What the desk saw missing, and who must step in: the Privacy Official reads it.
    let mut note = if missing.is_empty() {
        String::new()
    } else {
        format!("not shown: {missing}")
    };
    if judged
        .verification
        .escalations
        .contains(&Escalation::CountyAttorney)
    {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str("legal process, for the County Attorney");
    }
    let id = store
        .intake(&NewIntake {
            request: NewRequest {
                kind,
                channel,
                received_on: form.evidence.received_on,
                participant_id: participant.summary.id,
                requester_role: role,
                requester_id: None,
                due_on: None,
                summary: form.details.trim().to_owned(),
            },
            requester,
            scan,
            verification: Some(NewVerification {
                request_id: 0,
                method: identity::method(role, &judged.record),
                document_type: form.evidence.photo_id_kind.clone().unwrap_or_default(),
                document_last_digits: String::new(),
                document_expires_on: form
                    .evidence
                    .photo_id_kind
                    .as_ref()
                    .and(form.evidence.photo_id_expires_on),
                outcome: judged.verification.outcome(),
                note,
                attachment_id: None,
                corrects_id: None,
                escalations: judged.verification.escalations.clone(),
            }),
            awaiting_written_request: judged.verification.next_step
                == Some(NextStep::AskForWrittenRequest),
            authorization_id: form.evidence.authorization_id,
        })
        .map_err(fields(INTAKE_FIELDS))?;
    Ok(IntakeResult {
        request_id: id,
        verification: judged.view,
    })
}
