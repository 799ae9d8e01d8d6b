//! Rendering speed and size of every letter, outcome and form (not a test: no timing asserts).
//!
//! In-process: every response letter and outcome, the accounting (with a table, a long table,
//! none) and its fee notice, the notices, the complaint acknowledgement, the denial reviews, all
//! six request forms and the recovery sheet. Through the CLI: `records-desk letter render` for
//! each outcome of the three CLI.md letters, process start included, when a built binary is
//! found (`RECORDS_DESK_BIN`, else `$CARGO_TARGET_DIR` or `target/`, release before debug).
//!
//! Targets: a one-page letter in under 10 ms in-process, every PDF under 100 KB. A line over a
//! target is marked `OVER`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk_core::decision::*;
use desk_core::letter::{
    self, AccountingEntry, AccountingFee, AccountingStatement, AuthorizationTerms, FormPerson,
    Letter, Repeated,
};
use desk_core::organization::{Official, Organization};
use serde_json::json;

const ONE_PAGE_MS: f64 = 10.0;
const MAX_BYTES: usize = 100 * 1024;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn org() -> Organization {
    Organization {
        name: "Sample County".into(),
        plan_name: "Sample County Group Health Plan".into(),
        department: "Human Resources Department".into(),
        address: vec!["1840 25th Street".into(), "Vero Beach, FL 32960".into()],
        phone: "772-567-8000 ext. 1448".into(),
        fax: "772-770-5004".into(),
        privacy_official: Official {
            name: "Pat Official".into(),
            title: "Benefits/Payroll Administrator".into(),
        },
        business_associates: Vec::new(),
    }
}

fn entries(n: usize) -> Vec<AccountingEntry> {
    (0..n)
        .map(|i| AccountingEntry {
            on: d("2024-09-30"),
            recipient: format!("Circuit Court of the Nineteenth Judicial Circuit, case {i}"),
            recipient_address: Some("2000 16th Avenue, Vero Beach, FL 32960".into()),
            description: "Claims and eligibility records, 2023".into(),
            purpose: "Response to a subpoena duces tecum".into(),
            repeated: (i % 5 == 4).then(|| Repeated {
                frequency: "12 disclosures".into(),
                last_on: d("2024-11-30"),
            }),
            written_request_of: None,
            disclosed_by: None,
        })
        .collect()
}

