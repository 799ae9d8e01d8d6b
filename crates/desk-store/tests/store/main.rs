//! desk-store over real SQLCipher files.

mod accounting;
mod accounts;
mod associate_log;
mod associates;
mod attachments;
mod audit;
mod backup;
mod case_log;
mod clock;
mod crash;
mod decisions;
mod drafts;
mod encryption;
mod errors;
mod incidents;
mod intake;
mod integrity;
mod letters;
mod logbook;
mod migration;
mod participant_page;
mod participants;
mod registers;
mod requests;
mod retention;
mod schema;
mod settings;
mod signatures;
mod verifications;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use desk_core::organization::{Official, Organization};
use desk_core::person::{EmploymentStatus, Relationship};
use desk_core::Sensitive;
use desk_store::{Address, NewParticipant, Store};

pub const PO_USER: &str = "pat";
pub const PO_PASSWORD: &str = "correct horse battery";

pub fn pw(s: &str) -> Sensitive<String> {
    Sensitive::new(s.to_owned())
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_790_000_000 + secs, 0)
        .single()
        .expect("test time")
}

pub fn organization() -> Organization {
    Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources Department".into(),
        address: vec!["1 Main Street".into(), "Sampleton, FL 32960".into()],
        phone: "555-010-0000".into(),
        fax: "555-010-0001".into(),
        privacy_official: Official {
            name: "Pat Official".into(),
            title: "Privacy Official".into(),
        },
        business_associates: vec![],
    }
}

/// A temporary folder with a fresh database in it, signed in as the Privacy Official.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub recovery_code: Sensitive<String>,
}

pub fn new_store() -> (Fixture, Store) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("records.db");
    let (store, recovery_code) = Store::create(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        at(0),
    )
    .expect("a new database is created");
    (
        Fixture {
            dir,
            path,
            recovery_code,
        },
        store,
    )
}

pub fn sign_in(path: &Path) -> Store {
    Store::sign_in(path, PO_USER, &pw(PO_PASSWORD), Utc::now()).expect("the official signs in")
}

pub fn employee(employee_id: &str, last: &str, first: &str, born: &str) -> NewParticipant {
    NewParticipant {
        employee_id: Some(employee_id.into()),
        last_name: last.into(),
        first_name: first.into(),
        date_of_birth: d(born),
        address: Address {
            line1: "12 Palm Avenue".into(),
            line2: String::new(),
            city: "Sampleton".into(),
            state: "FL".into(),
            zip: "32960".into(),
        },
        phone: "555-010-1234".into(),
        employment: Some(EmploymentStatus::Active),
        ssn_last4: Some(pw("1234")),
        ssn: Some(pw("123-45-1234")),
    }
}

pub fn dependent(last: &str, first: &str, born: &str) -> NewParticipant {
    NewParticipant {
        employee_id: None,
        employment: None,
        ssn: None,
        ssn_last4: None,
        ..employee("X", last, first, born)
    }
}

/// Distinctive synthetic names: none of them may ever appear in the file's bytes.
pub const MARKER_NAMES: [&str; 4] = ["Quillfeather", "Zanzibarova", "Thistlewood", "Marrowbyne"];

/// A demo-like dataset: employees with distinctive names, dependents, requests.
pub fn fill(store: &mut Store) {
    for (i, last) in MARKER_NAMES.iter().enumerate() {
        for j in 0..10 {
            let id = store
                .add_participant(&employee(
                    &format!("E{i}{j:03}"),
                    last,
                    &format!("Ottoline{j}"),
                    "1970-03-04",
                ))
                .expect("employee added");
            store
                .add_dependent(
                    &dependent(last, &format!("Wilhelmina{j}"), "2012-08-09"),
                    id,
                    Relationship::Child,
                )
                .expect("dependent added");
            store
                .create_request(&desk_store::NewRequest {
                    kind: desk_core::request::RequestKind::Access,
                    channel: desk_core::person::Channel::Mail,
                    received_on: d("2025-01-02"),
                    participant_id: id,
                    requester_role: desk_core::person::RequesterRole::Individual,
                    requester_id: None,
                    due_on: Some(d("2025-02-01")),
                    summary: "claims 2024".into(),
                })
                .expect("request created");
        }
    }
}

pub const STAFF_USER: &str = "sam";
pub const STAFF_PASSWORD: &str = "sam-password-1";

/// Add the staff account `sam` and sign in as sam (the official's store is closed).
pub fn staff_store(fx: &Fixture, official: Store) -> Store {
    let mut official = official;
    official
        .add_user(&desk_store::NewUser {
            username: STAFF_USER.into(),
            display_name: "Sam Staff".into(),
            role: desk_core::person::Role::Staff,
            password: pw(STAFF_PASSWORD),
        })
        .expect("sam is added");
    official.lock();
    Store::sign_in(&fx.path, STAFF_USER, &pw(STAFF_PASSWORD), Utc::now()).expect("sam signs in")
}

/// An employee with an access request received on 2025-03-03 (due 2025-04-02 by the clock),
/// taken in at intake. Returns (participant id, request id).
pub fn access_request(store: &mut Store) -> (i64, i64) {
    request_of_kind(store, desk_core::request::RequestKind::Access)
}

/// Like [`access_request`], for any kind.
pub fn request_of_kind(store: &mut Store, kind: desk_core::request::RequestKind) -> (i64, i64) {
    let n = store.count_participants().expect("count");
    let p = store
        .add_participant(&employee(&format!("R{n}"), "Doe", "Jan", "1980-01-01"))
        .expect("participant");
    (p, request_for(store, p, kind, d("2025-03-03")))
}

/// A request of `kind` from participant `p` themselves, received in person on `received_on`.
pub fn request_for(
    store: &mut Store,
    p: i64,
    kind: desk_core::request::RequestKind,
    received_on: NaiveDate,
) -> i64 {
    store
        .intake(&desk_store::NewIntake {
            request: desk_store::NewRequest {
                kind,
                channel: desk_core::person::Channel::InPerson,
                received_on,
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
        .expect("intake")
}

/// Record an in-person photo-ID verification that verifies the requester.
pub fn verify(store: &mut Store, request_id: i64) -> i64 {
    store
        .record_verification(&desk_store::NewVerification {
            request_id,
            method: desk_store::VerificationMethod::PhotoId,
            document_type: "Florida driver licence".into(),
            document_last_digits: "4321".into(),
            document_expires_on: Some(d("2099-01-01")),
            outcome: desk_store::VerificationOutcome::Verified,
            note: String::new(),
            attachment_id: None,
            corrects_id: None,
            escalations: Vec::new(),
        })
        .expect("verified")
}

/// The smallest files each format starts with.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
pub const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
pub const PDF: &[u8] = b"%PDF-1.7\n%test letter\n%%EOF\n";

/// The last audit row's action.
pub fn last_action(store: &Store) -> String {
    store.recent_audit(1).expect("audit")[0].action.clone()
}

/// The field an `Error::Invalid` names (panics on any other error, naming it).
pub fn field_of(e: desk_store::Error) -> &'static str {
    match e {
        desk_store::Error::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}
