//! Letters as sent: the exact PDF bytes with their SHA-256, kind, request, when rendered and
//! how delivered. Schema only so far.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE letters (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER REFERENCES requests(id),
        kind        TEXT NOT NULL,
        pdf         BLOB NOT NULL,
        sha256      TEXT NOT NULL,
        rendered_at TEXT NOT NULL,
        rendered_by INTEGER REFERENCES users(id),
        delivery    TEXT, -- mail, in_person, fax, email
        sent_on     TEXT,
        corrects_id INTEGER UNIQUE REFERENCES letters(id)
    ) STRICT;",
    never_changed!("letters"),
];
