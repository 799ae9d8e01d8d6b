//! Backups: the verified copy with its key file, and the dashboard's reminder.

use super::*;
use desk_office::backup;

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
        path.exists() && PathBuf::from(&done.keys_path).exists(),
        "the copy and its key file"
    );
    assert_eq!(
        PathBuf::from(&done.keys_path),
        desk_store::key_file_path(&path)
    );
    assert_eq!(
        done.bytes,
        std::fs::metadata(&path).expect("metadata").len()
    );
    assert_eq!(
        done.audit_rows, before,
        "the copy holds every row written before it"
    );
    assert_eq!(actions_since(&o.store, before), vec!["backup.create"]);
    let status = backup::status(&o.store).expect("status");
    assert!(!status.due, "a backup just made stops the reminder");
    assert!(
        status.last_backup_at.is_some_and(|t| t.ends_with('Z')),
        "RFC 3339 in UTC"
    );
    let copy = Store::sign_in(&path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect("the copy opens with the password of the day it was made");
    assert_eq!(
        copy.count_participants().expect("count"),
        1,
        "the copy holds the data"
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
