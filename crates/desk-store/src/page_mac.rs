//! SQLCipher's page authentication, checked on every core: what `PRAGMA
//! cipher_integrity_check` finds, read from the page cache, not from the disk a second time.
//!
//! A backup is a byte copy of the database file, made by the kernel (`copy_file_range`), chunk
//! by chunk. Each chunk of the copy is read back and its pages' HMACs checked on two threads as
//! soon as it lands, while the next chunk is copied and, once every chunk is in, while the copy
//! is synced to the disk: the check of every page overlaps the copy, so a backup runs near the
//! disk's speed; what is left is SHA-512's own speed, which the check cannot do without.
//!
//! The format is SQLCipher 4's default, which every Records Desk database uses (the data key is
//! applied raw, `x'…'`, with no other cipher setting):
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

use std::fs::File;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

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

/// Check every page of the first `bytes` bytes of the file at `path` against its HMAC under
/// `key`, on [`CHECKERS`] threads that each open the file and read the chunk they check at its
/// own offset (from the page cache, once the file was just written or read). Chunk by chunk,
/// in order, on this thread, `fill(offset, len)` first puts the chunk's bytes in `file` (a copy
/// writes them there; a check of a file as it is has nothing to do), then the chunk goes to
/// the checkers.
/// Once every chunk is filled, `then` runs on a thread of its own beside the checks still going
/// (a copy syncs itself to the disk and reads its audit chain back), and what it returns comes
/// back beside what the check found. The salt is the file's own first 16 bytes. `progress` is
/// told, on this thread, the bytes checked so far. An error from `fill` ends the check and is
/// returned; so does a checker's failure to read or to hash (the pages were then not all
/// checked).
pub(crate) fn check_pages<T: Send>(
    path: &Path,
    bytes: u64,
    key: &DataKey,
    mut fill: impl FnMut(u64, usize) -> Result<()>,
    then: impl FnOnce() -> T + Send,
    mut progress: impl FnMut(u64),
) -> Result<(Pages, T)> {
    let chunk_bytes = (PAGES_PER_CHUNK * PAGE) as u64;
    let chunk_len = |offset: u64| usize::try_from((bytes - offset).min(chunk_bytes)).unwrap_or(0);
    let mut salt = [0u8; SALT];
    if bytes < SALT as u64 {
        return Ok((Pages::Failed { page: 1 }, then()));
    }
    fill(0, chunk_len(0))?;
    File::open(path)
        .and_then(|file| read_at(&file, &mut salt, 0))
        .map_err(io("read the pages to check"))?;
    let mac = PageMac::new(key, &salt)?;
    let found = Mutex::new(Found::default());
    // Only the checkers hold the receiving end: should they all end, a send fails.
    let (send, receive) = channel::<Chunk>();
    let receive = Mutex::new(receive);
    let (tell, checked) = channel::<u64>();
    let then = std::thread::scope(|scope| -> Result<T> {
        for _ in 0..CHECKERS {
            let (mac, receive, tell, found) = (mac.clone(), &receive, tell.clone(), &found);
            scope.spawn(move || check_chunks(&mac, path, receive, found, &tell));
        }
        drop(tell);
        let mut done = 0u64;
        progress(0);
        let mut offset = 0u64;
        while offset < bytes {
            let len = chunk_len(offset);
            if offset != 0 {
                fill(offset, len)?;
            }
            let chunk = Chunk {
                first: offset / PAGE as u64 + 1,
                offset,
                len,
            };
            // Every checker has ended (a read or OpenSSL failed on each): the rest goes
            // unchecked.
            if send.send(chunk).is_err() {
                lock(&found).unchecked = true;
                break;
            }
            offset += len as u64;
            for n in checked.try_iter() {
                done += n;
                progress(done);
            }
        }
        drop(send);
        let then = scope.spawn(then);
        for n in checked.iter() {
            done += n;
            progress(done);
        }
        Ok(then
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = found.error {
        return Err(e);
    }
    if found.unchecked {
        return Err(openssl_failed(ErrorStack::get()));
    }
    let whole = bytes / PAGE as u64;
    let pages = match found.lowest_failure {
        Some(page) => Pages::Failed { page },
        None if !bytes.is_multiple_of(PAGE as u64) => Pages::Failed { page: whole + 1 },
        None => Pages::Authentic { pages: whole },
    };
    Ok((pages, then))
}

/// A run of pages for a checker: the first's number, and where they are in the file.
struct Chunk {
    first: u64,
    offset: u64,
    len: usize,
}

/// What the checking threads found between them.
#[derive(Default)]
struct Found {
    /// The lowest page that failed its HMAC.
    lowest_failure: Option<u64>,
    /// A checker could not read its pages, or OpenSSL could not hash: the pages after it went
    /// unchecked.
    error: Option<Error>,
    /// Chunks were left with no checker to take them.
    unchecked: bool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A checking thread: open the file at `path` (a handle of its own, with a position of its
/// own), take chunks until there are no more, read each into its own buffer, keep the lowest
/// failing page, and tell `checked` the bytes it checked. On a failure to read or to hash it
/// keeps the error and ends.
fn check_chunks(
    mac: &PageMac,
    path: &Path,
    chunks: &Mutex<Receiver<Chunk>>,
    found: &Mutex<Found>,
    checked: &Sender<u64>,
) {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            lock(found)
                .error
                .get_or_insert(io("read the pages to check")(e));
            return;
        }
    };
    let mut buf = Vec::new();
    loop {
        let next = lock(chunks).recv();
        let Ok(chunk) = next else {
            return;
        };
        buf.resize(chunk.len, 0);
        let outcome = read_at(&file, &mut buf, chunk.offset)
            .map_err(io("read the pages to check"))
            .and_then(|()| {
                let whole = chunk.len - chunk.len % PAGE;
                mac.first_failure(chunk.first, &buf[..whole])
                    .map_err(openssl_failed)
            });
        match outcome {
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
        // This thread's side may have ended on an error; what it was told no longer matters.
        let _ = checked.send(chunk.len as u64);
    }
}

/// Fill `buf` from `file` at `offset`, leaving any position the file has where it was; a file
/// shorter than asked for is an error.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fill `buf` from `file` at `offset` (on Windows this moves the handle's own position, which
/// no one else uses: each checker opens the file); a file shorter than asked for is an error.
#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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
        let mut told = Vec::new();
        let (pages, ()) =
            check_pages(path, bytes, key, |_, _| Ok(()), || (), |n| told.push(n)).expect("check");
        assert_told(&told, bytes);
        pages
    }

    /// Progress told starts at nothing, never goes back and ends at every byte.
    fn assert_told(told: &[u64], bytes: u64) {
        assert_eq!(told.first(), Some(&0), "{told:?}");
        assert!(told.windows(2).all(|w| w[0] <= w[1]), "{told:?}");
        assert_eq!(told.last(), Some(&bytes), "{told:?}");
    }

    /// `path` copied to `to` chunk by chunk as a backup copies it, each chunk appended before
    /// it is checked there, and `then` run once every chunk is in: what the check of the copy
    /// found, and whether `then` ran.
    fn copied(path: &std::path::Path, to: &std::path::Path, key: &DataKey) -> (Pages, bool) {
        use std::io::{Read, Write};
        let bytes = std::fs::metadata(path).expect("size").len();
        let mut from = File::open(path).expect("open");
        let mut out = File::create(to).expect("create");
        let mut filled = 0u64;
        let mut told = Vec::new();
        let (pages, ran) = check_pages(
            to,
            bytes,
            key,
            |offset, len| {
                assert_eq!(offset, filled, "chunks are filled in order");
                let mut chunk = vec![0u8; len];
                from.read_exact(&mut chunk).expect("read");
                out.write_all(&chunk).expect("write");
                filled += len as u64;
                Ok(())
            },
            || true,
            |n| told.push(n),
        )
        .expect("copy");
        assert_told(&told, bytes);
        assert_eq!(filled, bytes);
        (pages, ran)
    }

    fn flip(path: &std::path::Path, offset: u64) {
        use std::io::{Read, Seek, SeekFrom, Write};
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

    /// Over a file of more than two chunks, this check, the same check of a copy as it is
    /// written, and SQLCipher's own check agree: every page holds; then, for a byte changed in
    /// the data, the IV or the HMAC of page 1, of a page across a chunk's edge and of the last
    /// page, all three name that page and only it.
    #[test]
    fn the_check_finds_what_cipher_integrity_check_finds() {
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
        // A copy checked as it lands holds every page, and is the same bytes.
        let copy = dir.path().join("copy.db");
        assert_eq!(
            copied(&path, &copy, &key),
            (Pages::Authentic { pages }, true)
        );
        assert_eq!(
            std::fs::read(&copy).expect("copy"),
            std::fs::read(&path).expect("original")
        );

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
                "the check, byte {within} of page {page}"
            );
            assert_eq!(
                copied(&path, &copy, &key).0,
                Pages::Failed { page },
                "the check of a copy, byte {within} of page {page}"
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

    /// A fill that fails ends the check with its error; a missing file is an error, not
    /// damage.
    #[test]
    fn errors_are_returned_not_taken_for_damage() {
        let dir = tempfile::tempdir().expect("dir");
        let key = DataKey::new([0x5au8; 32]);
        let path = database(dir.path(), &key, 5_000);
        let bytes = std::fs::metadata(&path).expect("size").len();
        let failed = check_pages(
            &path,
            bytes,
            &key,
            |offset, _| {
                if offset == 0 {
                    Ok(())
                } else {
                    Err(Error::DiskFull)
                }
            },
            || (),
            |_| {},
        );
        assert!(matches!(failed, Err(Error::DiskFull)), "{failed:?}");
        let missing = check_pages(
            &dir.path().join("nothing.db"),
            bytes,
            &key,
            |_, _| Ok(()),
            || (),
            |_| {},
        );
        assert!(matches!(missing, Err(Error::Io { .. })), "{missing:?}");
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
