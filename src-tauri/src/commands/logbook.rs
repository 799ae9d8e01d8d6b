//! The disclosure logbook, authorizations, suspensions, and an accounting request's steps.

use desk_office::accounting::{self, AccountingPeriodForm, AccountingView, FeeNoticeForm};
use desk_office::letter::LetterDone;
use desk_office::logbook::{
    self, AuthorizationCheck, AuthorizationForm, DisclosureCheckForm, LogbookView,
    PendingReviewRow, SuspensionForm,
};
use tauri::ipc::Response;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn disclosure_record_checked(desk: State<'_, Desk>, form: DisclosureCheckForm) -> Result<i64> {
    desk.with_store(|s| logbook::record_disclosure(s, &form))
}

#[tauri::command]
pub fn disclosure_reviews_pending(desk: State<'_, Desk>) -> Result<Vec<PendingReviewRow>> {
    desk.with_store(|s| logbook::awaiting_review(s))
}

#[tauri::command]
pub fn disclosure_review(desk: State<'_, Desk>, disclosure_id: i64, note: String) -> Result<()> {
    desk.with_store(|s| logbook::review_disclosure(s, disclosure_id, &note))
}

#[tauri::command]
pub fn logbook_get(desk: State<'_, Desk>, participant_id: i64) -> Result<LogbookView> {
    desk.with_store(|s| logbook::get(s, participant_id))
}

#[tauri::command]
pub fn authorization_check(
    desk: State<'_, Desk>,
    form: AuthorizationForm,
) -> Result<AuthorizationCheck> {
    desk.with_store(|s| logbook::check_authorization(s, &form))
}

#[tauri::command]
pub fn authorization_record(desk: State<'_, Desk>, form: AuthorizationForm) -> Result<i64> {
    desk.with_store(|s| logbook::record_authorization(s, &form))
}

#[tauri::command]
pub fn authorization_revoke(
    desk: State<'_, Desk>,
    authorization_id: i64,
    received_on: String,
) -> Result<()> {
    desk.with_store(|s| logbook::revoke_authorization(s, authorization_id, &received_on))
}

#[tauri::command]
pub fn authorization_form_pdf(
    desk: State<'_, Desk>,
    participant_id: i64,
    terms: Option<AuthorizationForm>,
) -> Result<Response> {
    desk.with_store(|s| logbook::authorization_form_pdf(s, participant_id, terms.as_ref()))
        .map(Response::new)
}

#[tauri::command]
pub fn suspension_record(desk: State<'_, Desk>, form: SuspensionForm) -> Result<i64> {
    desk.with_store(|s| logbook::record_suspension(s, &form))
}

#[tauri::command]
pub fn suspension_confirm(
    desk: State<'_, Desk>,
    suspension_id: i64,
    confirmed_on: String,
) -> Result<i64> {
    desk.with_store(|s| logbook::confirm_suspension(s, suspension_id, &confirmed_on))
}

#[tauri::command]
pub fn accounting_get(desk: State<'_, Desk>, request_id: i64) -> Result<AccountingView> {
    desk.with_store(|s| accounting::get(s, request_id))
}

#[tauri::command]
pub fn accounting_set_period(
    desk: State<'_, Desk>,
    request_id: i64,
    form: AccountingPeriodForm,
) -> Result<()> {
    desk.with_store(|s| accounting::set_period(s, request_id, &form))
}

#[tauri::command]
pub fn accounting_fee_notice(
    desk: State<'_, Desk>,
    request_id: i64,
    form: FeeNoticeForm,
) -> Result<LetterDone> {
    desk.with_store(|s| accounting::fee_notice(s, request_id, &form))
}

#[tauri::command]
pub fn accounting_withdraw(desk: State<'_, Desk>, request_id: i64) -> Result<()> {
    desk.with_store(|s| accounting::withdraw(s, request_id))
}

#[tauri::command]
pub fn accounting_extend(
    desk: State<'_, Desk>,
    request_id: i64,
    form: accounting::ExtensionForm,
) -> Result<LetterDone> {
    desk.with_store(|s| accounting::extend(s, request_id, &form))
}

#[tauri::command]
pub fn accounting_letter(desk: State<'_, Desk>, request_id: i64) -> Result<LetterDone> {
    desk.with_store(|s| accounting::letter(s, request_id))
}
