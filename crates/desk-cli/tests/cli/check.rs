//! `records-desk check …` against the CLI.md contract: every example, the unusable-input rules,
//! and many rule cases, run through the built binary.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout must be one JSON document ({e}): {}", self.stdout))
    }
}

/// Runs `records-desk check <what> -` with `input` on standard input.
fn check_raw(what: &str, input: &str) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_records-desk"))
        .args(["check", what, "-"])
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
    Outcome {
        code: out.status.code().expect("exits normally"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn check(what: &str, input: &Value) -> Outcome {
    check_raw(what, &input.to_string())
}

/// Exit 2, one line on stderr naming `field`, nothing on stdout.
fn assert_unusable(what: &str, input: &str, field: &str, why: &str) {
    let out = check_raw(what, input);
    assert_eq!(
        out.code, 2,
        "{why}: unusable input exits 2 (stdout {:?}, stderr {:?})",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout.is_empty(),
        "{why}: nothing on stdout, got {:?}",
        out.stdout
    );
    assert_eq!(
        out.stderr.trim_end().lines().count(),
        1,
        "{why}: one line on stderr, got {:?}",
        out.stderr
    );
    assert!(
        out.stderr.contains(field),
        "{why}: stderr must name `{field}`, got {:?}",
        out.stderr
    );
}

/// Edits for [`with`]: (top-level or `a.b` key, value).
type Edits = Vec<(&'static str, Value)>;

/// Applies JSON-pointer-ish edits: (top-level or `a.b` key, value); `Value::Null` kept as null.
fn with(mut base: Value, edits: &[(&str, Value)]) -> Value {
    for (path, value) in edits {
        let mut target = &mut base;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            target = target.get_mut(*part).expect("edit path exists");
        }
        target[parts[parts.len() - 1]] = value.clone();
    }
    base
}

fn without(mut base: Value, path: &str) -> Value {
    let mut target = &mut base;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        target = target.get_mut(*part).expect("path exists");
    }
    target
        .as_object_mut()
        .expect("object")
        .remove(parts[parts.len() - 1]);
    base
}

// ---------------------------------------------------------------------------------------------
// check authorization
// ---------------------------------------------------------------------------------------------

fn authorization_example() -> Value {
    json!({
      "as_of": "2025-06-01",
      "information": "Claims and eligibility records for 2023 and 2024",
      "discloser": "Sample County Group Health Plan",
      "recipient": "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960",
      "purpose": "At the request of the individual",
      "expires": { "on": "2026-01-01" },
      "signed_on": "2025-05-01",
      "signer": { "name": "Jane Q. Participant", "capacity": "individual" },
      "statements": { "right_to_revoke": true, "conditioning": true, "redisclosure": true },
      "revoked_on": null,
      "subject": { "status": "active", "status_since": null }
    })
}

#[test]
fn authorization_example_is_valid() {
    let out = check("authorization", &authorization_example());
    assert_eq!(out.code, 0, "the CLI.md example is valid: {}", out.stderr);
    assert_eq!(
        out.json(),
        json!({"valid": true, "defects": [], "expires_on": "2026-01-01"}),
        "valid, no defects, ends on the date written"
    );
    assert!(out.stderr.is_empty(), "nothing on stderr when answered");
}

#[test]
fn authorization_from_a_file_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("auth.json");
    std::fs::write(&path, authorization_example().to_string()).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_records-desk"))
        .args(["check", "authorization"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "a file name works like stdin");
    let missing = Command::new(env!("CARGO_BIN_EXE_records-desk"))
        .args(["check", "authorization"])
        .arg(dir.path().join("nope.json"))
        .output()
        .expect("runs");
    assert_eq!(
        missing.status.code(),
        Some(2),
        "an unreadable file is unusable input"
    );
    assert!(
        missing.stdout.is_empty(),
        "nothing on stdout for an unreadable file"
    );
}

#[test]
fn authorization_rules() {
    let cases: Vec<(&str, Edits, &[&str], Value)> = vec![
        (
            "blank information",
            vec![("information", json!("  "))],
            &["information_missing"],
            json!("2026-01-01"),
        ),
        (
            "null discloser",
            vec![("discloser", Value::Null)],
            &["discloser_missing"],
            json!("2026-01-01"),
        ),
        (
            "empty recipient",
            vec![("recipient", json!(""))],
            &["recipient_missing"],
            json!("2026-01-01"),
        ),
        (
            "no purpose, no conditioning (county 2005 form)",
            vec![
                ("purpose", Value::Null),
                ("statements.conditioning", json!(false)),
            ],
            &["purpose_missing", "conditioning_statement_missing"],
            json!("2026-01-01"),
        ),
        (
            "expires null",
            vec![("expires", Value::Null)],
            &["expiration_missing"],
            Value::Null,
        ),
        (
            "open-ended other event",
            vec![("expires", json!({"event": "the end of the lawsuit"}))],
            &[],
            Value::Null,
        ),
        (
            "blank event",
            vec![("expires", json!({"event": " "}))],
            &["expiration_missing"],
            Value::Null,
        ),
        (
            "employment ends, active",
            vec![("expires", json!({"event": "employment_ends"}))],
            &[],
            Value::Null,
        ),
        (
            "employment ends, retiree",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                (
                    "subject",
                    json!({"status": "retiree", "status_since": "2020-01-01"}),
                ),
            ],
            &["expiration_missing"],
            Value::Null,
        ),
        (
            "employment ends, terminated before as_of",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                (
                    "subject",
                    json!({"status": "terminated", "status_since": "2025-05-31"}),
                ),
            ],
            &["expired"],
            json!("2025-05-31"),
        ),
        (
            "employment ends, terminated on as_of",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                (
                    "subject",
                    json!({"status": "terminated", "status_since": "2025-06-01"}),
                ),
            ],
            &[],
            json!("2025-06-01"),
        ),
        (
            "after_days from signed_on",
            vec![("expires", json!({"after_days": 31}))],
            &[],
            json!("2025-06-01"),
        ),
        (
            "after_days elapsed",
            vec![("expires", json!({"after_days": 30}))],
            &["expired"],
            json!("2025-05-31"),
        ),
        (
            "after_days with no signed_on",
            vec![
                ("expires", json!({"after_days": 30})),
                ("signed_on", Value::Null),
            ],
            &["date_missing"],
            Value::Null,
        ),
        (
            "expires on as_of is still valid",
            vec![("expires", json!({"on": "2025-06-01"}))],
            &[],
            json!("2025-06-01"),
        ),
        (
            "expired the day before",
            vec![("expires", json!({"on": "2025-05-31"}))],
            &["expired"],
            json!("2025-05-31"),
        ),
        (
            "unsigned",
            vec![("signer", Value::Null)],
            &["signature_missing"],
            json!("2026-01-01"),
        ),
        (
            "unsigned and undated",
            vec![("signer", Value::Null), ("signed_on", Value::Null)],
            &["signature_missing", "date_missing"],
            json!("2026-01-01"),
        ),
        (
            "blank signer name",
            vec![("signer", json!({"name": " ", "capacity": "individual"}))],
            &["signature_missing"],
            json!("2026-01-01"),
        ),
        (
            "blank signed_on",
            vec![("signed_on", json!(""))],
            &["date_missing"],
            json!("2026-01-01"),
        ),
        (
            "representative without authority",
            vec![(
                "signer",
                json!({"name": "Rob Rep", "capacity": "personal_representative"}),
            )],
            &["representative_authority_missing"],
            json!("2026-01-01"),
        ),
        (
            "representative with blank authority",
            vec![(
                "signer",
                json!({"name": "Rob Rep", "capacity": "personal_representative", "authority": "  "}),
            )],
            &["representative_authority_missing"],
            json!("2026-01-01"),
        ),
        (
            "blank representative: unsigned, and no authority either",
            vec![(
                "signer",
                json!({"name": "", "capacity": "personal_representative", "authority": null}),
            )],
            &["signature_missing", "representative_authority_missing"],
            json!("2026-01-01"),
        ),
        (
            "representative with authority",
            vec![(
                "signer",
                json!({"name": "Rob Rep", "capacity": "personal_representative", "authority": "Durable power of attorney"}),
            )],
            &[],
            json!("2026-01-01"),
        ),
        (
            "no statements",
            vec![(
                "statements",
                json!({"right_to_revoke": false, "conditioning": false, "redisclosure": false}),
            )],
            &[
                "revocation_statement_missing",
                "conditioning_statement_missing",
                "redisclosure_statement_missing",
            ],
            json!("2026-01-01"),
        ),
        (
            "revoked on as_of",
            vec![("revoked_on", json!("2025-06-01"))],
            &["revoked"],
            json!("2026-01-01"),
        ),
        (
            "revocation logged after as_of",
            vec![("revoked_on", json!("2025-06-02"))],
            &[],
            json!("2026-01-01"),
        ),
        (
            "expired and revoked, in order",
            vec![
                ("revoked_on", json!("2025-01-01")),
                ("expires", json!({"on": "2025-02-01"})),
            ],
            &["expired", "revoked"],
            json!("2025-02-01"),
        ),
        (
            "everything missing",
            vec![
                ("information", Value::Null),
                ("discloser", Value::Null),
                ("recipient", Value::Null),
                ("purpose", Value::Null),
                ("expires", Value::Null),
                ("signer", Value::Null),
                ("signed_on", Value::Null),
                (
                    "statements",
                    json!({"right_to_revoke": false, "conditioning": false, "redisclosure": false}),
                ),
            ],
            &[
                "information_missing",
                "discloser_missing",
                "recipient_missing",
                "purpose_missing",
                "expiration_missing",
                "signature_missing",
                "date_missing",
                "revocation_statement_missing",
                "conditioning_statement_missing",
                "redisclosure_statement_missing",
            ],
            Value::Null,
        ),
    ];
    for (why, edits, codes, expires_on) in cases {
        assert_authorization(
            why,
            &with(authorization_example(), &edits),
            codes,
            expires_on,
        );
    }
}

