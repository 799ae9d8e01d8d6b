//! Backups are verified encrypted copies; a restore checks before it replaces and keeps the old.

use super::*;
use desk_store::{Error, RequestFilter};

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
    let out = fx.dir.path().join("backups").join("records-2026-11-22.db");

    let report = store.backup(&out).expect("backup");
    assert_eq!(report.path, out);
    assert!(out.exists() && report.keys_path.exists());
    assert_eq!(
        report.keys_path,
        fx.dir
            .path()
            .join("backups")
            .join("records-2026-11-22.keys")
    );
    assert_eq!(report.audit_rows, before_seq, "the copy holds every row");
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
    let restored =
        Store::restore(&out, &fx.path, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("restore");
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
    let out = fx.dir.path().join("b.db");
    store.backup(&out).expect("backup");
    store.lock();
    let live = std::fs::read(&fx.path).expect("live bytes");

    // Flip bytes in the middle of the copy.
    let mut bytes = std::fs::read(&out).expect("bytes");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&out, &bytes).expect("damage");
    let e = Store::restore(&out, &fx.path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect_err("a damaged backup is refused");
    assert!(
        matches!(e, Error::Damaged | Error::Sqlite(_)),
        "refused as damaged: {e:?}"
    );
    assert_eq!(
        std::fs::read(&fx.path).expect("live bytes"),
        live,
        "the live database was not touched"
    );

    // A backup without its key file is refused too.
    let lone = fx.dir.path().join("lone.db");
    std::fs::copy(&fx.path, &lone).expect("copy");
    let e = Store::restore(&lone, &fx.path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect_err("no key file");
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
    store.backup(&fx.dir.path().join("b.db")).expect("backup");
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
        .backup(&fx.dir.path().join("c.db"))
        .expect_err("staff may not back up");
    assert!(matches!(e, Error::NotPermitted { .. }), "{e:?}");
}
