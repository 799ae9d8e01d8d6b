//! Decisions and the Privacy Official's approvals.

use desk_office::decision::{self, ApprovalRow, DecisionForm, DecisionRow};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn decision_record(desk: State<'_, Desk>, form: DecisionForm) -> Result<DecisionRow> {
    desk.with_store(|s| decision::record(s, &form))
}

#[tauri::command]
pub fn approval_list(desk: State<'_, Desk>) -> Result<Vec<ApprovalRow>> {
    desk.with_store(|s| decision::approvals(s))
}

#[tauri::command]
pub fn decision_approve(desk: State<'_, Desk>, decision_id: i64, note: String) -> Result<()> {
    desk.with_store(|s| decision::approve(s, decision_id, &note))
}