/// Checks one authorization: exit 0 or 1, the defect codes in order, `expires_on`.
fn assert_authorization(why: &str, input: &Value, codes: &[&str], expires_on: Value) {
    {
        let out = check("authorization", input);
        let want_code = if codes.is_empty() { 0 } else { 1 };
        assert_eq!(
            out.code, want_code,
            "{why}: exit 0 when valid, 1 when any defect ({})",
            out.stderr
        );
        let got = out.json();
        let got_codes: Vec<&str> = got["defects"]
            .as_array()
            .expect("defects list")
            .iter()
            .map(|d| d["code"].as_str().expect("code"))
            .collect();
        assert_eq!(got_codes, codes, "{why}: defects in CLI order");
        assert!(
            got["defects"]
                .as_array()
                .expect("list")
                .iter()
                .all(|d| d["message"].as_str().is_some_and(|m| !m.trim().is_empty())),
            "{why}: every defect explains itself"
        );
        assert_eq!(got["valid"], json!(codes.is_empty()), "{why}: valid");
        assert_eq!(got["expires_on"], expires_on, "{why}: expires_on");
        let keys: Vec<&String> = got.as_object().expect("object").keys().collect();
        assert_eq!(keys.len(), 3, "{why}: exactly valid, defects, expires_on");
    }
}

