//! Settings and users, for the Privacy Official.

use super::*;
use desk_office::session::RoleView;
use desk_office::settings::ProfileForm;
use desk_office::settings::{self, NewUserForm, PasswordForm};
use desk_office::setup::organization_form;
use desk_office::{decision, response};

fn form() -> ProfileForm {
    organization_form(&organization()).into()
}

#[test]
fn get_shows_the_profile_and_the_settings_with_their_limits() {
    let mut o = office();
    let view = writes_nothing(&mut o.store, |s| settings::get(s).expect("settings"));
    assert_eq!(view.organization.name, "Sample County");
    assert_eq!(
        view.organization.address_lines,
        "1 Main Street\nSampleton, FL 32960"
    );
    assert_eq!(
        view.associates_active, 1,
        "the register's associates are counted, not listed in the profile"
    );
    assert_eq!(view.idle_minutes, 10, "ten minutes until set");
    assert_eq!(
        (view.idle_minutes_range.min, view.idle_minutes_range.max),
        (1, 60)
    );
    assert_eq!(view.backup_reminder_days, 7, "a week until set");
    assert_eq!(
        (
            view.backup_reminder_days_range.min,
            view.backup_reminder_days_range.max
        ),
        (1, 90)
    );
    assert!(!view.has_signature_image);
}

#[test]
fn save_organization_replaces_the_letterhead() {
    let mut o = office();
    let changed = ProfileForm {
        name: "  Other County ".into(),
        phone: "555-020-0000".into(),
        ..form()
    };
    let before = audit_count(&o.store);
    settings::save_organization(&mut o.store, &changed).expect("saved");
    let view = settings::get(&o.store).expect("settings");
    assert_eq!(view.organization.name, "Other County", "trimmed as saved");
    assert_eq!(view.organization.phone, "555-020-0000");
    assert_eq!(
        actions_since(&o.store, before),
        vec!["settings.organization"]
    );
}

#[test]
fn save_organization_refuses_a_blank_field_on_the_forms_name_for_it() {
    let mut o = office();
    let nameless = ProfileForm {
        name: " ".into(),
        ..form()
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_organization(s, &nameless),
            "organization.name",
            "every letter prints it",
        )
    });
    let nowhere = ProfileForm {
        address_lines: "\n \n".into(),
        ..form()
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_organization(s, &nowhere),
            "organization.addressLines",
            "the letterhead needs an address",
        )
    });
    let untitled = ProfileForm {
        official_title: String::new(),
        ..form()
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_organization(s, &untitled),
            "organization.officialTitle",
            "the signature block prints the title",
        )
    });
    assert_eq!(
        settings::get(&o.store).expect("settings").organization.name,
        "Sample County"
    );
}

#[test]
fn a_staff_member_changes_no_setting() {
    let mut o = office();
    let mut sam = o.staff();
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::save_organization(s, &form()),
            ErrorCode::Forbidden,
            "profile",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::save_idle(s, 20),
            ErrorCode::Forbidden,
            "idle minutes",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::save_backup_reminder(s, 20),
            ErrorCode::Forbidden,
            "reminder",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::save_signature(s, None),
            ErrorCode::Forbidden,
            "signature",
        )
    });
    let view = settings::get(&sam).expect("staff may read the settings");
    assert_eq!(view.idle_minutes, 10, "nothing changed");
}

#[test]
fn save_idle_sets_the_minutes_within_their_range() {
    let mut o = office();
    let before = audit_count(&o.store);
    settings::save_idle(&mut o.store, 25).expect("saved");
    assert_eq!(settings::get(&o.store).expect("settings").idle_minutes, 25);
    assert_eq!(
        actions_since(&o.store, before),
        vec!["settings.idle_minutes"]
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(settings::save_idle(s, 0), "minutes", "at least one minute")
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(settings::save_idle(s, 61), "minutes", "at most an hour")
    });
    assert_eq!(settings::get(&o.store).expect("settings").idle_minutes, 25);
}

