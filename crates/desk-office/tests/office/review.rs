//! Review of a reviewable access denial: asked for, referred to a licensed professional who
//! took no part in it, decided, and its letter.

use super::*;
use desk_office::letter::{self, Delivery};
use desk_office::review::{self, ReviewDecisionForm, ReviewRequestForm};
use desk_office::{decision, request, response};

/// An access request denied on a reviewable ground (endangerment), drafted and approved by the
/// Privacy Official, its letter sent. Returns the request.
fn denied(o: &mut Office, ground: &str) -> i64 {
    let (_, r) = o.request("access");
    let form = DecisionForm {
        grounds: vec![ground.into()],
        explanation:
            "A licensed professional judged that access is likely to endanger the individual."
                .into(),
        ..decision_form(r, OutcomeKind::Denial)
    };
    let row = decision::record(&mut o.store, &form).expect("drafted");
    decision::approve(&mut o.store, row.id, "").expect("approved");
    let done = response::respond(&mut o.store, r).expect("letter");
    let today = o.today();
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    r
}

fn asked(r: i64, reviewer: &str, licence: &str, on: NaiveDate) -> ReviewRequestForm {
    ReviewRequestForm {
        request_id: r,
        asked_on: iso(on),
        reviewer: reviewer.into(),
        licence: licence.into(),
    }
}

#[test]
fn a_reviewable_denial_is_reviewed_by_a_licensed_professional_who_took_no_part() {
    let mut o = office();
    let r = denied(&mut o, "endangerment");
    let today = o.today();
    assert!(request::page(&mut o.store, r).expect("page").review_open);
    for (form, field) in [
        (asked(r, "Pat Official", "FL ME 1", today), "reviewer"),
        (asked(r, "  pat official ", "FL ME 1", today), "reviewer"),
        (asked(r, "Dr. Lee Reviewer", " ", today), "licence"),
        (
            asked(r, "Dr. Lee Reviewer", "FL ME 1", today + Days::new(1)),
            "askedOn",
        ),
    ] {
        let e = writes_nothing(&mut o.store, |s| {
            review::request(s, &form).expect_err(field)
        });
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    let before = audit_count(&o.store);
    review::request(
        &mut o.store,
        &asked(
            r,
            "Dr. Lee Reviewer",
            "Florida medical licence ME 12345",
            today,
        ),
    )
    .expect("referred");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["request.request_review"]
    );
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::UnderReview);
    assert!(!page.review_open && !page.letter_due);
    assert_eq!(page.review.as_ref().and_then(|v| v.upheld), None);

    let upheld = ReviewDecisionForm {
        request_id: r,
        decided_on: iso(today),
        upheld: true,
        explanation: "Access is reasonably likely to endanger the individual's life.".into(),
        access: String::new(),
        format: String::new(),
        available_on: String::new(),
        fee: Default::default(),
    };
    review::complete(&mut o.store, &upheld).expect("decided");
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(page.status, RequestStatus::Decided);
    assert!(page.letter_due, "the review's letter is next");
    assert!(!page.review_open, "reviewed once");
    let done = response::respond(&mut o.store, r).expect("review letter");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("pdf").pdf);
    for said in [
        "Review of Denial of Access",
        "Dr. Lee Reviewer",
        "upheld the denial",
    ] {
        assert!(text.contains(said), "{said}:\n{text}");
    }
    letter::mark_sent(&mut o.store, done.letter_id, Delivery::Mail, &iso(today)).expect("sent");
    assert_eq!(
        o.store.request(r).expect("r").status,
        RequestStatus::LetterSent
    );
    let e = writes_nothing(&mut o.store, |s| {
        review::request(s, &asked(r, "Dr. Kim Other", "FL ME 2", today)).expect_err("once")
    });
    assert_eq!(e.field.as_deref(), Some("decision"));
}

#[test]
fn an_unreviewable_denial_cannot_be_reviewed_and_a_reversal_gives_access() {
    let mut o = office();
    let today = o.today();
    let r = denied(&mut o, "psychotherapy_notes");
    assert!(!request::page(&mut o.store, r).expect("page").review_open);
    let e = writes_nothing(&mut o.store, |s| {
        review::request(s, &asked(r, "Dr. Lee Reviewer", "FL ME 1", today))
            .expect_err("not reviewable")
    });
    assert_eq!(e.field.as_deref(), Some("decision"));

    let r2 = denied(&mut o, "harm_to_other_person");
    review::request(
        &mut o.store,
        &asked(r2, "Dr. Lee Reviewer", "FL ME 1", today),
    )
    .expect("referred");
    let reversed = ReviewDecisionForm {
        request_id: r2,
        decided_on: iso(today),
        upheld: false,
        explanation: String::new(),
        access: "Copies mailed to the address on file".into(),
        format: "paper".into(),
        available_on: iso(today + Days::new(3)),
        fee: Default::default(),
    };
    review::complete(&mut o.store, &reversed).expect("reversed");
    let done = response::respond(&mut o.store, r2).expect("review letter");
    let text = pdf_text(&o.store.letter(done.letter_id).expect("pdf").pdf);
    assert!(text.contains("reversed the denial"), "{text}");
    assert!(
        text.contains("Copies mailed to the address on file"),
        "{text}"
    );
}