/// `statements` and its keys, left out or `null`, are statements missing (exit 1), as missing
/// text is; `subject`, left out or `null`, matters only to an `employment_ends` expiry.
#[test]
fn authorization_rules_for_absent_statements_and_subject() {
    let statement_codes = [
        ("right_to_revoke", "revocation_statement_missing"),
        ("conditioning", "conditioning_statement_missing"),
        ("redisclosure", "redisclosure_statement_missing"),
    ];
    let all = [
        "revocation_statement_missing",
        "conditioning_statement_missing",
        "redisclosure_statement_missing",
    ];
    let mut cases: Vec<(String, Value, Vec<&str>, Value)> = vec![
        (
            "statements left out".into(),
            without(authorization_example(), "statements"),
            all.to_vec(),
            json!("2026-01-01"),
        ),
        (
            "statements null".into(),
            with(authorization_example(), &[("statements", Value::Null)]),
            all.to_vec(),
            json!("2026-01-01"),
        ),
        (
            "statements empty".into(),
            with(authorization_example(), &[("statements", json!({}))]),
            all.to_vec(),
            json!("2026-01-01"),
        ),
        (
            "statements left out, and unsigned".into(),
            with(
                without(authorization_example(), "statements"),
                &[("signer", Value::Null)],
            ),
            vec!["signature_missing"].into_iter().chain(all).collect(),
            json!("2026-01-01"),
        ),
        (
            "statements null on an expired form".into(),
            with(
                authorization_example(),
                &[
                    ("statements", Value::Null),
                    ("expires", json!({"on": "2025-05-31"})),
                ],
            ),
            all.into_iter().chain(["expired"]).collect(),
            json!("2025-05-31"),
        ),
        (
            "subject left out, date expiry".into(),
            without(authorization_example(), "subject"),
            vec![],
            json!("2026-01-01"),
        ),
        (
            "subject null, date expiry".into(),
            with(authorization_example(), &[("subject", Value::Null)]),
            vec![],
            json!("2026-01-01"),
        ),
        (
            "subject null, other event".into(),
            with(
                authorization_example(),
                &[
                    ("subject", Value::Null),
                    ("expires", json!({"event": "the end of the lawsuit"})),
                ],
            ),
            vec![],
            Value::Null,
        ),
        (
            "subject left out, after_days".into(),
            with(
                without(authorization_example(), "subject"),
                &[("expires", json!({"after_days": 30}))],
            ),
            vec!["expired"],
            json!("2025-05-31"),
        ),
        (
            "subject null, no expiry".into(),
            with(
                authorization_example(),
                &[("subject", Value::Null), ("expires", Value::Null)],
            ),
            vec!["expiration_missing"],
            Value::Null,
        ),
    ];
    for (key, code) in statement_codes {
        let path = format!("statements.{key}");
        cases.push((
            format!("{path} left out"),
            without(authorization_example(), &path),
            vec![code],
            json!("2026-01-01"),
        ));
        cases.push((
            format!("{path} null"),
            with(authorization_example(), &[(path.as_str(), Value::Null)]),
            vec![code],
            json!("2026-01-01"),
        ));
    }
    for (why, input, codes, expires_on) in cases {
        assert_authorization(&why, &input, &codes, expires_on);
    }
}

