//! Incidents and breaches: the log, the incident's page and the Privacy Official's steps,
//! each individual's notification letter, and the annual log for HHS as CSV.

use desk_office::incident::{
    self, ActionForm, AddParticipantsForm, AnnualLog, AssessmentForm, BreachLettersForm,
    CorrectionForm, DeterminationForm, IncidentForm, IncidentPage, IncidentRow, ReportingAssociate,
    SubstituteForm,
};
use desk_office::letter::LetterDone;
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn incident_associates(desk: State<'_, Desk>) -> Result<Vec<ReportingAssociate>> {
    desk.with_store(|s| incident::associates(s))
}

#[tauri::command]
pub fn incident_log(desk: State<'_, Desk>, form: IncidentForm) -> Result<i64> {
    desk.with_store(|s| incident::log(s, &form))
}

#[tauri::command]
pub fn incident_list(desk: State<'_, Desk>) -> Result<Vec<IncidentRow>> {
    desk.with_store(|s| incident::list(s))
}

#[tauri::command]
pub fn incident_get(desk: State<'_, Desk>, incident_id: i64) -> Result<IncidentPage> {
    desk.with_store(|s| incident::page(s, incident_id))
}

#[tauri::command]
pub fn incident_correct(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: CorrectionForm,
) -> Result<()> {
    desk.with_store(|s| incident::correct(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_add_participants(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: AddParticipantsForm,
) -> Result<()> {
    desk.with_store(|s| incident::add_participants(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_assess(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: AssessmentForm,
) -> Result<()> {
    desk.with_store(|s| incident::assess(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_decide(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: DeterminationForm,
) -> Result<()> {
    desk.with_store(|s| incident::decide(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_letters(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: BreachLettersForm,
) -> Result<Vec<LetterDone>> {
    desk.with_store(|s| incident::prepare_letters(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_out_of_date(
    desk: State<'_, Desk>,
    incident_id: i64,
    participant_id: i64,
) -> Result<()> {
    desk.with_store(|s| incident::mark_out_of_date(s, incident_id, participant_id))
}

#[tauri::command]
pub fn incident_substitute(
    desk: State<'_, Desk>,
    incident_id: i64,
    form: SubstituteForm,
) -> Result<()> {
    desk.with_store(|s| incident::substitute(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_action(desk: State<'_, Desk>, incident_id: i64, form: ActionForm) -> Result<()> {
    desk.with_store(|s| incident::act(s, incident_id, &form))
}

#[tauri::command]
pub fn incident_annual_log(desk: State<'_, Desk>, year: i32) -> Result<AnnualLog> {
    desk.with_store(|s| incident::annual_log(s, year))
}

/// Save a year's annual log as CSV in the save folder; returns its path.
#[tauri::command]
pub fn incident_annual_log_save(desk: State<'_, Desk>, year: i32) -> Result<String> {
    let dir = super::save_dir()?;
    desk.with_store(|s| incident::save_annual_log(s, year, &dir))
        .map(|p| p.display().to_string())
}