#[test]
fn save_backup_reminder_sets_the_days_within_their_range() {
    let mut o = office();
    let before = audit_count(&o.store);
    settings::save_backup_reminder(&mut o.store, 14).expect("saved");
    assert_eq!(
        settings::get(&o.store)
            .expect("settings")
            .backup_reminder_days,
        14
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["settings.backup_reminder_days"]
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_backup_reminder(s, 0),
            "backupReminderDays",
            "at least a day",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_backup_reminder(s, 91),
            "backupReminderDays",
            "at most 90 days",
        )
    });
}

#[test]
fn save_signature_keeps_a_png_that_signed_letters_then_carry() {
    let mut o = office();
    let image = UploadForm {
        file_name: "signature.png".into(),
        base64: PNG_BASE64.into(),
    };
    let before = audit_count(&o.store);
    settings::save_signature(&mut o.store, Some(&image)).expect("saved");
    assert!(
        settings::get(&o.store)
            .expect("settings")
            .has_signature_image
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["settings.signature_image"]
    );
    // A signed letter renders with it.
    let (_, r) = o.request("access");
    let today = o.today();
    decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
    let done = response::respond(&mut o.store, r).expect("a signed letter renders");
    assert_eq!(done.title, "Response to Inspection Request");
    settings::save_signature(&mut o.store, None).expect("removed");
    assert!(
        !settings::get(&o.store)
            .expect("settings")
            .has_signature_image
    );
}

#[test]
fn save_signature_refuses_a_file_that_is_not_a_png_on_image() {
    let mut o = office();
    let jpeg = upload(
        "signature.jpg",
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
    );
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_signature(s, Some(&jpeg)),
            "image",
            "a signature is a PNG",
        )
    });
    let garbled = UploadForm {
        file_name: "signature.png".into(),
        base64: "***".into(),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::save_signature(s, Some(&garbled)),
            "image",
            "not base64",
        )
    });
    assert!(
        !settings::get(&o.store)
            .expect("settings")
            .has_signature_image
    );
}

#[test]
fn save_signature_refuses_a_png_that_letters_cannot_print() {
    let mut o = office();
    // The PNG signature bytes and a header, but no image: every signed letter would fail to
    // render once it is saved.
    let broken = upload("signature.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let before = audit_count(&o.store);
    let saved = settings::save_signature(&mut o.store, Some(&broken));
    if saved.is_ok() {
        // Show what the saved image does: the next signed letter cannot be rendered.
        let (_, r) = o.request("access");
        let today = o.today();
        decision::record(&mut o.store, &grant_form(r, today)).expect("granted");
        let letter = response::respond(&mut o.store, r).map(|d| d.title);
        panic!(
            "an undecodable signature image was saved (expected a refusal on image); \
             the next signed letter then gives {letter:?}"
        );
    }
    refused_on(
        saved,
        "image",
        "a signature image that cannot be decoded is refused when saved",
    );
    assert_eq!(audit_count(&o.store), before, "nothing was written");
}

#[test]
fn users_lists_the_accounts_and_add_user_adds_one() {
    let mut o = office();
    let before = audit_count(&o.store);
    let row = settings::add_user(
        &mut o.store,
        NewUserForm {
            username: "Robin".into(),
            display_name: "Robin Clerk".into(),
            role: RoleView::Staff,
            password: pw("robin-password"),
        },
    )
    .expect("added");
    assert_eq!(row.username, "robin", "user names are kept in lower case");
    assert_eq!(row.role, RoleView::Staff);
    assert!(row.active);
    assert_eq!(
        audited(&o.store, before, "user.add").entity_id,
        Some(row.id)
    );
    let users = writes_nothing(&mut o.store, |s| settings::users(s).expect("users"));
    assert_eq!(
        users
            .iter()
            .map(|u| (u.username.as_str(), u.role))
            .collect::<Vec<_>>(),
        vec![
            ("pat", RoleView::PrivacyOfficial),
            ("robin", RoleView::Staff)
        ]
    );
    Store::sign_in(&o.path, "robin", &pw("robin-password"), Utc::now())
        .expect("the new account opens the database");
}

#[test]
fn add_user_refuses_a_short_password_or_a_taken_name_and_staff_altogether() {
    let mut o = office();
    let short = NewUserForm {
        username: "robin".into(),
        display_name: "Robin Clerk".into(),
        role: RoleView::Staff,
        password: pw("short"),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::add_user(s, short),
            "password",
            "at least twelve characters",
        )
    });
    let taken = NewUserForm {
        username: "pat".into(),
        display_name: "Another Pat".into(),
        role: RoleView::Staff,
        password: pw("another-password"),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::add_user(s, taken),
            "username",
            "user names are unique",
        )
    });
    let nameless = NewUserForm {
        username: "robin".into(),
        display_name: " ".into(),
        role: RoleView::Staff,
        password: pw("robin-password"),
    };
    writes_nothing(&mut o.store, |s| {
        refused_on(
            settings::add_user(s, nameless),
            "displayName",
            "a display name is needed",
        )
    });
    let mut sam = o.staff();
    let by_staff = NewUserForm {
        username: "robin".into(),
        display_name: "Robin Clerk".into(),
        role: RoleView::PrivacyOfficial,
        password: pw("robin-password"),
    };
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::add_user(s, by_staff),
            ErrorCode::Forbidden,
            "staff add no account",
        )
    });
    assert_eq!(
        settings::users(&o.store).expect("users").len(),
        2,
        "pat and sam only"
    );
}

