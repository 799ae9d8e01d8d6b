//! Rendering speed and size, per letter kind (not a test: no timing asserts).
//! Targets: a one-page letter in under 10 ms in-process, PDFs under 100 KB.
//! Also times the CLI (`records-desk letter render`) when a built binary is found.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use desk_core::decision::*;
use desk_core::letter::{self, AccountingEntry, AccountingStatement, Letter};
use desk_core::organization::{Official, Organization};

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

fn letters() -> Vec<(&'static str, Letter)> {
    let o = org();
    let to = Addressee {
        name: "Jane Q. Participant".into(),
        address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
    };
    let (dated, rec) = (d("2025-03-10"), d("2025-03-03"));
    vec![
        (
            "access grant",
            letter::access_response(
                &o,
                &to,
                dated,
                rec,
                &AccessDecision::Grant(AccessGrant {
                    access: "Copies will be mailed.".into(),
                    format: Format::Paper,
                    available_on: d("2025-03-17"),
                    fee_cents: 650,
                }),
            ),
        ),
        (
            "access extension",
            letter::access_response(
                &o,
                &to,
                dated,
                rec,
                &AccessDecision::Extension(Extension {
                    reason: "Records are off site.".into(),
                    respond_by: d("2025-05-02"),
                }),
            ),
        ),
        (
            "access denial",
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
                }),
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
                    business_associates: vec!["Blue Cross".into()],
                }),
            ),
        ),
        (
            "accounting (40 rows)",
            letter::accounting(
                &o,
                &to,
                dated,
                rec,
                &AccountingStatement {
                    period_from: d("2019-06-01"),
                    period_to: d("2025-06-01"),
                    entries: (0..40)
                        .map(|i| AccountingEntry {
                            on: d("2024-02-03"),
                            recipient: format!("Circuit Court, case {i}"),
                            recipient_address: None,
                            description: "Claims 2023".into(),
                            purpose: "Subpoena".into(),
                            repeated: None,
                        })
                        .collect(),
                    fee_cents: 0,
                },
            ),
        ),
        (
            "authorization form",
            letter::authorization_form(&o, &Default::default(), &Default::default(), dated),
        ),
    ]
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let o = org();
    // Warm-up: the fonts are parsed once per process.
    let t = Instant::now();
    let _ = desk_letters::render(&letters()[0].1, &o, None).expect("render");
    println!(
        "first render (parses the fonts): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "{:<24} {:>10} {:>8} {:>10}",
        "letter", "median ms", "pages", "PDF bytes"
    );
    for (name, l) in letters() {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..40 {
            let t = Instant::now();
            let pdf = desk_letters::render(&l, &o, None).expect("render");
            times.push(t.elapsed());
            size = pdf.len();
        }
        let pages = {
            let pdf = desk_letters::render(&l, &o, None).expect("render");
            String::from_utf8_lossy(&pdf)
                .matches("/Type /Page\n")
                .count()
                + String::from_utf8_lossy(&pdf).matches("/Type/Page/").count()
        };
        println!(
            "{:<24} {:>10.2} {:>8} {:>10}",
            name,
            median(times).as_secs_f64() * 1e3,
            if pages == 0 {
                "?".to_string()
            } else {
                pages.to_string()
            },
            size
        );
    }

    // The CLI, end to end, if a binary has been built.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = ["release", "debug"]
        .iter()
        .map(|p| target.join(p).join("records-desk"))
        .find(|p| p.exists());
    let Some(bin) = bin else {
        println!(
            "CLI: no records-desk binary under {}/{{release,debug}}; build it to time the CLI",
            target.display()
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("desk-letters-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("input.json");
    std::fs::write(
        &input,
        r#"{"letter":"access_response","dated":"2025-03-10","organization":{"name":"Sample County","plan_name":"Sample County Group Health Plan","department":"Human Resources Department","address":["1840 25th Street","Vero Beach, FL 32960"],"phone":"772-567-8000 ext. 1448","fax":"772-770-5004","privacy_official":{"name":"Pat Official","title":"Benefits/Payroll Administrator"}},"recipient":{"name":"Jane Q. Participant","address":["12 Palm Ave","Vero Beach, FL 32960"]},"received_on":"2025-03-03","outcome":{"denial":{"grounds":["psychotherapy_notes"],"explanation":"The records you asked for are psychotherapy notes."}}}"#,
    )
    .expect("input");
    let out = dir.join("out.pdf");
    let mut times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let status = Command::new(&bin)
            .args(["letter", "render", "--input"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .status()
            .expect("runs");
        times.push(t.elapsed());
        assert!(status.success(), "CLI renders");
    }
    println!(
        "CLI ({}): median {:.2} ms per letter render (process start included)",
        bin.display(),
        median(times).as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
}
