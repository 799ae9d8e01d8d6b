//! Intake (the verification checklist, logging a request), the request page, the pre-filled
//! request form and the signed form's scan, closing, withdrawing and reopening a case, its
//! notes, its case file, and the search across cases.

use desk_office::case_file;
use desk_office::cases::{self, CaseSearch, CaseSearchForm};
use desk_office::form::UploadForm;
use desk_office::intake::{self, EvidenceForm, IntakeForm, IntakeResult, VerificationView};
use desk_office::request::{self, EndForm, NoteForm, NoteRow, RequestPage, RequestStatus};
use tauri::ipc::Response;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn verification_check(desk: State<'_, Desk>, form: EvidenceForm) -> Result<VerificationView> {
    desk.with_store(|s| intake::check(s, &form))
}

#[tauri::command]
pub fn request_intake(desk: State<'_, Desk>, form: IntakeForm) -> Result<IntakeResult> {
    desk.with_store(|s| intake::log(s, &form))
}

#[tauri::command]
pub fn request_get(desk: State<'_, Desk>, id: i64) -> Result<RequestPage> {
    desk.with_store(|s| request::page(s, id))
}

#[tauri::command]
pub fn request_form_pdf(desk: State<'_, Desk>, id: i64) -> Result<Response> {
    desk.with_store(|s| request::form_pdf(s, id))
        .map(Response::new)
}

/// The request's case file as one PDF (audited).
#[tauri::command]
pub fn case_file_pdf(desk: State<'_, Desk>, request_id: i64) -> Result<Response> {
    desk.with_store(|s| case_file::pdf(s, request_id))
        .map(Response::new)
}

#[tauri::command]
pub fn request_form_signed(desk: State<'_, Desk>, id: i64, scan: UploadForm) -> Result<()> {
    desk.with_store(|s| request::form_signed(s, id, &scan))
}

#[tauri::command]
pub fn request_end(desk: State<'_, Desk>, form: EndForm) -> Result<RequestStatus> {
    desk.with_store(|s| request::end(s, &form))
}

#[tauri::command]
pub fn request_note(desk: State<'_, Desk>, form: NoteForm) -> Result<NoteRow> {
    desk.with_store(|s| request::note(s, &form))
}

#[tauri::command]
pub fn case_search(desk: State<'_, Desk>, form: CaseSearchForm) -> Result<CaseSearch> {
    desk.with_store(|s| cases::search(s, &form))
}
