//! Attachments: scanned IDs, signed forms, letterhead requests — kept as bytes inside the
//! encrypted database, with their SHA-256. Schema only so far.

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