#[test]
fn set_role_changes_an_accounts_role() {
    let mut o = office();
    drop(o.staff());
    let before = audit_count(&o.store);
    settings::set_role(&mut o.store, STAFF_USER, RoleView::PrivacyOfficial).expect("promoted");
    let sam = settings::users(&o.store)
        .expect("users")
        .into_iter()
        .find(|u| u.username == STAFF_USER)
        .expect("sam");
    assert_eq!(sam.role, RoleView::PrivacyOfficial);
    assert_eq!(
        audited(&o.store, before, "user.role").entity_id,
        Some(sam.id)
    );
}

#[test]
fn set_role_refuses_staff_and_an_unknown_account() {
    let mut o = office();
    let mut sam = o.staff();
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::set_role(s, STAFF_USER, RoleView::PrivacyOfficial),
            ErrorCode::Forbidden,
            "staff cannot promote themselves",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_with(
            settings::set_role(s, "nobody", RoleView::Staff),
            ErrorCode::NotFound,
            "no such account",
        )
    });
}

#[test]
fn set_role_refuses_to_demote_the_last_privacy_official_as_a_refusal_not_a_failure() {
    let mut o = office();
    let e = writes_nothing(&mut o.store, |s| {
        settings::set_role(s, PO_USER, RoleView::Staff)
            .expect_err("one Privacy Official must remain")
    });
    assert!(
        matches!(e.code, ErrorCode::Validation | ErrorCode::Forbidden),
        "keeping the last Privacy Official is a rule the person can act on, not an internal failure: {e:?}"
    );
    assert_eq!(
        settings::users(&o.store).expect("users")[0].role,
        RoleView::PrivacyOfficial,
        "pat is still the Privacy Official"
    );
}

#[test]
fn users_say_when_each_account_was_added() {
    let o = office();
    let users = settings::users(&o.store).expect("users");
    let added = chrono::DateTime::parse_from_rfc3339(&users[0].created_at)
        .expect("RFC 3339")
        .with_timezone(&Utc);
    assert!(users[0].created_at.ends_with('Z'), "in UTC");
    assert!(
        (Utc::now() - added).num_minutes().abs() < 5,
        "pat was added when the database was made"
    );
}

fn password_form(username: &str, password: &str) -> PasswordForm {
    PasswordForm {
        username: username.into(),
        password: pw(password),
    }
}

