//! Intake: the verification checklist for a requester's role and channel, answered by
//! desk-core's identity rule over what staff saw and what the store knows.

use desk_core::identity::{
    self, Dependent, EvidenceRecord, LegalProcess, PhotoId, PhotoIdKind, RepresentativeDocument,
    SsnCheck,
};
use desk_core::person::{Channel, RequesterRole};
use desk_store::Store;
use tauri::State;

use super::{code_of, parse_code, store_error};
use crate::dto::{EvidenceForm, EvidenceItem, VerificationView};
use crate::error::Result;
use crate::session::Desk;

/// The evidence record desk-core judges, with the facts only the store has: whether the SSN read
/// out matches, and for a parent whether the child is enrolled under them and when it was born.
pub fn evidence_record(store: &Store, form: &EvidenceForm) -> Result<(EvidenceRecord, Facts)> {
    let role: RequesterRole = parse_code(&form.role, "role")?;
    let mut facts = Facts::default();
    let photo_id = match &form.photo_id_kind {
        Some(kind) => Some(PhotoId {
            kind: parse_code::<PhotoIdKind>(kind, "photoIdKind")?,
            matches: form.photo_id_matches,
            copy_filed: form.copy_filed,
        }),
        None => None,
    };
    let ssn = match form
        .ssn_digits
        .as_ref()
        .filter(|s| !s.expose().trim().is_empty())
    {
        Some(digits) => {
            // The SSN belongs to whoever is speaking: the participant, or the parent on file.
            let whose = match role {
                RequesterRole::Parent => form.requester_participant_id,
                _ => Some(form.participant_id),
            };
            let matched = match whose {
                Some(id) => store
                    .ssn_matches(id, digits)
                    .map_err(|e| store_error(e, &[]))?,
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
            .map_err(|e| store_error(e, &[("participant", "participantId")]))?;
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
    let representative_document = match &form.representative_document {
        Some(d) => Some(parse_code::<RepresentativeDocument>(
            d,
            "representativeDocument",
        )?),
        None => None,
    };
    let legal_process = match &form.legal_process {
        Some(p) => Some(parse_code::<LegalProcess>(p, "legalProcess")?),
        None => None,
    };
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
            authorization_on_file: form.authorization_on_file,
            doubt: form.doubt,
            state_law_concern: form.state_law_concern,
        },
        facts,
    ))
}

/// What the store told the check, for the checklist to show.
#[derive(Debug, Default, Clone, Copy)]
pub struct Facts {
    pub ssn_matched: Option<bool>,
    pub dependent_enrolled: Option<bool>,
    pub child_is_minor: Option<bool>,
}

/// desk-core's verdict on the evidence, as the checklist shows it.
pub fn verification_view(store: &Store, form: &EvidenceForm) -> Result<VerificationView> {
    let role: RequesterRole = parse_code(&form.role, "role")?;
    let channel: Channel = parse_code(&form.channel, "channel")?;
    let (record, facts) = evidence_record(store, form)?;
    let verdict = identity::verify(role, channel, &record, form.received_on);
    let checklist = identity::required_evidence(role, channel)
        .into_iter()
        .map(|e| EvidenceItem {
            code: e.as_str().to_owned(),
            shown: !verdict.missing.contains(&e),
        })
        .collect();
    Ok(VerificationView {
        sufficient: verdict.sufficient,
        checklist,
        escalations: verdict.escalations.iter().map(code_of).collect(),
        next_step: verdict.next_step.as_ref().map(code_of),
        ssn_matched: facts.ssn_matched,
        dependent_enrolled: facts.dependent_enrolled,
        child_is_minor: facts.child_is_minor,
    })
}

/// The checklist for this role and channel, and whether what was seen is enough.
#[tauri::command]
pub fn verification_check(desk: State<'_, Desk>, form: EvidenceForm) -> Result<VerificationView> {
    desk.with_store(|store| verification_view(store, &form))
}
