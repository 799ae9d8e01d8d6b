//! The dashboard: open requests by effective due date, with counts by kind.

use chrono::Local;
use desk_store::RequestFilter;
use tauri::State;

use super::{code_of, store_error};
use crate::dto::{Dashboard, DashboardRow, KindCount};
use crate::error::Result;
use crate::session::Desk;

#[tauri::command]
pub fn dashboard_get(desk: State<'_, Desk>) -> Result<Dashboard> {
    let today = Local::now().date_naive();
    desk.with_store(|store| {
        let open = store
            .list_requests(&RequestFilter {
                open_only: true,
                ..RequestFilter::default()
            })
            .map_err(|e| store_error(e, &[]))?;
        let mut rows = Vec::with_capacity(open.len());
        let mut counts: Vec<KindCount> = Vec::new();
        for r in open {
            let due = r.effective_due_on();
            let urgency = desk_core::clock::urgency(due, today);
            let kind = code_of(&r.kind);
            match counts.iter_mut().find(|c| c.kind == kind) {
                Some(c) => {
                    c.open += 1;
                    c.overdue += u32::from(urgency.overdue);
                }
                None => counts.push(KindCount {
                    kind: kind.clone(),
                    open: 1,
                    overdue: u32::from(urgency.overdue),
                }),
            }
            rows.push(DashboardRow {
                id: r.id,
                kind,
                status: code_of(&r.status),
                participant: r.participant_name,
                received_on: r.received_on,
                effective_due_on: due,
                days_left: urgency.days_left.unwrap_or(0),
                overdue: urgency.overdue,
                due_soon: urgency.due_soon,
            });
        }
        Ok(Dashboard { rows, counts })
    })
}
