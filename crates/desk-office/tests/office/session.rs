//! First run (the database, its profile, the first Privacy Official, the recovery sheet) and
//! sessions (sign-in, who is signed in, the app's status).

use super::*;
use desk_office::session::{self, RoleView, SignInForm};
use desk_office::setup::{self, organization_form, FirstOfficial, SetupForm};

fn setup_form(password: &str, confirm: &str) -> SetupForm {
    SetupForm {
        organization: organization_form(&organization()),
        username: "Pat".into(),
        display_name: "Pat Official".into(),
        password: pw(password),
        password_confirm: pw(confirm),
    }
}

fn sign_in_form(username: &str, password: &str) -> SignInForm {
    SignInForm {
        username: username.into(),
        password: pw(password),
    }
}

#[test]
fn create_makes_the_database_signs_in_its_first_official_and_shows_the_code_once() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("Records Desk").join("records.db");
    let (opened, code) = match setup::create(&path, &setup_form(PO_PASSWORD, PO_PASSWORD)) {
        Ok(done) => done,
        Err(e) => panic!("set-up succeeds: {e:?}"),
    };
    assert!(
        path.exists(),
        "the database file is made, its folder with it"
    );
    assert!(
        !code.expose().trim().is_empty(),
        "the recovery code is given once"
    );
    assert_eq!(
        opened.user.username, "pat",
        "user names are kept in lower case"
    );
    assert_eq!(opened.user.role, RoleView::PrivacyOfficial);
    assert_eq!(opened.idle_minutes, 10);
    assert_eq!(
        actions_since(&opened.store, 0),
        vec![
            "user.signing_key",
            "store.create",
            "user.add",
            "workstation.signing_key",
            "recovery.signing_key",
            "associate.add"
        ],
        "the creation and the first account are the first rows of the audit log, with the \
         signing keys of the official, the workstation and the recovery code, then the \
         business associate the set-up named, entered in the register"
    );
    let recovered = Store::open_with_recovery(&path, &code, Utc::now());
    assert!(recovered.is_ok(), "the code shown opens the database");
}

#[test]
fn create_refuses_two_different_passwords_and_makes_no_file() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("records.db");
    match setup::create(&path, &setup_form(PO_PASSWORD, "correct horse battery!")) {
        Ok(_) => panic!("two different passwords are refused"),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation);
            assert_eq!(e.field.as_deref(), Some("passwordConfirm"));
        }
    }
    assert!(!path.exists(), "no database is made");
    let mut nameless = setup_form(PO_PASSWORD, PO_PASSWORD);
    nameless.organization.plan_name = " ".into();
    match setup::create(&path, &nameless) {
        Ok(_) => panic!("a profile without a plan name is refused"),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation);
            assert_eq!(e.field.as_deref(), Some("organization.planName"));
        }
    }
    assert!(!path.exists(), "no database is made");
    assert!(
        !desk_store::key_file_path(&path).exists(),
        "no key file is left behind"
    );
}

#[test]
fn create_refuses_a_place_where_a_database_exists() {
    let o = office();
    match setup::create(&o.path, &setup_form(PO_PASSWORD, PO_PASSWORD)) {
        Ok(_) => panic!("an existing database is never overwritten"),
        Err(e) => assert_eq!(e.code, ErrorCode::AlreadyExists),
    }
    Store::sign_in(&o.path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect("the existing database still opens with its own password");
}

#[test]
fn recovery_sheet_prints_the_code_unsigned_and_writes_nothing() {
    let mut o = office();
    let code = pw("ABCD-EFGH-JKLM-NPQR");
    let sheet = writes_nothing(&mut o.store, |s| {
        setup::recovery_sheet(s, &code).expect("sheet")
    });
    assert_pdf(&sheet, "the recovery sheet");
}

#[test]
fn sign_in_opens_the_database_as_the_user_and_is_audited() {
    let mut o = office();
    drop(o.staff());
    let opened = match session::sign_in(&o.path, &sign_in_form("SAM", STAFF_PASSWORD)) {
        Ok(x) => x,
        Err(e) => panic!("sam signs in: {e:?}"),
    };
    assert_eq!(
        opened.user.username, STAFF_USER,
        "user names match in any case"
    );
    assert_eq!(opened.user.display_name, "Sam Staff");
    assert_eq!(opened.user.role, RoleView::Staff);
    assert_eq!(opened.idle_minutes, 10);
    let last = opened.store.recent_audit(1).expect("audit").remove(0);
    assert_eq!(last.action, "session.sign_in");
    assert_eq!(last.entity_id, Some(opened.user.id));
}

#[test]
fn sign_in_refuses_a_wrong_password_without_saying_which_part_was_wrong() {
    let mut o = office();
    drop(o.staff());
    let before = audit_count(&o.store);
    for form in [
        sign_in_form(STAFF_USER, "wrong-password"),
        sign_in_form("nobody", STAFF_PASSWORD),
    ] {
        match session::sign_in(&o.path, &form) {
            Ok(_) => panic!("a wrong user name or password opens nothing"),
            Err(e) => {
                assert_eq!(e.code, ErrorCode::WrongPassword);
                assert_eq!(
                    e.field, None,
                    "the error never says which of the two was wrong"
                );
                assert_eq!(e.message, "Wrong user name or password.");
            }
        }
    }
    assert_eq!(
        audit_count(&o.store),
        before,
        "a failed sign-in writes nothing to the closed database"
    );
    let opened = session::sign_in(&o.path, &sign_in_form(STAFF_USER, STAFF_PASSWORD))
        .unwrap_or_else(|e| panic!("sam signs in: {e:?}"));
    assert!(
        actions_since(&opened.store, before).contains(&"session.sign_in_failed".to_owned()),
        "the next sign-in appends the failure the key file kept"
    );
}

#[test]
fn current_user_is_the_account_signed_in_and_none_for_the_recovery_code() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("records.db");
    let (opened, code) = setup::create(&path, &setup_form(PO_PASSWORD, PO_PASSWORD))
        .unwrap_or_else(|e| panic!("set-up: {e:?}"));
    let me = session::current_user(&opened.store).expect("pat is signed in");
    assert_eq!(me.username, "pat");
    assert_eq!(me.display_name, "Pat Official");
    drop(opened);
    let recovered = Store::open_with_recovery(&path, &code, Utc::now()).expect("recovery");
    assert_eq!(
        session::current_user(&recovered),
        None,
        "the recovery code is nobody's account"
    );
}

