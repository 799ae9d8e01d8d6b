//! `records-desk init`, `user`, `import roster`, `demo` over a real encrypted file.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_records-desk");
pub(crate) const PO_PASSWORD: &str = "official-password-1";

/// Run the binary with `stdin` fed to it (for --password-stdin).
pub(crate) fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // A command refused before it reads its passwords (an existing --out file, say) may exit
    // before the input is written: a broken pipe then is its answer, not the test's failure.
    if let Err(e) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("the binary finishes")
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The official (pat) adds the staff account sam, password `sam-password-1`.
pub(crate) fn add_sam(db: &str) -> Output {
    run(
        &[
            "user",
            "add",
            "--db",
            db,
            "--as",
            "pat",
            "--username",
            "sam",
            "--name",
            "Sam Staff",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\nsam-password-1\n"),
    )
}

pub(crate) fn init(db: &Path) {
    let out = run(
        &[
            "init",
            "--db",
            db.to_str().expect("path"),
            "--username",
            "pat",
            "--name",
            "Pat Official",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(out.status.success(), "init succeeds: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let code_line = stdout
        .lines()
        .map(str::trim)
        .find(|l| l.len() >= 24 && l.split('-').count() >= 5)
        .unwrap_or_default();
    assert!(
        !code_line.is_empty(),
        "init prints the recovery code once, in dash-separated groups: {stdout}"
    );
    assert!(
        !stdout.contains(PO_PASSWORD),
        "the password is never echoed"
    );
}

/// The demo database the screens' twins are tested on (`demo --today 2026-11-22 --employees 60
/// --seed 7`), in `dir`.
pub(crate) fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let out = run(
        &[
            "demo",
            "--db",
            db.to_str().expect("path"),
            "--today",
            "2026-11-22",
            "--employees",
            "60",
            "--seed",
            "7",
        ],
        "",
    );
    assert!(out.status.success(), "demo succeeds: {}", text(&out.stderr));
    db
}

/// The demo database opened in the test as `user`, to ask desk-office the same question the
/// binary answered.
pub(crate) fn open_as(db: &Path, user: &str, password: &str) -> desk_office::session::Opened {
    desk_office::session::sign_in(
        db,
        &desk_office::session::SignInForm {
            username: user.to_owned(),
            password: desk_core::Sensitive::new(password.to_owned()),
        },
    )
    .expect("the test signs in to the same database")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The participants on file, counted through the store itself.
fn participant_count(db: &Path) -> i64 {
    let store = desk_store::Store::sign_in(
        db,
        "pat",
        &desk_core::Sensitive::new(PO_PASSWORD.to_owned()),
        chrono::Utc::now(),
    )
    .expect("sign in to count");
    store.count_participants().expect("count")
}

#[test]
fn init_then_add_and_list_users() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let dbs = db.to_str().expect("path");
    init(&db);
    assert!(
        db.with_extension("keys").exists(),
        "the key file sits beside the database"
    );

    let again = run(
        &[
            "init",
            "--db",
            dbs,
            "--username",
            "pat",
            "--name",
            "P",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(
        !again.status.success(),
        "init refuses to overwrite a database"
    );

    let out = add_sam(dbs);
    assert!(
        out.status.success(),
        "the official adds sam: {}",
        text(&out.stderr)
    );

    let out = run(
        &[
            "user",
            "list",
            "--db",
            dbs,
            "--as",
            "sam",
            "--json",
            "--password-stdin",
        ],
        "sam-password-1\n",
    );
    assert!(
        out.status.success(),
        "sam signs in with the new password: {}",
        text(&out.stderr)
    );
    let users: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON list");
    let pairs: Vec<(String, String)> = users
        .as_array()
        .expect("array")
        .iter()
        .map(|u| {
            (
                u["username"].as_str().unwrap_or_default().to_owned(),
                u["role"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("pat".to_owned(), "privacy_official".to_owned()),
            ("sam".to_owned(), "staff".to_owned())
        ],
        "both accounts with their roles"
    );

    let out = run(
        &[
            "user",
            "add",
            "--db",
            dbs,
            "--as",
            "sam",
            "--username",
            "kim",
            "--name",
            "Kim",
            "--password-stdin",
        ],
        "sam-password-1\nkim-password-1\n",
    );
    assert!(!out.status.success(), "staff cannot add accounts");
    assert!(
        text(&out.stderr).contains("Privacy Official"),
        "says who can: {}",
        text(&out.stderr)
    );

    let out = run(
        &[
            "user",
            "passwd",
            "--db",
            dbs,
            "--as",
            "sam",
            "--password-stdin",
        ],
        "sam-password-1\nsam-password-2\n",
    );
    assert!(
        out.status.success(),
        "sam changes their password: {}",
        text(&out.stderr)
    );
    let out = run(
        &[
            "user",
            "list",
            "--db",
            dbs,
            "--as",
            "sam",
            "--password-stdin",
        ],
        "sam-password-1\n",
    );
    assert!(!out.status.success(), "the old password no longer works");
    assert!(
        text(&out.stderr).contains("wrong username or password"),
        "a plain message: {}",
        text(&out.stderr)
    );
}

const HEADER: &str = "record_type,employee_id,dependent_of,relationship,last_name,first_name,date_of_birth,address_line1,address_line2,city,state,zip,phone,employment_status,status_date,ssn_last4";

#[test]
fn a_bad_roster_is_refused_whole_with_every_problem_by_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let dbs = db.to_str().expect("path");
    init(&db);
    let csv = dir.path().join("roster.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}
employee,SC1,,,Ashgrove,Avery,1978-04-02,12 Palm Avenue,,Sampleton,FL,32960,555-010-1234,active,,1234
employee,SC2,,,Dunmore,Briar,1978-13-45,4 Heron Court,,Sampleton,FL,32962,,active,,
employee,SC1,,,Eldervale,Calla,1980-01-01,,,,,,,active,,
dependent,,SC9,child,Ashgrove,Dorian,2014-09-12,12 Palm Avenue,,Sampleton,FL,32960,,,,
"
        ),
    )
    .expect("write csv");
    let out = run(
        &[
            "import",
            "roster",
            csv.to_str().expect("csv"),
            "--db",
            dbs,
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(!out.status.success(), "a roster with bad rows is refused");
    let stderr = text(&out.stderr);
    let problems: Vec<&str> = stderr.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(
        problems,
        vec![
            "line 3: date_of_birth: not a date (use YYYY-MM-DD)",
            "line 4: employee_id: duplicate employee id (first on line 2)",
            "line 5: dependent_of: names no employee in this file or on file",
        ],
        "every problem, by line and column, in line order: {stderr}"
    );
    assert!(
        stderr.contains("nothing was imported"),
        "says nothing was imported: {stderr}"
    );
    for name in ["Ashgrove", "Dunmore", "Eldervale", "Dorian"] {
        assert!(
            !stderr.contains(name),
            "errors never quote PHI ({name}): {stderr}"
        );
    }
    assert_eq!(
        participant_count(&db),
        0,
        "not even the good rows were imported"
    );
}

#[test]
fn a_good_roster_imports() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let dbs = db.to_str().expect("path");
    init(&db);
    let csv = dir.path().join("roster.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}
employee,SC10001,,,Ashgrove,Avery,1978-04-02,12 Palm Avenue,,Sampleton,FL,32960,555-010-1234,active,,1234
employee,SC10002,,,Dunmore,Briar,1955-10-30,4 Heron Court,Apt 2,Sampleton,FL,32962,,retiree,2019-06-30,
employee,SC10003,,,Eldervale,Calla,1980-01-01,,,,,,,terminated,2024-02-29,
dependent,,SC10001,child,Ashgrove,Dorian,2014-09-12,12 Palm Avenue,,Sampleton,FL,32960,,,,
dependent,,sc10002,spouse,Dunmore,Elowen,1957-03-03,4 Heron Court,Apt 2,Sampleton,FL,32962,,,,
"
        ),
    )
    .expect("write csv");
    let out = run(
        &[
            "import",
            "roster",
            csv.to_str().expect("csv"),
            "--db",
            dbs,
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "a good roster imports: {}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("Imported 3 employee(s) and 2 dependent(s)"),
        "reports the counts: {}",
        text(&out.stdout)
    );
    assert_eq!(participant_count(&db), 5, "five people on file");

    let store = desk_store::Store::sign_in(
        &db,
        "pat",
        &desk_core::Sensitive::new(PO_PASSWORD.to_owned()),
        chrono::Utc::now(),
    )
    .expect("sign in");
    let found = store
        .search_participants(&desk_store::ParticipantSearch::Name("Ashgrove".into()))
        .expect("search");
    assert_eq!(found.len(), 2, "the employee and the child");
    let deps = store
        .dependents_of(found[0].id.min(found[1].id))
        .expect("dependents");
    assert_eq!(deps.len(), 1, "the child is enrolled under the employee");
    drop(store);

    let again = run(
        &[
            "import",
            "roster",
            csv.to_str().expect("csv"),
            "--db",
            dbs,
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(
        again.status.success(),
        "the same export again is a re-import: {}",
        text(&again.stderr)
    );
    assert!(
        text(&again.stdout).contains("Imported 0 employee(s) and 0 dependent(s)."),
        "nobody is added twice: {}",
        text(&again.stdout)
    );
    assert!(
        !text(&again.stdout).contains("Updated"),
        "and nothing changed: {}",
        text(&again.stdout)
    );
    assert_eq!(participant_count(&db), 5, "still five");
}

#[test]
fn demo_creates_an_encrypted_file_without_readable_names() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let out = run(
        &[
            "demo",
            "--db",
            db.to_str().expect("path"),
            "--today",
            "2026-11-22",
        ],
        "",
    );
    assert!(out.status.success(), "demo succeeds: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("demo-official-pass") && stdout.contains("demo-staff-pass"),
        "the demo passwords are printed: {stdout}"
    );

    let bytes = std::fs::read(&db).expect("demo file");
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "encrypted header");
    for name in [
        "Ashgrove",
        "Brindlecombe",
        "Copperwick",
        "Greywater",
        "Sampleton",
    ] {
        assert!(
            !contains(&bytes, name),
            "{name} must not be readable in the file"
        );
    }

    let store = desk_store::Store::sign_in(
        &db,
        "staff",
        &desk_core::Sensitive::new("demo-staff-pass".to_owned()),
        chrono::Utc::now(),
    )
    .expect("the demo staff account signs in");
    assert!(
        store.count_participants().expect("count") >= 300,
        "a few hundred participants and dependents"
    );
    let requests = store
        .list_requests(&desk_store::RequestFilter::default())
        .expect("requests");
    let kinds: std::collections::HashSet<String> = requests
        .iter()
        .map(|r| serde_json::to_string(&r.kind).expect("kind"))
        .collect();
    assert_eq!(
        kinds.len(),
        5,
        "every kind of request (complaints are in the complaint log): {kinds:?}"
    );
    assert!(
        !store.complaints().expect("complaints").is_empty(),
        "complaints are logged"
    );
    let statuses: std::collections::HashSet<String> = requests
        .iter()
        .map(|r| serde_json::to_string(&r.status).expect("status"))
        .collect();
    // Every status desk-office's operations reach (crates/desk-cli/tests/demo_history.rs folds
    // each request's history); none they cannot (in review without a decision, under review).
    let reached: std::collections::HashSet<String> = [
        "received",
        "awaiting_written_request",
        "verified",
        "extended",
        "pending_approval",
        "decided",
        "letter_sent",
        "closed",
        "withdrawn",
    ]
    .iter()
    .map(|s| format!("\"{s}\""))
    .collect();
    assert_eq!(statuses, reached, "requests in every reachable status");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let open: Vec<_> = requests
        .iter()
        .filter(|r| {
            !matches!(
                serde_json::to_string(&r.status).expect("s").as_str(),
                "\"letter_sent\"" | "\"closed\"" | "\"withdrawn\""
            )
        })
        .filter_map(|r| r.effective_due_on())
        .collect();
    assert!(
        open.iter().any(|d| *d < today),
        "some open requests are overdue"
    );
    assert!(
        open.iter()
            .any(|d| *d >= today && (*d - today).num_days() <= 3),
        "some are due within three days"
    );
    let minors = store
        .search_participants(&desk_store::ParticipantSearch::Name("a".into()))
        .expect("search")
        .into_iter()
        .filter(|p| p.dependent_of.is_some() && desk_core::person::is_minor(p.date_of_birth, today))
        .count();
    assert!(minors > 0, "some dependents are minors");
}

#[test]
fn a_deactivated_account_cannot_sign_in_until_reactivated_with_a_new_password() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    init(&db);
    let dbs = db.to_str().expect("path");
    assert!(add_sam(dbs).status.success(), "sam is added");
    let list_as_sam = |password: &str| {
        run(
            &[
                "user",
                "list",
                "--db",
                dbs,
                "--as",
                "sam",
                "--password-stdin",
            ],
            &format!("{password}\n"),
        )
    };
    assert!(list_as_sam("sam-password-1").status.success());

    let out = run(
        &[
            "user",
            "deactivate",
            "--db",
            dbs,
            "--as",
            "pat",
            "--username",
            "sam",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(out.status.success(), "deactivated: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Deactivated sam"));
    let refused = list_as_sam("sam-password-1");
    assert!(
        !refused.status.success(),
        "a deactivated account is refused"
    );

    let out = run(
        &[
            "user",
            "activate",
            "--db",
            dbs,
            "--as",
            "pat",
            "--username",
            "sam",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\nsam-password-new\n"),
    );
    assert!(out.status.success(), "reactivated: {}", text(&out.stderr));
    assert!(
        list_as_sam("sam-password-new").status.success(),
        "back, with the new password"
    );

    // Both are in the audit log.
    let out = run(
        &[
            "audit",
            "verify",
            "--db",
            dbs,
            "--as",
            "pat",
            "--password-stdin",
        ],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "the chain holds: {}",
        text(&out.stderr)
    );
    let store = desk_store::Store::sign_in(
        &db,
        "pat",
        &desk_core::Sensitive::new(PO_PASSWORD.to_owned()),
        chrono::Utc::now(),
    )
    .expect("pat signs in");
    let actions: Vec<String> = store
        .recent_audit(40)
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.iter().any(|a| a == "user.deactivate")
            && actions.iter().any(|a| a == "user.activate"),
        "{actions:?}"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_output_not_the_command() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("records.db");
    let mut child = Command::new(BIN)
        .args(["init", "--db", db.to_str().expect("path")])
        .args([
            "--username",
            "pat",
            "--name",
            "Pat Official",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // The reader is gone before the first line (as `| head -0` would be).
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PO_PASSWORD}\n").as_bytes())
        .expect("the password");
    let out = child.wait_with_output().expect("the binary finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("panicked"),
        "a closed pipe ends the output quietly: {:?} {stderr}",
        out.status
    );
    assert!(db.exists(), "the command's work is done all the same");
}
