//! Decisions on requests (grant, extension, denial) and the Privacy Official's approvals: a
//! denial drafted by staff stays pending until an approval row exists. Schema only so far.

pub(crate) const SCHEMA_V1: &[&str] = &[
    "CREATE TABLE decisions (
        id          INTEGER PRIMARY KEY,
        request_id  INTEGER NOT NULL REFERENCES requests(id),
        outcome     TEXT NOT NULL, -- JSON of the desk-core outcome (grant / extension / denial …)
        drafted_by  INTEGER NOT NULL REFERENCES users(id),
        drafted_at  TEXT NOT NULL,
        corrects_id INTEGER UNIQUE REFERENCES decisions(id)
    ) STRICT;",
    never_changed!("decisions"),
    "CREATE TABLE approvals (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
        approved_by INTEGER NOT NULL REFERENCES users(id),
        approved_at TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT ''
    ) STRICT;",
    never_changed!("approvals"),
    // Only an active Privacy Official approves.
    "CREATE TRIGGER approvals_by_an_official BEFORE INSERT ON approvals
     WHEN (SELECT role = 'privacy_official' AND active = 1 FROM users WHERE id = NEW.approved_by)
          IS NOT 1
     BEGIN SELECT RAISE(ABORT, 'only a privacy official approves'); END;",
];
