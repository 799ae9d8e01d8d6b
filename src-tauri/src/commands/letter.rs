//! Letters: the response for a request's decision, a stored letter's bytes, saving a copy and
//! recording how it went out.

use desk_office::letter::{self, Delivery, LetterDone};
use desk_office::response;
use tauri::ipc::Response;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

/// The response letter; `form.associate_ids` are the business associates ticked to be told
/// (null: those the rule ticks).
#[tauri::command]
pub fn letter_create(desk: State<'_, Desk>, form: response::RespondForm) -> Result<LetterDone> {
    desk.with_store(|s| {
        response::respond_telling(s, form.request_id, form.associate_ids.as_deref())
    })
}

#[tauri::command]
pub fn letter_pdf(desk: State<'_, Desk>, letter_id: i64) -> Result<Response> {
    desk.with_store(|s| letter::pdf(s, letter_id))
        .map(Response::new)
}

/// Save a stored letter as a PDF file in the save folder; returns its path.
#[tauri::command]
pub fn letter_save(desk: State<'_, Desk>, letter_id: i64) -> Result<String> {
    let dir = super::save_dir()?;
    desk.with_store(|s| letter::save(s, letter_id, &dir))
        .map(|p| p.display().to_string())
}

#[tauri::command]
pub fn letter_mark_sent(
    desk: State<'_, Desk>,
    letter_id: i64,
    delivery: Delivery,
    sent_on: String,
) -> Result<Option<String>> {
    desk.with_store(|s| letter::mark_sent(s, letter_id, delivery, &sent_on))
}
