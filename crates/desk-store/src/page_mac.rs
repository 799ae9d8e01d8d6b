//! SQLCipher's page authentication, checked as the bytes stream past: what `PRAGMA
//! cipher_integrity_check` finds, without a second read of the file and on every core.
//!
//! A backup is a byte copy of the database file. Checking each page's HMAC on the bytes as they
//! are written, on two threads beside the copy, makes the check of every page cost no time of
//! its own, so a backup runs at the disk's speed. The format is SQLCipher 4's default, which
//! every Records Desk database uses (the data key is applied raw, `x'…'`, with no other cipher
//! setting):
//!
//! - pages of 4,096 bytes, each ending in an 80-byte reserve: a 16-byte IV, then a 64-byte
//!   HMAC-SHA512;
//! - the HMAC covers the page up to and including its IV, then the page number as 4 bytes,
//!   little-endian; on page 1 it starts after the file's 16-byte salt;
//! - its key is PBKDF2-HMAC-SHA512 of the data key, over the salt with every byte XOR 0x3a,
//!   2 iterations, 32 bytes;
//! - the page at SQLite's lock byte (offset 1 GiB) is never written and is skipped.
//!
//! Were any of this to differ, page 1 would fail and the check would refuse every backup, never
//! pass a damaged one: the tests hold this check and the PRAGMA to the same answers.

use std::io::Read;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::sha::Sha512;
use zeroize::Zeroizing;

use crate::error::{io, Error, Result};
use crate::keyslot::DataKey;

/// SQLCipher's page size.
pub(crate) const PAGE: usize = 4096;
const SALT: usize = 16;
const IV: usize = 16;
const MAC: usize = 64;
/// The end of every page SQLCipher keeps for itself: the IV, then the HMAC.
const RESERVE: usize = IV + MAC;
/// The bytes of a page its HMAC covers, from its start (page 1: from after its salt).
const COVERED: usize = PAGE - RESERVE + IV;
/// SQLite's lock-byte page: the page holding byte 2^30, which SQLite never writes.
const LOCK_BYTE_PAGE: u64 = (1 << 30) / PAGE as u64 + 1;
const HMAC_SALT_MASK: u8 = 0x3a;
const FAST_KDF_ITERATIONS: usize = 2;
/// HMAC key length SQLCipher derives.
const HMAC_KEY: usize = 32;
/// SHA-512's block: HMAC pads its key to this length (RFC 2104).
const SHA512_BLOCK: usize = 128;
/// Pages handed to a checking thread at a time (8 MiB).
const PAGES_PER_CHUNK: usize = 2048;
/// Threads that check pages beside the copy.
const CHECKERS: usize = 2;

/// The HMAC key of one database file (its data key and its salt), ready to check pages:
/// HMAC-SHA512 (RFC 2104) with its two padded-key blocks hashed once, so a page costs a copy of
/// each keyed state and the hashing of its own bytes. The states are OpenSSL's plain SHA-512
/// contexts (the library SQLCipher encrypts with, already linked): copying one is copying a
/// few hundred bytes, where a provider-backed digest context allocates on every copy, and a
/// file has one copy of each per page. Each checking thread works on a clone of its own.
#[derive(Clone)]
pub(crate) struct PageMac {
    /// SHA-512 after the key XOR ipad.
    inner: Sha512,
    /// SHA-512 after the key XOR opad.
    outer: Sha512,
}

impl PageMac {
    /// The page HMAC of a file keyed with `key` whose first 16 bytes are `salt`.
    pub(crate) fn new(key: &DataKey, salt: &[u8; SALT]) -> Result<Self> {
        let mut masked = *salt;
        for b in &mut masked {
            *b ^= HMAC_SALT_MASK;
        }
        let mut hmac_key = Zeroizing::new([0u8; HMAC_KEY]);
        openssl::pkcs5::pbkdf2_hmac(
            key.expose(),
            &masked,
            FAST_KDF_ITERATIONS,
            MessageDigest::sha512(),
            hmac_key.as_mut_slice(),
        )
        .map_err(openssl_failed)?;
        Self::keyed(hmac_key.as_slice()).map_err(openssl_failed)
    }

