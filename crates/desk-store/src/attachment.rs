//! Attachments: scanned IDs, signed forms, letterhead requests — kept as bytes inside the
//! encrypted database, with their SHA-256. Only PNG, JPEG and PDF, told by their first bytes.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, FieldError, Result};
use crate::sql::{enum_from, enum_str, parse_ts, ts};
use crate::{audit, Store};

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE attachments (
        id           INTEGER PRIMARY KEY,
        request_id   INTEGER REFERENCES requests(id),
        kind         TEXT NOT NULL, -- photo_id, signed_form, letterhead_request, legal_document, other
        media_type   TEXT NOT NULL,
        file_name    TEXT NOT NULL DEFAULT '',
        bytes        BLOB NOT NULL,
        sha256       TEXT NOT NULL,
        corrects_id  INTEGER UNIQUE REFERENCES attachments(id),
        created_at   TEXT NOT NULL,
        created_by   INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("attachments"),
];

/// Schema 8: the metadata of each attachment in an index of its own. SQLite keeps a row's
/// columns in order, and `sha256`, `corrects_id`, `created_at` and `created_by` come after the
/// bytes: reading them from the table walks the scan's overflow pages (each one read and
/// decrypted). From this index a list or page reads only metadata; the size comes from the
/// row's header (`length(bytes)` does not load the bytes).
pub(crate) const SCHEMA_V8: &[&str] = &["CREATE INDEX attachments_meta ON attachments
        (request_id, id, kind, media_type, file_name, sha256, corrects_id, created_at,
         created_by);"];

/// Largest attachment accepted: 20 MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// What a scan or file is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttachmentKind {
    /// Driver's licence, passport or other government photo ID.
    PhotoId,
    /// A request or authorization form, signed.
    SignedForm,
    /// A written request on government letterhead.
    LetterheadRequest,
    /// Power of attorney, guardianship order, letters of administration, legal process.
    LegalDocument,
    Other,
}

/// A file to attach. The media type is read from the bytes, never taken on trust.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub request_id: Option<i64>,
    pub kind: AttachmentKind,
    /// The name it had on disk (the last path component is kept).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// A rescan that replaces an earlier attachment.
    pub corrects_id: Option<i64>,
}

/// An attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentMeta {
    pub id: i64,
    pub request_id: Option<i64>,
    pub kind: AttachmentKind,
    /// `image/png`, `image/jpeg` or `application/pdf`.
    pub media_type: String,
    pub file_name: String,
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub corrects_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<i64>,
}

/// An attachment with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub meta: AttachmentMeta,
    pub bytes: Vec<u8>,
}

/// The media type of PNG, JPEG and PDF files, from their first bytes.
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// SHA-256 in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Bytes a file field accepts: not empty, at most `max`, one of the `allowed` media types.
pub(crate) fn check_file(
    field: &'static str,
    bytes: &[u8],
    max: usize,
    allowed: &[&'static str],
) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(FieldError::new(field, "the file is empty").into());
    }
    if bytes.len() > max {
        return Err(FieldError::new(
            field,
            format!("the file is larger than {} MB", max / (1024 * 1024)),
        )
        .into());
    }
    match sniff_media_type(bytes) {
        Some(t) if allowed.contains(&t) => Ok(t),
        _ => Err(FieldError::new(
            field,
            format!(
                "use a {} file",
                allowed
                    .iter()
                    .map(|t| match *t {
                        "image/png" => "PNG",
                        "image/jpeg" => "JPEG",
                        _ => "PDF",
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .into()),
    }
}

fn file_name(name: &str) -> Result<String> {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    if base.chars().count() > 255 || base.chars().any(char::is_control) {
        return Err(
            FieldError::new("file_name", "use a file name of at most 255 characters").into(),
        );
    }
    Ok(base)
}

const META_COLUMNS: &str = "id, request_id, kind, media_type, file_name, length(bytes), sha256,
    corrects_id, created_at, created_by";

type MetaRow = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    String,
    Option<i64>,
);

fn meta_row(r: &Row<'_>) -> rusqlite::Result<MetaRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn to_meta(row: MetaRow) -> Result<AttachmentMeta> {
    let (id, request_id, kind, media_type, file_name, size, sha256, corrects_id, at, by) = row;
    Ok(AttachmentMeta {
        id,
        request_id,
        kind: enum_from(&kind)?,
        media_type,
        file_name,
        size,
        sha256,
        corrects_id,
        created_at: parse_ts(&at)?,
        created_by: by,
    })
}

pub(crate) fn meta(conn: &Connection, id: i64) -> Result<AttachmentMeta> {
    // By the metadata index (request, then id): the request is read first from the row's
    // leading columns, which sit before the bytes.
    let row = conn
        .query_row(
            &format!(
                "SELECT {META_COLUMNS} FROM attachments INDEXED BY attachments_meta
                 WHERE request_id IS (SELECT request_id FROM attachments WHERE id = ?1)
                   AND id = ?1"
            ),
            [id],
            meta_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            entity: "attachment",
        })?;
    to_meta(row)
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    a: &NewAttachment,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let media_type = check_file(
        "bytes",
        &a.bytes,
        MAX_ATTACHMENT_BYTES,
        &["image/png", "image/jpeg", "application/pdf"],
    )?;
    let name = file_name(&a.file_name)?;
    crate::sql::check_correction(tx, "attachments", a.request_id, a.corrects_id, |old| {
        Ok(meta(tx, old)?.request_id)
    })?;
    tx.execute(
        "INSERT INTO attachments (request_id, kind, media_type, file_name, bytes, sha256,
             corrects_id, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            a.request_id,
            enum_str(&a.kind)?,
            media_type,
            name,
            a.bytes,
            sha256_hex(&a.bytes),
            a.corrects_id,
            ts(now),
            user_id,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Keep a scan or file inside the encrypted database. PNG, JPEG or PDF (told by the first
    /// bytes), at most [`MAX_ATTACHMENT_BYTES`]; errors name `bytes`, `file_name`,
    /// `request_id` or `corrects_id`.
    pub fn add_attachment(&mut self, new: &NewAttachment) -> Result<i64> {
        let now = self.now();
        self.write(|tx, me| {
            let id = insert(tx, new, me, now)?;
            audit::append(tx, now, me, "attachment.add", "attachment", Some(id))?;
            Ok(id)
        })
    }

    /// One attachment with its bytes.
    pub fn attachment(&self, id: i64) -> Result<Attachment> {
        let meta = meta(&self.conn, id)?;
        let bytes: Vec<u8> =
            self.conn
                .query_row("SELECT bytes FROM attachments WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(Attachment { meta, bytes })
    }

    /// A request's attachments, oldest first, without their bytes (replaced ones included:
    /// see `corrects_id`).
    pub fn attachments_of(&self, request_id: i64) -> Result<Vec<AttachmentMeta>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {META_COLUMNS} FROM attachments INDEXED BY attachments_meta
             WHERE request_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([request_id], meta_row)?;
        rows.map(|r| to_meta(r?)).collect()
    }
}
