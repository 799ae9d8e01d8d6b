//! A backup is one file, made and restored from Settings → Backups: the restore checks the
//! backup before it replaces anything, keeps the replaced database, and reopens on the restored
//! file. A record made after the backup is gone; one made before it is there.

use anyhow::{ensure, Result};

use crate::harness::{App, DataDir};

async fn log_complaint(app: &App, name: &str) -> Result<()> {
    app.click("nav-complaints").await?;
    app.wait_text("h1", "Complaints").await?;
    app.fill("complaint-name", name).await?;
    app.fill("complaint-address", "5 Oak Street\nSampleton, FL 32960")
        .await?;
    app.fill("complaint-description", "A letter went to an old address")
        .await?;
    app.click("complaint-log").await?;
    app.wait_text("#complaint-notice", "Complaint logged")
        .await?;
    app.wait_text("#complaint-table", name).await?;
    Ok(())
}

#[tokio::test]
async fn a_one_file_backup_is_made_and_restored_from_the_app() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let backups = data.dir.path().join("Documents/Records Desk/Backups");
    let mut app = App::launch("backup-restore", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    log_complaint(&app, "Robin Before").await?;

    // Back up from Settings → Backups: one file, listed at once.
    app.click("nav-settings").await?;
    app.wait_for("#backups-none").await?;
    app.click("settings-backup-now").await?;
    let note = app
        .wait_text("#settings-backup-note", "Backed up and verified")
        .await?;
    ensure!(note.contains(".rdbackup"), "{note}");
    let listed = app.wait_text("#backups-list", ".rdbackup").await?;
    let files: Vec<String> = std::fs::read_dir(&backups)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ensure!(
        files.len() == 1 && files[0].ends_with(".rdbackup"),
        "one file, no key file beside it: {files:?}"
    );
    ensure!(listed.contains(&files[0]), "{listed}");
    app.screenshot("backup-listed").await?;

    log_complaint(&app, "Casey After").await?;

    // Restore it: a wrong password is refused beside its field and replaces nothing.
    app.click("nav-settings").await?;
    app.click_css("#backups-list button[data-backup$='.rdbackup']")
        .await?;
    app.fill("restore-password", "not-her-password").await?;
    app.click("restore-check").await?;
    app.wait_text("#restore-warning", "kept beside it").await?;
    app.screenshot("restore-confirm").await?;
    app.click("restore-confirm").await?;
    app.wait_for("#restore-password-error").await?;
    ensure!(
        app.is_present("#backups").await,
        "still signed in to the database as it was"
    );
    app.fill("restore-password", "po-password-1").await?;
    app.click("restore-check").await?;
    app.click("restore-confirm").await?;
    let notice = app.wait_text("#restore-notice", "is restored").await?;
    ensure!(
        notice.contains("before-restore"),
        "the notice says where the replaced database is: {notice}"
    );
    let reminder = app.wait_text("#backup-reminder", "Last backup").await?;
    ensure!(
        !reminder.contains("No backup"),
        "the file restored from counts as the restored database's last backup: {reminder}"
    );
    app.screenshot("restored").await?;

    // The restored database: the complaint made before the backup is there, the later one gone.
    app.click("nav-complaints").await?;
    let table = app.wait_text("#complaint-table", "Robin Before").await?;
    ensure!(
        !table.contains("Casey After"),
        "the complaint made after the backup is gone: {table}"
    );
    let kept: Vec<String> = std::fs::read_dir(data.dir.path())?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("records.before-restore-"))
        .collect();
    ensure!(
        kept.iter().any(|n| n.ends_with(".db")) && kept.iter().any(|n| n.ends_with(".keys")),
        "the replaced database and its key file are kept: {kept:?}"
    );
    app.quit().await
}
