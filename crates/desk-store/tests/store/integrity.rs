//! The check of every page: sign-in proves the key and the schema only, the check beside the
//! session finds a damaged page no query reads and records it; page 1 still refuses the open;
//! a backup reports its progress to the end and its copy passes the check.

use desk_store::{AttachmentKind, BackupProgress, DatabaseCheck, Error, NewAttachment, Store};

use crate::*;

const PAGE: usize = 4096;

/// A scan of `len` bytes (a PDF by its first bytes).
pub(super) fn scan(request_id: i64, len: usize) -> NewAttachment {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..len).map(|i| (i * 31 % 251) as u8));
    NewAttachment {
        request_id: Some(request_id),
        kind: AttachmentKind::SignedForm,
        file_name: "scan.pdf".into(),
        bytes,
        corrects_id: None,
    }
}

/// XOR one byte of the file at `offset`.
fn flip(path: &std::path::Path, offset: usize) {
    let mut bytes = std::fs::read(path).expect("read the file");
    bytes[offset] ^= 0x01;
    std::fs::write(path, &bytes).expect("write the file");
}

fn file_len(path: &std::path::Path) -> usize {
    std::fs::metadata(path).expect("metadata").len() as usize
}

#[test]
fn a_new_database_is_checked_once_a_day_and_found_sound() {
    let (_fx, mut store) = new_store();
    fill(&mut store);
    assert!(
        store.database_check_due().expect("due"),
        "a database never checked is due at the first sign-in"
    );
    let outcome = store.check_database().expect("check");
    assert!(
        matches!(outcome, DatabaseCheck::Sound { audit_rows } if audit_rows > 40),
        "every page holds: {outcome:?}"
    );
    assert!(
        !store.database_check_due().expect("due"),
        "checked today: not due again until tomorrow"
    );
    let last = store.last_database_check().expect("last").expect("kept");
    assert_eq!(last.outcome, outcome, "the outcome is kept for the screens");
    let newest = store.recent_audit(1).expect("audit");
    assert_eq!(
        newest[0].action, "database.check",
        "the check is in the audit log"
    );
}

#[test]
fn a_damaged_page_no_query_reads_is_found_by_the_check_and_recorded() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let (_, rid) = access_request(&mut store);
    store.lock();
    let before = file_len(&fx.path);

    let mut store = sign_in(&fx.path);
    let id = store
        .add_attachment(&scan(rid, 600 * 1024))
        .expect("a scan is kept");
    store.lock();
    let after = file_len(&fx.path);
    assert!(
        after > before + 500 * 1024,
        "the scan's pages were appended"
    );

    // A byte in the middle of the scan's pages: no sign-in, list or page query reads them.
    let middle = (before + after) / 2 / PAGE * PAGE + 1000;
    flip(&fx.path, middle);

    let mut store = sign_in(&fx.path);
    let meta = store
        .attachments_of(rid)
        .expect("the list reads metadata only");
    assert_eq!(meta.len(), 1, "the scan is listed");

    let outcome = store.check_database().expect("the check runs");
    assert_eq!(outcome, DatabaseCheck::Damaged, "the check finds the page");
    let last = store.last_database_check().expect("last").expect("kept");
    assert_eq!(last.outcome, DatabaseCheck::Damaged);
    let newest = store.recent_audit(1).expect("audit");
    assert_eq!(
        newest[0].action, "database.damaged",
        "the damage is written to the audit log"
    );

    assert!(
        store.attachment(id).is_err(),
        "the damaged page is refused when read: no wrong bytes are shown"
    );

    // A backup of a damaged database is refused, and says so.
    let out = fx.dir.path().join("b.db");
    let e = store.backup(&out).expect_err("no backup of a damaged file");
    assert!(matches!(e, Error::Damaged), "refused as damaged: {e:?}");
    assert!(!out.exists(), "nothing is left where the backup would be");
}

#[test]
fn a_byte_changed_on_page_one_refuses_the_open() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    store.lock();
    // Past the 16-byte salt: the page's HMAC no longer holds.
    flip(&fx.path, 100);
    let e = Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(10))
        .expect_err("page 1 damaged refuses the open");
    assert!(
        matches!(e, Error::Damaged),
        "our file (the salt matches), damaged: {e:?}"
    );
}

#[test]
fn a_backup_reports_its_progress_to_the_end_and_its_copy_passes_the_check() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let (_, rid) = access_request(&mut store);
    // Enough pages for several steps of the copy (1,024 pages each).
    for _ in 0..3 {
        store
            .add_attachment(&scan(rid, 5 * 1024 * 1024))
            .expect("a scan is kept");
    }
    let out = fx.dir.path().join("backups").join("b.rdbackup");
    let mut seen = Vec::new();
    let report = store
        .background()
        .backup(&out, |p| seen.push(p))
        .expect("backup");
    let copying: Vec<(u64, u64)> = seen
        .iter()
        .filter_map(|p| match p {
            BackupProgress::Copying { copied, total } => Some((*copied, *total)),
            _ => None,
        })
        .collect();
    assert!(copying.len() >= 3, "progress after each step: {copying:?}");
    assert!(
        copying.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress only grows: {copying:?}"
    );
    let (copied, total) = *copying.last().expect("some progress");
    assert!(total > 3 * 1024, "the copy has every page: {total}");
    assert_eq!(copied, total, "progress reaches 100 %");
    assert_eq!(
        seen.last(),
        Some(&BackupProgress::Verifying),
        "then the copy is checked"
    );
    assert_eq!(report.path, out);

    // The copy opens with today's password and passes the check of every page.
    let elsewhere = fx.dir.path().join("elsewhere").join("records.db");
    let official = desk_store::RestoreCredential::Password {
        username: PO_USER.into(),
        password: pw(PO_PASSWORD),
    };
    Store::restore(&out, &elsewhere, &official, at(20)).expect("the backup restores");
    let copy =
        Store::sign_in(&elsewhere, PO_USER, &pw(PO_PASSWORD), at(20)).expect("the copy opens");
    assert!(
        matches!(
            copy.check_database().expect("check"),
            DatabaseCheck::Sound { .. }
        ),
        "the copy verifies"
    );
    let newest = store.recent_audit(2).expect("audit");
    assert_eq!(
        (newest[1].action.as_str(), newest[0].action.as_str()),
        ("database.check", "backup.create"),
        "the backup's check and the backup are in the audit log"
    );
}

#[test]
fn the_trail_walks_the_rows_since_the_last_check_and_the_check_walks_them_all() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let outcome = store.check_database().expect("check");
    let DatabaseCheck::Sound { audit_rows } = outcome else {
        panic!("sound: {outcome:?}")
    };
    for _ in 0..10 {
        access_request(&mut store);
    }
    assert_eq!(store.verify_audit_since_check().expect("walk"), None);
    let newer = audit_rows + 5;
    store.lock();

    let raw = desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD))
        .expect("raw connection");
    raw.execute_batch(&format!(
        "DROP TRIGGER audit_log_append_only_update;
         UPDATE audit_log SET entity_id = 999 WHERE seq = {newer};"
    ))
    .expect("a row after the check tampered with");
    drop(raw);
    let store = sign_in(&fx.path);
    assert_eq!(
        store.verify_audit_since_check().expect("walk"),
        Some(newer),
        "a row written since the check is walked when the trail opens"
    );
    assert_eq!(store.verify_audit().expect("walk"), Some(newer));
    assert_eq!(
        store.check_database().expect("check"),
        DatabaseCheck::AuditBroken { seq: newer },
        "the check of every page walks the whole chain"
    );
}
