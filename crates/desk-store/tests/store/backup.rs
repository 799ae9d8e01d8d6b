//! Backups are verified encrypted copies in one file; a restore (of one file, or of the older
//! two-file form) checks before it replaces and keeps the old.

use super::*;
use desk_store::backup_file;
use desk_store::{Error, RequestFilter, RestoreCredential, RestoreProgress};

fn official() -> RestoreCredential {
    RestoreCredential::Password {
        username: PO_USER.into(),
        password: pw(PO_PASSWORD),
    }
}

/// The older two-file form of the one-file backup at `one`: its database as `old.db` and its
/// key slots as `old.keys` beside it, as backups were written before they were one file.
fn two_files_of(one: &Path, dir: &Path) -> PathBuf {
    let trailer = backup_file::read_trailer(one)
        .expect("read")
        .expect("a one-file backup");
    let bytes = std::fs::read(one).expect("bytes");
    let db = dir.join("old.db");
    let len = usize::try_from(trailer.database_bytes).expect("length");
    std::fs::write(&db, &bytes[..len]).expect("database");
    let mut keys = serde_json::to_vec_pretty(&trailer.keys).expect("keys");
    keys.push(b'\n');
    std::fs::write(desk_store::key_file_path(&db), keys).expect("key file");
    db
}

/// What the app shows, as one comparable value: every participant, request, letter count and
/// audit row up to `upto` seq.
fn snapshot(store: &Store, upto: i64) -> String {
    let mut out = Vec::new();
    for id in 1..=store.count_participants().expect("count") {
        out.push(format!("{:?}", store.participant(id).expect("participant")));
        out.push(format!(
            "{:?}",
            store.dependents_of(id).expect("dependents")
        ));
    }
    out.push(format!(
        "{:?}",
        store
            .list_requests(&RequestFilter::default())
            .expect("requests")
    ));
    out.push(format!("{:?}", store.organization().expect("org")));
    let mut audit = store.recent_audit(100_000).expect("audit");
    audit.retain(|r| r.seq <= upto);
    out.push(format!("{audit:?}"));
    out.join("\n")
}

#[test]
fn a_backup_round_trip_gives_identical_query_results() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let (_, rid) = access_request(&mut store);
    verify(&mut store, rid);
    let before_seq = store.audit_count().expect("count");
    let before = snapshot(&store, before_seq);
    let out = fx
        .dir
        .path()
        .join("backups")
        .join("records-2026-11-22.rdbackup");

    let report = store.backup(&out).expect("backup");
    assert_eq!(report.path, out);
    let files: Vec<_> = std::fs::read_dir(fx.dir.path().join("backups"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        vec!["records-2026-11-22.rdbackup".to_owned()],
        "a backup is one file"
    );
    assert_eq!(report.audit_rows, before_seq, "the copy holds every row");
    let trailer = backup_file::read_trailer(&out)
        .expect("read")
        .expect("the backup carries its key slots");
    assert!(
        trailer.keys.slots.len() >= 2,
        "the official's slot and the recovery slot: {:?}",
        trailer.keys.slots.keys()
    );
    assert_eq!(report.bytes, std::fs::metadata(&out).expect("size").len());
    assert!(trailer.database_bytes < report.bytes);
    let bytes = std::fs::read(&out).expect("backup bytes");
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the copy is encrypted");
    for name in MARKER_NAMES {
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} is not readable in the backup"
        );
    }
    assert_eq!(last_action(&store), "backup.create");
    let status = store.backup_status(Utc::now()).expect("status");
    assert!(!status.due, "a backup was just made: {status:?}");
    assert!(
        store.backup(&out).is_err(),
        "an existing backup is never overwritten"
    );

    // Change the live database after the backup, then restore it.
    store
        .add_participant(&employee("LATE1", "Afterwards", "Only", "1990-01-01"))
        .expect("added after the backup");
    store.lock();
    let mut seen = Vec::new();
    let restored = Store::stage_restore(&out, &fx.path, &official(), Utc::now(), |p| seen.push(p))
        .expect("checked")
        .put_in_place()
        .expect("restore");
    assert_eq!(restored.made_at, Some(trailer.made_at));
    let after = sign_in(&fx.path);
    assert_eq!(
        after
            .backup_status(Utc::now())
            .expect("status")
            .last_backup_at,
        Some(trailer.made_at),
        "the file restored from is the restored database's last backup"
    );
    after.lock();
    assert_eq!(seen.last(), Some(&RestoreProgress::Checking));
    assert!(
        seen.contains(&RestoreProgress::Copying {
            copied: trailer.database_bytes,
            total: trailer.database_bytes
        }),
        "the copy reached 100 %: {seen:?}"
    );
    let kept = restored.kept.expect("the replaced database is kept");
    assert!(kept.exists() && desk_store::key_file_path(&kept).exists());

    let store = sign_in(&fx.path);
    assert_eq!(
        snapshot(&store, before_seq),
        before,
        "the restored database answers every query as the original did at backup time"
    );
    assert_eq!(store.verify_audit().expect("verify"), None);
    let old = Store::sign_in(&kept, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("the kept one");
    assert_eq!(
        old.count_participants().expect("count"),
        store.count_participants().expect("count") + 1,
        "the kept database still has the participant added after the backup"
    );
    let recent: Vec<String> = store
        .recent_audit(3)
        .expect("audit")
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(
        recent.contains(&"backup.restore".to_owned()),
        "the restore is in the restored audit log: {recent:?}"
    );
}

