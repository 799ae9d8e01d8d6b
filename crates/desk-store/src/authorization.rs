//! Signed authorizations for release (164.508) and their written revocations. Schema only so
//! far; the validity rules are desk-core's.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE authorizations (
        id             INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        request_id     INTEGER REFERENCES requests(id),
        information    TEXT NOT NULL,
        discloser      TEXT NOT NULL,
        recipient      TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        expires        TEXT NOT NULL, -- JSON: {\"on\": DATE} | {\"after_days\": N} | {\"event\": TEXT} | null
        signed_on      TEXT,
        signer         TEXT NOT NULL, -- JSON: {name, capacity, authority?} | null
        statements     TEXT NOT NULL, -- JSON: {right_to_revoke, conditioning, redisclosure}
        attachment_id  INTEGER REFERENCES attachments(id),
        received_on    TEXT NOT NULL,
        corrects_id    INTEGER UNIQUE REFERENCES authorizations(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("authorizations"),
    "CREATE TABLE revocations (
        id               INTEGER PRIMARY KEY,
        authorization_id INTEGER NOT NULL REFERENCES authorizations(id),
        received_on      TEXT NOT NULL,
        attachment_id    INTEGER REFERENCES attachments(id),
        corrects_id      INTEGER UNIQUE REFERENCES revocations(id),
        created_at       TEXT NOT NULL,
        created_by       INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("revocations"),
];
