//! Files written at older schema versions open and migrate.

use super::*;

/// A new database written as schema `version` left it, in `dir`.
fn file_at_version(dir: &tempfile::TempDir, version: u32) -> PathBuf {
    let path = dir.path().join(format!("v{version}.db"));
    desk_store::fixture::create_at_version(
        &path,
        &organization(),
        PO_USER,
        &pw(PO_PASSWORD),
        at(0),
        version,
    )
    .expect("a file at an older version");
    path
}

/// The Privacy Official signed in to an older file without migrating it.
fn unmigrated(path: &Path) -> Store {
    desk_store::fixture::sign_in_without_migrating(path, PO_USER, &pw(PO_PASSWORD), Utc::now())
        .expect("sign-in to the older file")
}

#[test]
fn a_version_1_file_opens_and_migrates() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 1);
    {
        let raw =
            desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
        assert_eq!(
            desk_store::fixture::user_version(&raw).expect("version"),
            1,
            "the fixture is v1"
        );
    }
    let mut store = sign_in(&path);
    store
        .add_participant(&employee("E1", "Doe", "Jan", "1980-01-01"))
        .expect("writes work after migrating");
    assert_eq!(
        store.organization().expect("org"),
        organization(),
        "v1 data survives"
    );
    assert_eq!(
        store.verify_audit().expect("verify"),
        None,
        "the v1 chain continues"
    );
    store.lock();
    let raw = desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    assert_eq!(
        desk_store::fixture::user_version(&raw).expect("version"),
        desk_store::schema_version(),
        "signing in migrated the file to the current schema"
    );
}

#[test]
fn pragmas_are_set() {
    let (fx, store) = new_store();
    store.lock();
    let store = sign_in(&fx.path);
    drop(store);
    let raw =
        desk_store::fixture::raw_connection(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal", "WAL is persistent in the file");
    let cipher: String = raw
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .expect("cipher");
    assert!(!cipher.is_empty(), "built with SQLCipher");
    let (fx, store) = new_store();
    assert_eq!(
        desk_store::fixture::pragma(&store, "cache_size").expect("cache"),
        -32768,
        "the store's own connection keeps 32 MiB of decrypted pages"
    );
    assert_eq!(
        desk_store::fixture::pragma(&store, "foreign_keys").expect("fk"),
        1
    );
    drop((fx, store));
}

/// `tests/fixtures/v1`: a database and key file written by the schema-1 build (two accounts,
/// an employee with a dependent, one access request). Never regenerate it with newer code.
const V1_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1");
const V1_OFFICIAL: &str = "pat";
const V1_OFFICIAL_PASSWORD: &str = "v1-fixture-password";
const V1_STAFF: &str = "sam";
const V1_STAFF_PASSWORD: &str = "v1-staff-password";

/// A copy of the committed v1 files in a temporary folder (opening migrates in place).
fn v1_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["records.db", "records.keys"] {
        std::fs::copy(Path::new(V1_FIXTURE).join(name), dir.path().join(name))
            .expect("copy the v1 fixture");
    }
    let path = dir.path().join("records.db");
    (dir, path)
}

#[test]
fn the_committed_version_1_file_opens_with_this_build() {
    let (_dir, path) = v1_copy();
    {
        let raw =
            desk_store::fixture::raw_connection(&path, V1_OFFICIAL, &pw(V1_OFFICIAL_PASSWORD))
                .expect("raw");
        assert_eq!(
            desk_store::fixture::user_version(&raw).expect("version"),
            1,
            "the committed file is schema 1"
        );
    }
    let store = Store::sign_in(&path, V1_OFFICIAL, &pw(V1_OFFICIAL_PASSWORD), Utc::now())
        .expect("the v1 official signs in");
    assert_eq!(
        store.organization().expect("org"),
        organization(),
        "profile kept"
    );
    assert_eq!(
        store
            .list_users()
            .expect("users")
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        vec![V1_OFFICIAL, V1_STAFF],
        "both accounts kept"
    );
    let found = store
        .search_participants(&desk_store::ParticipantSearch::Name("Fixtureson".into()))
        .expect("search");
    assert_eq!(found.len(), 2, "the employee and the dependent are kept");
    let requests = store
        .list_requests(&desk_store::RequestFilter::default())
        .expect("requests");
    assert_eq!(requests.len(), 1, "the request is kept");
    assert_eq!(requests[0].due_on, Some(d("2025-04-02")));
    assert_eq!(
        store.verify_audit().expect("verify"),
        None,
        "the v1 chain holds"
    );
    store.lock();
    Store::sign_in(&path, V1_STAFF, &pw(V1_STAFF_PASSWORD), Utc::now())
        .expect("the v1 staff account signs in too");
    let raw = desk_store::fixture::raw_connection(&path, V1_OFFICIAL, &pw(V1_OFFICIAL_PASSWORD))
        .expect("raw");
    assert_eq!(
        desk_store::fixture::user_version(&raw).expect("version"),
        desk_store::schema_version(),
        "signing in migrated the file to the current schema"
    );
}

