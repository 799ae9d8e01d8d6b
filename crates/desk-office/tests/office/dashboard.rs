//! The dashboard: open requests soonest due first, with counts by kind.

use super::*;
use desk_office::{accounting, dashboard};

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
    let withdrawn = o.request_from(q, "accounting", 0);
    accounting::fee_notice(&mut o.store, withdrawn).expect("fee notice");
    accounting::withdraw(&mut o.store, withdrawn).expect("withdrawn");

    let board = writes_nothing(&mut o.store, |s| dashboard::get(s).expect("dashboard"));
    let ids: Vec<i64> = board.rows.iter().map(|r| r.id).collect();
    assert!(!ids.contains(&withdrawn), "a withdrawn request is not open");
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
