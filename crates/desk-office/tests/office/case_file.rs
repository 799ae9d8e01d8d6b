//! The case file: one PDF with the timeline of every audit event of the case, the clock's
//! working, and every letter with its SHA-256 and its exact bytes.

use desk_office::request::NoteForm;
use desk_office::{case_file, decision, letter, request, response};
use desk_store::NoteKind;

use super::*;

fn at(day: &str) -> chrono::DateTime<Utc> {
    format!("{day}T15:00:00Z").parse().expect("moment")
}

/// The SHA-256 of each file `pdfdetach` saves from `pdf`, sorted.
fn attached_hashes(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("case.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out_dir = dir.path().join("files");
    std::fs::create_dir(&out_dir).expect("folder");
    let out = std::process::Command::new("pdfdetach")
        .arg("-saveall")
        .arg("-o")
        .arg(&out_dir)
        .arg(&path)
        .output()
        .expect("pdfdetach (poppler-utils) is installed");
    assert!(out.status.success(), "pdfdetach reads the attachments");
    let mut hashes = Vec::new();
    for entry in std::fs::read_dir(&out_dir).expect("saved files") {
        let file = entry.expect("entry").path();
        let sum = std::process::Command::new("sha256sum")
            .arg(&file)
            .output()
            .expect("sha256sum");
        let text = String::from_utf8_lossy(&sum.stdout).into_owned();
        hashes.push(text.split_whitespace().next().expect("a hash").to_owned());
    }
    hashes.sort();
    hashes
}

#[test]
fn the_case_file_holds_every_audit_event_the_clock_s_working_and_each_letter() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("demo.db");
    let account = desk_office::setup::FirstOfficial {
        username: PO_USER.into(),
        display_name: "Pat Official".into(),
        password: pw(PO_PASSWORD),
    };
    let (opened, _code) =
        desk_office::demo::create(&path, &organization(), &account, at("2026-03-02"))
            .expect("a demo database, on its own clock");
    let mut o = Office {
        dir,
        path,
        store: opened.store,
    };
    // Another case, whose events must stay out of this one's file.
    let other = o.request("access").1;
    let p = o.employee("E1", "Doe", "Jan");
    let r = o.request_from(p, "access", 0);
    assert_ne!(other, r);

    desk_office::demo::set_clock(&mut o.store, at("2026-03-20")).expect("clock");
    request::note(
        &mut o.store,
        &NoteForm {
            request_id: r,
            kind: NoteKind::PhoneCall,
            on_day: "2026-03-20".into(),
            text: "Called to ask how long it takes.".into(),
            corrects_id: None,
        },
    )
    .expect("the call is taken down");

    desk_office::demo::set_clock(&mut o.store, at("2026-03-28")).expect("clock");
    let form = DecisionForm {
        reason: "The records are kept at an offsite archive.".into(),
        ..decision_form(r, OutcomeKind::Extension)
    };
    decision::record(&mut o.store, &form).expect("extended");
    let notice = response::respond(&mut o.store, r).expect("the extension notice");
    letter::mark_sent(
        &mut o.store,
        notice.letter_id,
        letter::Delivery::Mail,
        "2026-03-28",
    )
    .expect("mailed that day");

    desk_office::demo::set_clock(&mut o.store, at("2026-04-20")).expect("clock");
    decision::record(&mut o.store, &grant_form(r, d("2026-04-20"))).expect("granted");
    let answer = response::respond(&mut o.store, r).expect("the response letter");
    letter::mark_sent(
        &mut o.store,
        answer.letter_id,
        letter::Delivery::Mail,
        "2026-04-20",
    )
    .expect("mailed");

    let working = "received 2026-03-02; 30 days → 2026-04-01; extension noticed 2026-03-28 \
                   (mailed that day) → 2026-05-01; answered 2026-04-20, on time";
    let page = request::page(&mut o.store, r).expect("page");
    assert_eq!(
        page.clock_working, working,
        "the request page explains its due date"
    );

    let events = o.store.case_audit(r).expect("the case's audit rows");
    let letters = o.store.letters_of(r).expect("letters");
    assert_eq!(letters.len(), 2, "the extension notice and the response");
    let before = audit_count(&o.store);
    let pdf = case_file::pdf(&mut o.store, r).expect("the case file");
    assert_pdf(&pdf, "the case file");

    let exported = audited(&o.store, before, "request.case_file");
    assert_eq!(
        (exported.entity.as_str(), exported.entity_id),
        ("request", Some(r)),
        "the export is audited against the request"
    );

    let text = pdf_text(&pdf);
    if let Ok(out) = std::env::var("CASE_FILE_OUT") {
        std::fs::write(out, &pdf).expect("the case file is saved for a look");
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for action in [
        "request.create",
        "verification.record",
        "request.note",
        "request.extend",
        "decision.draft",
        "letter.store",
        "letter.deliver",
        "request.extension_mailed",
        "request.grant",
        "request.send_letter",
        "request.view",
    ] {
        assert!(
            events.iter().any(|e| e.action == action),
            "{action} is one of the case's audit rows: {events:?}"
        );
    }
    for e in &events {
        assert!(
            text.contains(&format!("({})", e.action)),
            "the timeline shows {} (row {}):\n{text}",
            e.action,
            e.seq
        );
        assert!(
            text.contains(&e.seq.to_string()),
            "the timeline shows row {}",
            e.seq
        );
    }
    let records: Vec<String> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == "request")
        .map(|w| w[1].to_owned())
        .collect();
    assert!(
        !records.contains(&other.to_string()),
        "nothing of the other case is in this one's file: {records:?}"
    );
    for l in &letters {
        assert!(
            text.contains(&l.sha256),
            "letter {}'s SHA-256 is printed: {}",
            l.id,
            l.sha256
        );
    }
    for step in working.split("; ") {
        assert!(
            flat.contains(step),
            "the case file shows the clock's step {step:?}:\n{text}"
        );
    }
    for needle in [
        "Called to ask how long it takes.",
        "Response to Inspection Request, mailed 2026-04-20. SHA-256:",
        "government photo ID",
    ] {
        assert!(
            flat.contains(needle),
            "the case file says {needle:?}:\n{text}"
        );
    }

    let mut stored: Vec<String> = letters.iter().map(|l| l.sha256.clone()).collect();
    stored.sort();
    assert_eq!(
        attached_hashes(&pdf),
        stored,
        "each letter's exact stored bytes are attached to the case file"
    );

    let e = case_file::pdf(&mut o.store, 9999).expect_err("no such request");
    assert_eq!(e.code, ErrorCode::NotFound, "{e:?}");
}