#[test]
fn the_committed_version_1_file_migrates_to_version_2_and_its_new_tables_work() {
    assert!(
        desk_store::schema_version() >= 2,
        "this test is about schema 2 (later versions add to it)"
    );
    let (_dir, path) = v1_copy();
    let mut store = Store::sign_in(&path, V1_STAFF, &pw(V1_STAFF_PASSWORD), Utc::now())
        .expect("the v1 staff account signs in");
    let tables = desk_store::fixture::tables(&store).expect("tables");
    for t in ["letter_deliveries", "drafts"] {
        assert!(tables.iter().any(|x| x == t), "schema 2 adds {t}");
    }
    let rid = store
        .list_requests(&desk_store::RequestFilter::default())
        .expect("requests")[0]
        .id;
    let case = store.request_case(rid).expect("case");
    assert_eq!(
        (case.status, case.extended, case.denied, case.reviewed),
        (
            desk_core::request::RequestStatus::Received,
            false,
            false,
            false
        ),
        "the v1 request reads as a fresh case"
    );

    store.save_draft("intake", "{}").expect("drafts work");
    verify(&mut store, rid);
    store
        .draft_decision(rid, &super::decisions::grant())
        .expect("a v1 request is decided");
    let letter = store
        .store_letter(&desk_store::NewLetter {
            request_id: Some(rid),
            kind: "access_response".into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("letter");
    store
        .mark_letter_delivered(
            letter,
            desk_store::DeliveryMethod::Mailed,
            Utc::now().date_naive(),
        )
        .expect("deliveries work");
    assert_eq!(
        store.request(rid).expect("r").status,
        desk_core::request::RequestStatus::LetterSent
    );
    assert_eq!(
        store.verify_audit().expect("verify"),
        None,
        "the chain runs on across the migration"
    );
    store.lock();
    let raw = desk_store::fixture::raw_connection(&path, V1_OFFICIAL, &pw(V1_OFFICIAL_PASSWORD))
        .expect("raw");
    assert_eq!(
        desk_store::fixture::user_version(&raw).expect("version"),
        desk_store::schema_version()
    );
}

#[test]
fn a_version_3_file_gains_the_logbook_columns() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 3);
    {
        let mut store = unmigrated(&path);
        let p = store
            .add_participant(&employee("E3", "Doe", "Jan", "1980-01-01"))
            .expect("participant");
        // A suspension as schema 3 held it: no statement day.
        desk_store::fixture::execute(
            &store,
            &format!(
                "INSERT INTO suspensions (participant_id, agency, recipient, from_on, to_on, written, created_at)
                 VALUES ({p}, 'Oversight Office', 'Oversight Office', '2025-01-01', '2025-03-31', 0, '2025-01-01T00:00:00Z')"
            ),
        )
        .expect("v3 row");
        store.lock();
    }
    let store = sign_in(&path);
    let raw = desk_store::fixture::raw_connection(&path, PO_USER, &pw(PO_PASSWORD)).expect("raw");
    assert_eq!(
        desk_store::fixture::user_version(&raw).expect("version"),
        desk_store::schema_version()
    );
    let indexes: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_%' ORDER BY name")
        .expect("stmt")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    for i in [
        "disclosures_by_participant",
        "authorizations_by_participant",
        "suspensions_by_participant",
    ] {
        assert!(indexes.iter().any(|x| x == i), "schema 4 adds {i}");
    }
    let p = store
        .search_participants(&desk_store::ParticipantSearch::parse("Doe"))
        .expect("search")[0]
        .id;
    let s = store.suspensions_of(p).expect("the v3 row reads");
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].effective.to,
        d("2025-01-31"),
        "an oral statement without its day counts its 30 days from the period's start"
    );
}

