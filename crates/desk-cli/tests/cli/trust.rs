//! `records-desk audit verify`, `backup` and `restore` over a real encrypted file.

use std::path::Path;

use super::store::{add_sam, init, run, text, PO_PASSWORD};

fn verify(db: &Path) -> std::process::Output {
    run(
        &[
            "audit",
            "verify",
            "--db",
            db.to_str().expect("path"),
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    )
}

#[test]
fn audit_verify_passes_an_intact_chain_and_names_the_first_tampered_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    init(&db);
    let out = verify(&db);
    assert!(out.status.success(), "intact: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("audit log intact: 8 rows verified"),
        "the official's key, create, the first account, the workstation's and the recovery \
         code's keys, the profile's business associate entered in the register, this sign-in \
         and the check of every page: {}",
        text(&out.stdout)
    );

    // Tamper with row 2 past the append-only trigger, through a raw SQLCipher connection.
    let raw = desk_store::fixture::raw_connection(
        &db,
        "pat",
        &desk_core::Sensitive::new(PO_PASSWORD.to_owned()),
    )
    .expect("raw connection");
    raw.execute_batch(
        "DROP TRIGGER audit_log_append_only_update;
         UPDATE audit_log SET user_id = NULL WHERE seq = 2;",
    )
    .expect("tampered");
    drop(raw);

    let out = verify(&db);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a broken chain fails the command"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("audit log broken at row 2 "),
        "the first broken row is named: {err}"
    );
    assert!(
        !text(&out.stdout).contains("audit log intact"),
        "the log is not said to be intact: {}",
        text(&out.stdout)
    );
}

#[test]
fn backup_then_restore_round_trips_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let dbs = db.to_str().expect("path");
    init(&db);
    let backup = dir.path().join("backups").join("monday.rdbackup");
    let out = run(
        &[
            "backup",
            "--db",
            dbs,
            "--out",
            backup.to_str().expect("path"),
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(out.status.success(), "backup: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("backup written and verified"), "{stdout}");
    let written: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        written,
        vec!["monday.rdbackup".to_owned()],
        "the backup is one file, its key slots inside: {stdout}"
    );

    // A second backup to the same name is refused, naming --out's field.
    let again = run(
        &[
            "backup",
            "--db",
            dbs,
            "--out",
            backup.to_str().expect("path"),
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("out: already exists"),
        "{}",
        text(&again.stderr)
    );

    let out = run(
        &[
            "restore",
            backup.to_str().expect("path"),
            "--db",
            dbs,
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(out.status.success(), "restore: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("the replaced database is kept as")
            && stdout.contains("the backup was made at"),
        "{stdout}"
    );
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("records.before-restore-"))
        .collect();
    assert_eq!(
        kept.len(),
        2,
        "the old database and its key file are kept: {kept:?}"
    );
    let out = verify(&db);
    assert!(
        out.status.success(),
        "the restored chain verifies: {}",
        text(&out.stderr)
    );
}

#[test]
fn purge_lists_nothing_inside_retention_and_needs_a_privacy_official() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let dbs = db.to_str().expect("path");
    init(&db);
    let out = run(
        &[
            "purge",
            "--db",
            dbs,
            "--remove",
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("nothing is past retention"));

    let add = add_sam(dbs);
    assert!(add.status.success(), "{}", text(&add.stderr));
    let out = run(
        &["purge", "--db", dbs, "--as", "sam", "--password-stdin"],
        "sam-password-1\n",
    );
    assert_eq!(out.status.code(), Some(1), "staff may not purge");
    assert!(
        text(&out.stderr).contains("only a Privacy Official"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn audit_verify_reports_a_damaged_page_no_query_reads_and_records_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    init(&db);
    let password = desk_core::Sensitive::new(PO_PASSWORD.to_owned());
    let before = std::fs::metadata(&db).expect("size").len() as usize;
    let mut store =
        desk_store::Store::sign_in(&db, "pat", &password, chrono::Utc::now()).expect("sign in");
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..600 * 1024).map(|i| (i * 7 % 253) as u8));
    store
        .add_attachment(&desk_store::NewAttachment {
            request_id: None,
            kind: desk_store::AttachmentKind::Other,
            file_name: "scan.pdf".into(),
            bytes,
            corrects_id: None,
        })
        .expect("a scan is kept");
    store.lock();
    let after = std::fs::metadata(&db).expect("size").len() as usize;
    // One byte in the middle of the scan's pages, which no sign-in or list reads.
    let mut file = std::fs::read(&db).expect("read");
    file[(before + after) / 2 / 4096 * 4096 + 1000] ^= 0x01;
    std::fs::write(&db, &file).expect("damage");

    let out = verify(&db);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a damaged page fails the command"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("the database file is damaged")
            && err.contains("restore it from the latest backup"),
        "the damage is named with what to do: {err}"
    );
    let store =
        desk_store::Store::sign_in(&db, "pat", &password, chrono::Utc::now()).expect("still opens");
    let actions: Vec<String> = store
        .recent_audit(5)
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.iter().any(|a| a == "database.damaged"),
        "the damage is in the audit log: {actions:?}"
    );
}