#[test]
fn a_damaged_backup_is_refused_before_anything_is_replaced() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let out = fx.dir.path().join("b.rdbackup");
    store.backup(&out).expect("backup");
    store.lock();
    let live = std::fs::read(&fx.path).expect("live bytes");
    let good = std::fs::read(&out).expect("bytes");
    let database_bytes = backup_file::read_trailer(&out)
        .expect("read")
        .expect("trailer")
        .database_bytes;
    let database_bytes = usize::try_from(database_bytes).expect("length");

    // Flip bytes in the middle of the database part.
    let mut bytes = good.clone();
    let mid = database_bytes / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&out, &bytes).expect("damage");
    let e = Store::restore(&out, &fx.path, &official(), Utc::now())
        .expect_err("a damaged backup is refused");
    assert!(
        matches!(e, Error::Damaged | Error::Sqlite(_)),
        "refused as damaged: {e:?}"
    );

    // A changed byte in the key slots, and a file cut short in copying, are refused on the
    // backup's field.
    let mut bytes = good.clone();
    bytes[database_bytes + 20] ^= 0x01;
    std::fs::write(&out, &bytes).expect("damage the trailer");
    let e = Store::restore(&out, &fx.path, &official(), Utc::now()).expect_err("trailer");
    assert_eq!(field_of(e), "backup");
    let mut bytes = good.clone();
    bytes.drain(database_bytes / 2..database_bytes / 2 + 4096);
    std::fs::write(&out, &bytes).expect("cut short");
    let e = Store::restore(&out, &fx.path, &official(), Utc::now()).expect_err("cut short");
    assert_eq!(field_of(e), "backup");
    assert_eq!(
        std::fs::read(&fx.path).expect("live bytes"),
        live,
        "the live database was not touched"
    );

    // A database copied on its own (no key slots in it, no key file beside it) is refused too.
    let lone = fx.dir.path().join("lone.db");
    std::fs::copy(&fx.path, &lone).expect("copy");
    let e = Store::restore(&lone, &fx.path, &official(), Utc::now()).expect_err("no key file");
    assert_eq!(field_of(e), "backup");
    let left: Vec<_> = std::fs::read_dir(fx.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restoring"))
        .collect();
    assert!(left.is_empty(), "no staged copy is left behind: {left:?}");
}

#[test]
fn only_a_privacy_official_backs_up_and_the_reminder_follows_the_setting() {
    let (fx, mut store) = new_store();
    let status = store.backup_status(Utc::now()).expect("status");
    assert!(status.due, "no backup yet: due");
    assert_eq!(status.reminder_days, 7, "a week until set");
    store
        .backup(&fx.dir.path().join("b.rdbackup"))
        .expect("backup");
    let in_six_days = Utc::now() + chrono::Duration::days(6);
    let in_eight_days = Utc::now() + chrono::Duration::days(8);
    assert!(!store.backup_status(in_six_days).expect("status").due);
    assert!(store.backup_status(in_eight_days).expect("status").due);
    store.set_backup_reminder_days(30).expect("set");
    assert!(!store.backup_status(in_eight_days).expect("status").due);
    assert_eq!(
        field_of(store.set_backup_reminder_days(0).expect_err("0 days")),
        "backup_reminder_days"
    );
    let mut staff = staff_store(&fx, store);
    let e = staff
        .backup(&fx.dir.path().join("c.rdbackup"))
        .expect_err("staff may not back up");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
}

