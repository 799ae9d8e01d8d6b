//! Drafts saved as they are typed, in the encrypted database, so a lock loses nothing.

use tauri::State;

use super::store_error;
use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn draft_load(desk: State<'_, Desk>, key: String) -> Result<Option<String>> {
    desk.with_store(|store| {
        Ok(store
            .load_draft(&key)
            .map_err(|e| store_error(e, &[]))?
            .map(|d| d.body))
    })
}

#[tauri::command]
pub fn draft_save(desk: State<'_, Desk>, key: String, json: String) -> Result<()> {
    desk.with_store(|store| {
        store
            .save_draft(&key, &json)
            .map_err(|e| store_error(e, &[("body", "draft")]))
    })
}

#[tauri::command]
pub fn draft_discard(desk: State<'_, Desk>, key: String) -> Result<()> {
    desk.with_store(|store| store.discard_draft(&key).map_err(|e| store_error(e, &[])))
}
