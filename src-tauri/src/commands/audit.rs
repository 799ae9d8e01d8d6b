//! The audit trail for the Privacy Official: filtered by participant and user, with the chain
//! verified, and exported as PDF (desk-core's document, desk-letters' layout).

use chrono::Local;
use desk_core::letter::{self, AuditLine};
use desk_store::{AuditEntry, AuditFilter, Store};
use tauri::ipc::Response;
use tauri::State;

use super::decision::today;
use super::store_error;
use crate::dto::{AuditFilterForm, AuditRowView, AuditTrailView, UserView};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn filter(form: &AuditFilterForm) -> AuditFilter {
    AuditFilter {
        participant_id: form.participant_id,
        user_id: form.user_id,
        limit: 0,
    }
}

fn user_names(store: &Store) -> Result<Vec<(i64, String)>> {
    Ok(store
        .list_users()
        .map_err(|e| store_error(e, &[]))?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect())
}

fn name_of(names: &[(i64, String)], id: Option<i64>) -> Option<String> {
    id.and_then(|id| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()))
}

fn record_of(e: &AuditEntry) -> String {
    match e.entity_id {
        Some(id) => format!("{} {id}", e.entity),
        None => e.entity.clone(),
    }
}

/// The rows the filter selects (newest first), the chain's state and the accounts.
#[tauri::command]
pub fn audit_trail(desk: State<'_, Desk>, filter_form: AuditFilterForm) -> Result<AuditTrailView> {
    desk.with_store(|store| {
        let rows = store
            .audit_trail(&filter(&filter_form))
            .map_err(|e| store_error(e, &[]))?;
        let names = user_names(store)?;
        let users = store
            .list_users()
            .map_err(|e| store_error(e, &[]))?
            .into_iter()
            .map(|u| UserView {
                id: u.id,
                username: u.username,
                display_name: u.display_name,
                role: u.role.into(),
            })
            .collect();
        Ok(AuditTrailView {
            rows: rows
                .iter()
                .map(|e| AuditRowView {
                    seq: e.seq,
                    at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    user: name_of(&names, e.user_id),
                    action: e.action.clone(),
                    entity: e.entity.clone(),
                    entity_id: e.entity_id,
                })
                .collect(),
            total: store.audit_count().map_err(|e| store_error(e, &[]))?,
            broken_at: store.verify_audit().map_err(|e| store_error(e, &[]))?,
            users,
        })
    })
}

/// The selected rows as a PDF document; the export is itself recorded.
#[tauri::command]
pub fn audit_trail_pdf(desk: State<'_, Desk>, filter_form: AuditFilterForm) -> Result<Response> {
    desk.with_store(|store| {
        let rows = store
            .audit_trail(&filter(&filter_form))
            .map_err(|e| store_error(e, &[]))?;
        let names = user_names(store)?;
        let broken_at = store.verify_audit().map_err(|e| store_error(e, &[]))?;
        let lines: Vec<AuditLine> = rows
            .iter()
            .map(|e| AuditLine {
                seq: e.seq,
                at: e.at.with_timezone(&Local).naive_local(),
                user: name_of(&names, e.user_id).unwrap_or_else(|| "—".into()),
                action: e.action.clone(),
                record: record_of(e),
            })
            .collect();
        let scope = match (filter_form.participant_id, filter_form.user_id) {
            (None, None) => "every row".to_string(),
            (Some(p), None) => format!("the rows about participant {p}"),
            (None, Some(u)) => format!(
                "the rows of user {}",
                name_of(&names, Some(u)).unwrap_or_else(|| u.to_string())
            ),
            (Some(p), Some(u)) => format!(
                "the rows about participant {p} by user {}",
                name_of(&names, Some(u)).unwrap_or_else(|| u.to_string())
            ),
        };
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let model = letter::audit_trail(&org, &scope, &lines, broken_at, today());
        let pdf = desk_letters::render(&model, &org, None)
            .map_err(|_| ApiError::internal("exporting the audit trail"))?;
        store
            .record_event("audit.export", "audit_log", None)
            .map_err(|e| store_error(e, &[]))?;
        Ok(Response::new(pdf))
    })
}
