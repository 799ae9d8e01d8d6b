//! desk-store over real SQLCipher files.

mod accounts;
mod audit;
mod encryption;
mod errors;
mod migration;
mod participants;
mod requests;
mod schema;

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
