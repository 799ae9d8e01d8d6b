//! The one-file backup: the encrypted database as SQLite wrote it, followed by a trailer that
//! carries its key slots, so one file on a USB stick is a whole backup.
//!
//! ```text
//! [database: database_bytes bytes, SQLCipher pages]
//! [trailer: JSON {format, version, made_at, database_bytes, keys, witness}]
//! [trailer length: u64, little-endian]
//! [SHA-256 of the trailer and its length: 32 bytes]
//! [MAGIC: 16 bytes]
//! ```
//!
//! The database comes first so the backup is written once, and the trailer is appended after
//! the copy passed the check of every page. Every page of the
//! database part carries SQLCipher's HMAC (a changed, swapped or foreign page is refused when
//! read, and the check of every page reads them all); the trailer carries its own checksum, and
//! its `database_bytes` finds a file cut short. The trailer holds the key slots (wrapped
//! data keys, no password and no PHI) and the copy's audit chain head as a witness (`SEQ:HASH`,
//! absent in backups made before schema 9): a record, outside the live database, of what its
//! log held that day (`records-desk audit verify --witness`).

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::Witness;
use crate::error::{io, Error, FieldError, Result};
use crate::keyslot::KeyFile;

/// The last 16 bytes of every one-file backup.
pub const MAGIC: &[u8; 16] = b"RECORDS-DESK-BK1";
/// The extension the app gives one-file backups.
pub const EXTENSION: &str = "rdbackup";
const FORMAT: &str = "records-desk-backup";
const VERSION: u32 = 1;
/// Length, checksum and magic after the trailer's JSON.
const TAIL: u64 = 8 + 32 + 16;
/// A trailer is the key slots of a few dozen accounts: far below this.
const MAX_TRAILER: u64 = 16 * 1024 * 1024;
/// Bytes copied per read when a backup is unpacked.
const CHUNK: usize = 4 * 1024 * 1024;

/// What a one-file backup's trailer says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trailer {
    format: String,
    version: u32,
    /// When the backup was made (whole seconds).
    pub made_at: DateTime<Utc>,
    /// The length of the database part.
    pub database_bytes: u64,
    /// The key slots as they were at backup time.
    pub keys: KeyFile,
    /// The copy's audit chain head, `SEQ:HASH` (absent in older backups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witness: Option<String>,
}

pub(crate) fn not_ours() -> Error {
    FieldError::new(
        "backup",
        "is not a Records Desk backup: it holds no key slots and has no key file beside it",
    )
    .into()
}

fn damaged() -> Error {
    FieldError::new(
        "backup",
        "is damaged or was cut short in copying: use another copy",
    )
    .into()
}

/// Append the trailer to the database copy at `db` (closed, no journal beside it), fsync it,
/// then read the trailer back and compare: the backup is whole as written.
pub(crate) fn append_trailer(
    db: &Path,
    keys: &KeyFile,
    made_at: DateTime<Utc>,
    witness: &Witness,
) -> Result<()> {
    let database_bytes = std::fs::metadata(db).map_err(io("read the backup"))?.len();
    let trailer = Trailer {
        format: FORMAT.into(),
        version: VERSION,
        made_at: made_at.trunc_subsecs(0),
        database_bytes,
        keys: keys.clone(),
        witness: Some(witness.to_string()),
    };
    let json = serde_json::to_vec(&trailer).map_err(|_| Error::KeyFileDamaged)?;
    let len = (json.len() as u64).to_le_bytes();
    let sum = checksum(&json, &len);
    {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(db)
            .map_err(io("write the backup"))?;
        for part in [&json[..], &len, &sum, MAGIC] {
            f.write_all(part).map_err(io("write the backup"))?;
        }
        f.sync_all().map_err(io("write the backup"))?;
    }
    match read_trailer(db)? {
        Some(read) if read == trailer => Ok(()),
        _ => Err(damaged()),
    }
}

fn checksum(json: &[u8], len: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(json);
    h.update(len);
    h.finalize().into()
}

/// The trailer of the one-file backup at `path`; `None` when the file does not end with
/// [`MAGIC`] (a two-file backup's database, or something else). Refused (field `backup`) when
/// the trailer is damaged or the file is not as long as it says.
pub fn read_trailer(path: &Path) -> Result<Option<Trailer>> {
    let mut f = std::fs::File::open(path).map_err(io("read the backup"))?;
    let size = f.metadata().map_err(io("read the backup"))?.len();
    if size < TAIL {
        return Ok(None);
    }
    let mut tail = [0u8; TAIL as usize];
    f.seek(SeekFrom::Start(size - TAIL))
        .and_then(|_| f.read_exact(&mut tail))
        .map_err(io("read the backup"))?;
    if &tail[40..] != MAGIC {
        return Ok(None);
    }
    let len_bytes: [u8; 8] = tail[..8].try_into().map_err(|_| damaged())?;
    let len = u64::from_le_bytes(len_bytes);
    if len > MAX_TRAILER || len > size - TAIL {
        return Err(damaged());
    }
    let mut json = vec![0u8; usize::try_from(len).map_err(|_| damaged())?];
    f.seek(SeekFrom::Start(size - TAIL - len))
        .and_then(|_| f.read_exact(&mut json))
        .map_err(io("read the backup"))?;
    if checksum(&json, &len_bytes)[..] != tail[8..40] {
        return Err(damaged());
    }
    let trailer: Trailer = serde_json::from_slice(&json).map_err(|_| damaged())?;
    if trailer.format != FORMAT || trailer.version != VERSION {
        return Err(not_ours());
    }
    if trailer.database_bytes != size - TAIL - len {
        return Err(damaged());
    }
    Ok(Some(trailer))
}

/// A new file at `to` that only its owner may read (refused when it exists).
pub(crate) fn create_owner_only(to: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    crate::private_file::open(&mut options, to).map_err(io("copy the backup"))
}

/// Copy the first `bytes` bytes of `from` to a new file `to` (owner-only), telling `progress`
/// the bytes copied so far; fsync'd.
pub(crate) fn copy_prefix(
    from: &Path,
    to: &Path,
    bytes: u64,
    mut progress: impl FnMut(u64),
) -> Result<()> {
    let mut src = std::fs::File::open(from).map_err(io("read the backup"))?;
    let mut dst = create_owner_only(to)?;
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    progress(0);
    while done < bytes {
        let want = usize::try_from((bytes - done).min(CHUNK as u64)).unwrap_or(CHUNK);
        let got = src.read(&mut buf[..want]).map_err(io("read the backup"))?;
        if got == 0 {
            return Err(damaged());
        }
        dst.write_all(&buf[..got]).map_err(io("copy the backup"))?;
        done += got as u64;
        progress(done);
    }
    dst.sync_all().map_err(io("copy the backup"))?;
    Ok(())
}