#[test]
fn set_password_changes_ones_own_and_the_privacy_official_resets_anyones() {
    let mut o = office();
    let mut sam = o.staff();
    let before = audit_count(&sam);
    let row = settings::set_password(&mut sam, &password_form("Sam", "sam-password-2"))
        .expect("sam changes their own password");
    assert_eq!(row.username, STAFF_USER, "the account, by its own name");
    assert_eq!(
        audited(&sam, before, "user.password").entity_id,
        Some(row.id)
    );
    drop(sam);
    assert!(
        Store::sign_in(&o.path, STAFF_USER, &pw(STAFF_PASSWORD), Utc::now()).is_err(),
        "the old password no longer opens the database"
    );
    Store::sign_in(&o.path, STAFF_USER, &pw("sam-password-2"), Utc::now())
        .expect("the new one does");

    let before = audit_count(&o.store);
    settings::set_password(&mut o.store, &password_form(STAFF_USER, "sam-password-3"))
        .expect("the Privacy Official resets sam's password");
    assert_eq!(
        audited(&o.store, before, "user.password").entity_id,
        Some(row.id)
    );
    Store::sign_in(&o.path, STAFF_USER, &pw("sam-password-3"), Utc::now())
        .expect("the reset password opens the database");
}

#[test]
fn set_password_refuses_a_short_password_on_password_and_staff_resetting_another() {
    let mut o = office();
    let mut sam = o.staff();
    writes_nothing(&mut sam, |s| {
        refused_on(
            settings::set_password(s, &password_form(STAFF_USER, "short")),
            "password",
            "at least twelve characters",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_on(
            settings::set_password(s, &password_form(" ", "sam-password-2")),
            "username",
            "whose password is named",
        )
    });
    writes_nothing(&mut sam, |s| {
        refused_with(
            settings::set_password(s, &password_form(PO_USER, "taken-over-1")),
            ErrorCode::Forbidden,
            "staff reset no one else's password",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_with(
            settings::set_password(s, &password_form("nobody", "nobody-password")),
            ErrorCode::NotFound,
            "no such account",
        )
    });
    drop(sam);
    Store::sign_in(&o.path, STAFF_USER, &pw(STAFF_PASSWORD), Utc::now())
        .expect("sam's password is as it was");
    Store::sign_in(&o.path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect("pat's password is as it was");
}

#[test]
fn everyone_changes_their_own_password_after_giving_the_current_one() {
    use desk_office::settings::{change_own_password, OwnPasswordForm};
    let mut o = office();
    let mut sam = o.staff();
    let form = |old: &str, new: &str, again: &str| OwnPasswordForm {
        old_password: pw(old),
        password: pw(new),
        password_confirm: pw(again),
    };
    for (f, field) in [
        (
            form("wrong-password-1", "a-new-password-9", "a-new-password-9"),
            "oldPassword",
        ),
        (
            form(STAFF_PASSWORD, "a-new-password-9", "a-new-password-8"),
            "passwordConfirm",
        ),
        (form(STAFF_PASSWORD, "short", "short"), "password"),
        (
            form(STAFF_PASSWORD, "eleven-char", "eleven-char"),
            "password",
        ),
        (
            form(STAFF_PASSWORD, "QwertyQwerty", "QwertyQwerty"),
            "password",
        ),
    ] {
        let e = writes_nothing(&mut sam, |s| change_own_password(s, &f).expect_err(field));
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    let before = audit_count(&sam);
    change_own_password(
        &mut sam,
        &form(STAFF_PASSWORD, "a-new-password-9", "a-new-password-9"),
    )
    .expect("changed");
    assert_eq!(actions_since(&sam, before), vec!["user.password"]);
    drop(sam);
    assert!(
        Store::sign_in(&o.path, STAFF_USER, &pw(STAFF_PASSWORD), chrono::Utc::now()).is_err(),
        "the old password no longer opens"
    );
    Store::sign_in(
        &o.path,
        STAFF_USER,
        &pw("a-new-password-9"),
        chrono::Utc::now(),
    )
    .expect("the new one does");
}
