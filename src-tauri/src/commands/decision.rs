//! Decisions, the Privacy Official's approvals, the review of a reviewable denial, and the
//! dispute that follows a denied amendment.

use desk_office::decision::{self, ApprovalRow, DecisionForm, DecisionRow};
use desk_office::dispute::{self, DisputeForm};
use desk_office::letter::LetterDone;
use desk_office::review::{self, ReviewDecisionForm, ReviewRequestForm};
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

#[tauri::command]
pub fn review_request(desk: State<'_, Desk>, form: ReviewRequestForm) -> Result<()> {
    desk.with_store(|s| review::request(s, &form))
}

#[tauri::command]
pub fn review_complete(desk: State<'_, Desk>, form: ReviewDecisionForm) -> Result<()> {
    desk.with_store(|s| review::complete(s, &form))
}

#[tauri::command]
pub fn dispute_record(desk: State<'_, Desk>, form: DisputeForm) -> Result<Option<LetterDone>> {
    desk.with_store(|s| dispute::record(s, &form))
}

#[tauri::command]
pub fn decision_return(desk: State<'_, Desk>, decision_id: i64, reason: String) -> Result<()> {
    desk.with_store(|s| decision::return_denial(s, decision_id, &reason))
}
