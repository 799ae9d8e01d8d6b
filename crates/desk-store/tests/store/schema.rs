//! The schema itself: every table the store needs, durable pragmas, foreign keys enforced.

use super::*;
use desk_store::fixture;

#[test]
fn the_schema_has_every_table() {
    let (_fx, store) = new_store();
    let tables = fixture::tables(&store).expect("tables");
    for table in [
        "participants",
        "coverage",
        "requesters",
        "requests",
        "verifications",
        "authorizations",
        "revocations",
        "decisions",
        "approvals",
        "letters",
        "disclosures",
        "restrictions",
        "confidential_communications",
        "complaints",
        "attachments",
        "users",
        "settings",
        "audit_log",
    ] {
        assert!(
            tables.iter().any(|t| t == table),
            "the foundation's schema lists {table}; found {tables:?}"
        );
    }
}

#[test]
fn writes_are_durable_and_foreign_keys_are_enforced() {
    let (fx, store) = new_store();
    store.lock();
    let mut store = sign_in(&fx.path);
    assert_eq!(
        fixture::pragma(&store, "synchronous").expect("synchronous"),
        2,
        "synchronous = FULL: a commit is on disk before it returns"
    );
    assert_eq!(
        fixture::pragma(&store, "foreign_keys").expect("foreign_keys"),
        1,
        "foreign_keys = ON on every connection the store opens"
    );

    let before = store.count_participants().expect("count");
    let e = store
        .add_dependent(
            &dependent("Orphan", "Olive", "2015-01-02"),
            9_999,
            Relationship::Child,
        )
        .expect_err("covered by no one");
    assert!(
        matches!(
            e,
            desk_store::Error::NotFound {
                entity: "participant"
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        store.count_participants().expect("count"),
        before,
        "the dependent's own row went with the failed link: one transaction"
    );

    let ann = store
        .add_participant(&employee("E1", "Doe", "Ann", "1980-01-01"))
        .expect("ann");
    let e = fixture::execute(
        &store,
        &format!(
            "INSERT INTO coverage (dependent_id, covered_by, relationship, created_at)
             VALUES ({ann}, 9999, 'child', '2025-01-01T00:00:00Z')"
        ),
    )
    .expect_err("the database itself refuses a link to a missing participant");
    assert!(e.to_string().contains("FOREIGN KEY"), "{e}");
}
