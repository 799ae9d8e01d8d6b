//! Printing goes through the system's print dialog: "Print…" in the preview opens GTK's print
//! dialog over the app, and printing from it (to its "Print to File" printer, the one a machine
//! without printers has) writes the pages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};

use crate::harness::{artifacts, App, DataDir};

/// The X window whose title is exactly `title`, once it is mapped (xdotool).
fn wait_window(title: &str, within: Duration) -> Result<String> {
    let deadline = Instant::now() + within;
    loop {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
            .output()
            .context("running xdotool")?;
        let ids = String::from_utf8_lossy(&out.stdout);
        if let Some(id) = ids.split_whitespace().next() {
            return Ok(id.to_owned());
        }
        if Instant::now() > deadline {
            bail!("no window titled {title:?} within {within:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn xdotool(args: &[&str]) -> Result<()> {
    let status = Command::new("xdotool")
        .args(args)
        .status()
        .context("running xdotool")?;
    ensure!(status.success(), "xdotool {args:?} failed");
    Ok(())
}

/// Every PDF under `dir`, searched a few levels deep.
fn pdfs_under(dir: &Path, depth: u32, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth > 0 {
            pdfs_under(&path, depth - 1, found);
        } else if path.extension().is_some_and(|e| e == "pdf") {
            found.push(path);
        }
    }
}

#[tokio::test]
async fn print_opens_the_system_print_dialog_and_prints() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("print", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    crate::request::intake(&mut app, "individual", None).await?;

    app.click("print-request-form").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    let mut before = Vec::new();
    pdfs_under(data.dir.path(), 3, &mut before);

    // The dialog is modal: the click returns when it closes, so it is pressed on the side.
    let print = app.wait_for("#pdf-print").await?;
    let pressed = tokio::spawn(async move { print.click().await });
    let dialog = wait_window("Print", Duration::from_secs(30))?;
    let shot = artifacts().join("print-01-dialog.png");
    let _ = Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status();
    // Enter takes the dialog's default action, Print, on the selected printer.
    xdotool(&["windowfocus", "--sync", &dialog])?;
    xdotool(&["key", "--window", &dialog, "Return"])?;
    tokio::time::timeout(Duration::from_secs(30), pressed)
        .await
        .context("the print dialog did not close")?
        .context("the click task")?
        .context("clicking Print…")?;

    // The printed file appears (GTK writes it when the job is done).
    let deadline = Instant::now() + Duration::from_secs(30);
    let printed = loop {
        let mut now = Vec::new();
        pdfs_under(data.dir.path(), 3, &mut now);
        let new: Vec<PathBuf> = now.into_iter().filter(|p| !before.contains(p)).collect();
        if let Some(p) = new.into_iter().find(|p| {
            std::fs::metadata(p)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
        }) {
            break p;
        }
        if Instant::now() > deadline {
            bail!("nothing was printed to a file under the test's home");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let info = Command::new("pdfinfo")
        .arg(&printed)
        .output()
        .context("running pdfinfo")?;
    let info = String::from_utf8_lossy(&info.stdout);
    ensure!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && !l.ends_with(" 0")),
        "the printed file has pages: {info}"
    );
    app.screenshot("after-print").await?;
    app.quit().await
}
