//! Drafts: saved as typed, per user and key; discarding deletes them.

use super::*;

#[test]
fn drafts_are_kept_per_user_and_key_and_can_be_discarded() {
    let (fx, mut pat) = new_store();
    assert_eq!(pat.load_draft("intake").expect("none yet"), None);
    pat.save_draft("intake", r#"{"kind":"access"}"#)
        .expect("save");
    pat.save_draft("intake", r#"{"kind":"amendment"}"#)
        .expect("saving again replaces");
    pat.save_draft("request:12:decision", "{}")
        .expect("another key");
    let got = pat.load_draft("intake").expect("load").expect("saved");
    assert_eq!(got.body, r#"{"kind":"amendment"}"#, "the latest save");
    assert_eq!(pat.drafts().expect("all").len(), 2);
    assert_eq!(last_action(&pat), "draft.save");

    let mut sam = staff_store(&fx, pat);
    assert_eq!(
        sam.load_draft("intake").expect("load"),
        None,
        "another user's draft is not visible"
    );
    sam.save_draft("intake", "sam's").expect("sam's own");
    sam.lock();

    let mut pat = sign_in(&fx.path);
    assert_eq!(
        pat.load_draft("intake").expect("load").expect("kept").body,
        r#"{"kind":"amendment"}"#,
        "the draft survives signing out (the idle lock)"
    );
    pat.discard_draft("intake").expect("discarded");
    assert_eq!(pat.load_draft("intake").expect("load"), None, "deleted");
    pat.discard_draft("intake")
        .expect("discarding nothing is fine");
    assert_eq!(pat.drafts().expect("rest").len(), 1);

    for key in ["", "Intake", "a/b", &"x".repeat(101)] {
        let e = pat.save_draft(key, "{}").expect_err("bad key");
        assert_eq!(field_of(e), "key", "{key:?}");
    }
    let e = pat
        .save_draft("big", &"x".repeat(desk_store::MAX_DRAFT_BYTES + 1))
        .expect_err("too big");
    assert_eq!(field_of(e), "body");
}
