//! The disclosure logbook on the participant's page: recording a disclosure (checked against
//! agreed restrictions, and against its authorization by the store through desk-core),
//! authorizations (desk-core's element checklist, the scan, revocation, the county-style form)
//! and suspension statements.

use chrono::NaiveDate;
use desk_core::accounting::SuspensionStatement;
use desk_core::authorization::{
    self, Authorization, Capacity, Expiry, ProposedDisclosure, Signer, Statements,
};
use desk_core::disclosure::Basis;
use desk_core::letter::{self, AuthorizationTerms};
use desk_core::minimum::{self, MinimumNecessary};
use desk_store::{AttachmentKind, NewAuthorization, NewDisclosure, NewSuspension, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::form::{self, parse_code, UploadForm};

/// A disclosure as the logbook form sends it (for the conflict check and for recording).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct DisclosureCheckForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    /// desk-core's basis code (`payment`, `treatment`, `required_by_law`, …).
    pub basis: String,
    /// The person recording has seen the restriction warnings and records it anyway.
    pub conflicts_seen: bool,
    /// Basis `authorization`: the authorization on file it was made under.
    #[ts(type = "number | null")]
    pub authorization_id: Option<i64>,
    /// A copy of the written request, kept with the entry.
    pub written_request: Option<UploadForm>,
    /// The entry this one corrects (the old one stays on file, out of force).
    #[ts(type = "number | null")]
    pub corrects_id: Option<i64>,
    /// Routine (one of the county's list), or for the Privacy Official's review; none where
    /// the minimum-necessary standard does not apply (`minimum::applies`).
    pub minimum_necessary: Option<MinimumNecessary>,
    /// The Privacy Official's review, when she logs a disclosure marked for review herself.
    pub review_note: String,
    /// Under an authorization: the person recording confirmed that the information falls
    /// within its description (shown quoted beside the field).
    pub information_confirmed: bool,
    /// Made on the plan's behalf by this business associate of the register (an associate's
    /// reply for an accounting, entered one disclosure at a time): no minimum-necessary marking.
    #[ts(type = "number | null")]
    pub associate_id: Option<i64>,
}

/// A warning that a disclosure would conflict with an agreed restriction.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConflictView {
    #[ts(type = "number")]
    pub restriction_id: i64,
    /// The restriction in quotation marks.
    pub quoted: String,
    pub message: String,
}

/// One disclosure in the participant's logbook.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DisclosureRow {
    #[ts(type = "number")]
    pub id: i64,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub recipient_address: String,
    pub description: String,
    pub purpose: String,
    pub basis: Basis,
    #[ts(type = "number | null")]
    pub authorization_id: Option<i64>,
    /// Would an accounting list it (desk-core's basis rule)?
    pub accounted: bool,
    /// Routine or reviewed, in words ("Routine: the dental plan, for eligibility"); `None`
    /// where the standard does not apply or the entry predates the marking.
    pub minimum_necessary: Option<String>,
    /// Marked for the Privacy Official's review, which is not yet recorded.
    pub awaiting_review: bool,
    /// Her review, once recorded.
    pub review: Option<DisclosureReviewView>,
    /// The business associate that made it on the plan's behalf (its name in the register);
    /// `None` for the plan's own.
    #[ts(type = "number | null")]
    pub associate_id: Option<i64>,
    pub associate: Option<String>,
}

/// The Privacy Official's review of a disclosure (minimum necessary).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DisclosureReviewView {
    pub reviewed_by: String,
    pub reviewed_at: chrono::DateTime<chrono::Utc>,
    pub note: String,
}

/// A disclosure waiting in the Privacy Official's queue for her minimum-necessary review.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PendingReviewRow {
    #[ts(type = "number")]
    pub disclosure_id: i64,
    #[ts(type = "number")]
    pub participant_id: i64,
    pub participant_name: String,
    pub disclosed_on: NaiveDate,
    pub recipient: String,
    pub description: String,
    pub purpose: String,
    pub basis: String,
    pub recorded_by: String,
}

/// A missing element or reason an authorization does not work, by name.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DefectView {
    pub code: String,
    pub message: String,
}

