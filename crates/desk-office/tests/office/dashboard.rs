//! The dashboard: open requests soonest due first, with counts by kind.

use super::*;
use desk_office::letter::{self, Delivery};
use desk_office::{accounting, dashboard, decision, response};

#[test]
fn get_lists_open_requests_soonest_due_first_with_counts_by_kind() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let late = o.request_from(p, "access", 40);
    let soon = o.request_from(p, "access", 27);
    let later = o.request_from(p, "amendment", 0);
    let prompt = o.request_from(p, "restriction", 0);
    // One withdrawn: closed for good.
    let q = o.employee("E2", "Roe", "Robin");
    let first = o.request_from(q, "accounting", 0);
    accounting::letter(&mut o.store, first).expect("free accounting");
    // Another one given (its letter sent) makes the next one paid.
    let given = o.request_from(q, "accounting", 0);
    let sent = accounting::letter(&mut o.store, given).expect("still free: none was sent");
    let today = o.today();
    letter::mark_sent(&mut o.store, sent.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    let withdrawn = o.request_from(q, "accounting", 0);
    accounting::fee_notice(&mut o.store, withdrawn, &Default::default()).expect("fee notice");
    accounting::withdraw(&mut o.store, withdrawn).expect("withdrawn");

    let board = writes_nothing(&mut o.store, |s| dashboard::get(s).expect("dashboard"));
    let ids: Vec<i64> = board.rows.iter().map(|r| r.id).collect();
    assert!(!ids.contains(&withdrawn), "a withdrawn request is not open");
    assert!(!ids.contains(&given), "an answered request is not open");
    assert_eq!(
        ids,
        vec![late, soon, later, first, prompt],
        "soonest due first (ties by id), requests answered promptly last"
    );
    let row = |id: i64| board.rows.iter().find(|r| r.id == id).expect("row");
    assert!(
        row(late).overdue,
        "an access request 40 days old is overdue"
    );
    assert_eq!(row(late).days_left, -10);
    assert!(
        row(soon).due_soon && !row(soon).overdue,
        "three days left is due soon"
    );
    assert_eq!(row(soon).days_left, 3);
    assert_eq!(row(later).days_left, 60);
    assert_eq!(
        row(prompt).effective_due_on,
        None,
        "a restriction is answered promptly"
    );
    assert_eq!(row(late).participant, "Jan Doe");
    let counts: Vec<(RequestKind, u32, u32)> = board
        .counts
        .iter()
        .map(|c| (c.kind, c.open, c.overdue))
        .collect();
    assert_eq!(
        counts,
        vec![
            (RequestKind::Access, 2, 1),
            (RequestKind::Amendment, 1, 0),
            (RequestKind::Accounting, 1, 0),
            (RequestKind::Restriction, 1, 0)
        ],
        "open and overdue requests by kind, in the order first met"
    );
}

#[test]
fn an_answered_request_leaves_the_waiting_list_for_recently_answered() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 12);
    let waiting = o.request_from(p, "access", 2);
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    let letter = response::respond(&mut o.store, r).expect("letter");

    let board = dashboard::get(&o.store).expect("dashboard");
    assert!(
        board.rows.iter().any(|x| x.id == r),
        "a decided request waits until its letter is sent"
    );

    letter::mark_sent(&mut o.store, letter.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    let board = writes_nothing(&mut o.store, |s| dashboard::get(s).expect("dashboard"));
    let ids: Vec<i64> = board.rows.iter().map(|x| x.id).collect();
    assert_eq!(
        ids,
        vec![waiting],
        "only what waits for the office is listed"
    );
    assert_eq!(
        board.counts.iter().map(|c| c.open).sum::<u32>(),
        1,
        "the counts are of what waits"
    );
    let answered = board
        .answered
        .iter()
        .find(|x| x.id == r)
        .expect("listed as recently answered");
    assert_eq!(answered.status, RequestStatus::LetterSent);
    assert_eq!(answered.answered_on, Some(today));
    assert_eq!(answered.on_time, Some(true), "answered on day 12 of 30");
    assert_eq!(answered.days_waiting, 12);
    assert!(!answered.overdue && answered.days_left == 0);

    let report = desk_office::report::get(&o.store, 1).expect("report");
    assert_eq!(
        (report.on_time, report.due_counted),
        (1, 1),
        "the report counts the answer on time"
    );
    assert_eq!(report.median_days_to_answer, Some(12.0));
}

