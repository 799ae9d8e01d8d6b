//! Signed audit rows and witnesses: whoever holds the data key can rewrite the log and
//! recompute its hash chain, but cannot sign as the users who wrote it; a witness kept outside
//! the database finds a log cut short or rewritten before it.

use desk_core::person::Role;
use desk_store::{NewUser, SignatureProblem, Witness, WitnessCheck};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::*;

const STAFF: &str = "sam";
const STAFF_PASSWORD: &str = "sam's long password";

fn add_staff(store: &mut Store) {
    store
        .add_user(&NewUser {
            username: STAFF.into(),
            display_name: "Sam Staff".into(),
            role: Role::Staff,
            password: pw(STAFF_PASSWORD),
        })
        .expect("a staff account");
}

fn sign_in_staff(path: &Path) -> Store {
    Store::sign_in(path, STAFF, &pw(STAFF_PASSWORD), Utc::now()).expect("the staff member signs in")
}

/// What someone holding the data key does after changing rows: drop the append-only
/// triggers, then recompute every hash from row `from` on exactly as the store computes them
/// (SHA-256 of the previous hash and the row's canonical JSON). Signatures stay as they were.
fn rechain(raw: &Connection, from: i64) {
    drop_triggers(raw);
    let mut prev: String = raw
        .query_row(
            "SELECT coalesce((SELECT hash FROM audit_log WHERE seq = ?1), ?2)",
            rusqlite::params![from - 1, "0".repeat(64)],
            |r| r.get(0),
        )
        .expect("the previous hash");
    type Row = (
        i64,
        String,
        Option<i64>,
        String,
        String,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Row> = {
        let mut stmt = raw
            .prepare(
                "SELECT seq, at, user_id, action, entity, entity_id, public_key FROM audit_log
                 WHERE seq >= ?1 ORDER BY seq",
            )
            .expect("prepare");
        let rows = stmt
            .query_map([from], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .expect("rows");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    };
    for (seq, at, user_id, action, entity, entity_id, public_key) in rows {
        let row = match public_key {
            None => serde_json::json!([seq, at, user_id, action, entity, entity_id]),
            Some(k) => serde_json::json!([seq, at, user_id, action, entity, entity_id, k]),
        }
        .to_string();
        let mut h = Sha256::new();
        h.update(prev.as_bytes());
        h.update(row.as_bytes());
        let hash = hex::encode(h.finalize());
        raw.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![seq, prev, hash],
        )
        .expect("rewrite the hash");
        prev = hash;
    }
}

fn drop_triggers(raw: &Connection) {
    raw.execute_batch(
        "DROP TRIGGER IF EXISTS audit_log_append_only_update;
         DROP TRIGGER IF EXISTS audit_log_append_only_delete;",
    )
    .expect("drop the triggers");
}

/// The staff member's raw connection: the data key from their own slot, nothing else.
fn as_attacker(path: &Path) -> Connection {
    desk_store::fixture::raw_connection(path, STAFF, &pw(STAFF_PASSWORD)).expect("raw")
}

#[test]
fn every_row_is_signed_by_whoever_acted() {
    let (fx, mut store) = new_store();
    add_staff(&mut store);
    fill(&mut store);
    store.sign_out().expect("sign out");
    // A failed sign-in (the workstation signs it), the staff member's session, the recovery
    // code's session with a password set for the staff member (a new key for them), then the
    // staff member with that password.
    Store::sign_in(&fx.path, STAFF, &pw("not the password at all"), Utc::now())
        .expect_err("a wrong password");
    let mut sam = sign_in_staff(&fx.path);
    sam.record_event("participant.view", "participant", Some(1))
        .expect("an event");
    sam.sign_out().expect("sign out");
    let mut recovery =
        Store::open_with_recovery(&fx.path, &fx.recovery_code, Utc::now()).expect("recovery");
    recovery
        .change_password(STAFF, &pw("sam's brand new password"))
        .expect("a new password");
    recovery.sign_out().expect("sign out");
    let mut sam = Store::sign_in(&fx.path, STAFF, &pw("sam's brand new password"), Utc::now())
        .expect("the new password signs in");
    sam.record_event("participant.view", "participant", Some(2))
        .expect("an event");
    let report = sam.verify_signatures().expect("verify");
    assert!(report.holds(), "every row's signature holds: {report:?}");
    assert_eq!(
        report.unsigned_before_signing, 0,
        "a new database signs from row 1"
    );
    assert_eq!(
        report.signed,
        sam.audit_count().expect("count"),
        "every row was checked"
    );
    assert_eq!(
        report.own_key_registered,
        Some(true),
        "the key in the staff member's slot is the one the chain registered last for them"
    );
    let changes = sam
        .recent_audit(1000)
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "user.signing_key")
        .count();
    assert_eq!(
        changes, 3,
        "the official's key, the staff member's, and its change at the reset are audit rows"
    );
}

