//! Search across cases: by number, name, kind, standing and the days received.

use super::*;
use desk_office::cases::{self, CaseSearchForm, Standing};
use desk_office::letter::{self, Delivery};
use desk_office::request::{end, EndForm};
use desk_office::{decision, response};
use desk_store::EndStep;

fn ids(store: &Store, form: &CaseSearchForm) -> Vec<i64> {
    cases::search(store, form)
        .expect("search")
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn search_finds_cases_by_number_name_kind_standing_and_days() {
    let mut o = office();
    let jan = o.employee("E1", "Doe", "Jan");
    let ann = o.employee("E2", "Ashgrove", "Ann");
    let old = o.request_from(jan, "access", 40);
    let amendment = o.request_from(jan, "amendment", 10);
    let anns = o.request_from(ann, "access", 3);
    let today = o.today();
    decision::record(&mut o.store, &grant_form(old, today - Days::new(39))).expect("granted");
    let done = response::respond(&mut o.store, old).expect("letter");
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    end(
        &mut o.store,
        &EndForm {
            request_id: old,
            step: EndStep::Close,
            reason: "Copies collected".into(),
        },
    )
    .expect("closed");

    let all = CaseSearchForm::default();
    assert_eq!(
        ids(&o.store, &all),
        vec![anns, amendment, old],
        "newest received first"
    );
    let form = |f: fn(&mut CaseSearchForm)| {
        let mut x = CaseSearchForm::default();
        f(&mut x);
        x
    };
    let by_number = CaseSearchForm {
        text: format!("#{amendment}"),
        ..CaseSearchForm::default()
    };
    assert_eq!(ids(&o.store, &by_number), vec![amendment]);
    assert_eq!(ids(&o.store, &form(|f| f.text = "ash".into())), vec![anns]);
    assert_eq!(
        ids(&o.store, &form(|f| f.text = "jan d".into())),
        vec![amendment, old]
    );
    assert!(
        ids(&o.store, &form(|f| f.text = "50%_".into())).is_empty(),
        "wildcards are literal"
    );
    assert_eq!(
        ids(&o.store, &form(|f| f.kind = Some(RequestKind::Amendment))),
        vec![amendment]
    );
    assert_eq!(
        ids(&o.store, &form(|f| f.standing = Standing::Ended)),
        vec![old]
    );
    assert_eq!(
        ids(&o.store, &form(|f| f.standing = Standing::Waiting)),
        vec![anns, amendment]
    );
    let window = CaseSearchForm {
        received_from: iso(today - Days::new(15)),
        received_to: iso(today - Days::new(5)),
        ..CaseSearchForm::default()
    };
    assert_eq!(ids(&o.store, &window), vec![amendment]);

    let backwards = CaseSearchForm {
        received_from: iso(today),
        received_to: iso(today - Days::new(5)),
        ..CaseSearchForm::default()
    };
    let e = cases::search(&o.store, &backwards).expect_err("backwards");
    assert_eq!(e.field.as_deref(), Some("receivedTo"));
    let not_a_day = CaseSearchForm {
        received_from: "last week".into(),
        ..CaseSearchForm::default()
    };
    let e = cases::search(&o.store, &not_a_day).expect_err("not a day");
    assert_eq!(e.field.as_deref(), Some("receivedFrom"));

    let board = desk_office::dashboard::get(&o.store).expect("dashboard");
    assert!(
        board
            .answered
            .iter()
            .any(|r| r.id == old && r.status == RequestStatus::Closed),
        "a case answered lately and closed since is still recently answered"
    );
}

#[test]
fn all_lists_every_case_past_the_search_cap_in_the_search_order() {
    let mut o = office();
    let jan = o.employee("E1", "Doe", "Jan");
    let total = cases::MAX_ROWS as usize + 2;
    for n in 0..total {
        o.request_from(jan, "access", (n % 50) as u64);
    }
    let capped = cases::search(&o.store, &CaseSearchForm::default()).expect("search");
    assert_eq!(
        capped.rows.len(),
        cases::MAX_ROWS as usize,
        "a search lists at most MAX_ROWS"
    );
    assert!(capped.more, "and says more matched");

    let every = cases::all(&o.store).expect("all");
    assert_eq!(every.len(), total, "every case, none held back by the cap");
    let every_ids: Vec<i64> = every.iter().map(|r| r.id).collect();
    let capped_ids: Vec<i64> = capped.rows.iter().map(|r| r.id).collect();
    assert_eq!(
        every_ids[..capped_ids.len()],
        capped_ids[..],
        "the same order as the search (newest received first), so the search is its head"
    );
    let mut unique = every_ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), total, "each case once");
    let board = desk_office::dashboard::get(&o.store).expect("dashboard");
    for r in &board.rows {
        let same = every.iter().find(|x| x.id == r.id).expect("listed");
        assert_eq!(
            (same.status, same.days_left, same.overdue, same.due_soon),
            (r.status, r.days_left, r.overdue, r.due_soon),
            "a case reads the same in the full list as on the dashboard"
        );
    }
}
