//! After an amendment is denied: the statement of disagreement, the rebuttal and its letter,
//! the request that the amendment go with future disclosures, and the logbook's notice.

use super::*;
use desk_core::amendment::{Accompanying, DisputeStep};
use desk_office::dispute::{self, DisputeForm};
use desk_office::letter::{self, Delivery};
use desk_office::{decision, logbook, request, response};

/// An amendment request denied (drafted and approved), its letter sent. Returns (participant,
/// request).
fn denied_amendment(o: &mut Office) -> (i64, i64) {
    let (p, r) = o.request("amendment");
    let form = DecisionForm {
        grounds: vec!["accurate_and_complete".into()],
        explanation: "The claim dates on file match the provider's bills.".into(),
        ..decision_form(r, OutcomeKind::Denial)
    };
    let row = decision::record(&mut o.store, &form).expect("drafted");
    decision::approve(&mut o.store, row.id, "").expect("approved");
    let done = response::respond(&mut o.store, r).expect("letter");
    let today = o.today();
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    (p, r)
}

fn step(r: i64, step: DisputeStep, on: NaiveDate, text: &str) -> DisputeForm {
    DisputeForm {
        request_id: r,
        step,
        on_day: iso(on),
        text: text.into(),
        scan: None,
    }
}

#[test]
fn a_statement_of_disagreement_and_its_rebuttal_go_with_every_disclosure() {
    let mut o = office();
    let today = o.today();
    let (p, r) = denied_amendment(&mut o);
    let view = request::page(&mut o.store, r)
        .expect("page")
        .dispute
        .expect("a dispute");
    assert_eq!(
        view.steps_open,
        vec![
            DisputeStep::Disagreement,
            DisputeStep::IncludeWithDisclosures
        ]
    );
    assert!(view.accompany.is_empty());
    let e = writes_nothing(&mut o.store, |s| {
        dispute::record(s, &step(r, DisputeStep::Rebuttal, today, "No.")).expect_err("no statement")
    });
    assert_eq!(e.field.as_deref(), Some("step"));

    let before = audit_count(&o.store);
    let statement = DisputeForm {
        scan: Some(upload("statement.pdf", PDF)),
        ..step(r, DisputeStep::Disagreement, today, "")
    };
    assert!(dispute::record(&mut o.store, &statement)
        .expect("filed")
        .is_none());
    let acts = actions_since(&o.store, before);
    assert!(acts.contains(&"amendment.dispute".to_owned()), "{acts:?}");
    let e = writes_nothing(&mut o.store, |s| {
        dispute::record(s, &step(r, DisputeStep::IncludeWithDisclosures, today, ""))
            .expect_err("filed")
    });
    assert_eq!(e.field.as_deref(), Some("step"));
    let e = writes_nothing(&mut o.store, |s| {
        dispute::record(s, &step(r, DisputeStep::Rebuttal, today, " ")).expect_err("text")
    });
    assert_eq!(e.field.as_deref(), Some("text"));

    let done = dispute::record(
        &mut o.store,
        &step(
            r,
            DisputeStep::Rebuttal,
            today,
            "The dates on file were confirmed with the provider's own billing records.",
        ),
    )
    .expect("rebutted")
    .expect("the individual's copy");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("pdf").pdf);
    for said in [
        "Statement of Disagreement",
        "confirmed with the provider",
        "accurate summary",
    ] {
        assert!(text.contains(said), "{said}:\n{text}");
    }
    let view = request::page(&mut o.store, r)
        .expect("page")
        .dispute
        .expect("dispute");
    assert!(view.steps_open.is_empty());
    assert_eq!(view.rows.len(), 2);
    assert_eq!(view.rows[1].letter_id, Some(done.letter_id));
    let expected = vec![
        Accompanying::AmendmentRequest,
        Accompanying::Denial,
        Accompanying::StatementOfDisagreement,
        Accompanying::Rebuttal,
    ];
    assert_eq!(view.accompany, expected);
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(book.accompany.len(), 1);
    assert_eq!(book.accompany[0].request_id, r);
    assert_eq!(book.accompany[0].with, expected);
}

#[test]
fn without_a_statement_the_individual_may_ask_that_the_request_and_denial_go_along() {
    let mut o = office();
    let today = o.today();
    let (p, r) = denied_amendment(&mut o);
    assert!(logbook::get(&o.store, p)
        .expect("logbook")
        .accompany
        .is_empty());
    dispute::record(
        &mut o.store,
        &step(r, DisputeStep::IncludeWithDisclosures, today, ""),
    )
    .expect("asked");
    let book = logbook::get(&o.store, p).expect("logbook");
    assert_eq!(
        book.accompany[0].with,
        vec![Accompanying::AmendmentRequest, Accompanying::Denial]
    );
    let (_, granted) = o.request("amendment");
    let e = writes_nothing(&mut o.store, |s| {
        dispute::record(s, &step(granted, DisputeStep::Disagreement, today, ""))
            .expect_err("no denial")
    });
    assert_eq!(e.field.as_deref(), Some("status"));
}