    /// HMAC-SHA512 under `key` (at most one block long, as SQLCipher's 32 bytes are).
    fn keyed(key: &[u8]) -> Result<Self, ErrorStack> {
        debug_assert!(key.len() <= SHA512_BLOCK);
        let mut pad = Zeroizing::new([0u8; SHA512_BLOCK]);
        pad[..key.len()].copy_from_slice(key);
        let padded = |with: u8| {
            let mut block = Zeroizing::new(*pad);
            for b in block.iter_mut() {
                *b ^= with;
            }
            let mut h = Sha512::new();
            h.update(block.as_slice());
            h
        };
        Ok(PageMac {
            inner: padded(0x36),
            outer: padded(0x5c),
        })
    }

    /// Whether page `pgno` (1-based) holds its HMAC. `page` is the whole page as on disk.
    pub(crate) fn holds(&self, pgno: u64, page: &[u8]) -> Result<bool, ErrorStack> {
        if page.len() != PAGE {
            return Ok(false);
        }
        if pgno == LOCK_BYTE_PAGE {
            return Ok(true);
        }
        let Ok(number) = u32::try_from(pgno) else {
            return Ok(false);
        };
        let start = if pgno == 1 { SALT } else { 0 };
        let mac = self.of(&[&page[start..COVERED], &number.to_le_bytes()])?;
        Ok(openssl::memcmp::eq(&mac, &page[COVERED..]))
    }

    /// The HMAC of `parts`, one after another.
    fn of(&self, parts: &[&[u8]]) -> Result<[u8; 64], ErrorStack> {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        let inner = inner.finish();
        let mut outer = self.outer.clone();
        outer.update(&inner);
        Ok(outer.finish())
    }

    /// The first page of `pages` (whole pages, the first numbered `first`) that fails.
    fn first_failure(&self, first: u64, pages: &[u8]) -> Result<Option<u64>, ErrorStack> {
        for (page, pgno) in pages.chunks(PAGE).zip(first..) {
            if !self.holds(pgno, page)? {
                return Ok(Some(pgno));
            }
        }
        Ok(None)
    }
}

/// OpenSSL could not hash (it had no memory, or no SHA-512): the pages are unchecked, which is
/// not the same as damaged.
fn openssl_failed(e: ErrorStack) -> Error {
    Error::Io {
        action: "check the pages' HMAC",
        source: std::io::Error::other(e),
    }
}

/// What streaming a file's pages found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    /// Every page held its HMAC.
    Authentic { pages: u64 },
    /// This page (the lowest that failed, 1-based) did not, or the file ends part-way through
    /// a page (the page after the last whole one).
    Failed { page: u64 },
}

