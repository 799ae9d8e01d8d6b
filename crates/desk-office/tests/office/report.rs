//! The Privacy Official's report: its figures and its one-page PDF.

use super::*;
use desk_office::letter::{self, Delivery};
use desk_office::{complaint, decision, report, response};

#[test]
fn get_counts_this_months_requests_and_how_they_were_answered() {
    let mut o = office();
    let (_, answered) = o.request("access");
    let today = o.today();
    decision::record(&mut o.store, &grant_form(answered, today)).expect("granted");
    let done = response::respond(&mut o.store, answered).expect("letter");
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    o.request("access");
    o.request("amendment");
    complaint::log(
        &mut o.store,
        &complaint::ComplaintForm {
            received_on: today,
            participant_id: None,
            name: "Robin Roe".into(),
            address_lines: String::new(),
            description: "A complaint.".into(),
        },
    )
    .expect("complaint");

    let view = writes_nothing(&mut o.store, |s| report::get(s, 3).expect("report"));
    assert_eq!(
        view.kinds,
        vec![
            RequestKind::Access,
            RequestKind::Amendment,
            RequestKind::Accounting,
            RequestKind::Restriction,
            RequestKind::ConfidentialCommunication,
            RequestKind::Complaint
        ]
    );
    assert_eq!(view.months.len(), 3, "three months asked for");
    let this_month = view.months.last().expect("this month");
    assert_eq!(
        this_month.month,
        today.format("%Y-%m").to_string(),
        "the last column is this month"
    );
    assert_eq!(
        this_month.counts,
        vec![2, 1, 0, 0, 0, 1],
        "two access, one amendment, one complaint"
    );
    assert_eq!(view.due_counted, 1, "one answered request had a due date");
    assert_eq!(view.on_time, 1, "and it was answered on time");
    assert_eq!(view.on_time_rate, Some(1.0));
    assert_eq!(
        view.median_days_to_answer,
        Some(0.0),
        "answered the day it came"
    );
    assert_eq!(view.open, 3, "two requests and the complaint are open");
    assert_eq!(view.overdue, 0);
}

#[test]
fn get_keeps_the_months_between_one_and_twenty_four() {
    let mut o = office();
    o.request("access");
    assert_eq!(
        report::get(&o.store, 0).expect("report").months.len(),
        1,
        "at least one month"
    );
    assert_eq!(
        report::get(&o.store, 100).expect("report").months.len(),
        report::MAX_MONTHS as usize,
        "at most two years"
    );
}

#[test]
fn pdf_prints_the_report_and_records_the_print() {
    let mut o = office();
    o.request("access");
    let before = audit_count(&o.store);
    let witness = o.store.witness().expect("witness").to_string();
    let pdf = report::pdf(&mut o.store, 12).expect("pdf");
    assert_pdf(&pdf, "the report");
    assert!(
        pdf_text(&pdf).contains(&format!("Records Desk audit witness {witness}")),
        "the report carries the log's head when it was printed in its footer"
    );
    let rows = audit_since(&o.store, before);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].action.as_str(), rows[0].entity.as_str()),
        ("report.print", "report")
    );
}
