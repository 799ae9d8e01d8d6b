//! The disclosure logbook on the participant's page: recording a disclosure (checked against
//! agreed restrictions, and against its authorization by the store through desk-core),
//! authorizations (desk-core's element checklist, the scan, revocation, the county-style form),
//! suspension statements, and an accounting request's accounting with its fee notice.

use chrono::{Days, NaiveDate};
use desk_core::accounting::{self, AccountingRequest, AccountingStep, Period, SuspensionStatement};
use desk_core::authorization::{self, Authorization, Capacity, Expiry, Signer, Statements};
use desk_core::disclosure::{Basis, Disclosure};
use desk_core::letter::{
    self, AccountingFee, AccountingStatement, Addressee, AuthorizationTerms, LetterKind,
};
use desk_core::organization::Organization;
use desk_core::request::{RequestKind, RequestStatus};
use desk_store::{
    AttachmentKind, FieldError, NewAuthorization, NewDisclosure, NewLetter, NewSuspension,
    RequestSummary, Store,
};
use tauri::ipc::Response;
use tauri::State;

use super::date_field;
use super::decision::today;
use super::request::{attachment_from, form_person};
use super::{code_of, store_error};
use crate::dto::{
    AccountingLine, AccountingPeriodForm, AccountingView, AuthorizationCheck, AuthorizationForm,
    AuthorizationRow, DefectView, DisclosureCheckForm, DisclosureRow, ExcludedLine, LetterDone,
    LogbookView, SuspensionForm, SuspensionRow,
};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn opt_date_field(text: &str, field: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date_field(text, field).map(Some)
    }
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
/// refused, on the field it breaks, when it falls outside the authorization's terms.
#[tauri::command]
pub fn disclosure_record_checked(desk: State<'_, Desk>, form: DisclosureCheckForm) -> Result<i64> {
    desk.with_store(|store| {
        let found = super::restriction::warnings(store, &form)?;
        if !found.is_empty() && !form.conflicts_seen {
            // The restriction itself is shown by the warning, never carried in an error.
            return Err(ApiError::field(
                "recipient",
                "This disclosure conflicts with an agreed restriction: read the warning and confirm to record it anyway.",
            ));
        }
        let (_, basis) = super::restriction::proposed(&form)?;
        let written_request = form
            .written_request
            .as_ref()
            .map(|u| attachment_from(u, AttachmentKind::LetterheadRequest, None))
            .transpose()
            .map_err(|e| ApiError::field("writtenRequest", e.message))?;
        store
            .record_disclosure(&NewDisclosure {
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
            })
            .map_err(|e| store_error(e, &[]))
    })
}