/// Read the first `bytes` bytes of `from`, hand each chunk to `each` (in order, on this
/// thread: a copy writes it), and check every page's HMAC under `key` on [`CHECKERS`] threads
/// beside it. The salt is the stream's own first 16 bytes. `progress` is told the bytes read so
/// far. An error from reading or from `each` ends the stream and is returned; so does OpenSSL
/// failing to hash (the pages were then not all checked).
pub(crate) fn stream_checked(
    from: &mut impl Read,
    bytes: u64,
    key: &DataKey,
    mut each: impl FnMut(&[u8]) -> Result<()>,
    mut progress: impl FnMut(u64),
) -> Result<Pages> {
    let chunk_bytes = PAGES_PER_CHUNK * PAGE;
    let mut first = vec![0u8; usize::try_from(bytes.min(chunk_bytes as u64)).unwrap_or(0)];
    read_full(from, &mut first)?;
    let Some(salt) = first
        .get(..SALT)
        .and_then(|s| <[u8; SALT]>::try_from(s).ok())
    else {
        return Ok(Pages::Failed { page: 1 });
    };
    let mac = PageMac::new(key, &salt)?;
    let found = Mutex::new(Found::default());
    let (send, receive) = sync_channel::<(u64, Vec<u8>)>(CHECKERS * 2);
    // Only the checkers hold the receiving end: should they all end, a send fails rather than
    // waiting for ever.
    let receive = Arc::new(Mutex::new(receive));
    // Checked chunks come back to be filled again: a handful of buffers for the whole file,
    // not a fresh allocation (and its page faults) per chunk.
    let (give_back, returned) = channel::<Vec<u8>>();
    let streamed = std::thread::scope(|scope| -> Result<u64> {
        for _ in 0..CHECKERS {
            let (mac, receive, give_back) = (mac.clone(), Arc::clone(&receive), give_back.clone());
            let found = &found;
            scope.spawn(move || check_chunks(&mac, &receive, found, &give_back));
        }
        drop((give_back, receive));
        let mut done = 0u64;
        let mut chunk = first;
        progress(0);
        loop {
            if chunk.is_empty() {
                break;
            }
            each(&chunk)?;
            let pgno = done / PAGE as u64 + 1;
            done += chunk.len() as u64;
            progress(done);
            // Every checker has ended (OpenSSL failed on each): the rest goes unchecked.
            if send.send((pgno, chunk)).is_err() {
                lock(&found).unchecked = true;
                break;
            }
            let want = usize::try_from((bytes - done).min(chunk_bytes as u64)).unwrap_or(0);
            chunk = returned.try_recv().unwrap_or_default();
            chunk.resize(want, 0);
            read_full(from, &mut chunk)?;
        }
        drop(send);
        Ok(done)
    })?;
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    if found.error.is_some() || found.unchecked {
        return Err(openssl_failed(found.error.unwrap_or_else(ErrorStack::get)));
    }
    let whole = streamed / PAGE as u64;
    Ok(match found.lowest_failure {
        Some(page) => Pages::Failed { page },
        None if streamed % PAGE as u64 != 0 => Pages::Failed { page: whole + 1 },
        None => Pages::Authentic { pages: whole },
    })
}

/// What the checking threads found between them.
#[derive(Default)]
struct Found {
    /// The lowest page that failed its HMAC.
    lowest_failure: Option<u64>,
    /// OpenSSL could not hash: the pages after it went unchecked.
    error: Option<ErrorStack>,
    /// Chunks were streamed with no checker left to take them.
    unchecked: bool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A checking thread: take chunks until the stream ends, keep the lowest failing page. On
/// OpenSSL's failure it keeps the error and ends.
fn check_chunks(
    mac: &PageMac,
    chunks: &Mutex<Receiver<(u64, Vec<u8>)>>,
    found: &Mutex<Found>,
    give_back: &Sender<Vec<u8>>,
) {
    loop {
        let next = lock(chunks).recv();
        let Ok((first, pages)) = next else {
            return;
        };
        let whole = pages.len() - pages.len() % PAGE;
        match mac.first_failure(first, &pages[..whole]) {
            Ok(None) => {}
            Ok(Some(page)) => {
                let mut found = lock(found);
                found.lowest_failure = Some(found.lowest_failure.map_or(page, |p| p.min(page)));
            }
            Err(e) => {
                lock(found).error.get_or_insert(e);
                return;
            }
        }
        // The stream may have ended; the buffer is then simply freed.
        let _ = give_back.send(pages);
    }
}

/// Fill `buf` from `from`; a file shorter than asked for is an error.
fn read_full(from: &mut impl Read, buf: &mut [u8]) -> Result<()> {
    from.read_exact(buf).map_err(io("read the database"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database;
    use rusqlite::OpenFlags;

    /// A real SQLCipher file of `rows` rows of 2 KiB, keyed with `key`, in WAL mode and
    /// checkpointed, as a live database is when a backup copies it.
    fn database(dir: &std::path::Path, key: &DataKey, rows: i64) -> std::path::PathBuf {
        let path = dir.join("pages.db");
        let conn = database::connect(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .expect("create");
        database::apply_key(&conn, key).expect("key");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, body BLOB);",
        )
        .expect("schema");
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO t(body) SELECT randomblob(2048) FROM n",
            [rows],
        )
        .expect("rows");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
        path
    }

    /// The pages `PRAGMA cipher_integrity_check` names as failing, in order.
    fn sqlcipher_failures(path: &std::path::Path, key: &DataKey) -> Vec<String> {
        let conn = database::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE).expect("open");
        database::apply_key(&conn, key).expect("key");
        let mut stmt = conn
            .prepare("PRAGMA cipher_integrity_check")
            .expect("pragma");
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .expect("run")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("rows");
        rows
    }

