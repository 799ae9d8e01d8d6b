//! Drafts saved as they are typed, in the encrypted database, so a lock loses nothing.

use desk_office::draft;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn draft_load(desk: State<'_, Desk>, key: String) -> Result<Option<String>> {
    desk.with_store(|s| draft::load(s, &key))
}

#[tauri::command]
pub fn draft_save(desk: State<'_, Desk>, key: String, json: String) -> Result<()> {
    desk.with_store(|s| draft::save(s, &key, &json))
}

#[tauri::command]
pub fn draft_discard(desk: State<'_, Desk>, key: String) -> Result<()> {
    desk.with_store(|s| draft::discard(s, &key))
}
