//! The recovery code: a forgotten Privacy Official's password reset from the sign-in screen,
//! and a new code that makes the old one useless.

use super::*;
use desk_office::recovery::{self, RecoveryResetForm};

/// A new office and its recovery code.
fn office_with_code() -> (Office, desk_core::Sensitive<String>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("records.db");
    let (store, code) = Store::create(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        Utc::now(),
    )
    .expect("a new database");
    (Office { dir, path, store }, code)
}

fn reset(username: &str, code: &str, password: &str) -> RecoveryResetForm {
    RecoveryResetForm {
        username: username.into(),
        recovery_code: pw(code),
        password: pw(password),
        password_confirm: pw(password),
    }
}

#[test]
fn a_forgotten_privacy_officials_password_is_reset_with_the_recovery_code() {
    let (mut o, code) = office_with_code();
    o.staff();
    let path = o.path.clone();
    o.store.lock_idle().expect("locked");
    let typed = code.expose().to_lowercase().replace('-', " ");
    // A wrong code, a staff account, a mismatch: each refused on its field, nothing changed.
    let e = recovery::reset_password(
        &path,
        &reset(
            PO_USER,
            "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA",
            "a brand new password",
        ),
    )
    .err()
    .expect("a wrong code");
    assert_eq!(e.field.as_deref(), Some("recoveryCode"), "{}", e.message);
    let e = recovery::reset_password(&path, &reset(STAFF_USER, &typed, "a brand new password"))
        .err()
        .expect("staff ask the Privacy Official");
    assert_eq!(e.field.as_deref(), Some("username"), "{}", e.message);
    let mut mismatch = reset(PO_USER, &typed, "a brand new password");
    mismatch.password_confirm = pw("another one entirely");
    let e = recovery::reset_password(&path, &mismatch)
        .err()
        .expect("the two must agree");
    assert_eq!(e.field.as_deref(), Some("passwordConfirm"));
    let e = recovery::reset_password(&path, &reset(PO_USER, &typed, "Password1234"))
        .err()
        .expect("a common password");
    assert_eq!(e.field.as_deref(), Some("password"), "{}", e.message);
    assert!(e.message.contains("most common"), "{}", e.message);
    Store::sign_in(&path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect("the old password still works after the refusals")
        .lock();

    let opened = recovery::reset_password(&path, &reset(PO_USER, &typed, "a brand new password"))
        .expect("reset and signed in");
    assert_eq!(
        opened.store.user().map(|u| u.username.clone()),
        Some(PO_USER.to_owned())
    );
    let trail = opened.store.recent_audit(5).expect("audit");
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"user.password_recovered") && actions.contains(&"user.password"),
        "the reset is audited: {actions:?}"
    );
    opened.store.lock();
    assert!(Store::sign_in(&path, PO_USER, &pw(PO_PASSWORD), Utc::now()).is_err());
    Store::sign_in(&path, PO_USER, &pw("a brand new password"), Utc::now())
        .expect("the new password works");
}

#[test]
fn a_new_recovery_code_makes_the_old_one_useless() {
    let (mut o, old) = office_with_code();
    let mut sam = o.staff();
    assert!(
        recovery::new_code(&mut sam).is_err(),
        "only the Privacy Official issues a code"
    );
    let (new, sheet) = recovery::new_code(&mut o.store).expect("a new code");
    assert_ne!(new.expose(), old.expose());
    let text = pdf_text(&sheet);
    assert!(
        text.contains(new.expose()),
        "the sheet carries the new code to print"
    );
    let path = o.path.clone();
    let e = recovery::reset_password(&path, &reset(PO_USER, old.expose(), "a brand new password"))
        .err()
        .expect("the old code opens nothing");
    assert_eq!(e.field.as_deref(), Some("recoveryCode"));
    recovery::reset_password(&path, &reset(PO_USER, new.expose(), "a brand new password"))
        .expect("the new code works");
}
