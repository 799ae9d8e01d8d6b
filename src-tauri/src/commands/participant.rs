//! The dashboard, participant search, the participant's page, and adding and editing
//! participants.

use desk_office::dashboard::{self, Dashboard, DashboardQuery};
use desk_office::participant::{self, ParticipantForm, ParticipantHit, ParticipantPage};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

/// The rows the dashboard shows: filtered by kind and status, the first ones unless all.
#[tauri::command]
pub fn dashboard_get(desk: State<'_, Desk>, query: DashboardQuery) -> Result<Dashboard> {
    desk.with_store(|s| dashboard::query(s, &query))
}

#[tauri::command]
pub fn participant_search(desk: State<'_, Desk>, query: String) -> Result<Vec<ParticipantHit>> {
    desk.with_store(|s| participant::search(s, &query))
}

#[tauri::command]
pub fn participant_get(desk: State<'_, Desk>, id: i64) -> Result<ParticipantPage> {
    desk.with_store(|s| participant::page(s, id))
}

#[tauri::command]
pub fn participant_add(desk: State<'_, Desk>, form: ParticipantForm) -> Result<i64> {
    desk.with_store(|s| participant::add(s, &form))
}

#[tauri::command]
pub fn participant_form(desk: State<'_, Desk>, id: i64) -> Result<ParticipantForm> {
    desk.with_store(|s| participant::form(s, id))
}

#[tauri::command]
pub fn participant_edit(
    desk: State<'_, Desk>,
    id: i64,
    form: ParticipantForm,
) -> Result<Vec<String>> {
    desk.with_store(|s| participant::edit(s, id, &form))
}
