//! Business associates' disclosures for an accounting: asking each by letter, recording its
//! reply, and its log imported into the logbook.

use desk_office::associate_accounting::{
    self, AssociateAccountingView, AssociateLogForm, AssociateLogImport, AssociateReplyForm,
    LogColumnView,
};
use desk_office::letter::LetterDone;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn associate_accounting_get(
    desk: State<'_, Desk>,
    request_id: i64,
) -> Result<AssociateAccountingView> {
    desk.with_store(|s| associate_accounting::get(s, request_id))
}

#[tauri::command]
pub fn associate_accounting_ask(
    desk: State<'_, Desk>,
    request_id: i64,
    associate_id: i64,
) -> Result<LetterDone> {
    desk.with_store(|s| associate_accounting::ask(s, request_id, associate_id))
}

#[tauri::command]
pub fn associate_reply_record(
    desk: State<'_, Desk>,
    associate_request_id: i64,
    form: AssociateReplyForm,
) -> Result<()> {
    desk.with_store(|s| associate_accounting::record_reply(s, associate_request_id, &form))
}

#[tauri::command]
pub fn associate_log_columns() -> Vec<LogColumnView> {
    associate_accounting::columns()
}

#[tauri::command]
pub fn associate_log_import(
    desk: State<'_, Desk>,
    form: AssociateLogForm,
) -> Result<AssociateLogImport> {
    desk.with_store(|s| associate_accounting::import(s, &form))
}