/// Every letter kind and outcome, and every form.
fn letters() -> Vec<(&'static str, Letter)> {
    let o = org();
    let to = Addressee {
        name: "Jane Q. Participant".into(),
        address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
    };
    let (dated, rec) = (d("2025-03-10"), d("2025-03-03"));
    let grant = AccessGrant {
        access: "Copies will be mailed to the address above.".into(),
        format: Format::Paper,
        available_on: d("2025-03-17"),
        fee_cents: 650,
    };
    let ext = Extension {
        reason: "The records are kept by the claims administrator off site.".into(),
        respond_by: d("2025-05-02"),
    };
    let statement = |n: usize| AccountingStatement {
        period_from: d("2019-06-01"),
        period_to: d("2025-06-01"),
        entries: entries(n),
        fee_cents: 0,
    };
    let person = FormPerson {
        name: "Jane Q. Participant".into(),
        date_of_birth: Some(d("1980-07-04")),
        employee_id: Some("E-10442".into()),
        address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
        phone: Some("772-555-0100".into()),
    };
    let terms = AuthorizationTerms {
        discloser: "Sample County Group Health Plan".into(),
        recipient: "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960".into(),
        information: "Claims and eligibility records for 2023 and 2024".into(),
        purpose: "At the request of the individual".into(),
        expires: "January 1, 2026".into(),
    };
    let ba = Addressee {
        name: "Blue Cross Claims Administration".into(),
        address: vec!["PO Box 1".into(), "Jacksonville, FL 32231".into()],
    };
    vec![
        (
            "access grant",
            letter::access_response(&o, &to, dated, rec, &AccessDecision::Grant(grant.clone())),
        ),
        (
            "access extension",
            letter::access_response(&o, &to, dated, rec, &AccessDecision::Extension(ext.clone())),
        ),
        (
            "access denial (unreviewable)",
            letter::access_response(
                &o,
                &to,
                dated,
                rec,
                &AccessDecision::Denial(AccessDenial {
                    grounds: vec![AccessDenialGround::PsychotherapyNotes],
                    explanation: "The records you asked for are psychotherapy notes.".into(),
                    released: None,
                    held_by: None,
                    withheld: None,
                }),
            ),
        ),
        (
            "access denial (reviewable)",
            letter::access_response(
                &o,
                &to,
                dated,
                rec,
                &AccessDecision::Denial(AccessDenial {
                    grounds: vec![
                        AccessDenialGround::Endangerment,
                        AccessDenialGround::PsychotherapyNotes,
                    ],
                    explanation: "A licensed professional reviewed the file.".into(),
                    released: Some("your claims history for 2024".into()),
                    held_by: Some("Blue Cross claims administrator, PO Box 1".into()),
                    withheld: Some("the notes of the 2024 counselling visits".into()),
                }),
            ),
        ),
        (
            "amendment grant",
            letter::amendment_response(
                &o,
                &to,
                dated,
                rec,
                &AmendmentDecision::Grant(AmendmentGrant {
                    notify: vec![Addressee {
                        name: "Dr. Alan Smith".into(),
                        address: vec!["40 Main St".into(), "Vero Beach FL 32960".into()],
                    }],
                }),
            ),
        ),
        (
            "amendment extension",
            letter::amendment_response(
                &o,
                &to,
                dated,
                rec,
                &AmendmentDecision::Extension(ext.clone()),
            ),
        ),
        (
            "amendment denial",
            letter::amendment_response(
                &o,
                &to,
                dated,
                rec,
                &AmendmentDecision::Denial(AmendmentDenial {
                    grounds: vec![AmendmentDenialGround::AccurateAndComplete],
                    explanation: "The record is correct.".into(),
                }),
            ),
        ),
        (
            "restriction agreed",
            letter::restriction_response(
                &o,
                &to,
                dated,
                rec,
                &RestrictionDecision::Agreed(RestrictionAgreed {
                    restriction: "No disclosure to my spouse.".into(),
                    business_associates: vec!["Blue Cross Claims Administration".into()],
                    terms: None,
                }),
            ),
        ),
        (
            "restriction denied",
            letter::restriction_response(
                &o,
                &to,
                dated,
                rec,
                &RestrictionDecision::Denied(RestrictionDenied {
                    reason: "The claims system cannot hold back one provider's claims.".into(),
                }),
            ),
        ),
        (
            "confidential accommodated",
            letter::confidential_communication_response(
                &o,
                &to,
                dated,
                rec,
                &ConfidentialCommunicationDecision::Accommodated {
                    means: "PO Box 77, Sebastian, FL 32958".into(),
                    alternate_address: Vec::new(),
                    endangerment: false,
                },
            ),
        ),
        (
            "confidential denied",
            letter::confidential_communication_response(
                &o,
                &to,
                dated,
                rec,
                &ConfidentialCommunicationDecision::Denied {
                    reason: "No alternative address was given.".into(),
                },
            ),
        ),
        (
            "accounting (none)",
            letter::accounting(&o, &to, dated, rec, &statement(0)),
        ),
        (
            "accounting (5 rows)",
            letter::accounting(&o, &to, dated, rec, &statement(5)),
        ),
        (
            "accounting (40 rows)",
            letter::accounting(&o, &to, dated, rec, &statement(40)),
        ),
        (
            "accounting fee notice",
            letter::accounting_fee_notice(
                &o,
                &to,
                dated,
                rec,
                &AccountingFee {
                    previous_on: d("2024-11-02"),
                    pages: 4,
                    fee_cents: 60,
                    reply_by: d("2025-03-24"),
                    special_charge: None,
                },
            ),
        ),
        (
            "complaint acknowledgement",
            letter::complaint_acknowledgement(&o, &to, dated, rec),
        ),
        (
            "denial review upheld",
            letter::denial_review(
                &o,
                &to,
                dated,
                rec,
                &DenialReview {
                    reviewer: "Dr. Lee Reviewer, MD".into(),
                    denied_on: d("2025-02-20"),
                    outcome: ReviewOutcome::Upheld {
                        explanation: "access is reasonably likely to endanger your life.".into(),
                    },
                },
            ),
        ),
        (
            "denial review reversed",
            letter::denial_review(
                &o,
                &to,
                dated,
                rec,
                &DenialReview {
                    reviewer: "Dr. Lee Reviewer, MD".into(),
                    denied_on: d("2025-02-20"),
                    outcome: ReviewOutcome::Reversed(grant.clone()),
                },
            ),
        ),
        (
            "restriction notice (BA)",
            letter::restriction_notice(
                &o,
                &ba,
                d("2025-03-12"),
                "Jane Q. Participant",
                "Do not disclose physical therapy claims to the spouse.",
                dated,
            ),
        ),
        (
            "amendment notice",
            letter::amendment_notice(
                &o,
                &ba,
                d("2025-03-12"),
                "Jane Q. Participant",
                "Claim 88 removed: the visit did not take place.",
                d("2025-03-11"),
            ),
        ),
        (
            "form: inspect",
            letter::inspection_request_form(&o, &person, Some(Format::Electronic), dated),
        ),
        (
            "form: amend",
            letter::amendment_request_form(
                &o,
                &person,
                "Claim 88 lists a visit I did not have.",
                "I was out of the country that week.",
                dated,
            ),
        ),
        (
            "form: restriction",
            letter::restriction_request_form(
                &o,
                &person,
                "Physical therapy claims",
                "Not to be discussed with my spouse",
                "My spouse, John Participant",
                dated,
            ),
        ),
        (
            "form: authorization",
            letter::authorization_form(&o, &person, &terms, dated),
        ),
        (
            "form: confidential comm.",
            letter::confidential_communication_request_form(
                &o,
                &person,
                "PO Box 77, Sebastian, FL 32958",
                true,
                dated,
            ),
        ),
        (
            "form: accounting",
            letter::accounting_request_form(
                &o,
                &person,
                Some(d("2019-06-01")),
                Some(d("2025-06-01")),
                Some(Format::Paper),
                dated,
            ),
        ),
        (
            "recovery sheet",
            letter::recovery_sheet(&o, "7KQ4-M2XD-98TF-LW3C-PP6R-ZA1N-H5VE-03GY", dated),
        ),
    ]
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|doc| doc.get_pages().len())
        .unwrap_or(0)
}

