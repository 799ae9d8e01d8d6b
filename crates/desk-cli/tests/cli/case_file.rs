//! `records-desk case-file`: a request's case file from the same operation the request page
//! calls; the export is audited.

use crate::store::{demo, open_as, run, text};

const STAFF_PASSWORD: &str = "demo-staff-pass";

fn case_file(db: &str, request: &str, out: &str) -> std::process::Output {
    run(
        &[
            "case-file",
            request,
            "--out",
            out,
            "--db",
            db,
            "--as",
            "staff",
            "--password-stdin",
        ],
        &format!("{STAFF_PASSWORD}\n"),
    )
}

#[test]
fn a_case_file_is_written_audited_and_an_unknown_request_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let dbs = db.to_str().expect("path");

    // A case with letters sent: the demo's answered cases.
    let opened = open_as(&db, "staff", STAFF_PASSWORD);
    let rows = desk_office::cases::all(&opened.store).expect("every case");
    let id = rows
        .iter()
        .map(|r| r.id)
        .find(|&id| {
            opened
                .store
                .letters_of(id)
                .expect("letters")
                .iter()
                .any(|l| !l.deliveries.is_empty())
        })
        .expect("the demo has a case with a letter sent");
    let letters = opened.store.letters_of(id).expect("letters");
    desk_office::session::sign_out(opened.store).expect("sign out");

    let out = dir.path().join("case.pdf");
    let outs = out.to_str().expect("path");
    let done = case_file(dbs, &format!("#{id}"), outs);
    assert!(
        done.status.success(),
        "case-file succeeds: {}",
        text(&done.stderr)
    );
    assert!(
        text(&done.stdout).contains(&format!("case file of request {id} written")),
        "says what it wrote: {}",
        text(&done.stdout)
    );
    let pdf = std::fs::read(&out).expect("the PDF is written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read the case file");
    }
    let pdf_text = {
        let t = std::process::Command::new("pdftotext")
            .arg(&out)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        String::from_utf8_lossy(&t.stdout).into_owned()
    };
    for l in &letters {
        assert!(
            pdf_text.contains(&l.sha256),
            "letter {}'s SHA-256 is in the case file",
            l.id
        );
    }

    let opened = open_as(&db, "staff", STAFF_PASSWORD);
    let recent = opened.store.recent_audit(10).expect("audit");
    desk_office::session::sign_out(opened.store).expect("sign out");
    assert!(
        recent.iter().any(|e| e.action == "request.case_file"
            && e.entity == "request"
            && e.entity_id == Some(id)),
        "the export is in the audit log: {recent:?}"
    );

    let again = case_file(dbs, &id.to_string(), outs);
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing file is not replaced"
    );
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    let missing = dir.path().join("missing.pdf");
    let unknown = case_file(dbs, "999999", missing.to_str().expect("path"));
    assert_eq!(
        unknown.status.code(),
        Some(1),
        "an unknown request is refused"
    );
    let stderr = text(&unknown.stderr);
    assert!(
        stderr.contains("request 999999") && stderr.contains("no such request"),
        "names the request and the problem: {stderr}"
    );
    assert!(
        !missing.exists(),
        "nothing is written for an unknown request"
    );
    assert!(unknown.stdout.is_empty(), "nothing on stdout");

    let bad = case_file(dbs, "forty-two", missing.to_str().expect("path"));
    assert!(!bad.status.success(), "a request number is a number");
    assert!(
        text(&bad.stderr).contains("REQUEST"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn every_subcommand_in_help_is_in_the_readme_s_cli_table_and_in_the_cli_reference() {
    let help = run(&["--help"], "");
    assert!(help.status.success());
    let help = text(&help.stdout);
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let reference =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/cli.md"))
            .expect("docs/cli.md");
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.contains(&"case-file"), "{commands:?}");
    for c in commands {
        assert!(
            readme.contains(&format!("| `records-desk {c}")),
            "the README's CLI table lists {c}"
        );
        assert!(
            reference.contains(&format!("records-desk {c}")),
            "docs/cli.md covers {c}"
        );
    }
}
