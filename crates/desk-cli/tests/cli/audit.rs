//! `records-desk audit verify` against someone who holds the data key: a row rewritten and the
//! chain recomputed, a row signed with another user's key, a log cut short before a letter's
//! witness. (A changed byte on a page no query reads: `trust.rs`.)

use std::path::Path;
use std::process::{Command, Output};

use desk_core::Sensitive;

use super::store::{add_sam, demo, init, open_as, run, text, PO_PASSWORD};

const SAM_PASSWORD: &str = "sam-password-1";
const DEMO_OFFICIAL: &str = "official";
const DEMO_OFFICIAL_PASSWORD: &str = "demo-official-pass";

fn verify_as(db: &Path, user: &str, password: &str, witness: Option<&str>) -> Output {
    let mut args = vec![
        "audit",
        "verify",
        "--db",
        db.to_str().expect("path"),
        "--as",
        user,
        "--password-stdin",
    ];
    if let Some(w) = witness {
        args.extend(["--witness", w]);
    }
    run(&args, &format!("{password}\n"))
}

/// The staff member's raw SQLCipher connection: the data key from their own slot.
fn as_sam(db: &Path) -> rusqlite::Connection {
    desk_store::fixture::raw_connection(db, "sam", &Sensitive::new(SAM_PASSWORD.to_owned()))
        .expect("raw connection")
}

fn last_seq(raw: &rusqlite::Connection) -> i64 {
    raw.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0))
        .expect("last row")
}

/// A database with the official pat and the staff member sam.
fn office(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("records.db");
    init(&db);
    let out = add_sam(db.to_str().expect("path"));
    assert!(out.status.success(), "sam added: {}", text(&out.stderr));
    db
}

#[test]
fn a_row_rewritten_with_the_data_key_and_the_chain_recomputed_names_whose_key_should_have_signed() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = office(dir.path());
    let out = verify_as(&db, "pat", PO_PASSWORD, None);
    assert!(out.status.success(), "intact: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("signatures hold: "),
        "{}",
        text(&out.stdout)
    );

    // Sam rewrites the row that added their account (written by pat) and recomputes the
    // chain from there: the hashes hold again, the signatures cannot.
    let raw = as_sam(&db);
    let added: i64 = raw
        .query_row(
            "SELECT seq FROM audit_log WHERE action = 'user.add' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the row");
    raw.execute_batch("DROP TRIGGER audit_log_append_only_update;")
        .expect("drop the trigger");
    raw.execute(
        "UPDATE audit_log SET action = 'user.role' WHERE seq = ?1",
        [added],
    )
    .expect("rewrite");
    desk_store::fixture::recompute_chain(&raw, added).expect("recompute the chain");
    drop(raw);

    let out = verify_as(&db, "pat", PO_PASSWORD, None);
    assert_eq!(out.status.code(), Some(1), "the rewrite fails the command");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("audit log intact: "),
        "the recomputed chain alone holds: {stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "row {added}: its signature does not hold; it must be signed by the key of pat"
        )),
        "the rewritten row is named with the account whose key should have signed it: {stdout}"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("the first row {added} (the key of pat")),
        "{err}"
    );
}

#[test]
fn a_row_signed_with_another_users_key_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = office(dir.path());
    // The last row is pat's sign-out: no row after it needs re-signing.
    let raw = as_sam(&db);
    let last = last_seq(&raw);
    raw.execute_batch("DROP TRIGGER audit_log_append_only_update;")
        .expect("drop the trigger");
    raw.execute(
        "UPDATE audit_log SET action = 'session.lock' WHERE seq = ?1",
        [last],
    )
    .expect("rewrite");
    desk_store::fixture::recompute_chain(&raw, last).expect("recompute the chain");
    let hash: String = raw
        .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [last], |r| {
            r.get(0)
        })
        .expect("hash");
    let signature = desk_store::fixture::sign_audit_hash(
        &db,
        "sam",
        &Sensitive::new(SAM_PASSWORD.to_owned()),
        &hash,
    )
    .expect("sam's signature");
    raw.execute(
        "UPDATE audit_log SET signature = ?2 WHERE seq = ?1",
        rusqlite::params![last, signature],
    )
    .expect("re-sign");
    drop(raw);

    let out = verify_as(&db, "sam", SAM_PASSWORD, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "row {last}: its signature does not hold; it must be signed by the key of pat"
        )),
        "sam's signature on pat's row is found: {stdout}"
    );
    assert_eq!(
        stdout.matches("its signature does not hold").count(),
        1,
        "only that row: {stdout}"
    );
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_letter_carries_a_witness_and_a_log_cut_short_before_it_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());

    // A letter the demo office sent, as kept: its footer carries the log's head of that day.
    let opened = open_as(&db, DEMO_OFFICIAL, DEMO_OFFICIAL_PASSWORD);
    let letter = desk_office::cases::all(&opened.store)
        .expect("every case")
        .iter()
        .flat_map(|r| opened.store.letters_of(r.id).expect("letters"))
        .find(|l| !l.deliveries.is_empty())
        .expect("the demo sent a letter");
    let pdf = opened.store.letter(letter.id).expect("the letter").pdf;
    desk_office::session::sign_out(opened.store).expect("sign out");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &pdf).expect("write the letter");
    let letter_text = pdftotext(&path);
    let witness = letter_text
        .split_whitespace()
        .skip_while(|w| *w != "witness")
        .nth(1)
        .expect("the letter's footer carries a witness")
        .to_owned();
    let (seq, hash) = witness.split_once(':').expect("SEQ:HASH");
    let seq: i64 = seq.parse().expect("a seq");
    assert_eq!(hash.len(), 64, "the hash in hex: {witness}");
    assert!(
        letter_text.contains(&format!("Records Desk audit witness {witness}")),
        "{letter_text}"
    );

    let out = verify_as(&db, DEMO_OFFICIAL, DEMO_OFFICIAL_PASSWORD, Some(&witness));
    assert!(
        out.status.success(),
        "the log holds the letter's witness: {}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains(&format!("witness {seq} holds")),
        "{}",
        text(&out.stdout)
    );

    // Cut the log well before the witness's row: the rows left still link and are signed.
    let raw = desk_store::fixture::raw_connection(
        &db,
        DEMO_OFFICIAL,
        &Sensitive::new(DEMO_OFFICIAL_PASSWORD.to_owned()),
    )
    .expect("raw connection");
    raw.execute_batch("DROP TRIGGER audit_log_append_only_delete;")
        .expect("drop the trigger");
    raw.execute("DELETE FROM audit_log WHERE seq >= ?1", [seq - 20])
        .expect("truncate");
    drop(raw);

    let out = verify_as(&db, DEMO_OFFICIAL, DEMO_OFFICIAL_PASSWORD, None);
    assert!(
        out.status.success(),
        "without a witness the cut log looks whole: {}",
        text(&out.stderr)
    );
    let out = verify_as(&db, DEMO_OFFICIAL, DEMO_OFFICIAL_PASSWORD, Some(&witness));
    assert_eq!(out.status.code(), Some(1), "the witness finds the cut");
    let err = text(&out.stderr);
    assert!(
        err.contains("audit log cut short before the witness")
            && err.contains(&format!("the witness saw row {seq}")),
        "{err}"
    );

    let out = verify_as(&db, DEMO_OFFICIAL, DEMO_OFFICIAL_PASSWORD, Some("12:abc"));
    assert_ne!(out.status.code(), Some(0), "a malformed witness is refused");
    assert!(
        text(&out.stderr).contains("witness: write it as SEQ:HASH"),
        "{}",
        text(&out.stderr)
    );
}