fn verdict(pages: usize, median_ms: Option<f64>, bytes: usize) -> &'static str {
    let slow = median_ms.is_some_and(|m| pages == 1 && m >= ONE_PAGE_MS);
    if slow || bytes >= MAX_BYTES {
        "OVER"
    } else {
        "ok"
    }
}

fn main() {
    let o = org();
    // The fonts are parsed once per process: the first render pays for it.
    let t = Instant::now();
    let _ = desk_letters::render(&letters()[0].1, &o, None).expect("render");
    println!("first render (parses the fonts): {:.2} ms", ms(t.elapsed()));
    println!(
        "targets: one-page letter < {ONE_PAGE_MS} ms in-process, PDF < {} KB",
        MAX_BYTES / 1024
    );
    println!();
    println!("in-process (median of 40)");
    println!(
        "{:<30} {:>10} {:>6} {:>10}  target",
        "letter", "median ms", "pages", "PDF bytes"
    );
    let mut worst_one_page: f64 = 0.0;
    let mut largest = 0;
    for (name, l) in letters() {
        let mut times = Vec::with_capacity(40);
        let mut pdf = Vec::new();
        for _ in 0..40 {
            let t = Instant::now();
            pdf = desk_letters::render(&l, &o, None).expect("render");
            times.push(t.elapsed());
        }
        let m = ms(median(times));
        let n = pages(&pdf);
        if n == 1 {
            worst_one_page = worst_one_page.max(m);
        }
        largest = largest.max(pdf.len());
        println!(
            "{:<30} {:>10.2} {:>6} {:>10}  {}",
            name,
            m,
            n,
            pdf.len(),
            verdict(n, Some(m), pdf.len())
        );
    }
    println!(
        "slowest one-page letter {worst_one_page:.2} ms; largest PDF {largest} bytes ({:.1} KB)",
        largest as f64 / 1024.0
    );
    println!();
    cli();
}