#[test]
fn authorization_unusable_input() {
    let ex = authorization_example();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            r#"{"": 1}"#.to_owned(),
            "input:",
            "an empty key names no field: the input is named (found by the fuzzer)",
        ),
        (
            with(ex.clone(), &[("signer.capacity", json!("friend"))]).to_string(),
            "signer.capacity",
            "unknown capacity",
        ),
        (
            without(ex.clone(), "signer.capacity").to_string(),
            "signer.capacity",
            "capacity missing",
        ),
        (
            with(ex.clone(), &[("as_of", json!("2025-02-30"))]).to_string(),
            "as_of",
            "impossible date",
        ),
        (
            with(ex.clone(), &[("signed_on", json!("2025-13-01"))]).to_string(),
            "signed_on",
            "month 13",
        ),
        (
            with(ex.clone(), &[("revoked_on", json!("June 1"))]).to_string(),
            "revoked_on",
            "not ISO",
        ),
        (
            with(ex.clone(), &[("expires", json!({"on": "2025-02-29"}))]).to_string(),
            "expires.on",
            "2025 is no leap year",
        ),
        (
            with(ex.clone(), &[("as_of", json!(""))]).to_string(),
            "as_of",
            "blank as_of",
        ),
        (
            without(ex.clone(), "as_of").to_string(),
            "as_of",
            "as_of missing",
        ),
        (
            with(ex.clone(), &[("colour", json!("blue"))]).to_string(),
            "colour",
            "unknown top-level field",
        ),
        (
            with(ex.clone(), &[("signer.title", json!("Ms"))]).to_string(),
            "title",
            "unknown nested field",
        ),
        (
            with(ex.clone(), &[("statements.extra", json!(true))]).to_string(),
            "extra",
            "unknown statement",
        ),
        (
            with(ex.clone(), &[("subject.status", json!("deceased"))]).to_string(),
            "subject.status",
            "unknown status",
        ),
        (
            with(ex.clone(), &[("expires", json!({"after_days": -5}))]).to_string(),
            "expires.after_days",
            "negative days",
        ),
        (
            with(ex.clone(), &[("expires", json!({"after_days": 1.5}))]).to_string(),
            "expires.after_days",
            "fractional days",
        ),
        (
            with(ex.clone(), &[("expires", json!({"when": "2026-01-01"}))]).to_string(),
            "when",
            "unknown expiry kind",
        ),
        (
            with(
                ex.clone(),
                &[("expires", json!({"on": "2026-01-01", "after_days": 3}))],
            )
            .to_string(),
            "expires",
            "two expiries at once",
        ),
        (
            with(ex.clone(), &[("statements.conditioning", json!("yes"))]).to_string(),
            "statements.conditioning",
            "not a boolean",
        ),
        (
            with(
                ex.clone(),
                &[
                    ("expires", json!({"event": "employment_ends"})),
                    (
                        "subject",
                        json!({"status": "terminated", "status_since": null}),
                    ),
                ],
            )
            .to_string(),
            "subject.status_since",
            "terminated without a date under employment_ends",
        ),
        (
            with(
                without(ex.clone(), "subject"),
                &[("expires", json!({"event": "employment_ends"}))],
            )
            .to_string(),
            "subject",
            "employment_ends with no subject",
        ),
        (
            with(
                ex.clone(),
                &[
                    ("expires", json!({"event": "employment_ends"})),
                    ("subject", Value::Null),
                ],
            )
            .to_string(),
            "subject",
            "employment_ends with a null subject",
        ),
        (
            with(ex.clone(), &[("subject", json!({"status_since": null}))]).to_string(),
            "subject.status",
            "a subject without its status",
        ),
        (
            with(ex.clone(), &[("statements", json!(true))]).to_string(),
            "statements",
            "statements not an object",
        ),
        (
            with(ex.clone(), &[("statements.redisclosure", json!(1))]).to_string(),
            "statements.redisclosure",
            "a number for a statement",
        ),
        ("{\"as_of\": ".to_owned(), "", "truncated JSON"),
        (format!("{} {{}}", ex), "", "two documents"),
    ];
    for (input, field, why) in cases {
        assert_unusable("authorization", &input, field, why);
    }
}

// ---------------------------------------------------------------------------------------------
// check deadline
// ---------------------------------------------------------------------------------------------

#[test]
fn deadline_example() {
    let out = check(
        "deadline",
        &json!({ "right": "access", "received_on": "2025-01-31", "extension_noticed_on": null, "as_of": "2025-02-20" }),
    );
    assert_eq!(out.code, 0, "a computation exits 0: {}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        r#"{"due_on":"2025-03-02","extension":"none","effective_due_on":"2025-03-02","extension_available":true,"days_left":10,"overdue":false}"#,
        "fields in contract order, 30 calendar days across February"
    );
}

#[test]
fn deadline_rules() {
    /// The right, the date received, the notice's date, as of, the answer, why.
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        Value,
        &'static str,
    );
    let cases: &[Case] = &[
        (
            "access",
            "2025-01-31",
            Some("2025-03-02"),
            "2025-03-10",
            json!({"due_on": "2025-03-02", "extension": "valid", "effective_due_on": "2025-04-01", "extension_available": false, "days_left": 22, "overdue": false}),
            "notice on the due day is valid",
        ),
        (
            "access",
            "2025-01-31",
            Some("2025-03-03"),
            "2025-03-10",
            json!({"due_on": "2025-03-02", "extension": "late", "effective_due_on": "2025-03-02", "extension_available": false, "days_left": -8, "overdue": true}),
            "notice the day after is late",
        ),
        (
            "amendment",
            "2024-12-31",
            None,
            "2025-03-01",
            json!({"due_on": "2025-03-01", "extension": "none", "effective_due_on": "2025-03-01", "extension_available": true, "days_left": 0, "overdue": false}),
            "amendment: 60 days, due today",
        ),
        (
            "accounting",
            "2023-12-31",
            None,
            "2024-03-01",
            json!({"due_on": "2024-02-29", "extension": "none", "effective_due_on": "2024-02-29", "extension_available": false, "days_left": -1, "overdue": true}),
            "accounting: 60 days to a leap day, a day late",
        ),
        (
            "accounting",
            "2025-01-01",
            Some("2025-01-02"),
            "2025-01-05",
            json!({"due_on": "2025-03-02", "extension": "valid", "effective_due_on": "2025-04-01", "extension_available": false, "days_left": 86, "overdue": false}),
            "early notice is valid",
        ),
    ];
    for (right, received, noticed, as_of, want, why) in cases {
        let out = check(
            "deadline",
            &json!({"right": right, "received_on": received, "extension_noticed_on": noticed, "as_of": as_of}),
        );
        assert_eq!(out.code, 0, "{why}: always exit 0 ({})", out.stderr);
        assert_eq!(out.json(), *want, "{why}");
    }
}

