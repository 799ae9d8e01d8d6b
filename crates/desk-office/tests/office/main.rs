//! desk-office's operations over a real encrypted store, without any webview: for each
//! operation the normal path, a refusal (its field and code, and that nothing was written) and
//! the audit row it leaves.

mod accounting;
mod associate_accounting;
mod associates;
mod audit;
mod backup;
mod case_file;
mod cases;
mod dashboard;
mod decision;
mod demo;
mod dispute;
mod draft;
mod incidents;
mod intake;
mod integrity;
mod letter;
mod logbook;
mod participant;
mod recovery;
mod referral;
mod registers;
mod report;
mod request;
mod retention;
mod review;
mod roster;
mod session;
mod settings;

use std::fmt::Debug;
use std::path::PathBuf;

use chrono::{Days, NaiveDate, Utc};
use desk_core::accounting::AccountingStep;
use desk_core::complaint::ComplaintStage;
use desk_core::identity::{NextStep, VerificationOutcome};
use desk_core::organization::{BusinessAssociate, Organization};
use desk_core::person::{Channel, EmploymentStatus, Relationship, RequesterRole, Role};
use desk_core::request::{RequestKind, RequestStatus};
use desk_core::restriction::EndedBy;
use desk_core::Sensitive;
use desk_office::decision::{DecisionForm, OutcomeKind};
use desk_office::form::UploadForm;
use desk_office::intake::{EvidenceForm, IntakeForm};
use desk_office::{ErrorCode, Result};
use desk_store::{Address, AttachmentKind, AuditEntry, NewParticipant, Store};

pub const PO_USER: &str = "pat";
pub const PO_PASSWORD: &str = "correct horse battery";
pub const STAFF_USER: &str = "sam";
pub const STAFF_PASSWORD: &str = "sam-password-1";
/// The business associate every agreed restriction is told to.
pub const ASSOCIATE: &str = "Acme Claims Services";

/// The register id of the business associate named `name`.
pub fn associate_id(store: &Store, name: &str) -> i64 {
    store
        .associates()
        .expect("the register")
        .into_iter()
        .find(|e| e.associate.name == name)
        .unwrap_or_else(|| panic!("{name} is in the register"))
        .id
}

/// A 1×1 PNG that decodes (base64, as a picked file arrives).
pub const PNG_BASE64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
/// The smallest file a store takes as a PDF.
pub const PDF: &[u8] = b"%PDF-1.7\n%scan\n%%EOF\n";

pub fn pw(s: &str) -> Sensitive<String> {
    Sensitive::new(s.to_owned())
}

pub fn organization() -> Organization {
    Organization {
        business_associates: vec![BusinessAssociate {
            name: ASSOCIATE.into(),
            address: vec!["5 Side Street".into(), "Sampleton, FL 32960".into()],
        }],
        ..desk_store::fixture::sample_organization()
    }
}

/// A fresh encrypted database in its own folder, signed in as the Privacy Official.
pub struct Office {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
}

pub fn office() -> Office {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("records.db");
    let (store, _code) = Store::create(
        &path,
        &organization(),
        PO_USER,
        "Pat Official",
        &pw(PO_PASSWORD),
        Utc::now(),
    )
    .expect("a new database is created");
    Office { dir, path, store }
}

impl Office {
    /// Add the staff account `sam` (once) and sign in as sam beside the official's session.
    pub fn staff(&mut self) -> Store {
        if !self
            .store
            .list_users()
            .expect("users")
            .iter()
            .any(|u| u.username == STAFF_USER)
        {
            self.store
                .add_user(&desk_store::NewUser {
                    username: STAFF_USER.into(),
                    display_name: "Sam Staff".into(),
                    role: Role::Staff,
                    password: pw(STAFF_PASSWORD),
                })
                .expect("sam is added");
        }
        Store::sign_in(&self.path, STAFF_USER, &pw(STAFF_PASSWORD), Utc::now())
            .expect("sam signs in")
    }

    pub fn today(&self) -> NaiveDate {
        desk_office::today(&self.store)
    }

    /// An employee on file. Returns their id.
    pub fn employee(&mut self, employee_id: &str, last: &str, first: &str) -> i64 {
        self.store
            .add_participant(&employee(employee_id, last, first, "1980-01-01"))
            .expect("employee added")
    }

    /// A child enrolled under `parent`'s coverage. Returns their id.
    pub fn child(&mut self, parent: i64, first: &str, born: &str) -> i64 {
        self.store
            .add_dependent(&dependent("Doe", first, born), parent, Relationship::Child)
            .expect("dependent added")
    }

    /// A request of `kind` from participant `p` themselves, verified in person, received
    /// `days_ago` days before the office's day, through the intake operation. Returns its id.
    pub fn request_from(&mut self, p: i64, kind: &str, days_ago: u64) -> i64 {
        let received = self.today() - Days::new(days_ago);
        let form = intake(kind, evidence(p, received));
        let done = desk_office::intake::log(&mut self.store, &form).expect("the request is logged");
        assert!(
            done.verification.sufficient,
            "a photo ID seen in person that matches verifies the individual"
        );
        done.request_id
    }

