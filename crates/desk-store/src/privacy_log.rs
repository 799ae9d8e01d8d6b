//! The Privacy Official's logs: agreed restrictions (and the business associates told),
//! confidential-communication accommodations, complaints. Schema only so far.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE restrictions (
        id                  INTEGER PRIMARY KEY,
        request_id          INTEGER NOT NULL REFERENCES requests(id),
        participant_id      INTEGER NOT NULL REFERENCES participants(id),
        restriction         TEXT NOT NULL,
        agreed              INTEGER NOT NULL CHECK (agreed IN (0, 1)),
        business_associates TEXT NOT NULL DEFAULT '[]', -- JSON array of names told in writing
        decided_on          TEXT NOT NULL,
        ended_on            TEXT,
        corrects_id         INTEGER UNIQUE REFERENCES restrictions(id),
        created_at          TEXT NOT NULL,
        created_by          INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("restrictions"),
    "CREATE TABLE confidential_communications (
        id                INTEGER PRIMARY KEY,
        request_id        INTEGER NOT NULL REFERENCES requests(id),
        participant_id    INTEGER NOT NULL REFERENCES participants(id),
        alternate_address TEXT NOT NULL DEFAULT '[]', -- JSON array of lines
        alternate_means   TEXT NOT NULL DEFAULT '',
        endangerment      INTEGER NOT NULL CHECK (endangerment IN (0, 1)),
        accommodated      INTEGER NOT NULL CHECK (accommodated IN (0, 1)),
        reason            TEXT NOT NULL DEFAULT '',
        decided_on        TEXT NOT NULL,
        ended_on          TEXT,
        corrects_id       INTEGER UNIQUE REFERENCES confidential_communications(id),
        created_at        TEXT NOT NULL,
        created_by        INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("confidential_communications"),
    "CREATE TABLE complaints (
        id              INTEGER PRIMARY KEY,
        request_id      INTEGER REFERENCES requests(id),
        participant_id  INTEGER REFERENCES participants(id),
        received_on     TEXT NOT NULL,
        description     TEXT NOT NULL,
        disposition     TEXT NOT NULL DEFAULT '',
        acknowledged_on TEXT,
        corrects_id     INTEGER UNIQUE REFERENCES complaints(id),
        created_at      TEXT NOT NULL,
        created_by      INTEGER REFERENCES users(id)
    ) STRICT;",
    never_changed!("complaints"),
];
