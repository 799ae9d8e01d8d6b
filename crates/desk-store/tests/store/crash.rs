//! Crash safety: a writer process is killed (SIGKILL) at random moments, again and again.
//! After each kill the database opens, passes `PRAGMA integrity_check` and the audit chain,
//! every request the writer reported committed is there, and none is there in part.
//!
//! Each database takes [`RUNS_PER_DATABASE`] kills in a row (each run opens what the previous
//! kill left), then a new one is made: every check after a kill reads the whole file, so one
//! database for all [`RUNS`] would make the harness quadratic in its runs.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::*;
use desk_store::fixture;

const RUNS: usize = 1_000;
const RUNS_PER_DATABASE: usize = 50;
const WRITER: &str = env!("CARGO_BIN_EXE_crash-writer");

/// A small deterministic generator (xorshift), seeded from the clock and printed, so a failing
/// run can be repeated with `DESK_CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Every request on file, and the ids among them that lack a part of their intake write (the
/// requester, the scan, the verification, or one of their audit rows). Each table is read once.
fn requests_and_partial(store: &Store) -> (BTreeSet<i64>, Vec<i64>) {
    let rows = |sql: &str| fixture::query_rows(store, sql).expect(sql);
    let count_by = |sql: &str| {
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for r in rows(sql) {
            if let Some(k) = r[0] {
                *counts.entry(k).or_default() += 1;
            }
        }
        counts
    };
    let requests = rows("SELECT id, requester_id FROM requests ORDER BY id");
    let requesters: HashSet<i64> = rows("SELECT id FROM requesters")
        .into_iter()
        .filter_map(|r| r[0])
        .collect();
    let scans = rows("SELECT request_id, id FROM attachments");
    let checks = rows("SELECT request_id, id FROM verifications");
    let scans_per_request = count_by("SELECT request_id FROM attachments");
    let checks_per_request = count_by("SELECT request_id FROM verifications");
    let audited = |action: &str| {
        count_by(&format!(
            "SELECT entity_id FROM audit_log WHERE action = '{action}'"
        ))
    };
    let (created, requester_added, scan_added, verified) = (
        audited("request.create"),
        audited("requester.add"),
        audited("attachment.add"),
        audited("verification.record"),
    );
    let one = |m: &HashMap<i64, usize>, k: Option<i64>| k.and_then(|k| m.get(&k)) == Some(&1);
    // The (first) child row of each request: request id → child id.
    let by_request = |pairs: Vec<Vec<Option<i64>>>| {
        let mut m: HashMap<i64, Option<i64>> = HashMap::new();
        for p in pairs {
            if let Some(request) = p[0] {
                m.entry(request).or_insert(p[1]);
            }
        }
        m
    };
    let (scans, checks) = (by_request(scans), by_request(checks));
    let child_of = |m: &HashMap<i64, Option<i64>>, request: i64| m.get(&request).copied().flatten();
    let mut all = BTreeSet::new();
    let mut partial = Vec::new();
    for r in &requests {
        let (Some(id), requester) = (r[0], r[1]) else {
            continue;
        };
        all.insert(id);
        let whole = requester.is_some_and(|q| requesters.contains(&q))
            && one(&requester_added, requester)
            && one(&created, Some(id))
            && one(&scans_per_request, Some(id))
            && one(&checks_per_request, Some(id))
            && one(&scan_added, child_of(&scans, id))
            && one(&verified, child_of(&checks, id));
        if !whole {
            partial.push(id);
        }
    }
    (all, partial)
}

/// A new database with one participant, locked, and its data key (for the writer, in hex).
fn fresh_database() -> (Fixture, Sensitive<[u8; 32]>, String) {
    let (fx, mut store) = new_store();
    store
        .add_participant(&employee("E1", "Crashley", "Test", "1970-01-01"))
        .expect("participant 1");
    store.lock();
    let key = fixture::data_key(&fx.path, PO_USER, &pw(PO_PASSWORD)).expect("key");
    let key_hex = hex_of(key.expose());
    (fx, key, key_hex)
}

#[test]
fn kill_9_at_random_moments_loses_nothing_committed_and_leaves_nothing_partial() {
    let seed = std::env::var("DESK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("crash harness: seed {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut commits = 0usize;
    let mut lost_total = 0usize;
    let mut partial_total = 0usize;
    let mut killed_mid_run = 0usize;
    let mut databases = 0usize;
    let mut current: Option<(Fixture, Sensitive<[u8; 32]>, String)> = None;
    // The requests the writer reported committed to the current database.
    let mut committed: BTreeSet<i64> = BTreeSet::new();

    for run in 0..RUNS {
        if run % RUNS_PER_DATABASE == 0 {
            current = Some(fresh_database());
            committed.clear();
            databases += 1;
        }
        let Some((fx, key, key_hex)) = current.as_ref() else {
            unreachable!("a database is made on the first run")
        };
        let mut child = Command::new(WRITER)
            .arg(&fx.path)
            .env("DESK_CRASH_KEY", key_hex)
            .env("DESK_CRASH_USER", PO_USER)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the writer starts");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(id) = line.strip_prefix("committed ") {
                    ids.push(id.trim().parse::<i64>().expect("an id"));
                }
            }
            ids
        });
        // From the middle of opening the file to well into the write loop.
        std::thread::sleep(Duration::from_millis(2 + rng.next() % 90));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reaped");
        if status.code().is_none() {
            killed_mid_run += 1;
        }
        let ids = reader.join().expect("reader");
        commits += ids.len();
        committed.extend(ids);

        let store = fixture::open_with_key(&fx.path, key, PO_USER)
            .unwrap_or_else(|e| panic!("run {run}: the database opens after kill -9: {e}"));
        assert_eq!(
            fixture::query_text(&store, "PRAGMA integrity_check").expect("integrity"),
            "ok",
            "run {run}: integrity check"
        );
        assert_eq!(
            store.verify_audit().expect("verify"),
            None,
            "run {run}: the audit chain holds"
        );
        let (on_file, partial) = requests_and_partial(&store);
        let lost: Vec<i64> = committed.difference(&on_file).copied().collect();
        lost_total += lost.len();
        partial_total += partial.len();
        assert!(
            lost.is_empty(),
            "run {run}: committed requests lost: {lost:?}"
        );
        assert!(
            partial.is_empty(),
            "run {run}: partial requests: {partial:?}"
        );
        drop(store);
        if run % 100 == 99 {
            eprintln!(
                "crash harness: {} runs, {commits} committed, {:.1} s",
                run + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "crash harness: {RUNS} runs over {databases} databases ({killed_mid_run} killed by the \
         signal), {commits} requests committed, {lost_total} lost, {partial_total} partial, \
         {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        commits > RUNS,
        "the writer got far enough to commit in most runs ({commits} commits)"
    );
    assert_eq!(
        killed_mid_run, RUNS,
        "every run ended by SIGKILL, not by itself"
    );
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