/// The three CLI.md letters, each outcome, through the built binary.
fn cli() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = std::env::var_os("RECORDS_DESK_BIN")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["release", "debug"]
                .iter()
                .map(|p| target.join(p).join("records-desk")),
        )
        .find(|p| p.exists());
    let Some(bin) = bin else {
        println!("!! CLI NOT TIMED: no records-desk binary (RECORDS_DESK_BIN, or under {}/{{release,debug}}).", target.display());
        println!("!! Build it first: cargo build -p desk-cli [--release]");
        return;
    };
    let profile = if bin.components().any(|c| c.as_os_str() == "release") {
        "release"
    } else {
        "debug build: slower than a release"
    };
    println!(
        "CLI: {} ({profile}); median of 15, process start included",
        bin.display()
    );
    println!(
        "{:<30} {:>10} {:>6} {:>10}  target",
        "letter", "median ms", "pages", "PDF bytes"
    );
    let outcomes = [
        (
            "access_response",
            "grant",
            json!({"grant": {"access": "Copies will be mailed.", "format": "paper", "available_on": "2025-03-20", "fee_cents": 650}}),
        ),
        (
            "access_response",
            "extension",
            json!({"extension": {"reason": "Records are off site.", "respond_by": "2025-05-02"}}),
        ),
        (
            "access_response",
            "denial",
            json!({"denial": {"grounds": ["psychotherapy_notes"], "explanation": "The records you asked for are psychotherapy notes."}}),
        ),
        (
            "amendment_response",
            "grant",
            json!({"grant": {"notify": [{"name": "Dr. Alan Smith", "address": ["40 Main St", "Vero Beach FL 32960"]}]}}),
        ),
        (
            "amendment_response",
            "extension",
            json!({"extension": {"reason": "Waiting for records.", "respond_by": "2025-06-01"}}),
        ),
        (
            "amendment_response",
            "denial",
            json!({"denial": {"grounds": ["accurate_and_complete"], "explanation": "The record is correct."}}),
        ),
        (
            "restriction_response",
            "agreed",
            json!({"agreed": {"restriction": "No disclosure to my spouse.", "business_associates": ["Blue Cross"]}}),
        ),
        (
            "restriction_response",
            "denied",
            json!({"denied": {"reason": "Not feasible."}}),
        ),
    ];
    let dir = std::env::temp_dir().join(format!("desk-letters-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (kind, outcome_name, outcome) in outcomes {
        let input = json!({
            "letter": kind,
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
            "outcome": outcome
        });
        let path = dir.join("input.json");
        std::fs::write(&path, input.to_string()).expect("input");
        let out = dir.join("out.pdf");
        let mut times = Vec::with_capacity(15);
        for _ in 0..15 {
            let t = Instant::now();
            let run = Command::new(&bin)
                .args(["letter", "render", "--input"])
                .arg(&path)
                .arg("--out")
                .arg(&out)
                .output()
                .expect("the binary runs");
            times.push(t.elapsed());
            assert!(
                run.status.success(),
                "{kind} {outcome_name}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
        let pdf = std::fs::read(&out).expect("PDF written");
        let n = pages(&pdf);
        println!(
            "{:<30} {:>10.2} {:>6} {:>10}  {}",
            format!("{kind} {outcome_name}"),
            ms(median(times)),
            n,
            pdf.len(),
            verdict(n, None, pdf.len())
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
