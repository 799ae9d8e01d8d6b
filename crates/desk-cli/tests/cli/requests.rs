//! `records-desk requests`: the dashboard's data from the same operations the app calls.

use crate::store::{demo, open_as, run, text};

const STAFF_PASSWORD: &str = "demo-staff-pass";

fn requests(db: &str, extra: &[&str], password: &str) -> std::process::Output {
    let mut args = vec!["requests", "--db", db, "--as", "staff", "--password-stdin"];
    args.extend_from_slice(extra);
    run(&args, &format!("{password}\n"))
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "requests succeeds: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn statuses(rows: &serde_json::Value) -> Vec<String> {
    rows.as_array()
        .expect("an array of rows")
        .iter()
        .map(|r| r["status"].as_str().expect("status").to_owned())
        .collect()
}

#[test]
fn open_lists_exactly_what_the_dashboard_lists() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let doc = json(&requests(
        db.to_str().expect("path"),
        &["--open", "--json"],
        STAFF_PASSWORD,
    ));

    let opened = open_as(&db, "staff", STAFF_PASSWORD);
    let board = desk_office::dashboard::get(&opened.store).expect("the dashboard");
    desk_office::session::sign_out(opened.store).expect("sign out");
    assert!(
        !board.rows.is_empty(),
        "the demo has requests waiting, so the comparison means something"
    );
    assert_eq!(
        doc["requests"].as_array().expect("requests").len(),
        board.rows.len(),
        "as many as the dashboard lists as waiting"
    );
    assert_eq!(
        doc["requests"],
        serde_json::to_value(&board.rows).expect("rows as JSON"),
        "the same rows, in the same order and shape, as the app's dashboard receives"
    );
    assert_eq!(
        doc["counts"],
        serde_json::to_value(&board.counts).expect("counts as JSON"),
        "the dashboard's counts by kind"
    );
    for status in statuses(&doc["requests"]) {
        assert!(
            !matches!(
                status.as_str(),
                "letter_sent" | "closed" | "withdrawn" | "awaiting_written_request"
            ),
            "an answered, ended or not-yet-written request does not wait for the office: {status}"
        );
    }
}

#[test]
fn without_open_every_case_is_listed_as_desk_office_lists_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let dbs = db.to_str().expect("path");
    let doc = json(&requests(dbs, &["--json"], STAFF_PASSWORD));

    let opened = open_as(&db, "staff", STAFF_PASSWORD);
    let every = desk_office::cases::all(&opened.store).expect("every case");
    let stored = opened
        .store
        .list_requests(&desk_store::RequestFilter::default())
        .expect("the store's requests")
        .len();
    desk_office::session::sign_out(opened.store).expect("sign out");
    assert_eq!(every.len(), stored, "cases::all holds back none");
    assert_eq!(
        doc["requests"],
        serde_json::to_value(&every).expect("rows as JSON"),
        "every case, newest received first, in the dashboard's row shape"
    );
    assert!(
        doc.get("counts").is_none(),
        "the counts are the dashboard's, printed only with --open"
    );
    let seen = statuses(&doc["requests"]);
    for status in [
        "letter_sent",
        "closed",
        "withdrawn",
        "awaiting_written_request",
    ] {
        assert!(
            seen.iter().any(|s| s == status),
            "the full listing includes what --open leaves out ({status})"
        );
    }

    let table = requests(dbs, &[], STAFF_PASSWORD);
    assert!(table.status.success(), "{}", text(&table.stderr));
    let stdout = text(&table.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let listed: Vec<i64> = lines[1..lines.len() - 1]
        .iter()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    let ids: Vec<i64> = every.iter().map(|r| r.id).collect();
    assert_eq!(listed, ids, "the table lists the same cases, one a line");
    assert_eq!(
        lines.last().copied(),
        Some(format!("{} requests", ids.len()).as_str()),
        "and says how many: {stdout}"
    );
}

#[test]
fn a_wrong_password_or_no_database_is_refused_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = demo(dir.path());
    let out = requests(
        db.to_str().expect("path"),
        &["--open", "--json"],
        "not-the-password",
    );
    assert!(!out.status.success(), "a wrong password is refused");
    assert_eq!(out.status.code(), Some(1), "as the store commands exit");
    assert!(out.stdout.is_empty(), "nothing is listed");
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

    let missing = dir.path().join("nowhere.db");
    let out = requests(missing.to_str().expect("path"), &["--json"], STAFF_PASSWORD);
    assert_eq!(out.status.code(), Some(1), "no such database is refused");
    assert!(out.stdout.is_empty(), "nothing is listed");
    assert!(
        text(&out.stderr).contains("no Records Desk database"),
        "names the problem: {}",
        text(&out.stderr)
    );
}