#[test]
fn deadline_unusable_input() {
    let base = json!({ "right": "access", "received_on": "2025-01-31", "extension_noticed_on": null, "as_of": "2025-02-20" });
    let cases: Vec<(String, &str, &str)> = vec![
        (
            with(base.clone(), &[("right", json!("restriction"))]).to_string(),
            "right",
            "no clock for restrictions",
        ),
        (
            with(base.clone(), &[("received_on", json!("2025-02-30"))]).to_string(),
            "received_on",
            "impossible date",
        ),
        (
            with(
                base.clone(),
                &[("extension_noticed_on", json!("2025-04-31"))],
            )
            .to_string(),
            "extension_noticed_on",
            "impossible notice date",
        ),
        (
            without(base.clone(), "received_on").to_string(),
            "received_on",
            "missing received_on",
        ),
        (
            with(base.clone(), &[("as_of", json!(" "))]).to_string(),
            "as_of",
            "blank as_of",
        ),
        (
            with(base.clone(), &[("asof", json!("2025-02-20"))]).to_string(),
            "asof",
            "typo'd field",
        ),
        (
            with(base.clone(), &[("received_on", json!(20250131))]).to_string(),
            "received_on",
            "a number is not a date",
        ),
    ];
    for (input, field, why) in cases {
        assert_unusable("deadline", &input, field, why);
    }
}

