//! A verified backup of a large county's file beside a plain copy of the same file: the backup
//! copies the file's bytes with every page's HMAC checked on two threads, syncs the copy while
//! its audit chain is read back, then writes its trailer; the plain copy is the file system's
//! own (`std::fs::copy`), then synced. The goal is a backup at the disk's speed, a ratio near
//! one. Both are timed twice over: reading a file the page cache holds, as right after the
//! office's work, and (as root) with the page cache dropped before each copy, so both read the
//! file from the disk. Medians printed, nothing asserted.
//!
//! Run: `cargo bench -p desk-store --bench backup` (builds the county with desk-store's fixture:
//! 500 scans of 2 MiB, about 1.25 GB, in a temporary folder, which needs three times that
//! free). `RECORDS_DESK_BENCH_COUNTY=PATH` copies a county database the fixture built earlier
//! (its key file beside it) instead.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use desk_core::Sensitive;
use desk_store::{fixture, key_file_path, BackupProgress, Store};

const OFFICIAL: (&str, &str) = ("official", "county-official-pass");
const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One verified backup to `out`: (until every page is copied and checked, the whole backup).
fn backup(store: &Store, out: &Path) -> (Duration, Duration) {
    let start = Instant::now();
    let mut copied = None;
    store
        .background()
        .backup(out, |p| {
            if p == BackupProgress::Verifying {
                copied.get_or_insert(start.elapsed());
            }
        })
        .expect("backup");
    let total = start.elapsed();
    (copied.unwrap_or(total), total)
}

/// The file system's copy of `from` to `to`, synced.
fn plain_copy(from: &Path, to: &Path) -> Duration {
    let start = Instant::now();
    std::fs::copy(from, to).expect("copy");
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .expect("sync");
    start.elapsed()
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("records.db");
    match std::env::var_os("RECORDS_DESK_BENCH_COUNTY") {
        Some(built) => {
            let built = std::path::PathBuf::from(built);
            std::fs::copy(&built, &db).expect("copy the county database");
            std::fs::copy(key_file_path(&built), key_file_path(&db)).expect("copy its key file");
        }
        None => {
            let started = Instant::now();
            fixture::county(
                &db,
                OFFICIAL,
                ("staff", "county-staff-pass"),
                500,
                2 * 1024 * 1024,
            )
            .expect("build the county database");
            println!(
                "county database built in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    let store = Store::sign_in(
        &db,
        OFFICIAL.0,
        &Sensitive::new(OFFICIAL.1.to_owned()),
        Utc::now(),
    )
    .expect("sign in");

    let out = dir.path().join("records.rdbackup");
    let plain = dir.path().join("plain.db");
    let bytes = std::fs::metadata(&db).expect("size").len() as f64;
    // Warm: the file in the page cache, as right after the office's work. Cold: the page cache
    // dropped before each copy (root only), so both read the file from the disk.
    for cold in [false, true] {
        if cold && !drop_caches() {
            println!("cold runs skipped: dropping the page cache needs root");
            break;
        }
        let (mut copied, mut backups, mut plains) = (Vec::new(), Vec::new(), Vec::new());
        // One warm-up of each, then the runs in turn.
        for run in 0..=RUNS {
            if cold {
                drop_caches();
            }
            let (c, b) = backup(&store, &out);
            std::fs::remove_file(&out).expect("remove the backup");
            if cold {
                drop_caches();
            }
            let p = plain_copy(&db, &plain);
            std::fs::remove_file(&plain).expect("remove the copy");
            if run > 0 {
                copied.push(c);
                backups.push(b);
                plains.push(p);
            }
        }
        let (copied, backup, plain) = (median(copied), median(backups), median(plains));
        println!(
            "backup of a {:.2} GB database, {}, medians of {RUNS} runs: verified backup {:.0} ms \
             ({:.0} MB/s; every page copied and checked after {:.0} ms), plain copy and sync \
             {:.0} ms ({:.0} MB/s); backup / plain copy {:.2} (goal: near 1)",
            bytes / 1e9,
            if cold {
                "page cache dropped before each copy"
            } else {
                "file in the page cache"
            },
            ms(backup),
            bytes / 1e6 / backup.as_secs_f64(),
            ms(copied),
            ms(plain),
            bytes / 1e6 / plain.as_secs_f64(),
            backup.as_secs_f64() / plain.as_secs_f64(),
        );
    }
}

/// Write out what is dirty and drop the page cache, so the next read comes from the disk.
fn drop_caches() -> bool {
    std::process::Command::new("sync")
        .status()
        .is_ok_and(|s| s.success())
        && std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}
