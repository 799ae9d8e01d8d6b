//! Business associates: the register (read by anyone, changed by the Privacy Official), a
//! request forwarded to the associate holding the records and its reply.

use desk_office::associate::{
    self, AssociateForm, AssociateRequestRow, AssociateRow, ForwardForm, RegisterView, ReplyForm,
};
use desk_office::letter::LetterDone;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn associate_register(desk: State<'_, Desk>) -> Result<RegisterView> {
    desk.with_store(|s| associate::register(s))
}

#[tauri::command]
pub fn associate_add(desk: State<'_, Desk>, form: AssociateForm) -> Result<AssociateRow> {
    desk.with_store(|s| associate::add(s, &form))
}

#[tauri::command]
pub fn associate_correct(
    desk: State<'_, Desk>,
    id: i64,
    form: AssociateForm,
) -> Result<AssociateRow> {
    desk.with_store(|s| associate::correct(s, id, &form))
}

#[tauri::command]
pub fn associate_end(desk: State<'_, Desk>, id: i64, ended_on: String) -> Result<AssociateRow> {
    desk.with_store(|s| associate::end(s, id, &ended_on))
}

#[tauri::command]
pub fn associate_forward(desk: State<'_, Desk>, form: ForwardForm) -> Result<LetterDone> {
    desk.with_store(|s| associate::forward(s, &form))
}

#[tauri::command]
pub fn associate_reply(desk: State<'_, Desk>, form: ReplyForm) -> Result<AssociateRequestRow> {
    desk.with_store(|s| associate::reply(s, &form))
}
