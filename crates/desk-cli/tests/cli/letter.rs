//! `records-desk letter render` against the CLI.md contract: the example renders; unusable
//! input exits 2 with one line naming the field, nothing on standard output, and no file.

use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `records-desk letter render --input - --out OUT` with `input` on standard input.
fn render_stdin(input: &str, out: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_records-desk"))
        .args(["letter", "render", "--input", "-", "--out"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("the binary finishes");
    Run {
        code: out.status.code().expect("exits normally"),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// The CLI.md example, verbatim.
fn example() -> Value {
    json!({
      "letter": "access_response",
      "dated": "2025-03-10",
      "organization": {
        "name": "Sample County", "plan_name": "Sample County Group Health Plan",
        "department": "Human Resources Department",
        "address": ["1840 25th Street", "Vero Beach, FL 32960"],
        "phone": "772-567-8000 ext. 1448", "fax": "772-770-5004",
        "privacy_official": { "name": "Pat Official", "title": "Benefits/Payroll Administrator" }
      },
      "recipient": { "name": "Jane Q. Participant", "address": ["12 Palm Ave", "Vero Beach, FL 32960"] },
      "received_on": "2025-03-03",
      "outcome": { "denial": { "grounds": ["psychotherapy_notes"], "explanation": "The records you asked for are psychotherapy notes." } }
    })
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_example_renders_a_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("letter.pdf");
    let input = dir.path().join("input.json");
    std::fs::write(&input, example().to_string()).expect("input written");
    let run = Command::new(env!("CARGO_BIN_EXE_records-desk"))
        .args(["letter", "render", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "the example renders: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "nothing on standard output");
    let bytes = std::fs::read(&out).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = pdftotext(&out);
    for s in [
        "Sample County Group Health Plan",
        "Human Resources Department",
        "772-770-5004",
        "Personal & Confidential",
        "Jane Q. Participant",
        "12 Palm Ave",
        "March 10, 2025",
        "March 3, 2025",
        "psychotherapy notes",
        "Office for Civil Rights",
        "Pat Official",
        "Benefits/Payroll Administrator",
        "Signature of Plan Representative",
    ] {
        assert!(text.contains(s), "the letter says {s:?}: {text}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "only input and PDF, no temp files: {leftovers:?}"
    );
}

#[test]
fn every_letter_and_outcome_renders_from_stdin() {
    let outcomes = [
        (
            "access_response",
            json!({"grant": {"access": "Copies will be mailed.", "format": "paper", "available_on": "2025-03-20", "fee_cents": 650}}),
        ),
        (
            "access_response",
            json!({"extension": {"reason": "Records are off site.", "respond_by": "2025-05-02"}}),
        ),
        (
            "access_response",
            json!({"denial": {"grounds": ["endangerment", "inmate"], "explanation": "See the reasons."}}),
        ),
        (
            "amendment_response",
            json!({"grant": {"notify": [{"name": "Dr. Alan Smith", "address": ["40 Main St", "Vero Beach FL 32960"]}]}}),
        ),
        ("amendment_response", json!({"grant": {"notify": []}})),
        (
            "amendment_response",
            json!({"extension": {"reason": "Waiting for records.", "respond_by": "2025-06-01"}}),
        ),
        (
            "amendment_response",
            json!({"denial": {"grounds": ["accurate_and_complete"], "explanation": "The record is correct."}}),
        ),
        (
            "restriction_response",
            json!({"agreed": {"restriction": "No disclosure to my spouse.", "business_associates": ["Blue Cross"]}}),
        ),
        (
            "restriction_response",
            json!({"denied": {"reason": "Not feasible."}}),
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, (letter, outcome)) in outcomes.into_iter().enumerate() {
        let mut input = example();
        input["letter"] = json!(letter);
        input["outcome"] = outcome.clone();
        let out = dir.path().join(format!("{i}.pdf"));
        let run = render_stdin(&input.to_string(), &out);
        assert_eq!(run.code, 0, "{letter} {outcome}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "nothing on standard output");
        assert!(out.exists(), "{letter} {outcome}: PDF written");
        let text = pdftotext(&out);
        assert!(
            text.contains("March 10, 2025") && text.contains("Jane Q. Participant"),
            "{letter}: {text}"
        );
    }
}

/// Sets `pointer` in the example to `value` (None removes it).
fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut doc = example();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let target = doc.pointer_mut(parent).expect("parent exists");
    match (target, value) {
        (Value::Object(map), Some(v)) => {
            map.insert(key.to_string(), v);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(items), Some(v)) => {
            items[key.parse::<usize>().expect("index")] = v;
        }
        _ => panic!("unsupported pointer {pointer}"),
    }
    doc
}

#[test]
fn unusable_input_exits_2_naming_the_field_and_writes_nothing() {
    let cases: Vec<(String, &str)> = vec![
        ("{not json".to_string(), "input"),
        (with("/letter", Some(json!("welcome_letter"))).to_string(), "letter"),
        (with("/dated", Some(json!("2025-02-30"))).to_string(), "dated"),
        (with("/dated", Some(json!("2025-3-10"))).to_string(), "dated"),
        (with("/dated", None).to_string(), "dated"),
        (with("/received_on", Some(json!("2025-13-01"))).to_string(), "received_on"),
        (with("/surprise", Some(json!(1))).to_string(), "surprise"),
        (with("/organization/motto", Some(json!("x"))).to_string(), "organization.motto"),
        (with("/organization/privacy_official/email", Some(json!("x"))).to_string(), "organization.privacy_official.email"),
        (with("/organization/business_associates", Some(json!([{"name": "Blue Cross"}]))).to_string(), "organization.business_associates"),
        (with("/organization/business_associates", Some(json!([]))).to_string(), "organization.business_associates"),
        (with("/organization/privacy_official/name", Some(json!("   "))).to_string(), "organization.privacy_official.name"),
        (with("/organization/fax", Some(json!(""))).to_string(), "organization.fax"),
        (with("/organization/phone", None).to_string(), "organization.phone"),
        (with("/organization/address", Some(json!([]))).to_string(), "organization.address"),
        (with("/recipient/name", Some(json!(" \t "))).to_string(), "recipient.name"),
        (with("/recipient/address/1", Some(json!(""))).to_string(), "recipient.address[1]"),
        (with("/recipient/address", Some(json!([]))).to_string(), "recipient.address"),
        (with("/recipient/zip", Some(json!("32960"))).to_string(), "recipient.zip"),
        (with("/outcome", Some(json!({"agreed": {"restriction": "x", "business_associates": []}}))).to_string(), "outcome"),
        (with("/outcome/denial/grounds", Some(json!([]))).to_string(), "outcome.denial.grounds"),
        (with("/outcome/denial/grounds", Some(json!(["accurate_and_complete"]))).to_string(), "outcome.denial.grounds[0]"),
        (with("/outcome/denial/grounds", Some(json!(["psychotherapy_notes", "because"]))).to_string(), "outcome.denial.grounds[1]"),
        (with("/outcome/denial/explanation", Some(json!(""))).to_string(), "outcome.denial.explanation"),
        (with("/outcome/denial/note", Some(json!("x"))).to_string(), "outcome.denial.note"),
        (with("/outcome", Some(json!({"grant": {"access": "x", "format": "fax", "available_on": "2025-03-20", "fee_cents": 0}}))).to_string(), "outcome.grant.format"),
        (with("/outcome", Some(json!({"grant": {"access": "x", "format": "paper", "available_on": "2025-02-29", "fee_cents": 0}}))).to_string(), "outcome.grant.available_on"),
        (with("/outcome", Some(json!({"grant": {"access": "x", "format": "paper", "available_on": "2025-03-20", "fee_cents": -5}}))).to_string(), "outcome.grant.fee_cents"),
        (with("/outcome", Some(json!({"extension": {"reason": "x"}}))).to_string(), "outcome.extension.respond_by"),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, (input, field)) in cases.iter().enumerate() {
        let out = dir.path().join(format!("case-{i}.pdf"));
        let run = render_stdin(input, &out);
        assert_eq!(
            run.code, 2,
            "case {i} ({field}) is unusable: {}",
            run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "case {i}: nothing on standard output"
        );
        assert_eq!(
            run.stderr.trim_end().lines().count(),
            1,
            "case {i}: one line: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(field),
            "case {i}: the message names {field:?}: {}",
            run.stderr
        );
        assert!(!out.exists(), "case {i} ({field}): no file written");
        // The field is named once: `organization.motto`, never `organization.motto.motto`.
        let last = field.rsplit('.').next().unwrap_or(field);
        assert!(
            !run.stderr.contains(&format!("{last}.{last}")),
            "case {i}: {field:?} is named once: {}",
            run.stderr
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert!(left.is_empty(), "no temporary files left behind");
}

#[test]
fn amendment_and_restriction_outcomes_of_the_wrong_kind_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "amendment_response",
            json!({"denial": {"grounds": ["psychotherapy_notes"], "explanation": "x"}}),
            "outcome.denial.grounds[0]",
        ),
        (
            "amendment_response",
            json!({"agreed": {"restriction": "x", "business_associates": []}}),
            "outcome",
        ),
        (
            "amendment_response",
            json!({"grant": {"notify": [{"name": "", "address": ["x"]}]}}),
            "outcome.grant.notify[0].name",
        ),
        (
            "restriction_response",
            json!({"grant": {"access": "x", "format": "paper", "available_on": "2025-03-20", "fee_cents": 0}}),
            "outcome",
        ),
        (
            "restriction_response",
            json!({"agreed": {"restriction": "  "  , "business_associates": []}}),
            "outcome.agreed.restriction",
        ),
        (
            "restriction_response",
            json!({"agreed": {"restriction": "x"}}),
            "outcome.agreed.business_associates",
        ),
        (
            "restriction_response",
            json!({"denied": {}}),
            "outcome.denied.reason",
        ),
    ];
    for (i, (letter, outcome, field)) in cases.into_iter().enumerate() {
        let mut input = example();
        input["letter"] = json!(letter);
        input["outcome"] = outcome;
        let out = dir.path().join(format!("{i}.pdf"));
        let run = render_stdin(&input.to_string(), &out);
        assert_eq!(run.code, 2, "{letter} case {i}: {}", run.stderr);
        assert!(
            run.stderr.contains(field),
            "{letter} case {i} names {field:?}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{letter} case {i}: no file");
    }
}

#[test]
fn an_unknown_key_is_named_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (pointer, field) in [
        ("/organization/motto", "organization.motto"),
        ("/recipient/zip", "recipient.zip"),
        ("/surprise", "surprise"),
        ("/outcome/denial/note", "outcome.denial.note"),
    ] {
        let out = dir.path().join("x.pdf");
        let run = render_stdin(&with(pointer, Some(json!("x"))).to_string(), &out);
        assert_eq!(run.code, 2, "{field}: unknown, refused");
        let named = run
            .stderr
            .trim_end()
            .strip_prefix("records-desk: ")
            .and_then(|rest| rest.split(':').next())
            .unwrap_or_default();
        assert_eq!(named, field, "the field, named once: {}", run.stderr);
    }
}

#[test]
fn two_processes_render_identical_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outcomes = [
        ("access_response", example()["outcome"].clone()),
        (
            "amendment_response",
            json!({"denial": {"grounds": ["accurate_and_complete"], "explanation": "The record is correct."}}),
        ),
        (
            "restriction_response",
            json!({"agreed": {"restriction": "No disclosure to my spouse.", "business_associates": ["Blue Cross"]}}),
        ),
    ];
    for (i, (letter, outcome)) in outcomes.into_iter().enumerate() {
        let mut input = example();
        input["letter"] = json!(letter);
        input["outcome"] = outcome;
        let path = dir.path().join(format!("input-{i}.json"));
        std::fs::write(&path, input.to_string()).expect("input written");
        let runs: Vec<Vec<u8>> = ["a", "b"]
            .iter()
            .map(|run| {
                let out = dir.path().join(format!("{i}-{run}.pdf"));
                let status = Command::new(env!("CARGO_BIN_EXE_records-desk"))
                    .args(["letter", "render", "--input"])
                    .arg(&path)
                    .arg("--out")
                    .arg(&out)
                    .status()
                    .expect("runs");
                assert!(status.success(), "{letter}: renders");
                std::fs::read(&out).expect("PDF written")
            })
            .collect();
        assert!(
            runs[0] == runs[1],
            "{letter}: two processes, same input, same bytes ({} and {} bytes)",
            runs[0].len(),
            runs[1].len()
        );
    }
}
