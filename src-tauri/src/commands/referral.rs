//! Requesters the desk could not verify: the Privacy Official's referral queue and answers, the
//! written-request letter, and the written request's arrival.

use desk_office::letter::LetterDone;
use desk_office::referral::{self, ReasonForm, ReferralRow, VerifyForm, WrittenForm};
use desk_office::request::RequestStatus;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn referral_list(desk: State<'_, Desk>) -> Result<Vec<ReferralRow>> {
    desk.with_store(|s| referral::queue(s))
}

#[tauri::command]
pub fn request_verify(desk: State<'_, Desk>, form: VerifyForm) -> Result<()> {
    desk.with_store(|s| referral::verify(s, &form))
}

#[tauri::command]
pub fn referral_refuse(desk: State<'_, Desk>, form: ReasonForm) -> Result<()> {
    desk.with_store(|s| referral::refuse(s, &form))
}

#[tauri::command]
pub fn referral_county_attorney(desk: State<'_, Desk>, form: ReasonForm) -> Result<RequestStatus> {
    desk.with_store(|s| referral::route_to_county_attorney(s, &form))
}

#[tauri::command]
pub fn written_request_letter(desk: State<'_, Desk>, request_id: i64) -> Result<LetterDone> {
    desk.with_store(|s| referral::letter(s, request_id))
}

#[tauri::command]
pub fn written_request_received(desk: State<'_, Desk>, form: WrittenForm) -> Result<()> {
    desk.with_store(|s| referral::written_request_received(s, &form))
}
