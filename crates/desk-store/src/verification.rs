//! Identity and authority verifications (county procedure §8): who verified, how, which
//! document, its last digits and expiry, the scanned copy, when. Schema only so far.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE verifications (
        id               INTEGER PRIMARY KEY,
        request_id       INTEGER NOT NULL REFERENCES requests(id),
        verified_by      INTEGER NOT NULL REFERENCES users(id),
        method           TEXT NOT NULL, -- photo_id, ssn_match, dependent_coverage, legal_document, credentials, letterhead, referred
        document_type    TEXT NOT NULL DEFAULT '',
        document_last_digits TEXT NOT NULL DEFAULT '',
        document_expires_on  TEXT,
        outcome          TEXT NOT NULL CHECK (outcome IN ('verified', 'not_verified', 'referred_to_privacy_official')),
        note             TEXT NOT NULL DEFAULT '',
        attachment_id    INTEGER REFERENCES attachments(id),
        verified_at      TEXT NOT NULL,
        corrects_id      INTEGER UNIQUE REFERENCES verifications(id)
    ) STRICT;",
    never_changed!("verifications"),
];