/// An authorization form as staff read it off the paper. Dates as typed (YYYY-MM-DD, or empty
/// when the form has none).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AuthorizationForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub information: String,
    pub discloser: String,
    pub recipient: String,
    pub purpose: String,
    /// `date`, `days`, `employment`, `event` or empty (none on the form).
    pub expires_kind: String,
    /// The date, the number of days, or the event, as `expires_kind` says.
    pub expires_value: String,
    pub signed_on: String,
    pub signer_name: String,
    /// `individual` or `representative`.
    pub signer_capacity: String,
    pub representative_authority: String,
    pub right_to_revoke: bool,
    pub conditioning: bool,
    pub redisclosure: bool,
    pub received_on: String,
    pub scan: Option<UploadForm>,
    /// The person recording has read the missing elements and keeps it on file as defective.
    pub defects_seen: bool,
}

/// desk-core's verdict on a form: each missing element by name, its last valid day, and its
/// expiry in words for the checklist ("30 days after the date signed, on July 1, 2025").
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuthorizationCheck {
    pub defects: Vec<DefectView>,
    pub expires_on: Option<NaiveDate>,
    pub expiry: Option<String>,
}

/// An authorization on file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuthorizationRow {
    #[ts(type = "number")]
    pub id: i64,
    pub recipient: String,
    pub information: String,
    pub purpose: String,
    pub received_on: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    /// The last valid day, when the form gives one.
    pub expires_on: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
    /// As of today: empty when it is valid.
    pub defects: Vec<DefectView>,
    pub has_scan: bool,
}

/// A suspension statement as typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SuspensionForm {
    #[ts(type = "number")]
    pub participant_id: i64,
    pub agency: String,
    pub recipient: String,
    pub stated_on: String,
    pub from: String,
    pub to: String,
    pub written: bool,
    pub scan: Option<UploadForm>,
}

/// A suspension on file with the period it holds for.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SuspensionRow {
    #[ts(type = "number")]
    pub id: i64,
    pub agency: String,
    pub recipient: String,
    pub stated_on: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The end in force (an oral statement's is at most 30 days after it was made).
    pub effective_to: NaiveDate,
    pub written: bool,
}

/// The participant's logbook and what it depends on.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogbookView {
    /// Denied amendments whose dispute must go with a disclosure of what they concern.
    pub accompany: Vec<crate::dispute::AccompanyNotice>,
    pub disclosures: Vec<DisclosureRow>,
    /// The bases the minimum-necessary standard does not apply to (desk-core's
    /// `minimum::applies`): the form asks for no marking on them.
    pub minimum_exempt: Vec<Basis>,
    pub authorizations: Vec<AuthorizationRow>,
    pub suspensions: Vec<SuspensionRow>,
    /// The business-associate register (a disclosure made by one, an associate's log).
    pub associates: Vec<crate::associate_accounting::AssociateChoice>,
}

fn defects(list: &[authorization::Defect]) -> Vec<DefectView> {
    list.iter()
        .map(|d| DefectView {
            code: d.code().to_owned(),
            message: d.message().to_owned(),
        })
        .collect()
}

/// Record a disclosure in the logbook: one that conflicts with an agreed restriction only when
/// the person recording has seen the warnings (`conflictsSeen`); one under an authorization is
/// refused, on the field it breaks, when it falls outside the authorization's terms; one made by
/// a business associate (`associateId`) is marked with it and carries no minimum-necessary
/// marking.
pub fn record_disclosure(store: &mut Store, form: &DisclosureCheckForm) -> Result<i64> {
    let found = conflicts(store, form)?;
    if !found.is_empty() && !form.conflicts_seen {
        // The restriction itself is shown by the warning, never carried in an error.
        return Err(Error::field(
            "recipient",
            "This disclosure conflicts with an agreed restriction: read the warning and confirm to record it anyway.",
        ));
    }
    let (_, basis) = proposed(form)?;
    let written_request = form
        .written_request
        .as_ref()
        .map(|u| form::attachment(u, AttachmentKind::LetterheadRequest, None, "writtenRequest"))
        .transpose()?;
    Ok(store.record_disclosure(&NewDisclosure {
        participant_id: form.participant_id,
        disclosed_on: form.disclosed_on,
        recipient: form.recipient.clone(),
        recipient_address: form.recipient_address.clone(),
        description: form.description.clone(),
        purpose: form.purpose.clone(),
        basis,
        authorization_id: form.authorization_id,
        written_request,
        corrects_id: form.corrects_id,
        minimum_necessary: form.minimum_necessary,
        review_note: Some(form.review_note.clone()).filter(|n| !n.trim().is_empty()),
        information_confirmed: form.information_confirmed,
        associate_id: form.associate_id,
    })?)
}