#[test]
fn an_unusable_value_is_never_repeated_on_standard_error() {
    // A name typed where a yes/no belongs, a date of birth where a capacity belongs, an ID as
    // a number where a date belongs: the refusal names the field, and shows none of them.
    let base = authorization_example();
    let cases = [
        (
            with(
                base.clone(),
                &[("statements.conditioning", json!("Jane Q. Participant"))],
            ),
            "statements.conditioning",
            "Jane Q. Participant",
        ),
        (
            with(base.clone(), &[("signer.capacity", json!("1961-04-02"))]),
            "signer.capacity",
            "1961-04-02",
        ),
        (
            with(base.clone(), &[("signed_on", json!("1961-13-02"))]),
            "signed_on",
            "1961-13-02",
        ),
        (
            with(base, &[("as_of", json!(123456789))]),
            "as_of",
            "123456789",
        ),
    ];
    for (input, field, value) in cases {
        let out = check("authorization", &input);
        assert_eq!(out.code, 2, "{field}: {:?}", out.stderr);
        assert!(out.stderr.contains(field), "{:?}", out.stderr);
        assert!(
            !out.stderr.contains(value),
            "the value is not repeated: {:?}",
            out.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------
// check accounting
// ---------------------------------------------------------------------------------------------

fn accounting_example() -> Value {
    json!({
      "requested_on": "2025-06-01",
      "period": null,
      "previous_accounting_on": null,
      "pages": 2,
      "disclosures": [
        { "id": "d1", "on": "2024-02-03", "recipient": "Blue Cross", "description": "Claim 88", "purpose": "Payment", "basis": "payment" },
        { "id": "d2", "on": "2024-09-10", "recipient": "Circuit Court", "description": "Claims 2023", "purpose": "Subpoena", "basis": "judicial" }
      ],
      "suspensions": []
    })
}

fn disclosure(id: &str, on: &str, recipient: &str, basis: &str) -> Value {
    json!({"id": id, "on": on, "recipient": recipient, "description": "Claims", "purpose": "Legal", "basis": basis})
}

#[test]
fn accounting_example_output() {
    let out = check("accounting", &accounting_example());
    assert_eq!(out.code, 0, "a computation exits 0: {}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        r#"{"included":["d2"],"excluded":[{"id":"d1","reason":"payment"}],"free":true,"fee_cents":0}"#,
        "payment is never accounted; the first accounting is free"
    );
}

#[test]
fn accounting_rules() {
    let never = [
        "treatment",
        "payment",
        "operations",
        "to_individual",
        "incidental",
        "authorization",
        "national_security",
        "correctional_custody",
        "limited_data_set",
        "involvement_in_care",
    ];
    let accounted = [
        "required_by_law",
        "judicial",
        "law_enforcement",
        "public_health",
        "health_oversight",
        "abuse_neglect",
        "decedent",
        "organ_donation",
        "research",
        "serious_threat",
        "workers_compensation",
        "impermissible",
    ];
    let mut log = Vec::new();
    for (i, b) in never.iter().chain(accounted.iter()).enumerate() {
        log.push(disclosure(&format!("b{i}"), "2024-01-01", "Someone", b));
    }
    let out = check(
        "accounting",
        &with(accounting_example(), &[("disclosures", Value::Array(log))]),
    );
    let got = out.json();
    let excluded: Vec<(String, String)> = got["excluded"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| {
            (
                e["id"].as_str().expect("id").to_owned(),
                e["reason"].as_str().expect("reason").to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = never
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("b{i}"), (*b).to_owned()))
        .collect();
    assert_eq!(
        excluded, want,
        "the ten never-accounted bases are the reason, by name"
    );
    assert_eq!(
        got["included"].as_array().expect("list").len(),
        12,
        "the twelve others are accounted"
    );

    let cases: Vec<(&str, Edits, Value)> = vec![
        (
            "six-year boundary: same month and day is inside, the day before is out",
            vec![(
                "disclosures",
                json!([
                    disclosure("in", "2019-06-01", "Court", "judicial"),
                    disclosure("out", "2019-05-31", "Court", "judicial")
                ]),
            )],
            json!({"included": ["in"], "excluded": [{"id": "out", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "leap day request: six years back is 28 February",
            vec![
                ("requested_on", json!("2024-02-29")),
                (
                    "disclosures",
                    json!([
                        disclosure("in", "2018-02-28", "Court", "judicial"),
                        disclosure("out", "2018-02-27", "Court", "judicial")
                    ]),
                ),
            ],
            json!({"included": ["in"], "excluded": [{"id": "out", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "nothing before 14 April 2003",
            vec![
                ("requested_on", json!("2008-01-01")),
                (
                    "disclosures",
                    json!([
                        disclosure("in", "2003-04-14", "Court", "judicial"),
                        disclosure("out", "2003-04-13", "Court", "judicial")
                    ]),
                ),
            ],
            json!({"included": ["in"], "excluded": [{"id": "out", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "period limits both ends, inclusive",
            vec![
                ("period", json!({"from": "2024-01-01", "to": "2024-06-30"})),
                (
                    "disclosures",
                    json!([
                        disclosure("a", "2023-12-31", "C", "judicial"),
                        disclosure("b", "2024-01-01", "C", "judicial"),
                        disclosure("c", "2024-06-30", "C", "judicial"),
                        disclosure("d", "2024-07-01", "C", "judicial")
                    ]),
                ),
            ],
            json!({"included": ["b", "c"], "excluded": [{"id": "a", "reason": "outside_period"}, {"id": "d", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "after requested_on is outside",
            vec![(
                "disclosures",
                json!([disclosure("late", "2025-06-02", "C", "judicial")]),
            )],
            json!({"included": [], "excluded": [{"id": "late", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "date order, ties in input order",
            vec![(
                "disclosures",
                json!([
                    disclosure("z", "2024-05-01", "C", "judicial"),
                    disclosure("y", "2024-03-01", "C", "judicial"),
                    disclosure("x", "2024-05-01", "C", "judicial")
                ]),
            )],
            json!({"included": ["y", "z", "x"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
        (
            "active suspension holds back; a lapsed one does not; basis and period come first",
            vec![
                (
                    "disclosures",
                    json!([
                        disclosure("s", "2024-01-01", "Sheriff", "law_enforcement"),
                        disclosure("f", "2024-01-01", "FBI", "law_enforcement"),
                        disclosure("t", "2024-01-01", "Sheriff", "treatment"),
                        disclosure("o", "2010-01-01", "Sheriff", "judicial")
                    ]),
                ),
                (
                    "suspensions",
                    json!([{"recipient": "Sheriff", "from": "2025-01-01", "to": "2025-06-01"}, {"recipient": "FBI", "from": "2025-01-01", "to": "2025-05-31"}]),
                ),
            ],
            json!({"included": ["f"], "excluded": [{"id": "s", "reason": "suspended"}, {"id": "t", "reason": "treatment"}, {"id": "o", "reason": "outside_period"}], "free": true, "fee_cents": 0}),
        ),
        (
            "suspension that starts after requested_on is not active",
            vec![
                (
                    "disclosures",
                    json!([disclosure("s", "2024-01-01", "Sheriff", "law_enforcement")]),
                ),
                (
                    "suspensions",
                    json!([{"recipient": "Sheriff", "from": "2025-06-02", "to": "2025-12-31"}]),
                ),
            ],
            json!({"included": ["s"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
        (
            "previous exactly twelve months earlier: free",
            vec![("previous_accounting_on", json!("2024-06-01"))],
            json!({"included": ["d2"], "excluded": [{"id": "d1", "reason": "payment"}], "free": true, "fee_cents": 0}),
        ),
        (
            "previous a day inside twelve months: 15 cents a page",
            vec![
                ("previous_accounting_on", json!("2024-06-02")),
                ("pages", json!(7)),
            ],
            json!({"included": ["d2"], "excluded": [{"id": "d1", "reason": "payment"}], "free": false, "fee_cents": 105}),
        ),
        (
            "zero pages, not free",
            vec![
                ("previous_accounting_on", json!("2025-01-01")),
                ("pages", json!(0)),
            ],
            json!({"included": ["d2"], "excluded": [{"id": "d1", "reason": "payment"}], "free": false, "fee_cents": 0}),
        ),
        (
            "no disclosures at all",
            vec![("disclosures", json!([]))],
            json!({"included": [], "excluded": [], "free": true, "fee_cents": 0}),
        ),
    ];
    for (why, edits, want) in cases {
        let out = check("accounting", &with(accounting_example(), &edits));
        assert_eq!(out.code, 0, "{why}: a computation exits 0 ({})", out.stderr);
        assert_eq!(out.json(), want, "{why}");
    }
}

#[test]
fn accounting_unusable_input() {
    let ex = accounting_example();
    let cases: Vec<(String, &str, &str)> = vec![
        (with(ex.clone(), &[("pages", json!(-1))]).to_string(), "pages", "negative pages"),
        (without(ex.clone(), "pages").to_string(), "pages", "pages missing"),
        (without(ex.clone(), "requested_on").to_string(), "requested_on", "requested_on missing"),
        (with(ex.clone(), &[("requested_on", json!("2025-02-29"))]).to_string(), "requested_on", "not a leap year"),
        (with(ex.clone(), &[("disclosures", json!([disclosure("d1", "2024-01-01", "C", "gossip")]))]).to_string(), "disclosures[0].basis", "unknown basis"),
        (with(ex.clone(), &[("disclosures", json!([disclosure("d1", "2024-01-01", "C", "judicial"), disclosure("d2", "2024-11-31", "C", "judicial")]))]).to_string(), "disclosures[1].on", "impossible disclosure date"),
        (with(ex.clone(), &[("disclosures", json!([disclosure(" ", "2024-01-01", "C", "judicial")]))]).to_string(), "disclosures[0].id", "blank id"),
        (with(ex.clone(), &[("disclosures", json!([{"id": "d1", "on": "2024-01-01", "recipient": "C", "basis": "judicial", "note": "x"}]))]).to_string(), "note", "unknown disclosure field"),
        (with(ex.clone(), &[("suspensions", json!([{"recipient": "Sheriff", "from": "2025-01-01"}]))]).to_string(), "suspensions[0].to", "suspension without an end"),
        (with(ex.clone(), &[("suspensions", json!([{"recipient": " ", "from": "2025-01-01", "to": "2025-02-01"}]))]).to_string(), "suspensions[0].recipient", "suspension without a recipient"),
        (with(ex.clone(), &[("period", json!({"from": "2024-01-01", "to": "2024-02-30"}))]).to_string(), "period.to", "impossible period end"),
        (with(ex.clone(), &[("period", json!({"start": "2024-01-01"}))]).to_string(), "start", "unknown period field"),
        ("[]".to_owned(), "", "not an object"),
        ("".to_owned(), "", "empty input"),
    ];
    for (input, field, why) in cases {
        assert_unusable("accounting", &input, field, why);
    }
}

// ---------------------------------------------------------------------------------------------
// revision 2 (2026-12-05)
// ---------------------------------------------------------------------------------------------

/// The `dependent` status: an `employment_ends` expiry is `expiration_missing` for a dependent,
/// whose form needs a date or another event; any other expiry is judged as for anyone.
#[test]
fn revision_2_a_dependents_employment_ends_form_is_expiration_missing() {
    let dependent = |since: Value| json!({"status": "dependent", "status_since": since});
    let cases: Vec<(&str, Edits, &[&str], Value)> = vec![
        (
            "employment ends, dependent",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                ("subject", dependent(Value::Null)),
            ],
            &["expiration_missing"],
            Value::Null,
        ),
        (
            "employment ends, dependent since a date",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                ("subject", dependent(json!("2019-09-01"))),
            ],
            &["expiration_missing"],
            Value::Null,
        ),
        (
            "employment ends, dependent, and other defects in order",
            vec![
                ("expires", json!({"event": "employment_ends"})),
                ("subject", dependent(Value::Null)),
                ("purpose", json!(" ")),
                ("revoked_on", json!("2025-06-01")),
            ],
            &["purpose_missing", "expiration_missing", "revoked"],
            Value::Null,
        ),
        (
            "a dated form, dependent",
            vec![("subject", dependent(Value::Null))],
            &[],
            json!("2026-01-01"),
        ),
        (
            "a dated form, dependent, expired",
            vec![
                ("subject", dependent(Value::Null)),
                ("expires", json!({"on": "2025-05-31"})),
            ],
            &["expired"],
            json!("2025-05-31"),
        ),
        (
            "after_days, dependent",
            vec![
                ("subject", dependent(Value::Null)),
                ("expires", json!({"after_days": 31})),
            ],
            &[],
            json!("2025-06-01"),
        ),
        (
            "another event, dependent",
            vec![
                ("subject", dependent(Value::Null)),
                ("expires", json!({"event": "my 26th birthday"})),
            ],
            &[],
            Value::Null,
        ),
    ];
    for (why, edits, codes, expires_on) in cases {
        assert_authorization(
            why,
            &with(authorization_example(), &edits),
            codes,
            expires_on,
        );
    }
}

/// A negative `after_days` is unusable input, naming `expires.after_days`; zero is the day
/// signed.
#[test]
fn revision_2_a_negative_after_days_is_unusable() {
    for days in [json!(-1), json!(-30), json!(i64::MIN)] {
        assert_unusable(
            "authorization",
            &with(
                authorization_example(),
                &[("expires", json!({"after_days": days}))],
            )
            .to_string(),
            "expires.after_days",
            &format!("after_days {days}"),
        );
    }
    assert_authorization(
        "after_days 0 ends on the day signed",
        &with(
            authorization_example(),
            &[
                ("expires", json!({"after_days": 0})),
                ("as_of", json!("2025-05-01")),
            ],
        ),
        &[],
        json!("2025-05-01"),
    );
}

/// An `extension_noticed_on` before `received_on` is unusable input naming
/// `extension_noticed_on`; on the day received it is valid.
#[test]
fn revision_2_an_extension_noticed_before_receipt_is_unusable() {
    let base = json!({ "right": "access", "received_on": "2025-01-31", "extension_noticed_on": null, "as_of": "2025-02-20" });
    for (right, noticed) in [
        ("access", "2025-01-30"),
        ("amendment", "2024-12-31"),
        ("accounting", "2000-01-01"),
    ] {
        assert_unusable(
            "deadline",
            &with(
                base.clone(),
                &[
                    ("right", json!(right)),
                    ("extension_noticed_on", json!(noticed)),
                ],
            )
            .to_string(),
            "extension_noticed_on",
            &format!("{right} noticed {noticed}, before it was received"),
        );
    }
    let out = check(
        "deadline",
        &with(base, &[("extension_noticed_on", json!("2025-01-31"))]),
    );
    assert_eq!(out.code, 0, "noticed the day received ({})", out.stderr);
    assert_eq!(
        out.json(),
        json!({"due_on": "2025-03-02", "extension": "valid", "effective_due_on": "2025-04-01", "extension_available": false, "days_left": 40, "overdue": false}),
        "a notice the day the request was received is valid"
    );
}

/// `involvement_in_care` (164.510) is never accounted and is its own reason; `impermissible`
/// is accounted.
#[test]
fn revision_2_involvement_in_care_is_never_accounted_and_impermissible_is() {
    let out = check(
        "accounting",
        &with(
            accounting_example(),
            &[(
                "disclosures",
                json!([
                    disclosure("care", "2024-03-01", "Spouse", "involvement_in_care"),
                    disclosure("leak", "2024-02-01", "Neighbour", "impermissible"),
                    disclosure("old-leak", "2019-05-31", "Neighbour", "impermissible"),
                    disclosure("old-care", "2019-05-31", "Spouse", "involvement_in_care")
                ]),
            )],
        ),
    );
    assert_eq!(out.code, 0, "a computation exits 0 ({})", out.stderr);
    assert_eq!(
        out.json(),
        json!({"included": ["leak"], "excluded": [{"id": "care", "reason": "involvement_in_care"}, {"id": "old-leak", "reason": "outside_period"}, {"id": "old-care", "reason": "involvement_in_care"}], "free": true, "fee_cents": 0}),
        "the basis is the first reason for a never-accounted kind, before outside_period"
    );
}

/// A suspension matches its recipient ignoring case and surrounding white space, and holds
/// back only `health_oversight` and `law_enforcement` disclosures.
#[test]
fn revision_2_a_suspension_holds_back_oversight_and_law_enforcement_to_its_recipient() {
    let suspension = |recipient: &str| json!([{"recipient": recipient, "from": "2025-05-01", "to": "2025-06-30"}]);
    let cases: Vec<(&str, Edits, Value)> = vec![
        (
            "case and surrounding white space are ignored, on either side",
            vec![
                (
                    "disclosures",
                    json!([
                        disclosure(
                            "a",
                            "2024-01-01",
                            "  state OVERSIGHT board\t",
                            "health_oversight"
                        ),
                        disclosure(
                            "b",
                            "2024-01-02",
                            "State Oversight Board",
                            "law_enforcement"
                        )
                    ]),
                ),
                ("suspensions", suspension(" STATE oversight Board  ")),
            ],
            json!({"included": [], "excluded": [{"id": "a", "reason": "suspended"}, {"id": "b", "reason": "suspended"}], "free": true, "fee_cents": 0}),
        ),
        (
            "white space inside the name still counts",
            vec![
                (
                    "disclosures",
                    json!([disclosure(
                        "a",
                        "2024-01-01",
                        "State  Oversight Board",
                        "health_oversight"
                    )]),
                ),
                ("suspensions", suspension("State Oversight Board")),
            ],
            json!({"included": ["a"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
        (
            "another recipient is not held back",
            vec![
                (
                    "disclosures",
                    json!([disclosure(
                        "a",
                        "2024-01-01",
                        "State Oversight Board, 1 Main St",
                        "health_oversight"
                    )]),
                ),
                ("suspensions", suspension("State Oversight Board")),
            ],
            json!({"included": ["a"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
        (
            "other accounted bases to the same recipient are not held back",
            vec![
                (
                    "disclosures",
                    json!([
                        disclosure("judicial", "2024-01-01", "County Sheriff", "judicial"),
                        disclosure("law", "2024-01-02", "County Sheriff", "required_by_law"),
                        disclosure("health", "2024-01-03", "County Sheriff", "public_health"),
                        disclosure("threat", "2024-01-04", "County Sheriff", "serious_threat"),
                        disclosure("leak", "2024-01-05", "County Sheriff", "impermissible"),
                        disclosure("police", "2024-01-06", "county sheriff", "law_enforcement")
                    ]),
                ),
                ("suspensions", suspension("County Sheriff")),
            ],
            json!({"included": ["judicial", "law", "health", "threat", "leak"], "excluded": [{"id": "police", "reason": "suspended"}], "free": true, "fee_cents": 0}),
        ),
        (
            "a never-accounted basis keeps its own reason",
            vec![
                (
                    "disclosures",
                    json!([disclosure(
                        "care",
                        "2024-01-01",
                        "County Sheriff",
                        "involvement_in_care"
                    )]),
                ),
                ("suspensions", suspension("County Sheriff")),
            ],
            json!({"included": [], "excluded": [{"id": "care", "reason": "involvement_in_care"}], "free": true, "fee_cents": 0}),
        ),
        (
            "an unknown (blank) recipient is never held back",
            vec![
                (
                    "disclosures",
                    json!([disclosure("a", "2024-01-01", "  ", "law_enforcement")]),
                ),
                ("suspensions", suspension("County Sheriff")),
            ],
            json!({"included": ["a"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
        (
            "only while requested_on falls in the suspension",
            vec![
                (
                    "disclosures",
                    json!([disclosure(
                        "a",
                        "2024-01-01",
                        "County Sheriff",
                        "law_enforcement"
                    )]),
                ),
                (
                    "suspensions",
                    json!([{"recipient": "county sheriff", "from": "2025-06-02", "to": "2025-06-30"}]),
                ),
            ],
            json!({"included": ["a"], "excluded": [], "free": true, "fee_cents": 0}),
        ),
    ];
    for (why, edits, want) in cases {
        let out = check("accounting", &with(accounting_example(), &edits));
        assert_eq!(out.code, 0, "{why}: a computation exits 0 ({})", out.stderr);
        assert_eq!(out.json(), want, "{why}");
    }
}
