//! Accounts, key slots, recovery, the last Privacy Official, back-off.

use super::*;
use desk_core::person::Role;
use desk_store::{Error, NewUser, Principal};

fn staff(username: &str, password: &str) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("{username} Staff"),
        role: Role::Staff,
        password: pw(password),
    }
}

fn slots(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(path.with_extension("keys")).expect("key file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["slots"].as_object().expect("slots").clone()
}

#[test]
fn changing_a_password_rewrites_only_that_slot() {
    let (fx, mut store) = new_store();
    store
        .add_user(&staff("sam", "sam-password-1"))
        .expect("sam");
    store
        .add_user(&staff("lee", "lee-password-1"))
        .expect("lee");
    fill(&mut store);
    let found_before = store
        .search_participants(&desk_store::ParticipantSearch::Name("Quillfeather".into()))
        .expect("search");
    store.lock();
    let before = slots(&fx.path);

    let mut sam =
        Store::sign_in(&fx.path, "sam", &pw("sam-password-1"), at(5)).expect("sam signs in");
    sam.change_password("sam", &pw("sam-password-2"))
        .expect("own password");
    sam.lock();

    let after = slots(&fx.path);
    for id in ["user:pat", "user:lee", "recovery"] {
        assert_eq!(
            serde_json::to_string(&before[id]).expect("json"),
            serde_json::to_string(&after[id]).expect("json"),
            "slot {id} is byte-identical: only sam's slot is rewritten"
        );
    }
    assert_ne!(before["user:sam"], after["user:sam"], "sam's slot changed");

    let e =
        Store::sign_in(&fx.path, "sam", &pw("sam-password-1"), at(6)).expect_err("old password");
    assert!(
        matches!(e, Error::WrongCredentials),
        "the old password no longer works: {e:?}"
    );
    Store::sign_in(&fx.path, "sam", &pw("sam-password-2"), at(7)).expect("new password works");
    let lee =
        Store::sign_in(&fx.path, "lee", &pw("lee-password-1"), at(8)).expect("lee unaffected");
    let found_after = lee
        .search_participants(&desk_store::ParticipantSearch::Name("Quillfeather".into()))
        .expect("search");
    assert_eq!(
        found_before, found_after,
        "the data is untouched by a password change"
    );
    assert_eq!(
        found_after.len(),
        20,
        "ten employees and ten dependents of that name"
    );
}

#[test]
fn staff_cannot_manage_accounts_but_can_change_their_own_password() {
    let (fx, mut store) = new_store();
    store
        .add_user(&staff("sam", "sam-password-1"))
        .expect("sam");
    store.lock();
    let mut sam = Store::sign_in(&fx.path, "SAM ", &pw("sam-password-1"), at(1))
        .expect("case and space do not matter");
    let e = sam
        .add_user(&staff("kim", "kim-password-1"))
        .expect_err("staff adds no one");
    assert!(
        matches!(
            e,
            Error::NotPermitted {
                needed: Role::PrivacyOfficial
            }
        ),
        "{e:?}"
    );
    let e = sam
        .change_password(PO_USER, &pw("hijacked-password"))
        .expect_err("not someone else's");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
    let e = sam
        .set_role("sam", Role::PrivacyOfficial)
        .expect_err("no self-promotion");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
    sam.change_password("sam", &pw("sam-password-2"))
        .expect("own password");
}

#[test]
fn an_official_resets_someone_elses_password() {
    let (fx, mut store) = new_store();
    store
        .add_user(&staff("sam", "sam-password-1"))
        .expect("sam");
    store
        .change_password("sam", &pw("reset-by-pat-1"))
        .expect("official resets");
    let users = store.list_users().expect("list");
    assert_eq!(
        users
            .iter()
            .map(|u| (u.username.as_str(), u.role))
            .collect::<Vec<_>>(),
        vec![(PO_USER, Role::PrivacyOfficial), ("sam", Role::Staff)],
        "both accounts listed with their roles"
    );
    store.lock();
    Store::sign_in(&fx.path, "sam", &pw("reset-by-pat-1"), at(1))
        .expect("the reset password works");
}

#[test]
fn the_recovery_code_opens_the_database() {
    let (fx, store) = new_store();
    store.lock();
    let messy = fx.recovery_code.expose().to_lowercase().replace('-', " ");
    let mut rec = Store::open_with_recovery(&fx.path, &pw(&messy), at(1)).expect("recovery opens");
    assert_eq!(rec.principal(), &Principal::Recovery, "opened as recovery");
    assert_eq!(
        rec.organization().expect("org"),
        organization(),
        "the data is readable"
    );
    rec.change_password(PO_USER, &pw("a brand new password"))
        .expect("recovery resets the official");
    rec.lock();
    Store::sign_in(&fx.path, PO_USER, &pw("a brand new password"), at(2)).expect("new password");

    let e = Store::open_with_recovery(&fx.path, &pw("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"), at(3))
        .expect_err("wrong code");
    assert!(matches!(e, Error::WrongRecoveryCode), "{e:?}");
}

#[test]
fn the_last_privacy_official_stays() {
    let (fx, mut store) = new_store();
    let e = store
        .set_role(PO_USER, Role::Staff)
        .expect_err("demote the only official");
    assert!(matches!(e, Error::LastPrivacyOfficial), "demote: {e:?}");
    let e = store
        .set_active(PO_USER, false, None)
        .expect_err("deactivate the only official");
    assert!(matches!(e, Error::LastPrivacyOfficial), "deactivate: {e:?}");

    let mut second = staff("kim", "kim-password-1");
    second.role = Role::PrivacyOfficial;
    store.add_user(&second).expect("second official");
    store
        .set_role(PO_USER, Role::Staff)
        .expect("now pat may step down");
    assert_eq!(
        store.user().expect("user").role,
        Role::Staff,
        "the session sees its new role"
    );
    let e = store
        .add_user(&staff("zed", "zed-password-1"))
        .expect_err("pat is staff now");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
    store.lock();

    let mut kim = Store::sign_in(&fx.path, "kim", &pw("kim-password-1"), at(1)).expect("kim");
    let e = kim
        .set_role("kim", Role::Staff)
        .expect_err("kim is the last one now");
    assert!(matches!(e, Error::LastPrivacyOfficial), "{e:?}");
}

#[test]
fn a_deactivated_account_cannot_sign_in() {
    let (fx, mut store) = new_store();
    store
        .add_user(&staff("sam", "sam-password-1"))
        .expect("sam");
    store.set_active("sam", false, None).expect("deactivate");
    assert!(
        !slots(&fx.path).contains_key("user:sam"),
        "deactivating removes the key slot"
    );
    store.lock();
    let e = Store::sign_in(&fx.path, "sam", &pw("sam-password-1"), at(1)).expect_err("inactive");
    assert!(matches!(e, Error::WrongCredentials), "{e:?}");
}

#[test]
fn failed_sign_ins_back_off_exponentially() {
    let (fx, store) = new_store();
    store.lock();
    let bad = pw("not the password");
    for i in 0..desk_store::FREE_FAILURES {
        let e = Store::sign_in(&fx.path, PO_USER, &bad, at(100)).expect_err("wrong");
        assert!(
            matches!(e, Error::WrongCredentials),
            "failure {i} is a plain failure: {e:?}"
        );
    }
    // Now even the right password must wait 2 s.
    let e = Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(100)).expect_err("waiting");
    assert!(
        matches!(e, Error::TryAgainLater { wait_seconds: 2 }),
        "after {} failures, wait 2 s: {e:?}",
        desk_store::FREE_FAILURES
    );
    assert!(
        e.to_string().contains("2 seconds"),
        "the message says how long: {e}"
    );
    let e = Store::sign_in(&fx.path, PO_USER, &bad, at(102)).expect_err("wrong again");
    assert!(
        matches!(e, Error::WrongCredentials),
        "accepted after the wait: {e:?}"
    );
    let e = Store::sign_in(&fx.path, PO_USER, &bad, at(103)).expect_err("too soon");
    assert!(
        matches!(e, Error::TryAgainLater { wait_seconds: 3 }),
        "one more failure doubles the wait to 4 s, 1 s already passed: {e:?}"
    );
    // An unknown name backs off the same way.
    for _ in 0..desk_store::FREE_FAILURES {
        Store::sign_in(&fx.path, "ghost", &bad, at(100)).expect_err("unknown");
    }
    let e = Store::sign_in(&fx.path, "ghost", &bad, at(100)).expect_err("unknown waits");
    assert!(
        matches!(e, Error::TryAgainLater { .. }),
        "unknown users back off too: {e:?}"
    );

    Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(106))
        .expect("right password after the wait");
    let e = Store::sign_in(&fx.path, PO_USER, &bad, at(106)).expect_err("wrong");
    assert!(
        matches!(e, Error::WrongCredentials),
        "success reset the count: {e:?}"
    );
    assert_eq!(
        (0..12).map(desk_store::backoff_seconds).collect::<Vec<_>>(),
        vec![0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512],
        "the waits double"
    );
}