/// Disclosures marked for the Privacy Official's minimum-necessary review, oldest first.
pub fn awaiting_review(store: &Store) -> Result<Vec<PendingReviewRow>> {
    Ok(store
        .disclosures_awaiting_review()?
        .into_iter()
        .map(|p| PendingReviewRow {
            disclosure_id: p.disclosure_id,
            participant_id: p.participant_id,
            participant_name: p.participant_name,
            disclosed_on: p.disclosed_on,
            recipient: p.recipient,
            description: p.description,
            purpose: p.purpose,
            basis: p.basis,
            recorded_by: p.recorded_by_name,
        })
        .collect())
}

/// The Privacy Official records her review of a disclosure (the store refuses anyone else, and
/// a review without a note on `reviewNote`).
pub fn review_disclosure(store: &mut Store, disclosure_id: i64, note: &str) -> Result<()> {
    store.review_disclosure(disclosure_id, note)?;
    Ok(())
}

/// The form as desk-core's authorization, and the day it was received.
fn authorization_of(form: &AuthorizationForm) -> Result<(Authorization, NaiveDate)> {
    // An expiry left blank is a missing element (desk-core names it), not a typing error.
    let blank = form.expires_value.trim().is_empty();
    let expires = match form.expires_kind.as_str() {
        "" => None,
        "date" | "days" | "event" if blank => None,
        "date" => Some(Expiry::On(form::date(&form.expires_value, "expiresValue")?)),
        "days" => Some(Expiry::AfterDays(
            form.expires_value
                .trim()
                .parse()
                .map_err(|_| Error::field("expiresValue", "Enter the number of days."))?,
        )),
        "employment" => Some(Expiry::EmploymentEnds),
        "event" => Some(Expiry::Event(form.expires_value.trim().to_owned())),
        _ => {
            return Err(Error::field(
                "expiresKind",
                "Choose one of the listed options.",
            ))
        }
    };
    let signer = authorization::present(Some(&form.signer_name)).map(|name| Signer {
        name,
        capacity: if form.signer_capacity == "representative" {
            Capacity::PersonalRepresentative {
                authority: authorization::present(Some(&form.representative_authority)),
            }
        } else {
            Capacity::Individual
        },
    });
    let received_on = form::date(&form.received_on, "receivedOn")?;
    Ok((
        Authorization {
            information: authorization::present(Some(&form.information)),
            discloser: authorization::present(Some(&form.discloser)),
            recipient: authorization::present(Some(&form.recipient)),
            purpose: authorization::present(Some(&form.purpose)),
            expires,
            signed_on: form::optional_date(&form.signed_on, "signedOn")?,
            signer,
            statements: Statements {
                right_to_revoke: form.right_to_revoke,
                conditioning: form.conditioning,
                redisclosure: form.redisclosure,
            },
            revoked_on: None,
            subject: authorization::SubjectStatus::Active,
        },
        received_on,
    ))
}

/// desk-core's checklist for a form as typed: each missing element by name, and its expiry.
pub fn check_authorization(store: &Store, form: &AuthorizationForm) -> Result<AuthorizationCheck> {
    let (mut auth, received_on) = authorization_of(form)?;
    auth.subject = authorization::SubjectStatus::of_participant(
        store.participant(form.participant_id)?.summary.employment,
    );
    let v = authorization::validate(&auth, received_on)
        .map_err(|e| Error::field(e.field(), e.to_string()))?;
    Ok(AuthorizationCheck {
        defects: defects(&v.defects),
        expires_on: v.expires_on,
        expiry: auth
            .expires
            .as_ref()
            .and_then(|e| authorization::expiry_words(e, auth.signed_on)),
    })
}

