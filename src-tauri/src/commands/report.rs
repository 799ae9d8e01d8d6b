//! The Privacy Official's report: desk-core computes it from the store's request facts; the
//! app shows it as charts and prints it as a one-page PDF.

use desk_core::letter;
use desk_core::report::{self, Report, KINDS};
use desk_store::Store;
use tauri::ipc::Response;
use tauri::State;

use super::decision::today;
use super::{code_of, store_error};
use crate::dto::{ReportMonth, ReportView};
use crate::error::{ApiError, Result};
use crate::session::Desk;

fn compute(store: &Store, months: u32) -> Result<Report> {
    let facts = store.report_facts().map_err(|e| store_error(e, &[]))?;
    Ok(report::report(&facts, today(), months.clamp(1, 24)))
}

/// The report over the last `months` months (1–24).
#[tauri::command]
pub fn report_get(desk: State<'_, Desk>, months: u32) -> Result<ReportView> {
    desk.with_store(|store| {
        let r = compute(store, months)?;
        Ok(ReportView {
            kinds: KINDS.iter().map(code_of).collect(),
            months: r
                .months
                .iter()
                .map(|m| ReportMonth {
                    month: m.month.clone(),
                    counts: m.counts.to_vec(),
                })
                .collect(),
            due_counted: r.due_counted,
            on_time: r.on_time,
            on_time_rate: r.on_time_rate,
            median_days_to_answer: r.median_days_to_answer,
            open: r.open,
            overdue: r.overdue,
        })
    })
}

/// The report as a one-page PDF for printing.
#[tauri::command]
pub fn report_pdf(desk: State<'_, Desk>, months: u32) -> Result<Response> {
    desk.with_store(|store| {
        let r = compute(store, months)?;
        let org = store.organization().map_err(|e| store_error(e, &[]))?;
        let model = letter::privacy_report(&org, &r, today());
        let pdf = desk_letters::render(&model, &org, None)
            .map_err(|_| ApiError::internal("printing the report"))?;
        store
            .record_event("report.print", "report", None)
            .map_err(|e| store_error(e, &[]))?;
        Ok(Response::new(pdf))
    })
}