#[test]
fn a_key_file_that_cannot_be_saved_leaves_nothing_half_written() {
    let (fx, mut store) = new_store();
    store
        .add_user(&staff("lee", "lee-password-1"))
        .expect("lee");
    let users_before = store.list_users().expect("users");
    let last_seq = |s: &Store| s.recent_audit(1).expect("audit")[0].seq;
    let seq_before = last_seq(&store);
    let keys_path = fx.path.with_extension("keys");
    let keys_before = std::fs::read(&keys_path).expect("key file");

    // The key file is replaced through a temporary file beside it: a folder in that place
    // makes every save fail, as a read-only folder would (even for root).
    let blocker = fx.dir.path().join(".records.keys.tmp");
    std::fs::create_dir(&blocker).expect("blocker");

    let e = store
        .add_user(&staff("sam", "sam-password-1"))
        .expect_err("the slot cannot be saved");
    assert!(matches!(e, Error::Io { .. }), "{e:?}");
    let e = store
        .set_active("lee", false, None)
        .expect_err("the slot cannot be removed");
    assert!(matches!(e, Error::Io { .. }), "{e:?}");
    let e = store
        .change_password("lee", &pw("lee-password-2"))
        .expect_err("the slot cannot be rewritten");
    assert!(matches!(e, Error::Io { .. }), "{e:?}");

    assert_eq!(
        store.list_users().expect("users"),
        users_before,
        "no account without a slot: sam was not added and lee is still active"
    );
    assert_eq!(
        last_seq(&store),
        seq_before,
        "nothing reached the audit log either"
    );
    assert_eq!(
        std::fs::read(&keys_path).expect("key file"),
        keys_before,
        "the key file is as it was"
    );

    std::fs::remove_dir(&blocker).expect("unblock");
    store
        .add_user(&staff("sam", "sam-password-1"))
        .expect("sam, once the key file can be saved");
    store.lock();
    Store::sign_in(&fx.path, "sam", &pw("sam-password-1"), at(1)).expect("sam has a slot");
    Store::sign_in(&fx.path, "lee", &pw("lee-password-1"), at(2)).expect("lee is untouched");
}

