//! The Privacy Official's report: desk-core computes it from the store's request facts; shown
//! as charts and printed as a one-page PDF.

use desk_core::letter;
use desk_core::report::{self, Report, KINDS};
use desk_core::request::RequestKind;
use desk_store::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// One month of the report: requests by kind, in the order of `ReportView.kinds`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportMonth {
    /// `2026-11`
    pub month: String,
    pub counts: Vec<u32>,
}

/// The Privacy Official's report.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportView {
    /// Request kind codes, in column order.
    pub kinds: Vec<RequestKind>,
    pub months: Vec<ReportMonth>,
    pub due_counted: u32,
    pub on_time: u32,
    /// 0–1, null when nothing was due.
    pub on_time_rate: Option<f64>,
    pub median_days_to_answer: Option<f64>,
    pub open: u32,
    pub overdue: u32,
}

/// The most months a report covers.
pub const MAX_MONTHS: u32 = 24;

fn compute(store: &Store, months: u32) -> Result<Report> {
    let facts = store.report_facts()?;
    Ok(report::report(
        &facts,
        crate::today(store),
        months.clamp(1, MAX_MONTHS),
    ))
}

/// The report over the last `months` months (1–24).
pub fn get(store: &Store, months: u32) -> Result<ReportView> {
    let r = compute(store, months)?;
    Ok(ReportView {
        kinds: KINDS.to_vec(),
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
}

/// The report as a one-page PDF for printing (recorded).
pub fn pdf(store: &mut Store, months: u32) -> Result<Vec<u8>> {
    let r = compute(store, months)?;
    let org = store.organization()?;
    let model = letter::privacy_report(&org, &r, crate::today(store));
    let pdf = crate::letter::render_witnessed(store, &model)?;
    store.record_event("report.print", "report", None)?;
    Ok(pdf)
}
