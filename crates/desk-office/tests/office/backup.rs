//! Backups: the verified copy in one file, the backups a folder holds, the dashboard's
//! reminder, and restores.

use std::path::Path;

use super::*;
use desk_office::backup::{self, RestoreForm};

#[test]
fn status_is_due_until_a_first_backup() {
    let mut o = office();
    let view = writes_nothing(&mut o.store, |s| backup::status(s).expect("status"));
    assert_eq!(view.last_backup_at, None, "no backup yet");
    assert!(view.due, "the reminder shows until a first backup");
    assert_eq!(view.reminder_days, 7);
}

#[test]
fn create_writes_a_verified_copy_that_opens_and_stops_the_reminder() {
    let mut o = office();
    o.request("access");
    let out = o.dir.path().join("Backups");
    let before = audit_count(&o.store);
    let done = backup::create(&mut o.store, &out).expect("backed up");
    let path = PathBuf::from(&done.path);
    assert!(path.starts_with(&out), "the copy is in the folder given");
    assert!(
        path.exists() && path.extension().is_some_and(|e| e == "rdbackup"),
        "one .rdbackup file: {}",
        path.display()
    );
    assert!(
        !desk_store::key_file_path(&path).exists(),
        "no key file beside it: the key slots are inside"
    );
    assert_eq!(
        done.bytes,
        std::fs::metadata(&path).expect("metadata").len()
    );
    assert_eq!(
        done.audit_rows, before,
        "the copy holds every row written before it"
    );
    assert_eq!(
        actions_since(&o.store, before),
        vec!["database.check", "backup.create"],
        "the copy's check of every page, then the backup"
    );
    let status = backup::status(&o.store).expect("status");
    assert!(!status.due, "a backup just made stops the reminder");
    assert!(
        status
            .last_backup_at
            .as_ref()
            .is_some_and(|t| t.ends_with('Z')),
        "RFC 3339 in UTC"
    );
    let listed = backup::list(&out).expect("list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].path, done.path);
    assert_eq!(listed[0].bytes, done.bytes);
    assert!(!listed[0].two_files);
    assert_eq!(
        listed[0].made_at, status.last_backup_at,
        "the backup says when"
    );
    let elsewhere = o.dir.path().join("elsewhere").join("records.db");
    backup::restore(&elsewhere, &restore_form(&path, PO_PASSWORD))
        .expect("the copy opens with the password of the day it was made");
    let copy = Store::sign_in(&elsewhere, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("opens");
    assert_eq!(
        copy.count_participants().expect("count"),
        1,
        "the copy holds the data"
    );
}

#[test]
fn list_finds_one_file_backups_and_older_two_file_ones_newest_first_and_nothing_else() {
    let mut o = office();
    let dir = o.dir.path().join("Backups");
    assert!(
        backup::list(&dir).expect("list").is_empty(),
        "a folder that is not there holds no backups"
    );
    let one = dir.join("records-a.rdbackup");
    backup::create_file(&mut o.store, &one).expect("backed up");
    // An older backup: a .db with its key file beside it.
    std::fs::copy(&o.path, dir.join("old.db")).expect("copy");
    std::fs::copy(desk_store::key_file_path(&o.path), dir.join("old.keys")).expect("copy");
    // Neither: a stray database without its keys, a note, a hidden partial file.
    std::fs::copy(&o.path, dir.join("stray.db")).expect("copy");
    std::fs::write(dir.join("notes.txt"), "where the USB stick is").expect("note");
    std::fs::write(dir.join(".records-b.partial.db"), "half").expect("partial");
    let listed = backup::list(&dir).expect("list");
    let names: Vec<(&str, bool)> = listed
        .iter()
        .map(|l| (l.name.as_str(), l.two_files))
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&("records-a.rdbackup", false)), "{names:?}");
    assert!(names.contains(&("old.db", true)), "{names:?}");
    assert!(
        listed.windows(2).all(|w| w[0].made_at >= w[1].made_at),
        "newest first: {listed:?}"
    );
}

#[test]
fn create_is_refused_to_staff_and_writes_no_file() {
    let mut o = office();
    let mut sam = o.staff();
    let out = o.dir.path().join("Backups");
    writes_nothing(&mut sam, |s| {
        refused_with(
            backup::create(s, &out),
            ErrorCode::Forbidden,
            "only the Privacy Official backs up",
        )
    });
    assert!(
        !out.exists() || std::fs::read_dir(&out).expect("folder").next().is_none(),
        "no copy was written"
    );
    assert!(
        backup::status(&o.store).expect("status").due,
        "still no backup"
    );
}

#[test]
fn create_file_writes_the_copy_where_asked_in_one_file() {
    let mut o = office();
    o.request("access");
    let out = o.dir.path().join("backups").join("monday.rdbackup");
    let before = audit_count(&o.store);
    let done = backup::create_file(&mut o.store, &out).expect("backed up");
    assert_eq!(PathBuf::from(&done.path), out, "the file given");
    assert_eq!(
        std::fs::read_dir(o.dir.path().join("backups"))
            .expect("folder")
            .count(),
        1,
        "one file, nothing beside it"
    );
    assert_eq!(done.audit_rows, before);
    assert_eq!(
        actions_since(&o.store, before),
        vec!["database.check", "backup.create"]
    );
}

