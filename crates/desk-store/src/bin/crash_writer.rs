//! Test helper for the crash harness (feature `fixtures`, never shipped): opens the database
//! given as the first argument with the data key in `DESK_CRASH_KEY` (hex) as user
//! `DESK_CRASH_USER`, then takes in requests for participant 1 in a loop, each one write of a
//! requester, the request, its scan and its verification, and prints `committed <id>` (flushed)
//! after each commit, until it is killed.

use std::io::Write;
use std::path::PathBuf;

use desk_core::person::{Channel, RequesterRole};
use desk_core::request::RequestKind;
use desk_core::Sensitive;
use desk_store::{
    AttachmentKind, NewAttachment, NewIntake, NewRequest, NewRequester, NewVerification,
    VerificationMethod, VerificationOutcome,
};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash-writer: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(std::env::args().nth(1).ok_or("no database path")?);
    let hex_key = std::env::var("DESK_CRASH_KEY")?;
    let user = std::env::var("DESK_CRASH_USER")?;
    let bytes = hex::decode(hex_key.trim())?;
    let key: [u8; 32] = bytes.try_into().map_err(|_| "the key is not 32 bytes")?;
    let mut store = desk_store::fixture::open_with_key(&path, &Sensitive::new(key), &user)?;
    let received_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).ok_or("date")?;
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let id = store.intake(&NewIntake {
            request: NewRequest {
                kind: RequestKind::Access,
                channel: Channel::InPerson,
                received_on,
                participant_id: 1,
                requester_role: RequesterRole::PersonalRepresentative,
                requester_id: None,
                due_on: None,
                summary: format!("crash run request {n}"),
            },
            requester: Some(NewRequester {
                role: RequesterRole::PersonalRepresentative,
                participant_id: None,
                name: format!("Representative {n}"),
                organization: String::new(),
                address: vec!["1 Main Street".into(), "Sampleton, FL 32960".into()],
                phone: "555-010-0000".into(),
                authority: "power of attorney".into(),
            }),
            scan: Some(NewAttachment {
                request_id: None,
                kind: AttachmentKind::LegalDocument,
                file_name: "poa.pdf".into(),
                bytes: format!("%PDF-1.7\n%scan {n}\n{}\n%%EOF\n", "x".repeat(2000)).into_bytes(),
                corrects_id: None,
            }),
            verification: Some(NewVerification {
                request_id: 0,
                method: VerificationMethod::LegalDocument,
                document_type: "power of attorney".into(),
                document_last_digits: String::new(),
                document_expires_on: None,
                outcome: VerificationOutcome::Verified,
                note: String::new(),
                attachment_id: None,
                corrects_id: None,
                escalations: Vec::new(),
            }),
            awaiting_written_request: false,
            authorization_id: None,
        })?;
        writeln!(out, "committed {id}")?;
        out.flush()?;
    }
    Ok(())
}
