//! The audit trail for the Privacy Official, on screen and as PDF.

use desk_office::audit::{self, AuditFilterForm, AuditTrailView};
use tauri::ipc::Response;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn audit_trail(desk: State<'_, Desk>, filter_form: AuditFilterForm) -> Result<AuditTrailView> {
    desk.with_store(|s| audit::trail(s, &filter_form))
}

#[tauri::command]
pub fn audit_trail_pdf(desk: State<'_, Desk>, filter_form: AuditFilterForm) -> Result<Response> {
    desk.with_store(|s| audit::trail_pdf(s, &filter_form))
        .map(Response::new)
}