#[test]
fn status_says_whether_a_database_exists_and_who_is_signed_in() {
    let o = office();
    let fresh = o.dir.path().join("none.db");
    let nothing = session::status(&fresh, None);
    assert!(
        !nothing.database_exists,
        "a fresh machine shows the first-run screen"
    );
    assert_eq!(nothing.organization, None);
    assert_eq!(nothing.user, None);
    let locked = session::status(&o.path, None);
    assert!(locked.database_exists);
    assert_eq!(locked.user, None, "nobody is signed in while locked");
    let open = session::status(&o.path, Some(&o.store));
    assert_eq!(open.organization.as_deref(), Some("Sample County"));
    assert_eq!(open.user.map(|u| u.username), Some(PO_USER.to_owned()));
}

#[test]
fn sign_out_ends_the_session_in_the_audit_log() {
    let mut o = office();
    drop(o.staff());
    let opened = session::sign_in(&o.path, &sign_in_form(STAFF_USER, STAFF_PASSWORD))
        .unwrap_or_else(|e| panic!("sam signs in: {e:?}"));
    let sam = opened.user.id;
    let before = audit_count(&o.store);
    session::sign_out(opened.store).unwrap_or_else(|e| panic!("sam signs out: {e:?}"));
    let row = audited(&o.store, before, "session.sign_out");
    assert_eq!(row.user_id, Some(sam), "the session's own user");
    assert_eq!(row.entity_id, Some(sam));
}

fn first_official(username: &str, password: &str) -> FirstOfficial {
    FirstOfficial {
        username: username.into(),
        display_name: "Pat Official".into(),
        password: pw(password),
    }
}

#[test]
fn create_with_profile_keeps_the_profile_as_given() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("records.db");
    let mut profile = organization();
    // A comma in a business associate's name: the first-run form's one-line-per-associate
    // text could not carry it, the profile does.
    profile.business_associates[0].name = "Acme Claims Services, Inc.".into();
    let (opened, code) =
        setup::create_with_profile(&path, &profile, &first_official("Pat", PO_PASSWORD))
            .unwrap_or_else(|e| panic!("set-up succeeds: {e:?}"));
    assert!(!code.expose().trim().is_empty(), "the recovery code, once");
    assert_eq!(opened.user.username, "pat");
    assert_eq!(opened.user.role, RoleView::PrivacyOfficial);
    assert_eq!(
        opened.store.organization().expect("profile"),
        profile,
        "the profile exactly as given"
    );
    assert_eq!(
        actions_since(&opened.store, 0),
        vec![
            "user.signing_key",
            "store.create",
            "user.add",
            "workstation.signing_key",
            "recovery.signing_key",
            "associate.add"
        ]
    );
}

#[test]
fn create_with_profile_refuses_on_the_profiles_own_field_names_and_makes_no_file() {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("records.db");
    let mut unsigned = organization();
    unsigned.privacy_official.name = " ".into();
    match setup::create_with_profile(&path, &unsigned, &first_official("pat", PO_PASSWORD)) {
        Ok(_) => panic!("a profile without the official's name is refused"),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation);
            assert_eq!(e.field.as_deref(), Some("privacyOfficial.name"));
        }
    }
    match setup::create_with_profile(&path, &organization(), &first_official("pat", "short")) {
        Ok(_) => panic!("a short password is refused"),
        Err(e) => assert_eq!(e.field.as_deref(), Some("password")),
    }
    assert!(!path.exists(), "no database is made");
    assert!(
        !desk_store::key_file_path(&path).exists(),
        "no key file is left behind"
    );
}
