//! The pre-filled request forms: the participant as the forms print them, and the form for a
//! request's kind (printed for signature, or enclosed with the letter asking for a written
//! request).

use desk_core::letter::{self, FormPerson};
use desk_core::request::RequestKind;
use desk_store::Store;

use crate::error::{Error, Result};

/// The participant as the pre-filled forms print them.
pub(crate) fn form_person(store: &Store, participant_id: i64) -> Result<FormPerson> {
    let p = store.participant(participant_id)?;
    Ok(FormPerson {
        name: format!("{} {}", p.summary.first_name, p.summary.last_name),
        date_of_birth: Some(p.summary.date_of_birth),
        employee_id: p.summary.employee_id.clone(),
        address: p.address.lines(),
        phone: Some(p.phone.clone()).filter(|s| !s.is_empty()),
    })
}

/// The request form for the request's kind, pre-filled from the file (refused on `kind` for a
/// complaint, which has none).
pub(crate) fn form_model(
    org: &desk_core::organization::Organization,
    person: &FormPerson,
    r: &desk_store::RequestSummary,
    today: chrono::NaiveDate,
) -> Result<letter::Letter> {
    Ok(match r.kind {
        RequestKind::Access => letter::inspection_request_form(org, person, None, today),
        RequestKind::Amendment => {
            letter::amendment_request_form(org, person, &r.summary, "", today)
        }
        RequestKind::Restriction => {
            letter::restriction_request_form(org, person, "", "", "", today)
        }
        RequestKind::ConfidentialCommunication => {
            letter::confidential_communication_request_form(org, person, "", false, today)
        }
        RequestKind::Accounting => {
            letter::accounting_request_form(org, person, None, None, None, today)
        }
        _ => {
            return Err(Error::field(
                "kind",
                "This kind of request has no request form.",
            ))
        }
    })
}
