//! The dashboard, participant search and the participant's page.

use desk_office::dashboard::{self, Dashboard};
use desk_office::participant::{self, ParticipantHit, ParticipantPage};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn dashboard_get(desk: State<'_, Desk>) -> Result<Dashboard> {
    desk.with_store(|s| dashboard::get(s))
}

#[tauri::command]
pub fn participant_search(desk: State<'_, Desk>, query: String) -> Result<Vec<ParticipantHit>> {
    desk.with_store(|s| participant::search(s, &query))
}

#[tauri::command]
pub fn participant_get(desk: State<'_, Desk>, id: i64) -> Result<ParticipantPage> {
    desk.with_store(|s| participant::page(s, id))
}
