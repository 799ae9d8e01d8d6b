//! Drafts saved as typed, per user.

use super::*;
use desk_office::draft;

#[test]
fn save_load_and_discard_a_draft() {
    let mut o = office();
    let before = audit_count(&o.store);
    draft::save(&mut o.store, "new-request", r#"{"step":"verify"}"#).expect("saved");
    assert_eq!(actions_since(&o.store, before), vec!["draft.save"]);
    let loaded = writes_nothing(&mut o.store, |s| {
        draft::load(s, "new-request").expect("load")
    });
    assert_eq!(loaded.as_deref(), Some(r#"{"step":"verify"}"#));
    draft::save(&mut o.store, "new-request", r#"{"step":"details"}"#).expect("replaced");
    assert_eq!(
        draft::load(&o.store, "new-request")
            .expect("load")
            .as_deref(),
        Some(r#"{"step":"details"}"#),
        "a save replaces the draft under the same key"
    );
    let before = audit_count(&o.store);
    draft::discard(&mut o.store, "new-request").expect("discarded");
    assert_eq!(actions_since(&o.store, before), vec!["draft.discard"]);
    assert_eq!(draft::load(&o.store, "new-request").expect("load"), None);
    writes_nothing(&mut o.store, |s| {
        draft::discard(s, "new-request").expect("discarding nothing is no error")
    });
}

#[test]
fn drafts_are_each_users_own() {
    let mut o = office();
    draft::save(&mut o.store, "complaint", "pat's words").expect("saved");
    let sam = o.staff();
    assert_eq!(
        draft::load(&sam, "complaint").expect("load"),
        None,
        "one user never sees another's draft"
    );
}

#[test]
fn save_refuses_a_bad_key_or_an_oversized_draft_and_writes_nothing() {
    let mut o = office();
    writes_nothing(&mut o.store, |s| {
        refused_on(
            draft::save(s, "New Request!", "{}"),
            "key",
            "keys are lower-case code words",
        )
    });
    let big = "x".repeat(desk_store::MAX_DRAFT_BYTES + 1);
    writes_nothing(&mut o.store, |s| {
        refused_on(
            draft::save(s, "new-request", &big),
            "draft",
            "a draft is at most 1 MB",
        )
    });
    assert_eq!(draft::load(&o.store, "new-request").expect("load"), None);
    refused_on(
        draft::load(&o.store, "Bad Key"),
        "key",
        "loading checks the key too",
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(
            draft::discard(s, "Bad Key"),
            "key",
            "discarding checks the key too",
        )
    });
}