#[test]
fn a_version_4_accounting_request_gains_an_open_period() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 4);
    let id = {
        let mut store = unmigrated(&path);
        let (_, id) = request_of_kind(&mut store, desk_core::request::RequestKind::Accounting);
        store.lock();
        id
    };
    let mut store = sign_in(&path);
    assert_eq!(
        store.accounting_period(id).expect("a v4 request reads"),
        desk_core::accounting::Period::default(),
        "a request from before schema 5 covers the full six years"
    );
    let asked = desk_core::accounting::Period {
        from: Some(d("2024-01-01")),
        to: None,
    };
    store
        .set_accounting_period(id, asked)
        .expect("the new table works");
    assert_eq!(store.accounting_period(id).expect("period"), asked);
}

#[test]
fn a_version_10_profiles_business_associates_move_into_the_register() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v10.db");
    let mut org = organization();
    org.business_associates = vec![
        desk_core::organization::BusinessAssociate {
            name: "Acme Claims".into(),
            address: vec!["1 Main St".into(), "Town, FL 32000".into()],
        },
        desk_core::organization::BusinessAssociate {
            name: "PharmaCare".into(),
            address: vec![],
        },
    ];
    desk_store::fixture::create_at_version(&path, &org, PO_USER, &pw(PO_PASSWORD), at(0), 10)
        .expect("a file at schema 10");
    let mut store = sign_in(&path);
    let list = store.associates().expect("the register");
    let names: Vec<&str> = list.iter().map(|e| e.associate.name.as_str()).collect();
    assert_eq!(names, ["Acme Claims", "PharmaCare"]);
    assert_eq!(
        list[0].associate.address,
        ["1 Main St", "Town, FL 32000"],
        "the address lines come along"
    );
    assert_eq!(
        list[0].associate.holds,
        [desk_core::associate::Holding::Other]
    );
    assert_eq!(
        store.organization().expect("org"),
        org,
        "the letterhead lists the same associates, now from the register"
    );
    // The profile no longer carries the list: an entry ended in the register leaves it.
    let mut ended = list[1].associate.clone();
    ended.address = vec!["2 Side St".into()];
    ended.ended_on = Some(store.today());
    store.update_associate(list[1].id, &ended).expect("ended");
    assert_eq!(
        store.organization().expect("org").business_associates.len(),
        1
    );
    assert_eq!(store.verify_audit().expect("verify"), None);
}

#[test]
fn a_version_11_disclosure_was_made_by_the_plan_itself() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 11);
    let p = {
        let mut store = unmigrated(&path);
        let p = store
            .add_participant(&employee("E1", "Doe", "Jan", "1980-01-01"))
            .expect("a schema 11 participant");
        desk_store::fixture::execute(
            &store,
            &format!(
                "INSERT INTO disclosures (participant_id, disclosed_on, recipient, description,
                     purpose, basis, created_at)
                 VALUES ({p}, '2025-01-02', 'Circuit Court Clerk', 'Claims records',
                     'Subpoena', 'judicial', '2025-01-02T10:00:00Z')"
            ),
        )
        .expect("a schema 11 disclosure");
        store.lock();
        p
    };
    let mut store = sign_in(&path);
    let old = store.disclosures_of(p).expect("a schema 11 logbook reads");
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].associate_id, old[0].associate_name.as_deref()),
        (None, None),
        "logged before schema 12: the plan's own"
    );
    let (log, _) = store.accounting_inputs(p).expect("inputs");
    assert_eq!(log[0].by_associate, None);
    // The column now takes the register's associates.
    let ba = store
        .add_associate(&desk_core::associate::Associate {
            name: "Acme Claims".into(),
            address: vec!["1 Main St".into()],
            contact: String::new(),
            holds: vec![desk_core::associate::Holding::Claims],
            agreement_on: None,
            duties: desk_core::associate::Duties::default(),
            ended_on: None,
        })
        .expect("add");
    let id = store
        .record_disclosure(&desk_store::NewDisclosure {
            minimum_necessary: None,
            associate_id: Some(ba),
            ..super::logbook::disclosure(
                p,
                d("2025-02-01"),
                "County Health Department",
                desk_core::disclosure::Basis::PublicHealth,
            )
        })
        .expect("an associate's disclosure after the upgrade");
    let book = store.disclosures_of(p).expect("logbook");
    assert_eq!(
        book.iter()
            .find(|e| e.id == id)
            .and_then(|e| e.associate_id),
        Some(ba)
    );
}

