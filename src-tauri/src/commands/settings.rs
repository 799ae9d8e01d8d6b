//! Settings and users, for the Privacy Official (the store refuses anyone else).

use desk_office::form::UploadForm;
use desk_office::session::RoleView;
use desk_office::settings::{
    self, NewUserForm, OwnPasswordForm, PasswordForm, ProfileForm, SettingsView, UserRow,
};
use tauri::State;

use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn settings_get(desk: State<'_, Desk>) -> Result<SettingsView> {
    desk.with_store(|s| settings::get(s))
}

#[tauri::command]
pub fn settings_save_organization(desk: State<'_, Desk>, form: ProfileForm) -> Result<()> {
    desk.with_store(|s| settings::save_organization(s, &form))
}

#[tauri::command]
pub fn settings_save_idle(desk: State<'_, Desk>, minutes: u32) -> Result<()> {
    desk.with_store(|s| settings::save_idle(s, minutes))
}

#[tauri::command]
pub fn settings_save_backup_reminder(desk: State<'_, Desk>, days: u32) -> Result<()> {
    desk.with_store(|s| settings::save_backup_reminder(s, days))
}

#[tauri::command]
pub fn settings_save_signature(desk: State<'_, Desk>, image: Option<UploadForm>) -> Result<()> {
    desk.with_store(|s| settings::save_signature(s, image.as_ref()))
}

#[tauri::command]
pub fn user_list(desk: State<'_, Desk>) -> Result<Vec<UserRow>> {
    desk.with_store(|s| settings::users(s))
}

#[tauri::command]
pub fn user_add(desk: State<'_, Desk>, form: NewUserForm) -> Result<UserRow> {
    desk.with_store(|s| settings::add_user(s, form))
}

#[tauri::command]
pub fn user_deactivate(desk: State<'_, Desk>, username: String) -> Result<()> {
    desk.with_store(|s| settings::deactivate(s, &username))
}

#[tauri::command]
pub fn user_reactivate(desk: State<'_, Desk>, form: PasswordForm) -> Result<UserRow> {
    desk.with_store(|s| settings::reactivate(s, &form))
}

#[tauri::command]
pub fn user_set_role(desk: State<'_, Desk>, username: String, role: RoleView) -> Result<()> {
    desk.with_store(|s| settings::set_role(s, &username, role))
}

#[tauri::command]
pub fn password_change_own(desk: State<'_, Desk>, form: OwnPasswordForm) -> Result<()> {
    desk.with_store(|s| settings::change_own_password(s, &form))
}