/// Keep an authorization (with its scan); a defective one only once its defects were seen.
pub fn record_authorization(store: &mut Store, form: &AuthorizationForm) -> Result<i64> {
    let (auth, received_on) = authorization_of(form)?;
    let scan = form
        .scan
        .as_ref()
        .map(|u| form::attachment(u, AttachmentKind::SignedForm, None, "scan"))
        .transpose()?;
    Ok(store.record_authorization(&NewAuthorization {
        participant_id: form.participant_id,
        request_id: None,
        information: form.information.clone(),
        discloser: form.discloser.clone(),
        recipient: form.recipient.clone(),
        purpose: form.purpose.clone(),
        expires: auth.expires.clone(),
        signed_on: auth.signed_on,
        signer: auth.signer.clone(),
        statements: auth.statements,
        received_on,
        scan,
        defects_seen: form.defects_seen,
    })?)
}

/// Log a written revocation, received on `received_on` (today or earlier).
pub fn revoke_authorization(
    store: &mut Store,
    authorization_id: i64,
    received_on: &str,
) -> Result<()> {
    let on = form::date(received_on, "receivedOn")?;
    store.revoke_authorization(authorization_id, on, None)?;
    Ok(())
}

/// What the pre-filled authorization form prints, from the terms as typed. A period after
/// signature is desk-core's words: "90 days after the date signed, on …" (the day signed is
/// day 0), with the day it ends once the date signed is typed.
pub fn authorization_terms(f: &AuthorizationForm) -> Result<AuthorizationTerms> {
    Ok(AuthorizationTerms {
        discloser: f.discloser.trim().to_owned(),
        recipient: f.recipient.trim().to_owned(),
        information: f.information.trim().to_owned(),
        purpose: f.purpose.trim().to_owned(),
        expires: match f.expires_kind.as_str() {
            "date" => form::date(&f.expires_value, "expiresValue").map(letter::long_date)?,
            "days" if !f.expires_value.trim().is_empty() => {
                let days = f
                    .expires_value
                    .trim()
                    .parse()
                    .map_err(|_| Error::field("expiresValue", "Enter the number of days."))?;
                let signed_on = form::optional_date(&f.signed_on, "signedOn")?;
                authorization::expiry_words(&Expiry::AfterDays(days), signed_on).unwrap_or_default()
            }
            "employment" => "When my employment with the County ends".to_owned(),
            _ => f.expires_value.trim().to_owned(),
        },
    })
}

/// The county-style authorization form: blank (terms empty) or pre-filled with the terms given.
pub fn authorization_form_pdf(
    store: &mut Store,
    participant_id: i64,
    terms: Option<&AuthorizationForm>,
) -> Result<Vec<u8>> {
    let dated = crate::today(store);
    let org = store.organization()?;
    let person = crate::prefill::form_person(store, participant_id)?;
    let terms = match terms {
        None => AuthorizationTerms::default(),
        Some(f) => authorization_terms(f)?,
    };
    let model = letter::authorization_form(&org, &person, &terms, dated);
    let pdf = crate::letter::render_for(store, &model, participant_id)?;
    store.record_event("authorization.form", "participant", Some(participant_id))?;
    Ok(pdf)
}

/// Record a suspension statement from an oversight agency or law enforcement.
pub fn record_suspension(store: &mut Store, form: &SuspensionForm) -> Result<i64> {
    let statement = SuspensionStatement {
        agency: form.agency.clone(),
        recipient: form.recipient.clone(),
        stated_on: form::date(&form.stated_on, "statedOn")?,
        from: form::date(&form.from, "from")?,
        to: form::date(&form.to, "to")?,
        written: form.written,
    };
    let scan = form
        .scan
        .as_ref()
        .map(|u| form::attachment(u, AttachmentKind::LegalDocument, None, "scan"))
        .transpose()?;
    Ok(store.record_suspension(&NewSuspension {
        participant_id: form.participant_id,
        statement,
        scan,
    })?)
}

/// An oral suspension confirmed in writing (within its 30 days).
pub fn confirm_suspension(
    store: &mut Store,
    suspension_id: i64,
    confirmed_on: &str,
) -> Result<i64> {
    let on = form::date(confirmed_on, "confirmedOn")?;
    Ok(store.confirm_suspension(suspension_id, on, None)?)
}