#[test]
fn an_account_unused_for_ninety_days_is_locked_and_says_whom_to_ask() {
    let (fx, store) = new_store();
    let sam = staff_store(&fx, store);
    let used = sam.now();
    sam.sign_out().expect("signed out");
    let later = |days: i64| used + chrono::Duration::days(days);
    // 90 days on: still usable, and the sign-in starts the clock again.
    Store::sign_in(&fx.path, STAFF_USER, &pw(STAFF_PASSWORD), later(90))
        .expect("90 days is not too long")
        .lock();
    // 91 days after that: a staff account is locked until the Privacy Official re-enables it.
    let e = Store::sign_in(&fx.path, STAFF_USER, &pw(STAFF_PASSWORD), later(90 + 91))
        .expect_err("unused for 91 days");
    assert!(matches!(e, Error::AccountIdle { official: false }), "{e:?}");
    assert!(e.to_string().contains("ask the Privacy Official"), "{e}");
    let e = Store::sign_in(&fx.path, STAFF_USER, &pw(STAFF_PASSWORD), later(90 + 92))
        .expect_err("still locked");
    assert!(matches!(e, Error::AccountInactive), "{e:?}");
    // The Privacy Official, unused as long, is told to use the recovery code.
    let e = Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), later(90 + 92))
        .expect_err("unused too");
    assert!(matches!(e, Error::AccountIdle { official: true }), "{e:?}");
    assert!(e.to_string().contains("recovery code"), "{e}");
    let mut rec = Store::open_with_recovery(&fx.path, &fx.recovery_code, later(90 + 92))
        .expect("the recovery code opens");
    rec.change_password(PO_USER, &pw("a brand new password"))
        .expect("her password reset");
    rec.set_active(STAFF_USER, true, Some(&pw("sams new password")))
        .expect("sam re-enabled");
    rec.lock();
    // (The reset and the re-enabling are stamped with the store's own clock, `used` here.)
    let po = Store::sign_in(&fx.path, PO_USER, &pw("a brand new password"), later(60))
        .expect("signs in again");
    let trail = po.recent_audit(20).expect("audit");
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"user.idle_locked") && actions.contains(&"session.refused_idle"),
        "both refusals are audited: {actions:?}"
    );
    po.lock();
    Store::sign_in(&fx.path, STAFF_USER, &pw("sams new password"), later(60)).expect("sam is back");
}

