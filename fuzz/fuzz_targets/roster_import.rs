//! The roster import (`records-desk import roster`, the app's roster screen): arbitrary bytes
//! as the enrollment export, checked by desk-office's `roster::check`, the reading every import
//! runs before it writes. The database is made once per process (in `TMPDIR`), with one
//! employee on file so the checks against the file are reached. Every text is either good, or
//! refused with each problem naming its line and column, or refused whole on `csv` at the
//! header; nothing panics.
#![no_main]

use desk_core::Sensitive;
use desk_office::error::ErrorCode;
use desk_office::roster::{self, RosterForm};
use desk_store::Store;
use libfuzzer_sys::fuzz_target;

const HEADER: &str = "record_type,employee_id,dependent_of,relationship,last_name,first_name,\
date_of_birth,address_line1,address_line2,city,state,zip,phone,employment_status,status_date,\
ssn_last4";

struct Office {
    store: Store,
    _dir: tempfile::TempDir,
}

thread_local! {
    /// The store is not `Sync`; libFuzzer runs the target on one thread.
    static OFFICE: Office = office();
}

fn office() -> Office {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let organization =
        serde_json::from_str(include_str!("../../assets/organization.json")).expect("profile");
    let (mut store, _code) = Store::create(
        &dir.path().join("records.db"),
        &organization,
        "pat",
        "Pat Official",
        &Sensitive::new("fuzzing-official-pass".to_owned()),
        chrono::Utc::now(),
    )
    .expect("a new database");
    let on_file = format!("{HEADER}\nemployee,SC20000,,,Doe,Jan,1970-01-01,,,,,,,active,,\n");
    match roster::import(&mut store, &RosterForm { csv: on_file }) {
        Ok(roster::RosterImport::Imported { employees: 1, .. }) => {}
        other => panic!("the employee on file: {other:?}"),
    }
    Office { store, _dir: dir }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let form = RosterForm {
        csv: text.to_owned(),
    };
    match OFFICE.with(|office| roster::check(&office.store, &form)) {
        Ok(problems) => {
            for p in &problems {
                assert!(
                    p.line > 0 && !p.column.trim().is_empty() && !p.message.trim().is_empty(),
                    "every problem names its line and column: {p}"
                );
            }
        }
        Err(e) => {
            assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
            assert_eq!(
                e.field.as_deref(),
                Some("csv"),
                "refused whole on csv: {e:?}"
            );
        }
    }
});