    fn streamed(path: &std::path::Path, key: &DataKey) -> Pages {
        let bytes = std::fs::metadata(path).expect("size").len();
        let mut file = std::fs::File::open(path).expect("open");
        stream_checked(&mut file, bytes, key, |_| Ok(()), |_| {}).expect("stream")
    }

    fn flip(path: &std::path::Path, offset: u64) {
        use std::io::{Seek, SeekFrom, Write};
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .expect("open");
        let mut byte = [0u8; 1];
        file.seek(SeekFrom::Start(offset)).expect("seek");
        file.read_exact(&mut byte).expect("read");
        byte[0] ^= 0x01;
        file.seek(SeekFrom::Start(offset)).expect("seek");
        file.write_all(&byte).expect("write");
    }

    /// Over a file of more than two chunks, the stream and SQLCipher's own check agree: every
    /// page holds; then, for a byte changed in the data, the IV or the HMAC of page 1, of a page
    /// across a chunk's edge and of the last page, both name that page and only it.
    #[test]
    fn the_stream_finds_what_cipher_integrity_check_finds() {
        let dir = tempfile::tempdir().expect("dir");
        let key = DataKey::new([0x5au8; 32]);
        let path = database(dir.path(), &key, 9_000);
        let bytes = std::fs::metadata(&path).expect("size").len();
        let pages = bytes / PAGE as u64;
        assert!(
            pages > 2 * PAGES_PER_CHUNK as u64,
            "{pages} pages span three chunks"
        );
        assert_eq!(sqlcipher_failures(&path, &key), Vec::<String>::new());
        assert_eq!(streamed(&path, &key), Pages::Authentic { pages });

        let edge = PAGES_PER_CHUNK as u64 + 1;
        let places = [
            (1, SALT as u64 + 3),
            (1, (COVERED - 5) as u64),
            (edge, 0),
            (edge, (COVERED + 10) as u64),
            (pages, (PAGE - 1) as u64),
        ];
        for (page, within) in places {
            let offset = (page - 1) * PAGE as u64 + within;
            flip(&path, offset);
            assert_eq!(
                sqlcipher_failures(&path, &key),
                vec![format!("HMAC verification failed for page {page}")],
                "SQLCipher, byte {within} of page {page}"
            );
            assert_eq!(
                streamed(&path, &key),
                Pages::Failed { page },
                "the stream, byte {within} of page {page}"
            );
            flip(&path, offset);
        }
        assert_eq!(streamed(&path, &key), Pages::Authentic { pages });

        // Another key's HMAC fails on page 1; a file cut part-way through a page fails there.
        assert_eq!(
            streamed(&path, &DataKey::new([0x5bu8; 32])),
            Pages::Failed { page: 1 }
        );
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_len(bytes - 100).expect("cut");
        assert_eq!(streamed(&path, &key), Pages::Failed { page: pages });
    }

    /// RFC 4231's HMAC-SHA512 test cases 1 and 2: the keyed states are HMAC's.
    #[test]
    fn hmac_matches_the_published_vectors() {
        let mac = PageMac::keyed(&[0x0b; 20]).expect("key");
        assert_eq!(
            hex::encode(mac.of(&[b"Hi ", b"There"]).expect("mac")),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde\
             daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
        );
        let mac = PageMac::keyed(b"Jefe").expect("key");
        assert_eq!(
            hex::encode(mac.of(&[b"what do ya want for nothing?"]).expect("mac")),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }

    #[test]
    fn a_short_or_foreign_page_fails() {
        let key = DataKey::new([7u8; 32]);
        let mac = PageMac::new(&key, &[1u8; SALT]).expect("key");
        assert!(!mac.holds(2, &[0u8; PAGE - 1]).expect("mac"));
        assert!(!mac.holds(2, &[0u8; PAGE]).expect("mac"));
        assert!(mac.holds(LOCK_BYTE_PAGE, &[0u8; PAGE]).expect("mac"));
    }
}
