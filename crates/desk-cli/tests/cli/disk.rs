//! A full disk, said plainly: on a small tmpfs filled to the last byte, a write is refused
//! with "The disk holding the database is full: free space, then try again", nothing is
//! half-written, and once space is freed the database passes the check of every page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::store::{add_sam, init, run, text, PO_PASSWORD};

const FULL: &str = "The disk holding the database is full: free space, then try again";

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("mount could not start: {e}"))?;
        if !out.status.success() {
            return Err(text(&out.stderr));
        }
        Ok(Tmpfs { dir })
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_owned()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Write a file until the disk refuses another byte.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).expect("the filler file");
    let block = vec![0x5au8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    let _ = f.sync_all();
}

fn cli(db: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend([
        "--db",
        db.to_str().expect("path"),
        "--as",
        "pat",
        "--password-stdin",
    ]);
    run(&all, stdin)
}

#[test]
fn a_write_on_a_full_disk_is_refused_plainly_and_the_database_verifies_afterwards() {
    let disk = match Tmpfs::mount("8m") {
        Ok(d) => d,
        Err(why) => {
            // Said, not hidden: this machine does not let the test mount a tmpfs.
            eprintln!("NOT RUN: a_write_on_a_full_disk_…: cannot mount a tmpfs here: {why}");
            return;
        }
    };
    let db = disk.path().join("records.db");
    init(&db);
    let filler = disk.path().join("filler");
    fill(&filler);

    let out = add_sam(db.to_str().expect("path"));
    assert!(!out.status.success(), "a full disk refuses the write");
    let err = text(&out.stderr);
    assert!(
        err.contains(FULL),
        "the full disk is said plainly, not as SQLite's error code: {err}"
    );
    assert!(!err.contains("Error code"), "no SQLite code: {err}");

    std::fs::remove_file(&filler).expect("space freed");
    let users = cli(&db, &["user", "list"], &format!("{PO_PASSWORD}\n"));
    assert!(users.status.success(), "{}", text(&users.stderr));
    assert!(
        !text(&users.stdout).contains("sam"),
        "nothing half-written: the refused account is not there: {}",
        text(&users.stdout)
    );
    let verified = cli(&db, &["audit", "verify"], &format!("{PO_PASSWORD}\n"));
    assert!(
        verified.status.success(),
        "the database passes the check of every page and the chain: {}",
        text(&verified.stderr)
    );
    assert!(text(&verified.stdout).contains("every page of the database checked: none damaged"));
    let added = add_sam(db.to_str().expect("path"));
    assert!(
        added.status.success(),
        "with space again, the write goes through: {}",
        text(&added.stderr)
    );
}

#[test]
fn a_backup_to_a_full_disk_is_refused_plainly_and_leaves_nothing() {
    let disk = match Tmpfs::mount("1m") {
        Ok(d) => d,
        Err(why) => {
            eprintln!("NOT RUN: a_backup_to_a_full_disk_…: cannot mount a tmpfs here: {why}");
            return;
        }
    };
    let home = tempfile::tempdir().expect("tmp");
    let db = home.path().join("records.db");
    init(&db);
    fill(&disk.path().join("filler"));
    let out_file = disk.path().join("b.db");
    let out = cli(
        &db,
        &["backup", "--out", out_file.to_str().expect("path")],
        &format!("{PO_PASSWORD}\n"),
    );
    assert!(!out.status.success(), "no backup on a full disk");
    let err = text(&out.stderr);
    assert!(
        err.contains("The disk holding the backup is full: free space, then try again"),
        "said plainly: {err}"
    );
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "filler")
        .collect();
    assert!(left.is_empty(), "nothing half-written is left: {left:?}");
}
