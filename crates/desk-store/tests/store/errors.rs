//! Each thing a person can act on is its own error.

use super::*;
use desk_store::Error;

fn expect_err(result: desk_store::Result<Store>, what: &str) -> Error {
    match result {
        Ok(_) => panic!("{what}: opening must fail"),
        Err(e) => e,
    }
}

#[test]
fn wrong_password_and_unknown_user_are_the_same_error() {
    let (fx, store) = new_store();
    store.lock();
    let wrong = expect_err(
        Store::sign_in(&fx.path, PO_USER, &pw("not the password"), at(10)),
        "wrong password",
    );
    let unknown = expect_err(
        Store::sign_in(&fx.path, "nobody", &pw(PO_PASSWORD), at(10)),
        "unknown user",
    );
    assert!(
        matches!(wrong, Error::WrongCredentials),
        "wrong password: {wrong:?}"
    );
    assert!(
        matches!(unknown, Error::WrongCredentials),
        "unknown user: {unknown:?}"
    );
    assert_eq!(
        wrong.to_string(),
        unknown.to_string(),
        "nobody can tell which usernames exist"
    );
}

#[test]
fn random_bytes_are_not_a_records_desk_file() {
    let (fx, store) = new_store();
    store.lock();
    let len = std::fs::metadata(&fx.path).expect("size").len() as usize;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&fx.path, noise).expect("overwrite");
    let e = expect_err(
        Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(10)),
        "random bytes",
    );
    assert!(matches!(e, Error::NotRecordsDesk), "random bytes: {e:?}");
}

#[test]
fn a_plain_sqlite_file_is_not_a_records_desk_file() {
    let (fx, store) = new_store();
    store.lock();
    std::fs::remove_file(&fx.path).expect("remove");
    let plain = rusqlite::Connection::open(&fx.path).expect("plain sqlite");
    plain
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("plain table");
    drop(plain);
    let e = expect_err(
        Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(10)),
        "plain sqlite",
    );
    assert!(matches!(e, Error::NotRecordsDesk), "plain SQLite: {e:?}");
}

#[test]
fn a_truncated_file_is_damaged() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    store.lock();
    let bytes = std::fs::read(&fx.path).expect("read");
    for cut in [bytes.len() / 2, bytes.len() / 2 + 1000] {
        std::fs::write(&fx.path, &bytes[..cut]).expect("truncate");
        let e = expect_err(
            Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(10)),
            "truncated",
        );
        assert!(
            matches!(e, Error::Damaged),
            "a file cut at {cut} of {} bytes is ours but damaged: {e:?}",
            bytes.len()
        );
    }
}

#[test]
fn a_file_from_a_newer_version_is_refused_plainly() {
    let (fx, store) = new_store();
    store.lock();
    let supported = desk_store::schema_version();
    let raw = desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD))
        .expect("raw connection");
    raw.pragma_update(None, "user_version", supported + 1)
        .expect("bump version");
    drop(raw);
    let e = expect_err(
        Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(10)),
        "newer file",
    );
    match &e {
        Error::NewerVersion {
            found,
            supported: s,
        } => {
            assert_eq!(
                (*found, *s),
                (supported + 1, supported),
                "the versions are reported"
            );
        }
        other => panic!("a newer file must give NewerVersion, got {other:?}"),
    }
    assert!(
        e.to_string().contains("newer version"),
        "plain message: {e}"
    );
}

#[test]
fn missing_database_and_missing_key_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let e = expect_err(
        Store::sign_in(
            &dir.path().join("none.db"),
            PO_USER,
            &pw(PO_PASSWORD),
            at(0),
        ),
        "missing",
    );
    assert!(matches!(e, Error::NoDatabase), "no file: {e:?}");

    let (fx, store) = new_store();
    store.lock();
    std::fs::remove_file(fx.path.with_extension("keys")).expect("remove keys");
    let e = expect_err(
        Store::sign_in(&fx.path, PO_USER, &pw(PO_PASSWORD), at(0)),
        "no key file",
    );
    assert!(matches!(e, Error::KeyFileDamaged), "no key file: {e:?}");
}

#[test]
fn a_full_disk_is_its_own_error() {
    let (_fx, mut store) = new_store();
    let pages: u32 = {
        // The file as it is now, plus nothing: the next growing write must fail.
        let size = std::fs::metadata(store.path()).expect("size").len();
        (size / 4096) as u32 + 1
    };
    desk_store::fixture::limit_database_pages(&store, pages).expect("cap pages");
    let mut last = Ok(0);
    for i in 0..500 {
        last = store.add_participant(&employee(
            &format!("F{i:04}"),
            "Fuller",
            "Disk",
            "1960-01-01",
        ));
        if last.is_err() {
            break;
        }
    }
    match last {
        Err(Error::DiskFull) => {}
        other => panic!("a full database must report DiskFull, got {other:?}"),
    }
}

#[test]
fn field_errors_name_the_field() {
    let (_fx, mut store) = new_store();
    let mut p = employee("E1", "Doe", "Jan", "1980-01-01");
    p.address.zip = "ABCDE".into();
    match store.add_participant(&p) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "zip", "the bad field is named"),
        other => panic!("a bad ZIP must be a field error, got {other:?}"),
    }
    let mut p = employee("E2", "Doe", "Jan", "1980-01-01");
    p.ssn_last4 = Some(pw("12a4"));
    let errors = p.validate(d("2026-01-01"));
    assert_eq!(
        errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        vec!["ssn_last4"],
        "only the SSN digits are wrong"
    );
    let e = store
        .add_user(&desk_store::NewUser {
            username: "Bad Name!".into(),
            display_name: "X".into(),
            role: desk_core::person::Role::Staff,
            password: pw("long enough password"),
        })
        .expect_err("a bad username is refused");
    assert!(
        matches!(
            e,
            Error::Invalid {
                field: "username",
                ..
            }
        ),
        "username named: {e:?}"
    );
}