#[test]
fn create_file_refuses_a_file_that_is_there_on_out_and_writes_nothing() {
    let mut o = office();
    let out = o.dir.path().join("monday.db");
    backup::create_file(&mut o.store, &out).expect("first backup");
    let first = std::fs::read(&out).expect("the first copy");
    writes_nothing(&mut o.store, |s| {
        refused_on(
            backup::create_file(s, &out),
            "out",
            "a backup never overwrites a file",
        )
    });
    let db = o.path.clone();
    writes_nothing(&mut o.store, |s| {
        refused_on(
            backup::create_file(s, &db),
            "out",
            "a backup is never written over the database",
        )
    });
    writes_nothing(&mut o.store, |s| {
        refused_on(
            backup::create_file(s, Path::new("")),
            "out",
            "a backup needs a file name",
        )
    });
    assert_eq!(
        std::fs::read(&out).expect("the first copy"),
        first,
        "the first copy is as it was"
    );
}

fn restore_form(backup: &Path, password: &str) -> RestoreForm {
    RestoreForm {
        backup: backup.to_owned(),
        username: PO_USER.into(),
        password: pw(password),
        recovery_code: None,
    }
}

#[test]
fn restore_puts_the_backup_in_place_keeps_the_replaced_files_and_is_audited_in_it() {
    let mut o = office();
    o.request("access");
    let out = o.dir.path().join("backups").join("monday.rdbackup");
    backup::create_file(&mut o.store, &out).expect("backed up");
    o.request("access");
    assert_eq!(o.store.count_participants().expect("count"), 2);
    let Office { dir, path, store } = o;
    drop(store);

    let mut seen = Vec::new();
    let staged =
        backup::stage(&path, &restore_form(&out, PO_PASSWORD), |p| seen.push(p)).expect("checked");
    assert_eq!(
        std::fs::read_dir(dir.path())
            .expect("folder")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
            .count(),
        0,
        "checking replaces nothing"
    );
    let done = backup::finish(staged).expect("restored");
    assert!(done.made_at.is_some(), "a one-file backup says when");
    assert!(
        seen.first().is_some_and(|p| p.percent == 0 && !p.checking)
            && seen.iter().any(|p| p.percent == 100 && !p.checking)
            && seen.last().is_some_and(|p| p.checking),
        "progress from 0 to 100 %, then the check: {seen:?}"
    );
    let kept = PathBuf::from(done.kept.expect("the replaced database is kept"));
    assert!(
        kept.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("records.before-restore-")),
        "kept beside it under a new name: {}",
        kept.display()
    );
    assert!(kept.exists() && desk_store::key_file_path(&kept).exists());
    let restored = Store::sign_in(&path, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("opens");
    assert_eq!(
        restored.count_participants().expect("count"),
        1,
        "the data of the backup's day"
    );
    assert_eq!(
        done.audit_rows,
        audit_count(&restored) - 1,
        "and its sign-in"
    );
    let actions: Vec<String> = restored
        .recent_audit(2)
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        vec!["session.sign_in", "backup.restore"],
        "the restore is the restored log's last row before this sign-in"
    );
    drop(dir);
}

#[test]
fn restore_refuses_a_missing_backup_or_a_wrong_password_and_replaces_nothing() {
    let mut o = office();
    let out = o.dir.path().join("monday.rdbackup");
    backup::create_file(&mut o.store, &out).expect("backed up");
    let before = audit_count(&o.store);
    let files = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let was = files(o.dir.path());

    let nowhere = o.dir.path().join("none.db");
    refused_on(
        backup::restore(&o.path, &restore_form(&nowhere, PO_PASSWORD)),
        "backup",
        "there is no backup there",
    );
    refused_on(
        backup::restore(&o.path, &restore_form(Path::new(""), PO_PASSWORD)),
        "backup",
        "a restore names its backup",
    );
    refused_with(
        backup::restore(&o.path, &restore_form(&out, "wrong-password-1")),
        ErrorCode::WrongPassword,
        "the backup opens only with its own passwords",
    );
    refused_on(
        backup::restore(&o.path, &restore_form(&out, "")),
        "password",
        "a restore needs the password or the recovery code",
    );
    let mut no_name = restore_form(&out, PO_PASSWORD);
    no_name.username = " ".into();
    refused_on(
        backup::restore(&o.path, &no_name),
        "username",
        "a restore by password names its Privacy Official",
    );
    let mut wrong_code = restore_form(&out, "");
    wrong_code.recovery_code = Some(pw("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"));
    assert!(
        backup::restore(&o.path, &wrong_code).is_err(),
        "a wrong recovery code opens nothing"
    );
    assert_eq!(files(o.dir.path()), was, "no file was replaced or kept");
    assert_eq!(audit_count(&o.store), before, "the database is as it was");
}