    /// A new employee with a verified request of `kind` received today. Returns (participant,
    /// request).
    pub fn request(&mut self, kind: &str) -> (i64, i64) {
        let n = self.store.count_participants().expect("count");
        let p = self.employee(&format!("E{n:04}"), "Doe", "Jan");
        (p, self.request_from(p, kind, 0))
    }
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
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

/// The individual, in person, with a matching driver's licence copied to the file.
pub fn evidence(participant_id: i64, received_on: NaiveDate) -> EvidenceForm {
    EvidenceForm {
        role: "individual".into(),
        channel: "in_person".into(),
        received_on,
        participant_id,
        requester_participant_id: None,
        photo_id_kind: Some("drivers_licence".into()),
        photo_id_matches: true,
        copy_filed: true,
        photo_id_expires_on: None,
        ssn_digits: None,
        origin_known: false,
        representative_document: None,
        official_credentials: false,
        government_letterhead: false,
        statement_of_legal_authority: false,
        legal_process: None,
        authorization_id: None,
        doubt: false,
        state_law_concern: false,
    }
}

pub fn intake(kind: &str, evidence: EvidenceForm) -> IntakeForm {
    IntakeForm {
        kind: kind.into(),
        evidence,
        requester: None,
        details: "claims history for 2024".into(),
        scan: None,
    }
}

/// A decision form with every field blank.
pub fn decision_form(request_id: i64, outcome: OutcomeKind) -> DecisionForm {
    DecisionForm::new(request_id, outcome)
}

/// An access grant: paper copies by mail, ready in five days, no fee.
pub fn grant_form(request_id: i64, today: NaiveDate) -> DecisionForm {
    DecisionForm {
        access: "Copies mailed to the address on file".into(),
        format: "paper".into(),
        available_on: Some(today + Days::new(5)),
        ..decision_form(request_id, OutcomeKind::Grant)
    }
}

/// An access denial on an unreviewable ground.
pub fn denial_form(request_id: i64) -> DecisionForm {
    DecisionForm {
        grounds: vec!["psychotherapy_notes".into()],
        explanation: "The records asked for are psychotherapy notes.".into(),
        ..decision_form(request_id, OutcomeKind::Denial)
    }
}

pub fn upload(file_name: &str, bytes: &[u8]) -> UploadForm {
    use base64::Engine;
    UploadForm {
        file_name: file_name.into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

pub fn audit_count(store: &Store) -> i64 {
    store.audit_count().expect("audit count")
}

/// The audit rows written since the log held `before` rows, oldest first.
pub fn audit_since(store: &Store, before: i64) -> Vec<AuditEntry> {
    let n = u32::try_from(audit_count(store) - before).expect("rows were added, not removed");
    let mut rows = store.recent_audit(n).expect("recent audit");
    rows.reverse();
    rows
}

/// The actions written since the log held `before` rows, oldest first.
pub fn actions_since(store: &Store, before: i64) -> Vec<String> {
    audit_since(store, before)
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// The row with `action` among those written since `before`, or a panic naming what was there.
#[track_caller]
pub fn audited(store: &Store, before: i64, action: &str) -> AuditEntry {
    let rows = audit_since(store, before);
    let found: Vec<String> = rows.iter().map(|r| r.action.clone()).collect();
    rows.into_iter()
        .find(|r| r.action == action)
        .unwrap_or_else(|| panic!("expected an audit row {action}, got {found:?}"))
}

/// A refusal on `field` with code Validation.
#[track_caller]
pub fn refused_on<T: Debug>(result: Result<T>, field: &str, why: &str) -> desk_office::Error {
    match result {
        Ok(v) => panic!("{why}: expected a refusal on {field}, got Ok({v:?})"),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation, "{why}: {e:?}");
            assert_eq!(e.field.as_deref(), Some(field), "{why}: {e:?}");
            assert!(!e.message.is_empty(), "{why}: a refusal says why");
            e
        }
    }
}

/// A refusal with `code` (and no field).
#[track_caller]
pub fn refused_with<T: Debug>(result: Result<T>, code: ErrorCode, why: &str) -> desk_office::Error {
    match result {
        Ok(v) => panic!("{why}: expected {code:?}, got Ok({v:?})"),
        Err(e) => {
            assert_eq!(e.code, code, "{why}: {e:?}");
            e
        }
    }
}

/// Run `f` and check that it wrote nothing to the audit log (every write appends to it).
#[track_caller]
pub fn writes_nothing<T>(store: &mut Store, f: impl FnOnce(&mut Store) -> T) -> T {
    let before = audit_count(store);
    let out = f(store);
    assert_eq!(
        audit_count(store),
        before,
        "a refused or read-only operation leaves the audit log as it was"
    );
    out
}

#[track_caller]
pub fn assert_pdf(bytes: &[u8], what: &str) {
    assert!(
        bytes.starts_with(b"%PDF"),
        "{what} is a PDF document (starts with %PDF)"
    );
    assert!(bytes.len() > 500, "{what} has content, not just a header");
}

/// A PDF's text, by pdftotext (poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The minimum-necessary marking a disclosure on `basis` needs: for the Privacy Official's
/// review where the standard applies, none where it does not.
/// (None for a code outside desk-core's list, which the basis check refuses.)
pub fn marking(basis: &str) -> Option<desk_core::minimum::MinimumNecessary> {
    let basis: desk_core::disclosure::Basis =
        serde_json::from_value(serde_json::Value::String(basis.into())).ok()?;
    desk_core::minimum::applies(basis).then_some(desk_core::minimum::MinimumNecessary::Reviewed)
}
