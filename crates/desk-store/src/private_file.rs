//! Files only the account that runs Records Desk may open: the database, its key file, backups,
//! saved letters and case files.
//!
//! - Unix: mode 0600, given when the file is created (SQLite gives the `-wal` and `-shm` files
//!   the database's mode).
//! - Windows: the file's access list is replaced by one that grants full control to the signed-in
//!   account, and to SYSTEM and the Administrators group (who, like root, can read any file
//!   anyway), with nothing inherited from the folder; done by `icacls`, which every Windows
//!   carries, right after the file is created.
//! - Anywhere else: refused with a clear error rather than left readable.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Open (and create) a file through `options` so that only its owner may open it.
pub fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(not(unix))]
    restrict(path)?;
    Ok(file)
}

/// Make an existing file owner-only.
#[cfg(unix)]
pub fn restrict(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

/// Make an existing file owner-only: `icacls FILE /inheritance:r /grant:r ACCOUNT:(F) SYSTEM:(F)
/// Administrators:(F)`, without a console window.
#[cfg(windows)]
pub fn restrict(path: &Path) -> io::Result<()> {
    use std::os::windows::process::CommandExt;
    use std::path::PathBuf;
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    // The well-known SIDs of SYSTEM and the Administrators group.
    const SYSTEM: &str = "*S-1-5-18:(F)";
    const ADMINISTRATORS: &str = "*S-1-5-32-544:(F)";

    let user = std::env::var("USERNAME")
        .ok()
        .filter(|u| !u.is_empty())
        .ok_or_else(|| {
            io::Error::other(
                "the signed-in Windows account is not known (USERNAME is not set), so the file \
                 cannot be made owner-only",
            )
        })?;
    let account = match std::env::var("USERDOMAIN").ok().filter(|d| !d.is_empty()) {
        Some(domain) => format!("{domain}\\{user}"),
        None => user,
    };
    // From the system folder, never whatever `icacls` the PATH finds first.
    let icacls = std::env::var_os("SystemRoot")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\Windows"))
        .join("System32")
        .join("icacls.exe");
    let output = std::process::Command::new(&icacls)
        .arg(path)
        .args(["/inheritance:r", "/grant:r"])
        .arg(format!("{account}:(F)"))
        .args([SYSTEM, ADMINISTRATORS, "/q"])
        .creation_flags(CREATE_NO_WINDOW)
        .output()?;
    if output.status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "icacls could not make the file owner-only (a drive without access lists, such as a \
             FAT or exFAT USB stick, cannot hold one): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}

/// Elsewhere there is no owner-only file this code knows how to make: refused.
#[cfg(not(any(unix, windows)))]
pub fn restrict(_path: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "owner-only files are not supported on this platform",
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use std::fs::OpenOptions;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn created_and_restricted_files_are_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let new = dir.path().join("new");
        super::open(OpenOptions::new().write(true).create_new(true), &new).expect("open");
        let old = dir.path().join("old");
        std::fs::write(&old, b"x").expect("write");
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        super::restrict(&old).expect("restrict");
        for path in [new, old] {
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
    }
}
