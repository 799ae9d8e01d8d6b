//! The Privacy Official's registers: restrictions (decision, list, end, the conflict check),
//! confidential communications, complaints.

use desk_office::communication::{self, CommunicationDecisionForm, EndAccommodationForm};
use desk_office::complaint::{self, ComplaintForm, ComplaintRow};
use desk_office::decision::DecisionRow;
use desk_office::letter::LetterDone;
use desk_office::logbook::{self, ConflictView, DisclosureCheckForm};
use desk_office::restriction::{self, EndRestrictionForm, RestrictionDecisionForm, RestrictionRow};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn restriction_decide(
    desk: State<'_, Desk>,
    form: RestrictionDecisionForm,
) -> Result<DecisionRow> {
    desk.with_store(|s| restriction::decide(s, &form))
}

#[tauri::command]
pub fn restriction_list(desk: State<'_, Desk>, participant_id: i64) -> Result<Vec<RestrictionRow>> {
    desk.with_store(|s| restriction::list(s, participant_id))
}

#[tauri::command]
pub fn restriction_end(desk: State<'_, Desk>, form: EndRestrictionForm) -> Result<LetterDone> {
    desk.with_store(|s| restriction::end_telling(s, &form))
}

#[tauri::command]
pub fn disclosure_conflicts(
    desk: State<'_, Desk>,
    form: DisclosureCheckForm,
) -> Result<Vec<ConflictView>> {
    desk.with_store(|s| logbook::conflicts(s, &form))
}

#[tauri::command]
pub fn communication_decide(
    desk: State<'_, Desk>,
    form: CommunicationDecisionForm,
) -> Result<DecisionRow> {
    desk.with_store(|s| communication::decide(s, &form))
}

#[tauri::command]
pub fn complaint_log(desk: State<'_, Desk>, form: ComplaintForm) -> Result<i64> {
    desk.with_store(|s| complaint::log(s, &form))
}

#[tauri::command]
pub fn complaint_list(desk: State<'_, Desk>) -> Result<Vec<ComplaintRow>> {
    desk.with_store(|s| complaint::list(s))
}

#[tauri::command]
pub fn complaint_acknowledge(desk: State<'_, Desk>, complaint_id: i64) -> Result<LetterDone> {
    desk.with_store(|s| complaint::acknowledge(s, complaint_id))
}

#[tauri::command]
pub fn complaint_close(
    desk: State<'_, Desk>,
    complaint_id: i64,
    disposition: String,
) -> Result<()> {
    desk.with_store(|s| complaint::close(s, complaint_id, &disposition))
}

#[tauri::command]
pub fn communication_end(desk: State<'_, Desk>, form: EndAccommodationForm) -> Result<LetterDone> {
    desk.with_store(|s| communication::end_accommodation(s, &form))
}