/// A staff member's report of a letter sent to the wrong address, discovered `today`.
fn a_letter_to_the_wrong_address(today: NaiveDate) -> desk_core::incident::Incident {
    use desk_core::incident::{BreachType, Incident, Information, Location};
    Incident {
        reporter: desk_core::incident::ReporterKind::Staff,
        reporter_name: "Sam Staff".into(),
        reported_on: today,
        associate_learned_on: None,
        discovered_on: today,
        occurred_on: None,
        occurred_until: None,
        what_happened: "A letter went to the wrong address.".into(),
        recipient: String::new(),
        breach_type: BreachType::UnauthorizedAccess,
        location: Location::Paper,
        safeguards: Vec::new(),
        information: vec![Information::Names],
        other_information: String::new(),
    }
}

#[test]
fn a_version_11_file_gains_the_incident_log() {
    use desk_core::incident::Determination;
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 11);
    let participant = {
        let mut store = unmigrated(&path);
        assert!(
            !desk_store::fixture::tables(&store)
                .expect("tables")
                .iter()
                .any(|t| t.starts_with("incident")),
            "schema 11 has no incident log"
        );
        let id = store
            .add_participant(&employee("V11", "Doe", "Jan", "1980-01-01"))
            .expect("a schema 11 participant");
        store.lock();
        id
    };
    let mut store = sign_in(&path);
    let today = store.today();
    let id = store
        .log_incident(&desk_store::NewIncident {
            incident: a_letter_to_the_wrong_address(today),
            reporter_participant_id: None,
            associate_id: None,
            participant_ids: vec![participant],
        })
        .expect("the new tables take an incident");
    store
        .decide_incident(id, Determination::Breach, "Presumed a breach")
        .expect("and its decision, with the logbook entry");
    let logbook = store.disclosures_of(participant).expect("logbook");
    assert_eq!(logbook.len(), 1);
    assert_eq!(logbook[0].recipient, "Not known", "no recipient was known");
    assert_eq!(store.verify_audit().expect("verify"), None);
}

#[test]
fn a_version_13_incident_gains_corrections_and_later_participants() {
    use desk_core::incident::Determination;
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 13);
    let (incident, first, later, request) = {
        let mut store = unmigrated(&path);
        let today = store.today();
        let first = store
            .add_participant(&employee("V13", "Doe", "Jan", "1980-01-01"))
            .expect("a schema 13 participant");
        let later = store
            .add_participant(&employee("V13b", "Roe", "Ann", "1981-01-01"))
            .expect("another");
        let incident = store
            .log_incident(&desk_store::NewIncident {
                incident: a_letter_to_the_wrong_address(today),
                reporter_participant_id: None,
                associate_id: None,
                participant_ids: vec![first],
            })
            .expect("a schema 13 incident");
        // A notice to an associate as schema 13 kept it, with its id.
        let associate = store
            .add_associate(&desk_core::associate::Associate {
                name: "Acme Claims".into(),
                address: vec!["1 Main St".into()],
                contact: String::new(),
                holds: vec![desk_core::associate::Holding::Claims],
                agreement_on: None,
                duties: desk_core::associate::Duties::default(),
                ended_on: None,
            })
            .expect("a schema 13 associate");
        let (_, request) = access_request(&mut store);
        desk_store::fixture::execute(
            &store,
            &format!(
                "INSERT INTO associate_notices (id, request_id, associate_id, kind, sent_on, at)
                 VALUES (41, {request}, {associate}, 'confidential_communication',
                     '2025-03-04', '2025-03-04T10:00:00Z')"
            ),
        )
        .expect("a schema 13 notice");
        store.lock();
        (incident, first, later, request)
    };
    let mut store = sign_in(&path);
    let record = store
        .incident(incident)
        .expect("a schema 13 incident reads");
    assert_eq!(record.participant_ids, vec![first]);
    assert!(
        record.added.is_empty(),
        "logged with the report: none added"
    );
    assert!(record.corrections.is_empty());
    store
        .decide_incident(incident, Determination::Breach, "Presumed a breach")
        .expect("decided");
    store
        .add_incident_participants(incident, &[later], "Found on the same mailing list")
        .expect("schema 14 adds a participant");
    let mut details = record.incident.clone();
    details.recipient = "A neighbour".into();
    store
        .correct_incident(incident, &details, "The neighbour called")
        .expect("and corrects the details");
    let record = store.incident(incident).expect("reads");
    assert_eq!(record.participant_ids, vec![first, later]);
    assert_eq!(record.added.len(), 1);
    assert_eq!(record.incident.recipient, "A neighbour");
    assert_eq!(
        record.disclosures.len(),
        2,
        "the one added is logged under the breach"
    );
    // The notices' table was rebuilt to take the end of an accommodation: the old notice is
    // there with its id, and the table is still never changed.
    let notices = store.associate_notices_of(request).expect("notices read");
    assert_eq!(
        notices.iter().map(|n| (n.id, n.kind)).collect::<Vec<_>>(),
        vec![(
            41,
            desk_core::associate::NoticeKind::ConfidentialCommunication
        )]
    );
    for sql in [
        "UPDATE associate_notices SET sent_on = '2025-03-05'",
        "DELETE FROM associate_notices",
    ] {
        assert!(
            desk_store::fixture::execute(&store, sql).is_err(),
            "{sql} is refused after the rebuild"
        );
    }
    assert_eq!(store.verify_audit().expect("verify"), None);
}