#[test]
fn a_row_rewritten_with_the_data_key_and_the_chain_recomputed_names_whose_key_should_have_signed() {
    let (fx, mut store) = new_store();
    add_staff(&mut store);
    let viewed = store
        .record_event("participant.view", "participant", Some(7))
        .expect("the official's event");
    store.sign_out().expect("sign out");
    let mut sam = sign_in_staff(&fx.path);
    let later = sam
        .record_event("participant.view", "participant", Some(8))
        .expect("the staff member's event");
    sam.sign_out().expect("sign out");

    let raw = as_attacker(&fx.path);
    drop_triggers(&raw);
    raw.execute(
        "UPDATE audit_log SET entity_id = 9 WHERE seq = ?1",
        [viewed],
    )
    .expect("rewrite the row");
    rechain(&raw, viewed);
    drop(raw);

    let store = sign_in(&fx.path);
    assert_eq!(
        store.verify_audit().expect("chain"),
        None,
        "the chain was recomputed: the hashes alone hold"
    );
    let report = store.verify_signatures().expect("signatures");
    assert!(!report.holds(), "the rewrite is found");
    let first = &report.failures[0];
    assert_eq!(
        (first.seq, first.signer.as_str(), first.problem),
        (viewed, PO_USER, SignatureProblem::Wrong),
        "the rewritten row is the first to fail, and it names the official as its signer"
    );
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.seq == later && f.signer == STAFF),
        "every row after it fails too, each naming its own author: {:?}",
        report.failures
    );
}

#[test]
fn a_row_signed_with_another_users_key_is_found() {
    let (fx, mut store) = new_store();
    add_staff(&mut store);
    let printed = store
        .record_event("letter.print", "request", Some(1))
        .expect("the official's last row");
    store.lock();

    // The staff member rewrites the official's last row and signs it with their own key: no
    // row after it needs re-signing.
    let raw = as_attacker(&fx.path);
    drop_triggers(&raw);
    raw.execute(
        "UPDATE audit_log SET entity_id = 2 WHERE seq = ?1",
        [printed],
    )
    .expect("rewrite the row");
    rechain(&raw, printed);
    let hash: String = raw
        .query_row(
            "SELECT hash FROM audit_log WHERE seq = ?1",
            [printed],
            |r| r.get(0),
        )
        .expect("hash");
    let signature =
        desk_store::fixture::sign_audit_hash(&fx.path, STAFF, &pw(STAFF_PASSWORD), &hash)
            .expect("the staff member's signature");
    raw.execute(
        "UPDATE audit_log SET signature = ?2 WHERE seq = ?1",
        rusqlite::params![printed, signature],
    )
    .expect("re-sign the row");
    drop(raw);

    let store = sign_in(&fx.path);
    assert_eq!(store.verify_audit().expect("chain"), None);
    let report = store.verify_signatures().expect("signatures");
    assert_eq!(
        report.failed, 1,
        "only that row fails: {:?}",
        report.failures
    );
    assert_eq!(
        (
            report.failures[0].seq,
            report.failures[0].signer.as_str(),
            report.failures[0].problem
        ),
        (printed, PO_USER, SignatureProblem::Wrong),
        "the row names the official, whose key would have had to sign it"
    );
}

#[test]
fn stripped_signatures_and_a_swapped_key_are_found() {
    let (fx, mut store) = new_store();
    add_staff(&mut store);
    store.lock();
    let raw = as_attacker(&fx.path);
    drop_triggers(&raw);
    raw.execute(
        "UPDATE audit_log SET signature = NULL WHERE seq = (SELECT max(seq) FROM audit_log)",
        [],
    )
    .expect("strip the last signature");
    drop(raw);
    let store = sign_in(&fx.path);
    let report = store.verify_signatures().expect("signatures");
    assert_eq!(
        report.failures[0].problem,
        SignatureProblem::Missing,
        "a row without a signature after signed rows fails"
    );
    store.lock();

    // Every signature stripped: the rows count as written before signing began, but the key
    // in the official's own slot is no longer the chain's (nor is any), and that is reported.
    let raw = as_attacker(&fx.path);
    raw.execute_batch("UPDATE audit_log SET signature = NULL, public_key = NULL;")
        .expect("strip everything");
    rechain(&raw, 1);
    drop(raw);
    let store = sign_in(&fx.path);
    let report = store.verify_signatures().expect("signatures");
    assert_eq!(
        report.own_key_registered,
        Some(false),
        "the official's own key is not the chain's: {report:?}"
    );
    assert!(!report.holds());
}

