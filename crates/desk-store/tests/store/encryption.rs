//! The file on disk holds no plaintext.

use super::*;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_database_file_and_its_wal_hold_no_names() {
    let (fx, mut store) = new_store();
    fill(&mut store);
    store.checkpoint().expect("checkpoint");

    let mut files = vec![fx.path.clone()];
    let wal = PathBuf::from(format!("{}-wal", fx.path.display()));
    files.push(wal.clone());
    let check = |label: &str| {
        for f in &files {
            let Ok(bytes) = std::fs::read(f) else {
                continue;
            };
            for name in MARKER_NAMES
                .iter()
                .chain(["Ottoline1", "Wilhelmina2", "Sample County"].iter())
            {
                assert!(
                    !contains(&bytes, name.as_bytes()),
                    "{label}: {name:?} is readable in {} — PHI must only be stored encrypted",
                    f.display()
                );
            }
        }
    };
    check("while open");
    store.lock();
    check("after closing");

    let bytes = std::fs::read(&fx.path).expect("database file");
    assert!(bytes.len() > 4096, "the data reached the main file");
    assert_ne!(
        &bytes[..16],
        b"SQLite format 3\0",
        "an encrypted file has no plain SQLite header"
    );
    let keys = std::fs::read_to_string(fx.path.with_extension("keys")).expect("key file");
    for name in MARKER_NAMES {
        assert!(!keys.contains(name), "the key file holds no PHI");
    }
    assert!(
        !keys.contains(PO_PASSWORD),
        "the key file holds no password"
    );
}

#[test]
fn the_key_file_describes_each_slot() {
    let (fx, store) = new_store();
    store.lock();
    let keys: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fx.path.with_extension("keys")).expect("key file"),
    )
    .expect("the key file is JSON");
    let slot = &keys["slots"]["user:pat"];
    assert_eq!(
        slot["kdf"]["algorithm"], "argon2id",
        "password slots use Argon2id"
    );
    assert!(
        slot["kdf"]["memory_kib"].as_u64().expect("memory") >= 64 * 1024,
        "Argon2id uses at least 64 MiB"
    );
    assert_eq!(slot["aead"], "xchacha20poly1305");
    assert!(
        keys["slots"]["recovery"].is_object(),
        "a recovery slot exists"
    );
    let code = fx.recovery_code.expose();
    assert_eq!(
        code.chars().filter(|c| *c != '-').count(),
        desk_store::RECOVERY_CODE_CHARS,
        "the recovery code has its full length"
    );
    assert!(
        code.len() >= 24,
        "the recovery code is at least 24 characters"
    );
}
