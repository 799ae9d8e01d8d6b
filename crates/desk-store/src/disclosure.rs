//! The disclosure logbook (164.528) and temporary suspensions of the right to an accounting.
//! Schema only so far; which entries an accounting includes is desk-core's rule.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE disclosures (
        id                INTEGER PRIMARY KEY,
        participant_id    INTEGER NOT NULL REFERENCES participants(id),
        disclosed_on      TEXT NOT NULL,
        recipient         TEXT NOT NULL,
        recipient_address TEXT NOT NULL DEFAULT '',
        description       TEXT NOT NULL,
        purpose           TEXT NOT NULL,
        basis             TEXT NOT NULL,
        authorization_id  INTEGER REFERENCES authorizations(id),
        request_id        INTEGER REFERENCES requests(id),
        -- A repeated disclosure summarised: how many, and the last date.
        repeat_count      INTEGER,
        last_on           TEXT,
        corrects_id       INTEGER UNIQUE REFERENCES disclosures(id),
        created_at        TEXT NOT NULL,
        created_by        INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("disclosures"),
    "CREATE TABLE suspensions (
        id             INTEGER PRIMARY KEY,
        participant_id INTEGER REFERENCES participants(id),
        agency         TEXT NOT NULL,
        recipient      TEXT NOT NULL,
        from_on        TEXT NOT NULL,
        to_on          TEXT NOT NULL,
        written        INTEGER NOT NULL CHECK (written IN (0, 1)),
        attachment_id  INTEGER REFERENCES attachments(id),
        corrects_id    INTEGER UNIQUE REFERENCES suspensions(id),
        created_at     TEXT NOT NULL,
        created_by     INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("suspensions"),
];