fn authorization_of(form: &AuthorizationForm) -> Result<(Authorization, NaiveDate)> {
    // An expiry left blank is a missing element (desk-core names it), not a typing error.
    let blank = form.expires_value.trim().is_empty();
    let expires = match form.expires_kind.as_str() {
        "" => None,
        "date" | "days" | "event" if blank => None,
        "date" => Some(Expiry::On(date_field(&form.expires_value, "expiresValue")?)),
        "days" => Some(Expiry::AfterDays(
            form.expires_value
                .trim()
                .parse()
                .map_err(|_| ApiError::field("expiresValue", "Enter the number of days."))?,
        )),
        "employment" => Some(Expiry::EmploymentEnds),
        "event" => Some(Expiry::Event(form.expires_value.trim().to_owned())),
        _ => {
            return Err(ApiError::field(
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
    let received_on = date_field(&form.received_on, "receivedOn")?;
    Ok((
        Authorization {
            information: authorization::present(Some(&form.information)),
            discloser: authorization::present(Some(&form.discloser)),
            recipient: authorization::present(Some(&form.recipient)),
            purpose: authorization::present(Some(&form.purpose)),
            expires,
            signed_on: opt_date_field(&form.signed_on, "signedOn")?,
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

fn subject_of(store: &Store, participant_id: i64) -> Result<authorization::SubjectStatus> {
    let p = store
        .participant(participant_id)
        .map_err(|e| store_error(e, &[]))?;
    Ok(p.summary
        .employment
        .map_or(authorization::SubjectStatus::Active, Into::into))
}

/// desk-core's checklist for a form as typed: each missing element by name, and its expiry.
#[tauri::command]
pub fn authorization_check(
    desk: State<'_, Desk>,
    form: AuthorizationForm,
) -> Result<AuthorizationCheck> {
    desk.with_store(|store| {
        let (mut auth, received_on) = authorization_of(&form)?;
        auth.subject = subject_of(store, form.participant_id)?;
        let v = authorization::validate(&auth, received_on)
            .map_err(|e| ApiError::field(e.field(), e.to_string()))?;
        Ok(AuthorizationCheck {
            defects: defects(&v.defects),
            expires_on: v.expires_on,
        })
    })
}

/// Keep an authorization (with its scan); a defective one only once its defects were seen.
#[tauri::command]
pub fn authorization_record(desk: State<'_, Desk>, form: AuthorizationForm) -> Result<i64> {
    let (auth, received_on) = authorization_of(&form)?;
    let scan = form
        .scan
        .as_ref()
        .map(|u| attachment_from(u, AttachmentKind::SignedForm, None))
        .transpose()?;
    desk.with_store(|store| {
        store
            .record_authorization(&NewAuthorization {
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
            })
            .map_err(|e| store_error(e, &[]))
    })
}

/// Log a written revocation, received on `receivedOn` (today or earlier).
#[tauri::command]
pub fn authorization_revoke(
    desk: State<'_, Desk>,
    authorization_id: i64,
    received_on: String,
) -> Result<()> {
    let on = date_field(&received_on, "receivedOn")?;
    desk.with_store(|store| {
        store
            .revoke_authorization(authorization_id, on, None)
            .map_err(|e| store_error(e, &[]))?;
        Ok(())
    })
}

/// The county-style authorization form: blank (terms empty) or pre-filled with the terms given.
#[tauri::command]
pub fn authorization_form_pdf(
    desk: State<'_, Desk>,
    participant_id: i64,
    terms: Option<AuthorizationForm>,
) -> Result<Response> {
    let dated = today();
    desk.with_store(|store| {
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let person = form_person(store, participant_id)?;
        let terms = match &terms {
            None => AuthorizationTerms::default(),
            Some(f) => AuthorizationTerms {
                discloser: f.discloser.trim().to_owned(),
                recipient: f.recipient.trim().to_owned(),
                information: f.information.trim().to_owned(),
                purpose: f.purpose.trim().to_owned(),
                expires: match f.expires_kind.as_str() {
                    "date" => {
                        date_field(&f.expires_value, "expiresValue").map(letter::long_date)?
                    }
                    "days" => format!("{} days after signature", f.expires_value.trim()),
                    "employment" => "When my employment with the County ends".to_owned(),
                    _ => f.expires_value.trim().to_owned(),
                },
            },
        };
        let model = letter::authorization_form(&org, &person, &terms, dated);
        let pdf = desk_letters::render(&model, &org, None)
            .map_err(|_| ApiError::internal("printing the authorization form"))?;
        store
            .record_event("authorization.form", "participant", Some(participant_id))
            .map_err(|e| store_error(e, &[]))?;
        Ok(Response::new(pdf))
    })
}

/// Record a suspension statement from an oversight agency or law enforcement.
#[tauri::command]
pub fn suspension_record(desk: State<'_, Desk>, form: SuspensionForm) -> Result<i64> {
    let statement = SuspensionStatement {
        agency: form.agency.clone(),
        recipient: form.recipient.clone(),
        stated_on: date_field(&form.stated_on, "statedOn")?,
        from: date_field(&form.from, "from")?,
        to: date_field(&form.to, "to")?,
        written: form.written,
    };
    let scan = form
        .scan
        .as_ref()
        .map(|u| attachment_from(u, AttachmentKind::LegalDocument, None))
        .transpose()?;
    desk.with_store(|store| {
        store
            .record_suspension(&NewSuspension {
                participant_id: form.participant_id,
                statement,
                scan,
            })
            .map_err(|e| store_error(e, &[]))
    })
}

/// An oral suspension confirmed in writing (within its 30 days).
#[tauri::command]
pub fn suspension_confirm(
    desk: State<'_, Desk>,
    suspension_id: i64,
    confirmed_on: String,
) -> Result<i64> {
    let on = date_field(&confirmed_on, "confirmedOn")?;
    desk.with_store(|store| {
        store
            .confirm_suspension(suspension_id, on, None)
            .map_err(|e| store_error(e, &[]))
    })
}

/// The participant's logbook, authorizations (each judged by desk-core as of today) and
/// suspensions.
#[tauri::command]
pub fn logbook_get(desk: State<'_, Desk>, participant_id: i64) -> Result<LogbookView> {
    let on = today();
    desk.with_store(|store| {
        let err = |e| store_error(e, &[]);
        let disclosures = store
            .disclosures_of(participant_id)
            .map_err(err)?
            .into_iter()
            .map(|d| DisclosureRow {
                accounted: super::parse_code::<Basis>(&d.basis, "basis")
                    .map(Basis::is_accounted)
                    .unwrap_or(false),
                id: d.id,
                disclosed_on: d.disclosed_on,
                recipient: d.recipient,
                recipient_address: d.recipient_address,
                description: d.description,
                purpose: d.purpose,
                basis: d.basis,
                authorization_id: d.authorization_id,
            })
            .collect();
        let mut authorizations = Vec::new();
        for a in store.authorizations_of(participant_id).map_err(err)? {
            let terms = store.authorization_terms(a.id).map_err(err)?;
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
            .suspensions_of(participant_id)
            .map_err(err)?
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
            disclosures,
            authorizations,
            suspensions,
        })
    })
}

/// What an accounting request's accounting is: desk-core's result over the logbook, the
/// statement for the letter, and its page count and fee.
struct Computed {
    r: RequestSummary,
    org: Organization,
    /// Who the letters go to (the confidential-communication address when one is in force).
    recipient: Addressee,
    log: Vec<Disclosure>,
    result: accounting::Accounting,
    window: (NaiveDate, NaiveDate),
    statement: AccountingStatement,
    previous: Option<NaiveDate>,
    pages: u64,
    period: Period,
}

fn compute(store: &Store, request_id: i64, dated: NaiveDate) -> Result<Computed> {
    let err = |e| store_error(e, &[]);
    let r = store.request(request_id).map_err(err)?;
    if r.kind != RequestKind::Accounting {
        return Err(ApiError::field(
            "kind",
            "This is not a request for an accounting.",
        ));
    }
    let org = store.organization().map_err(err)?;
    let (log, suspensions) = store.accounting_inputs(r.participant_id).map_err(err)?;
    let previous = store
        .previous_accounting_on(r.participant_id, request_id)
        .map_err(err)?;
    let period = store.accounting_period(request_id).map_err(err)?;
    let mut ask = AccountingRequest {
        requested_on: r.received_on,
        period,
        previous_accounting_on: previous,
        pages: 1,
    };
    let first = accounting::account(&ask, &log, &suspensions)
        .map_err(|e| ApiError::field(e.field(), e.to_string()))?;
    let window = accounting::window(ask.requested_on, ask.period);
    let included: Vec<Disclosure> = first.included.iter().map(|&i| log[i].clone()).collect();
    let mut statement = AccountingStatement::summarised(window.0, window.1, &included, 0);
    // The fee is counted by the page of the letter itself.
    let recipient = super::letter::addressee_of(store, &r, dated)?;
    let model = letter::accounting(&org, &recipient, dated, r.received_on, &statement);
    let pages = desk_letters::page_count(&model, &org)
        .map_err(|_| ApiError::internal("laying out the accounting"))? as u64;
    ask.pages = pages;
    let result = accounting::account(&ask, &log, &suspensions)
        .map_err(|e| ApiError::field(e.field(), e.to_string()))?;
    statement.fee_cents = result.fee_cents;
    Ok(Computed {
        r,
        org,
        recipient,
        log,
        result,
        window,
        statement,
        previous,
        pages,
        period,
    })
}

fn letter_of_kind(store: &Store, request_id: i64, kind: LetterKind) -> Result<Option<i64>> {
    let kind = code_of(&kind);
    Ok(store
        .letters_of(request_id)
        .map_err(|e| store_error(e, &[]))?
        .into_iter()
        .rev()
        .find(|l| l.kind == kind)
        .map(|l| l.id))
}

/// The period form's names for the store's fields.
const PERIOD_FIELDS: &[(&str, &str)] = &[("period_from", "periodFrom"), ("period_to", "periodTo")];

/// desk-core's verdict on the next step of an accounting request, as the form's error.
fn check_step(store: &Store, request_id: i64, step: AccountingStep) -> Result<()> {
    let progress = store
        .accounting_progress(request_id)
        .map_err(|e| store_error(e, &[]))?;
    accounting::check_step(progress, step).map_err(|e| {
        store_error(
            FieldError::new(e.field(), e.to_string()).into(),
            PERIOD_FIELDS,
        )
    })
}

/// The accounting an accounting request would give today.
#[tauri::command]
pub fn accounting_get(desk: State<'_, Desk>, request_id: i64) -> Result<AccountingView> {
    let dated = today();
    desk.with_store(|store| {
        let c = compute(store, request_id, dated)?;
        let progress = store
            .accounting_progress(request_id)
            .map_err(|e| store_error(e, &[]))?;
        Ok(AccountingView {
            window_from: c.window.0,
            window_to: c.window.1,
            period_from: c.period.from,
            period_to: c.period.to,
            lines: c
                .statement
                .entries
                .iter()
                .map(|e| AccountingLine {
                    on: e.on,
                    recipient: e.recipient.clone(),
                    description: e.description.clone(),
                    purpose: e.purpose.clone(),
                    repeated: e.repeated.as_ref().map(|r| r.frequency.clone()),
                    repeated_last_on: e.repeated.as_ref().map(|r| r.last_on),
                })
                .collect(),
            excluded: c
                .result
                .excluded
                .iter()
                .filter_map(|(i, why)| {
                    c.log.get(*i).map(|d| ExcludedLine {
                        on: d.on,
                        recipient: d.recipient.clone(),
                        reason: why.code().to_owned(),
                    })
                })
                .collect(),
            free: c.result.free,
            previous_on: c.previous,
            pages: c.pages,
            fee_cents: c.result.fee_cents,
            cents_per_page: accounting::CENTS_PER_PAGE,
            fee_notice_letter_id: letter_of_kind(
                store,
                request_id,
                LetterKind::AccountingFeeNotice,
            )?,
            accounting_letter_id: letter_of_kind(store, request_id, LetterKind::Accounting)?,
            withdrawn: c.r.status == RequestStatus::Withdrawn,
            steps: accounting::open_steps(progress)
                .into_iter()
                .map(|s| code_of(&s))
                .collect(),
        })
    })
}

/// Record the period the individual asked about (both blank: the full six years).
#[tauri::command]
pub fn accounting_set_period(
    desk: State<'_, Desk>,
    request_id: i64,
    form: AccountingPeriodForm,
) -> Result<()> {
    let period = Period {
        from: opt_date_field(&form.period_from, "periodFrom")?,
        to: opt_date_field(&form.period_to, "periodTo")?,
    };
    desk.with_store(|store| {
        store
            .set_accounting_period(request_id, period)
            .map(|_| ())
            .map_err(|e| store_error(e, PERIOD_FIELDS))
    })
}

fn keep(
    store: &mut Store,
    request_id: i64,
    org: &Organization,
    model: &desk_core::letter::Letter,
) -> Result<LetterDone> {
    let signature = store.signature_image().map_err(|e| store_error(e, &[]))?;
    let pdf = desk_letters::render(model, org, signature.as_deref())
        .map_err(|_| ApiError::internal("rendering the letter"))?;
    let kind = code_of(&model.kind);
    let id = store
        .store_letter(&NewLetter {
            request_id: Some(request_id),
            kind: kind.clone(),
            pdf,
            corrects_id: None,
        })
        .map_err(|e| store_error(e, &[]))?;
    let meta = store.letter(id).map_err(|e| store_error(e, &[]))?.meta;
    Ok(LetterDone {
        letter_id: id,
        sha256: meta.sha256,
        title: super::letter::title_of(&kind),
    })
}

/// The fee notice, told before an accounting that is not the first in 12 months.
#[tauri::command]
pub fn accounting_fee_notice(desk: State<'_, Desk>, request_id: i64) -> Result<LetterDone> {
    let dated = today();
    desk.with_store(|store| {
        check_step(store, request_id, AccountingStep::FeeNotice)?;
        let c = compute(store, request_id, dated)?;
        let Some(previous_on) = c.previous else {
            return Err(ApiError::internal("the previous accounting"));
        };
        let model = letter::accounting_fee_notice(
            &c.org,
            &c.recipient,
            dated,
            c.r.received_on,
            &AccountingFee {
                previous_on,
                pages: u32::try_from(c.pages).unwrap_or(u32::MAX),
                fee_cents: c.result.fee_cents,
                reply_by: dated + Days::new(accounting::FEE_REPLY_DAYS),
            },
        );
        keep(store, request_id, &c.org, &model)
    })
}

/// The person withdrew the request after the fee notice.
#[tauri::command]
pub fn accounting_withdraw(desk: State<'_, Desk>, request_id: i64) -> Result<()> {
    desk.with_store(|store| {
        store
            .withdraw_accounting(request_id)
            .map_err(|e| store_error(e, &[]))
    })
}

/// The accounting letter (a fee due is told first by the fee notice, and the person may have
/// withdrawn).
#[tauri::command]
pub fn accounting_letter(desk: State<'_, Desk>, request_id: i64) -> Result<LetterDone> {
    let dated = today();
    desk.with_store(|store| {
        check_step(store, request_id, AccountingStep::Letter)?;
        let c = compute(store, request_id, dated)?;
        let model = letter::accounting(&c.org, &c.recipient, dated, c.r.received_on, &c.statement);
        keep(store, request_id, &c.org, &model)
    })
}