#[test]
fn a_file_from_before_signing_signs_from_its_next_sign_in() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v8.db");
    desk_store::fixture::create_at_version(
        &path,
        &organization(),
        PO_USER,
        &pw(PO_PASSWORD),
        at(0),
        8,
    )
    .expect("a schema 8 file");
    let before = {
        let raw =
            desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
        raw.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get::<_, i64>(0))
            .expect("rows")
    };
    let mut store = sign_in(&path);
    add_staff(&mut store);
    let report = store.verify_signatures().expect("signatures");
    assert!(report.holds(), "{report:?}");
    assert_eq!(
        report.unsigned_before_signing, before,
        "the rows written before schema 9 are counted apart"
    );
    let keys = std::fs::read_to_string(path.with_extension("keys")).expect("key file");
    assert!(
        keys.contains("\"signing_key\"") && keys.contains("\"workstation\""),
        "the official's slot was rewritten with a signing key, and the workstation has one"
    );
    let rows = store.recent_audit(10).expect("audit");
    assert!(
        rows.iter().any(|e| e.action == "user.signing_key"),
        "the key's registration is itself an audit row"
    );
}

#[test]
fn a_witness_finds_a_log_cut_short_or_rewritten_before_it() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let witness = store.witness().expect("witness");
    assert_eq!(witness.seq, store.audit_count().expect("count"));
    let text = witness.to_string();
    assert_eq!(
        text.parse::<Witness>().expect("SEQ:HASH reads back"),
        witness
    );
    assert!(
        "12:abc".parse::<Witness>().is_err(),
        "a short hash is refused"
    );
    store
        .record_event("letter.print", "request", Some(1))
        .expect("a later row");
    assert_eq!(
        store.check_witness(&witness).expect("check"),
        WitnessCheck::Holds,
        "rows after the witness do not disturb it"
    );
    store.lock();

    // Cut the log to before the witness.
    let raw = as_attacker_po(&fx.path);
    drop_triggers(&raw);
    raw.execute("DELETE FROM audit_log WHERE seq >= ?1", [witness.seq - 3])
        .expect("truncate");
    drop(raw);
    let store = desk_store::fixture::open_with_key(
        &fx.path,
        &desk_store::fixture::data_key(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("key"),
        PO_USER,
    )
    .expect("open");
    assert_eq!(
        store.verify_audit().expect("chain"),
        None,
        "a cut chain still links"
    );
    assert_eq!(
        store.check_witness(&witness).expect("check"),
        WitnessCheck::Truncated {
            last: witness.seq - 4
        }
    );
    drop(store);

    // Rows written again past the witness after the cut: the witness's row is another row.
    let mut store = sign_in(&fx.path);
    for _ in 0..5 {
        store
            .record_event("letter.print", "request", Some(1))
            .expect("a row");
    }
    assert_eq!(
        store.check_witness(&witness).expect("check"),
        WitnessCheck::Rewritten
    );
}

fn as_attacker_po(path: &Path) -> Connection {
    desk_store::fixture::raw_connection(path, PO_USER, &pw(PO_PASSWORD)).expect("raw")
}

#[test]
fn a_backup_carries_its_copys_witness_and_one_without_still_reads() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    let out = fx.dir.path().join("monday.rdbackup");
    let report = store.backup(&out).expect("backup");
    let trailer = desk_store::backup_file::read_trailer(&out)
        .expect("read")
        .expect("a one-file backup");
    assert_eq!(
        trailer.witness,
        Some(report.witness.to_string()),
        "the trailer carries the copy's chain head"
    );
    let witness: Witness = report.witness.to_string().parse().expect("SEQ:HASH");
    assert_eq!(
        store.check_witness(&witness).expect("check"),
        WitnessCheck::Holds,
        "the live log holds the backup's witness"
    );

    // The same backup as a build before schema 9 wrote it: its trailer without a witness.
    let bytes = std::fs::read(&out).expect("backup bytes");
    let database = &bytes[..trailer.database_bytes as usize];
    let mut json: serde_json::Value =
        serde_json::from_slice(&bytes[trailer.database_bytes as usize..bytes.len() - 56])
            .expect("trailer JSON");
    json.as_object_mut().expect("object").remove("witness");
    let json = serde_json::to_vec(&json).expect("JSON");
    let len = (json.len() as u64).to_le_bytes();
    let mut sum = Sha256::new();
    sum.update(&json);
    sum.update(len);
    let older = fx.dir.path().join("older.rdbackup");
    std::fs::write(
        &older,
        [
            database,
            &json,
            &len,
            &sum.finalize(),
            desk_store::backup_file::MAGIC,
        ]
        .concat(),
    )
    .expect("write the older backup");
    let read = desk_store::backup_file::read_trailer(&older)
        .expect("an older trailer reads")
        .expect("a one-file backup");
    assert_eq!(read.witness, None);
    assert_eq!(read.keys, trailer.keys, "its key slots as before");
}