#[test]
fn a_version_9_participant_gains_regular_print() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = file_at_version(&dir, 9);
    let id = {
        let mut store = unmigrated(&path);
        let id = store
            .add_participant(&employee("V9", "Doe", "Jan", "1980-01-01"))
            .expect("a schema 9 participant");
        store.lock();
        id
    };
    let mut store = sign_in(&path);
    assert!(
        !store
            .participant(id)
            .expect("a v9 participant reads")
            .large_print,
        "a participant from before schema 10 gets regular print"
    );
    store
        .set_large_print(id, true, desk_store::ChangeSource::Staff)
        .expect("the new column is written");
    assert!(store.participant(id).expect("read").large_print);
}

#[test]
fn a_version_7_extension_takes_the_day_its_notice_was_first_mailed() {
    use desk_core::decision::{AccessDecision, Extension};
    use desk_core::request::RequestKind;
    let (fx, mut store) = new_store();
    let today = store.today();
    let extended = |store: &mut Store, id: &str, kind: RequestKind| {
        let p = store
            .add_participant(&employee(id, "Doe", "Jan", "1980-01-01"))
            .expect("participant");
        let rid = store
            .intake(&desk_store::NewIntake {
                request: desk_store::NewRequest {
                    kind,
                    channel: desk_core::person::Channel::InPerson,
                    received_on: today - chrono::Days::new(5),
                    participant_id: p,
                    requester_role: desk_core::person::RequesterRole::Individual,
                    requester_id: None,
                    due_on: None,
                    summary: String::new(),
                },
                requester: None,
                scan: None,
                verification: None,
                awaiting_written_request: false,
                authorization_id: None,
            })
            .expect("intake");
        verify(store, rid);
        rid
    };
    let access = extended(&mut store, "M1", RequestKind::Access);
    let due = store.request(access).expect("r").due_on.expect("due");
    store
        .draft_decision(
            access,
            &desk_store::DecisionOutcome::Access(AccessDecision::Extension(Extension {
                reason: "Records are held off site".into(),
                respond_by: due + chrono::Days::new(30),
            })),
        )
        .expect("extension");
    let notice = store
        .store_letter(&desk_store::NewLetter {
            request_id: Some(access),
            kind: "access_response".into(),
            pdf: PDF.to_vec(),
            corrects_id: None,
        })
        .expect("notice");
    store
        .mark_letter_delivered(notice, desk_store::DeliveryMethod::Mailed, today)
        .expect("mailed");
    let accounting = extended(&mut store, "M2", RequestKind::Accounting);
    let due = store.request(accounting).expect("r").due_on.expect("due");
    let ids = store
        .store_extension_notice(
            accounting,
            today,
            due + chrono::Days::new(30),
            &[desk_store::NewLetter {
                request_id: Some(accounting),
                kind: "accounting_extension".into(),
                pdf: PDF.to_vec(),
                corrects_id: None,
            }],
        )
        .expect("accounting extension");
    store
        .mark_letter_delivered(ids[0], desk_store::DeliveryMethod::Mailed, today)
        .expect("mailed");
    let unmailed = extended(&mut store, "M3", RequestKind::Amendment);
    let due = store.request(unmailed).expect("r").due_on.expect("due");
    store
        .draft_decision(
            unmailed,
            &desk_store::DecisionOutcome::Amendment(
                desk_core::decision::AmendmentDecision::Extension(Extension {
                    reason: "The claims administrator holds the record".into(),
                    respond_by: due + chrono::Days::new(30),
                }),
            ),
        )
        .expect("extension never mailed");

    let participant = store.request(access).expect("r").participant_id;
    store
        .record_disclosure(&desk_store::NewDisclosure {
            participant_id: participant,
            disclosed_on: today,
            recipient: "Circuit Court Clerk".into(),
            recipient_address: String::new(),
            description: "Claims records".into(),
            purpose: "Subpoena".into(),
            basis: desk_core::disclosure::Basis::Judicial,
            authorization_id: None,
            written_request: None,
            corrects_id: None,
            minimum_necessary: None,
            review_note: None,
            information_confirmed: false,
            associate_id: None,
        })
        .expect_err("schema 8 asks for the marking");

    // The file as schema 7 left it: no mailing day, no minimum-necessary marking or review.
    for sql in [
        "DROP TABLE incident_corrections",
        "DROP TABLE incident_actions",
        "DROP TABLE incident_substitute_notices",
        "DROP TABLE incident_out_of_date",
        "DROP TABLE incident_letters",
        "DROP TABLE incident_disclosures",
        "DROP TABLE incident_decisions",
        "DROP TABLE incident_assessments",
        "DROP TABLE incident_participants",
        "DROP TABLE incidents",
        "ALTER TABLE requests DROP COLUMN extension_mailed_on",
        "ALTER TABLE requests DROP COLUMN authorization_id",
        "DROP TABLE disclosure_reviews",
        "ALTER TABLE disclosures DROP COLUMN minimum_necessary",
        "ALTER TABLE disclosures DROP COLUMN information_confirmed",
        "DROP TABLE accounting_charges",
        "ALTER TABLE verifications DROP COLUMN escalations",
        "ALTER TABLE users DROP COLUMN last_used_at",
        "DROP INDEX attachments_meta",
        "DROP INDEX requests_by_answered",
        "ALTER TABLE audit_log DROP COLUMN signature",
        "ALTER TABLE audit_log DROP COLUMN public_key",
        "ALTER TABLE users DROP COLUMN signing_key",
        "ALTER TABLE participants DROP COLUMN large_print",
        "DROP TABLE associate_notices",
        "DROP TABLE associate_replies",
        "DROP TABLE associate_requests",
        "ALTER TABLE disclosures DROP COLUMN associate_id",
        "DROP TABLE business_associates",
    ] {
        desk_store::fixture::execute(&store, sql).expect("back to schema 7");
    }
    desk_store::fixture::execute(
        &store,
        &format!(
            "INSERT INTO disclosures (participant_id, disclosed_on, recipient, description,
                 purpose, basis, created_at)
             VALUES ({participant}, '2025-01-02', 'Circuit Court Clerk', 'Claims records',
                 'Subpoena', 'judicial', '2025-01-02T10:00:00Z')"
        ),
    )
    .expect("a schema 7 disclosure");
    desk_store::fixture::execute(&store, "PRAGMA user_version = 7").expect("version 7");
    store.lock();

    let store = sign_in(&fx.path);
    for (rid, want) in [
        (access, Some(today)),
        (accounting, Some(today)),
        (unmailed, None),
    ] {
        let r = store.request(rid).expect("request reads after the upgrade");
        assert_eq!(r.extension_mailed_on, want, "{:?}", r.kind);
    }
    assert_eq!(
        store.request(unmailed).expect("r").effective_due_on(),
        store.request(unmailed).expect("r").due_on,
        "a notice never mailed extends nothing"
    );
    assert_eq!(
        store
            .request_authorization(access)
            .expect("a schema 7 request reads"),
        None
    );
    let old = store
        .disclosures_of(participant)
        .expect("a schema 7 logbook reads");
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].minimum_necessary, old[0].review.is_some()),
        (None, false),
        "logged before the marking: neither routine nor waiting"
    );
    assert!(store
        .disclosures_awaiting_review()
        .expect("queue")
        .is_empty());
    assert!(
        store
            .verifications_of(access)
            .expect("a schema 7 verification reads")
            .iter()
            .all(|v| v.escalations.is_empty()),
        "verifications from before schema 8 had no escalations kept"
    );
    assert_eq!(
        store.accounting_charge(accounting).expect("charges read"),
        None,
        "no special service charge was told before schema 8"
    );
}