#[test]
fn a_backup_in_the_older_two_file_form_still_restores() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let backups = fx.dir.path().join("backups");
    let one = backups.join("b.rdbackup");
    store.backup(&one).expect("backup");
    let count = store.count_participants().expect("count");
    store
        .add_participant(&employee("LATE2", "Afterwards", "Only", "1990-01-01"))
        .expect("added after the backup");
    store.lock();
    let old = two_files_of(&one, &backups);
    assert!(
        backup_file::read_trailer(&old).expect("read").is_none(),
        "the older form has no trailer"
    );

    let restored = Store::restore(&old, &fx.path, &official(), Utc::now()).expect("restore");
    assert_eq!(restored.made_at, None, "the older form does not say when");
    let store = sign_in(&fx.path);
    assert_eq!(store.count_participants().expect("count"), count);
    assert_eq!(store.verify_audit().expect("verify"), None);
}

#[test]
fn a_backup_opens_with_the_recovery_code_of_its_day_and_a_staff_password_does_not_restore() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let code = fx.recovery_code.clone();
    let one = fx.dir.path().join("b.rdbackup");
    let staff = staff_store(&fx, store);
    staff.lock();
    let mut store = sign_in(&fx.path);
    store.backup(&one).expect("backup");
    store.lock();

    let as_staff = RestoreCredential::Password {
        username: STAFF_USER.into(),
        password: pw(STAFF_PASSWORD),
    };
    let e = Store::restore(&one, &fx.path, &as_staff, Utc::now()).expect_err("staff");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");

    let wrong = RestoreCredential::RecoveryCode(pw("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"));
    assert!(
        Store::restore(&one, &fx.path, &wrong, Utc::now()).is_err(),
        "a wrong recovery code opens nothing"
    );
    let restored = Store::restore(
        &one,
        &fx.path,
        &RestoreCredential::RecoveryCode(code),
        Utc::now(),
    )
    .expect("the recovery code of the backup's day opens it");
    assert!(restored.kept.is_some());
    let store = sign_in(&fx.path);
    let recent: Vec<String> = store
        .recent_audit(5)
        .expect("audit")
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(
        recent.contains(&"session.recovery".to_owned())
            && recent.contains(&"backup.restore".to_owned()),
        "the restore with the recovery code is in the restored log: {recent:?}"
    );
}

#[test]
fn a_backup_taken_while_the_session_writes_holds_a_whole_state_that_verifies() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let (_, rid) = access_request(&mut store);
    // Enough pages that the copy takes a while.
    for _ in 0..4 {
        store
            .add_attachment(&super::integrity::scan(rid, 4 * 1024 * 1024))
            .expect("a scan is kept");
    }
    let before = store.count_participants().expect("count");
    let background = store.background();
    let out = fx.dir.path().join("busy.rdbackup");
    let copier = std::thread::spawn(move || background.backup(&out, |_| {}).map(|_| out));
    let mut added = 0;
    while !copier.is_finished() && added < 400 {
        store
            .add_participant(&employee(
                &format!("BUSY{added}"),
                "Meanwhile",
                "Added",
                "1990-01-01",
            ))
            .expect("the session writes on");
        added += 1;
    }
    let out = copier.join().expect("no panic").expect("the backup");
    assert!(added > 0, "the session wrote while the backup ran");
    store.lock();

    let elsewhere = fx.dir.path().join("elsewhere").join("records.db");
    Store::restore(&out, &elsewhere, &official(), Utc::now()).expect("it restores");
    let copy = Store::sign_in(&elsewhere, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("opens");
    let in_copy = copy.count_participants().expect("count");
    assert!(
        (before..=before + added).contains(&in_copy),
        "the copy holds a state the session passed through: {in_copy} of {before}..={}",
        before + added
    );
    assert_eq!(copy.verify_audit().expect("verify"), None);
    assert!(matches!(
        copy.check_database().expect("check"),
        desk_store::DatabaseCheck::Sound { .. }
    ));
}