/// The participant's logbook, authorizations (each judged by desk-core as of today) and
/// suspensions.
pub fn get(store: &Store, participant_id: i64) -> Result<LogbookView> {
    let on = crate::today(store);
    let disclosures = store
        .disclosures_of(participant_id)?
        .into_iter()
        .map(|d| {
            // The store takes only desk-core's bases; another means the file was changed.
            let basis = parse_code::<Basis>(&d.basis, "basis").map_err(|_| {
                Error::internal("reading a disclosure on a basis Records Desk never records")
            })?;
            Ok(DisclosureRow {
                accounted: basis.is_accounted(),
                id: d.id,
                disclosed_on: d.disclosed_on,
                recipient: d.recipient,
                recipient_address: d.recipient_address,
                description: d.description,
                purpose: d.purpose,
                basis,
                authorization_id: d.authorization_id,
                minimum_necessary: d.minimum_necessary.map(MinimumNecessary::label),
                awaiting_review: minimum::needs_review(d.minimum_necessary) && d.review.is_none(),
                review: d.review.map(|r| DisclosureReviewView {
                    reviewed_by: r.reviewed_by_name,
                    reviewed_at: r.reviewed_at,
                    note: r.note,
                }),
                associate_id: d.associate_id,
                associate: d.associate_name,
            })
        })
        .collect::<Result<_>>()?;
    let mut authorizations = Vec::new();
    for a in store.authorizations_of(participant_id)? {
        let terms = store.authorization_terms(a.id)?;
        let (v, unknown) = match authorization::validate(&terms, on) {
            Ok(v) => (Some(v), Vec::new()),
            // An expiry that cannot be worked out is never shown as valid.
            Err(e) => (
                None,
                vec![DefectView {
                    code: e.field().to_owned(),
                    message: format!(
                        "Its expiry cannot be worked out: {}.",
                        e.to_string()
                            .split_once(": ")
                            .map_or(String::new(), |(_, why)| why.to_owned())
                    ),
                }],
            ),
        };
        authorizations.push(AuthorizationRow {
            id: a.id,
            recipient: a.recipient,
            information: a.information,
            purpose: a.purpose,
            received_on: a.received_on,
            signed_on: a.signed_on,
            expires_on: v.as_ref().and_then(|v| v.expires_on),
            revoked_on: a.revoked_on,
            defects: v.map_or(unknown, |v| defects(&v.defects)),
            has_scan: a.attachment_id.is_some(),
        });
    }
    let suspensions = store
        .suspensions_of(participant_id)?
        .into_iter()
        .map(|s| SuspensionRow {
            id: s.id,
            agency: s.statement.agency,
            recipient: s.statement.recipient,
            stated_on: s.statement.stated_on,
            from: s.statement.from,
            to: s.statement.to,
            effective_to: s.effective.to,
            written: s.statement.written,
        })
        .collect();
    Ok(LogbookView {
        accompany: crate::dispute::notices(store, participant_id)?,
        disclosures,
        minimum_exempt: Basis::ALL
            .into_iter()
            .filter(|b| !minimum::applies(*b))
            .collect(),
        authorizations,
        suspensions,
        associates: crate::associate_accounting::choices(store)?,
    })
}

/// A disclosure as desk-core checks it, and its basis.
fn proposed(form: &DisclosureCheckForm) -> Result<(ProposedDisclosure, Basis)> {
    Ok((
        ProposedDisclosure {
            recipient: form.recipient.trim().to_owned(),
            information: form.description.trim().to_owned(),
            purpose: form.purpose.trim().to_owned(),
            on: form.disclosed_on,
            information_confirmed: form.information_confirmed,
        },
        parse_code(&form.basis, "basis")?,
    ))
}

/// The warnings a proposed disclosure raises against the participant's agreed restrictions,
/// each quoting the restriction (empty when there is no conflict).
pub fn conflicts(store: &Store, form: &DisclosureCheckForm) -> Result<Vec<ConflictView>> {
    let (p, basis) = proposed(form)?;
    Ok(store
        .disclosure_conflicts(form.participant_id, &p, basis)?
        .into_iter()
        .map(|w| ConflictView {
            restriction_id: w.restriction_id,
            quoted: w.quoted,
            message: w.message,
        })
        .collect())
}