/// The refusal the password rule gives: on the field `password`, saying why, never quoting it.
#[track_caller]
fn refused_on_password(
    result: desk_store::Result<impl std::fmt::Debug>,
    password: &str,
    why: &str,
) {
    match result {
        Err(Error::Invalid { field, problem }) => {
            assert_eq!(field, "password", "{password:?} is refused on its field");
            assert!(
                problem.contains(why),
                "{password:?}: {problem:?} says {why:?}"
            );
            assert!(
                !problem.contains(password),
                "the refusal never quotes the password"
            );
        }
        other => panic!("{password:?} is refused on password: {other:?}"),
    }
}

const ELEVEN: &str = "tulip-harbr"; // 11 characters
const TWELVE: &str = "tulip-harbor"; // 12 characters
/// On the bundled list, in lower case; refused in any case.
const COMMON: [&str; 3] = ["qwertyqwerty", "PasswordPassword", "1QAZ2WSX3EDC"];

#[test]
fn a_new_password_has_twelve_characters_and_is_not_a_common_one() {
    assert_eq!(ELEVEN.chars().count(), 11);
    assert_eq!(TWELVE.chars().count(), 12);
    assert_eq!(desk_store::MIN_PASSWORD_CHARS, 12);
    for common in COMMON {
        assert!(
            common.chars().count() >= 12,
            "{common} passes the length rule"
        );
        assert!(
            desk_store::is_common_password(common),
            "{common} is on the list"
        );
    }
    assert!(!desk_store::is_common_password(TWELVE), "{TWELVE} is not");

    // First set-up.
    let dir = tempfile::tempdir().expect("temporary folder");
    let create = |name: &str, password: &str| {
        Store::create(
            &dir.path().join(name),
            &organization(),
            PO_USER,
            "Pat Official",
            &pw(password),
            at(0),
        )
        .map(|(store, _code)| store)
    };
    refused_on_password(create("a.db", ELEVEN), ELEVEN, "at least 12 characters");
    for common in COMMON {
        refused_on_password(
            create("b.db", common),
            common,
            "one of the most common passwords",
        );
    }
    assert!(
        !dir.path().join("b.db").exists(),
        "a refused set-up leaves no file"
    );
    create("c.db", TWELVE).expect("twelve characters set up the database");

    // A new account.
    let (fx, mut store) = new_store();
    refused_on_password(store.add_user(&staff("sam", ELEVEN)), ELEVEN, "at least 12");
    for common in COMMON {
        refused_on_password(store.add_user(&staff("sam", common)), common, "most common");
    }
    assert!(
        !slots(&fx.path).contains_key("user:sam"),
        "no slot for a refused account"
    );
    store
        .add_user(&staff("sam", TWELVE))
        .expect("sam with twelve characters");

    // A change (one's own, or the official's for someone else) and a reactivation.
    refused_on_password(
        store.change_password("sam", &pw(ELEVEN)),
        ELEVEN,
        "at least 12",
    );
    refused_on_password(
        store.change_password(PO_USER, &pw(ELEVEN)),
        ELEVEN,
        "at least 12",
    );
    for common in COMMON {
        refused_on_password(
            store.change_password("sam", &pw(common)),
            common,
            "most common",
        );
    }
    store.set_active("sam", false, None).expect("deactivate");
    refused_on_password(
        store.set_active("sam", true, Some(&pw(ELEVEN))),
        ELEVEN,
        "at least 12",
    );
    refused_on_password(
        store.set_active("sam", true, Some(&pw(COMMON[1]))),
        COMMON[1],
        "most common",
    );
    store
        .set_active("sam", true, Some(&pw(TWELVE)))
        .expect("reactivated");
    store.lock();
    let mut sam = Store::sign_in(&fx.path, "sam", &pw(TWELVE), at(1)).expect("sam signs in");
    refused_on_password(
        sam.change_own_password(&pw(TWELVE), &pw(COMMON[0])),
        COMMON[0],
        "most common",
    );
    sam.change_own_password(&pw(TWELVE), &pw("harbor-tulip"))
        .expect("own change");
    sam.lock();

    // A reset with the recovery code.
    let mut rec = Store::open_with_recovery(&fx.path, &fx.recovery_code, at(2)).expect("recovery");
    refused_on_password(
        rec.change_password(PO_USER, &pw(ELEVEN)),
        ELEVEN,
        "at least 12",
    );
    refused_on_password(
        rec.change_password(PO_USER, &pw(COMMON[2])),
        COMMON[2],
        "most common",
    );
    rec.change_password(PO_USER, &pw(TWELVE))
        .expect("reset with twelve characters");
    rec.lock();
    Store::sign_in(&fx.path, PO_USER, &pw(TWELVE), at(3)).expect("the reset password opens");
}