#[test]
fn an_accounting_is_answered_when_its_letter_is_sent() {
    let mut o = office();
    let (_, r) = o.request("accounting");
    let done = accounting::letter(&mut o.store, r).expect("free accounting");
    assert_eq!(
        o.store.request(r).expect("request").status,
        RequestStatus::Decided,
        "the letter decides it"
    );
    let today = o.today();
    let before = audit_count(&o.store);
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    assert_eq!(
        o.store.request(r).expect("request").status,
        RequestStatus::LetterSent
    );
    assert!(actions_since(&o.store, before).contains(&"request.send_letter".to_owned()));
    let board = dashboard::get(&o.store).expect("dashboard");
    assert!(board.rows.is_empty(), "nothing waits");
    assert_eq!(board.answered.len(), 1);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            accounting::letter(s, r),
            "fee",
            "the accounting letter goes out once",
        )
    });
}

#[test]
fn a_prompt_request_shows_the_days_it_has_waited() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "restriction", 4);
    let board = dashboard::get(&o.store).expect("dashboard");
    let row = board.rows.iter().find(|x| x.id == r).expect("row");
    assert_eq!(row.effective_due_on, None);
    assert_eq!(row.days_waiting, 4, "received four days ago");
}

#[test]
fn only_the_answer_going_out_answers_the_request() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 3);
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    desk_office::request::form_pdf(&mut o.store, r).expect("the request form kept");
    let form = o.store.letters_of(r).expect("letters")[0].id;
    letter::mark_sent(&mut o.store, form, Delivery::Mail, &iso(today)).expect("form sent");
    assert_eq!(
        o.store.request(r).expect("r").status,
        RequestStatus::Decided,
        "a request form going out answers nothing"
    );
    let answer = response::respond(&mut o.store, r).expect("letter");
    letter::mark_sent(&mut o.store, answer.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    assert_eq!(
        o.store.request(r).expect("r").status,
        RequestStatus::LetterSent
    );
}

#[test]
fn query_filters_by_kind_and_status_returns_the_first_rows_with_their_names_and_counts_all() {
    let mut o = office();
    let p = o.employee("E1", "Doe", "Jan");
    let q = o.employee("E2", "Roe", "Robin");
    let mut access = Vec::new();
    for i in 0..(dashboard::FIRST_ROWS as u32 + 3) {
        let who = if i % 2 == 0 { p } else { q };
        access.push(o.request_from(who, "access", 0));
    }
    let amendment = o.request_from(q, "amendment", 0);
    let all = dashboard::get(&o.store).expect("dashboard");
    assert_eq!(all.rows.len(), access.len() + 1, "get returns every row");
    assert_eq!(all.rows_total as usize, all.rows.len());

    let first = writes_nothing(&mut o.store, |s| {
        dashboard::query(s, &dashboard::DashboardQuery::default()).expect("query")
    });
    assert_eq!(
        first.rows.len(),
        dashboard::FIRST_ROWS,
        "the first rows only"
    );
    assert_eq!(
        first.rows_total as usize,
        access.len() + 1,
        "all are counted"
    );
    assert_eq!(
        first.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        all.rows
            .iter()
            .take(dashboard::FIRST_ROWS)
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        "the soonest due of the whole list"
    );
    assert!(
        first
            .rows
            .iter()
            .all(|r| r.participant == "Jan Doe" || r.participant == "Robin Roe"),
        "every row returned carries its participant's name"
    );
    let counted: u32 = first.counts.iter().map(|c| c.open).sum();
    assert_eq!(counted as usize, access.len() + 1, "counts cover every row");
    assert_eq!(
        first.statuses,
        vec![RequestStatus::Verified],
        "the statuses waiting, once each"
    );

    let amendments = dashboard::query(
        &o.store,
        &dashboard::DashboardQuery {
            kind: Some(RequestKind::Amendment),
            ..Default::default()
        },
    )
    .expect("query");
    assert_eq!(
        amendments.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![amendment]
    );
    assert_eq!(amendments.rows[0].participant, "Robin Roe");
    assert_eq!(amendments.rows_total, 1);
    assert_eq!(
        amendments.counts, first.counts,
        "the counts are of everything waiting, whatever the filter"
    );
    let none = dashboard::query(
        &o.store,
        &dashboard::DashboardQuery {
            status: Some(RequestStatus::PendingApproval),
            all_rows: true,
            ..Default::default()
        },
    )
    .expect("query");
    assert!(none.rows.is_empty() && none.rows_total == 0);
}
