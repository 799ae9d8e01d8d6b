//! `records-desk report`: the Privacy Official's report from the same operation the app calls.

use crate::store::{demo, open_as, run, text};

const OFFICIAL_PASSWORD: &str = "demo-official-pass";

fn report(db: &str, extra: &[&str], password: &str) -> std::process::Output {
    let mut args = vec!["report", "--db", db, "--as", "official", "--password-stdin"];
    args.extend_from_slice(extra);
    run(&args, &format!("{password}\n"))
}

#[test]
fn the_report_is_desk_office_s_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let dbs = db.to_str().expect("path");
    let out = report(dbs, &["--json"], OFFICIAL_PASSWORD);
    assert!(
        out.status.success(),
        "report succeeds: {}",
        text(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let three = report(dbs, &["--json", "--months", "3"], OFFICIAL_PASSWORD);
    assert!(three.status.success(), "{}", text(&three.stderr));
    let three: serde_json::Value = serde_json::from_slice(&three.stdout).expect("JSON");

    let opened = open_as(&db, "official", OFFICIAL_PASSWORD);
    let view = desk_office::report::get(&opened.store, 12).expect("the report");
    let view3 = desk_office::report::get(&opened.store, 3).expect("the report");
    desk_office::session::sign_out(opened.store).expect("sign out");
    assert!(
        view.due_counted > 0 && view.on_time > 0,
        "the demo has answered cases, so the figures mean something"
    );
    assert_eq!(
        doc["onTime"], view.on_time,
        "on time as desk-office counts it"
    );
    assert_eq!(doc["dueCounted"], view.due_counted, "out of the same cases");
    assert_eq!(
        doc["onTimeRate"].as_f64(),
        view.on_time_rate,
        "the same on-time rate"
    );
    assert_eq!(
        doc["medianDaysToAnswer"].as_f64(),
        view.median_days_to_answer,
        "the same median days to answer"
    );
    assert_eq!(
        doc,
        serde_json::to_value(&view).expect("JSON"),
        "the whole ReportView, as the Reports screen receives it, over 12 months by default"
    );
    assert_eq!(
        doc["months"].as_array().expect("months").len(),
        12,
        "12 months"
    );
    assert_eq!(
        three,
        serde_json::to_value(&view3).expect("JSON"),
        "--months 3 is the report over 3 months"
    );

    let summary = report(dbs, &[], OFFICIAL_PASSWORD);
    assert!(summary.status.success(), "{}", text(&summary.stderr));
    assert!(
        text(&summary.stdout).contains(&format!(
            "on time: {} of {} due",
            view.on_time, view.due_counted
        )),
        "the readable summary gives the same figures: {}",
        text(&summary.stdout)
    );
}

#[test]
fn a_wrong_password_or_months_out_of_range_is_refused_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let dbs = db.to_str().expect("path");
    let out = report(dbs, &["--json"], "not-the-password");
    assert_eq!(out.status.code(), Some(1), "a wrong password is refused");
    assert!(out.stdout.is_empty(), "no report");
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line on stderr: {stderr}"
    );
    assert!(
        stderr.contains("wrong username or password"),
        "names the problem: {stderr}"
    );

    for months in ["0", "25"] {
        // Refused while the arguments are read, before any password is asked for.
        let out = run(
            &[
                "report", "--db", dbs, "--as", "official", "--json", "--months", months,
            ],
            "",
        );
        assert!(!out.status.success(), "--months {months} is refused");
        assert!(out.stdout.is_empty(), "no report for --months {months}");
        assert!(
            text(&out.stderr).contains("--months"),
            "names the argument: {}",
            text(&out.stderr)
        );
    }
}
