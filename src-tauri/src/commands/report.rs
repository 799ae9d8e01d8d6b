//! The Privacy Official's report, on screen and as PDF.

use desk_office::report::{self, ReportView};
use tauri::ipc::Response;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn report_get(desk: State<'_, Desk>, months: u32) -> Result<ReportView> {
    desk.with_store(|s| report::get(s, months))
}

#[tauri::command]
pub fn report_pdf(desk: State<'_, Desk>, months: u32) -> Result<Response> {
    desk.with_store(|s| report::pdf(s, months))
        .map(Response::new)
}
