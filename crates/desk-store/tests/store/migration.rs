//! Files written at older schema versions open and migrate.

use super::*;

#[test]
fn a_version_1_file_opens_and_migrates() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v1.db");
    desk_store::fixture::create_at_version(
        &path,
        &organization(),
        PO_USER,
        &pw(PO_PASSWORD),
        at(0),
        1,
    )
    .expect("a v1 file");
    {
        let raw =
            desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
        assert_eq!(
            desk_store::fixture::user_version(&raw).expect("version"),
            1,
            "the fixture is v1"
        );
    }
    let mut store = sign_in(&path);
    store
        .add_participant(&employee("E1", "Doe", "Jan", "1980-01-01"))
        .expect("writes work after migrating");
    assert_eq!(
        store.organization().expect("org"),
        organization(),
        "v1 data survives"
    );
    assert_eq!(
        store.verify_audit().expect("verify"),
        None,
        "the v1 chain continues"
    );
    store.lock();
    let raw = desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    assert_eq!(
        desk_store::fixture::user_version(&raw).expect("version"),
        desk_store::schema_version(),
        "signing in migrated the file to the current schema"
    );
}

#[test]
fn pragmas_are_set() {
    let (fx, store) = new_store();
    store.lock();
    let store = sign_in(&fx.path);
    drop(store);
    let raw =
        desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "WAL is persistent in the file");
    let cipher: String = raw
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .expect("cipher");
    assert!(!cipher.is_empty(), "built with SQLCipher");
}
