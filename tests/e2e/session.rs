//! First run, sign-in with a wrong then a right password, lock and sign back in, the idle lock.

use anyhow::{ensure, Result};

use crate::harness::{App, DataDir};

#[tokio::test]
async fn first_run_creates_the_database_and_signs_the_official_in() -> Result<()> {
    let data = DataDir::new()?;
    let mut app = App::launch("first-run", &data, &[]).await?;
    app.wait_text("h1", "Set up Records Desk").await?;
    app.screenshot("organization").await?;

    // Continuing with nothing filled in names each missing field next to it and in the summary.
    app.click("org-next").await?;
    let summary = app.text("#error-summary").await?;
    ensure!(
        summary.contains("Organization name"),
        "the summary lists the missing name: {summary}"
    );
    ensure!(
        app.is_present("#org-name-error").await,
        "the error sits beside the field"
    );
    app.screenshot("organization-errors").await?;

    app.fill("org-name", "Sample County").await?;
    app.fill("org-plan", "Sample County Group Health Plan")
        .await?;
    app.fill("org-address", "1840 25th Street\nVero Beach, FL 32960")
        .await?;
    app.fill("org-phone", "772-567-8000").await?;
    app.fill("org-fax", "772-770-5004").await?;
    app.fill("org-official-name", "Pat Official").await?;
    app.fill("org-official-title", "Benefits/Payroll Administrator")
        .await?;
    app.click("org-next").await?;

    app.fill("username", "pofficial").await?;
    app.fill("display-name", "Pat Official").await?;
    app.fill("password", "correct horse battery").await?;
    app.fill("password-confirm", "correct horse battery")
        .await?;
    app.click("account-next").await?;
    app.wait_text("h2", "Check your answers").await?;
    app.click("create-database").await?;

    let code = app.text("#recovery-code").await?;
    ensure!(
        code.trim().len() >= 20,
        "a recovery code is shown once: {code:?}"
    );
    app.screenshot("recovery-code").await?;
    app.click("recovery-done").await?;
    let who = app.text("#signed-in-user").await?;
    ensure!(
        who == "Pat Official",
        "the official is signed in, saw {who:?}"
    );
    app.wait_for("#dashboard").await?;
    app.screenshot("dashboard").await?;
    app.quit().await?;

    ensure!(
        data.db().exists(),
        "the database file is where the app was told to keep it"
    );
    let head = std::fs::read(data.db())?;
    ensure!(
        !head.starts_with(b"SQLite format 3"),
        "the file on disk is encrypted"
    );
    ensure!(
        !head
            .windows(b"Pat Official".len())
            .any(|w| w == b"Pat Official"),
        "no plaintext name in the database file"
    );

    // A second start goes to sign-in, not to set-up.
    let mut app = App::launch("first-run-again", &data, &[]).await?;
    app.wait_text("h1", "Sign in").await?;
    app.screenshot("sign-in").await?;
    app.quit().await
}

#[tokio::test]
async fn wrong_password_then_right_then_lock_and_back() -> Result<()> {
    let data = DataDir::new()?;
    data.init_with_cli()?;
    let mut app = App::launch("sign-in", &data, &[]).await?;
    app.wait_text("h1", "Sign in").await?;
    app.wait_autofocus().await;

    app.fill("username", "po").await?;
    app.fill("password", "not-the-password").await?;
    app.click("sign-in-button").await?;
    let err = app.text("#password-error").await?;
    ensure!(
        err.to_lowercase().contains("wrong"),
        "a wrong password is said plainly: {err:?}"
    );
    ensure!(
        !app.is_present("#dashboard").await,
        "no way in with a wrong password"
    );
    app.screenshot("wrong-password").await?;

    app.fill("password", "po-password-1").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#dashboard").await?;
    app.screenshot("signed-in").await?;

    app.click("lock-button").await?;
    app.wait_text("h1", "locked").await?;
    app.screenshot("locked").await?;
    app.fill("password", "po-password-1").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#dashboard").await?;
    app.quit().await
}

#[tokio::test]
async fn idle_session_locks_by_itself_and_the_same_user_signs_back_in() -> Result<()> {
    let data = DataDir::new()?;
    data.init_with_cli()?;
    // Six seconds: long enough that a slow machine shows the dashboard before the lock, short
    // enough for the test.
    let mut app = App::launch("idle-lock", &data, &["--idle-seconds", "6"]).await?;
    app.wait_autofocus().await;
    app.fill("username", "po").await?;
    app.fill("password", "po-password-1").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#dashboard").await?;

    // Nothing happens for longer than the limit: the backend drops the key and says so.
    tokio::time::sleep(std::time::Duration::from_secs(8)).await;
    app.wait_text("h1", "locked").await?;
    ensure!(
        !app.is_present("#dashboard").await,
        "nothing of the dashboard stays on screen"
    );
    let user = app
        .wait_for("#username")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        user == "po",
        "the lock screen keeps who was signed in, saw {user:?}"
    );
    app.screenshot("idle-locked").await?;

    app.fill("password", "po-password-1").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#dashboard").await?;
    app.quit().await
}

#[tokio::test]
async fn after_an_idle_lock_the_same_user_returns_to_the_unfinished_request() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("idle-draft", &data, &["--idle-seconds", "4"]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.click("nav-new-request").await?;
    app.choose("kind-amendment").await?;
    app.choose("channel-mail").await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Whose records?").await?;
    app.fill("participant", "Avery").await?;
    app.wait_for("#participant-hits button")
        .await?
        .click()
        .await?;
    app.wait_text("#chosen-participant", "Avery").await?;

    // Away from the desk: the backend locks, and nothing of the request stays on screen.
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    app.wait_text("h1", "locked").await?;
    ensure!(
        !app.is_present("#new-request").await,
        "the wizard left the screen"
    );
    app.screenshot("locked-mid-request").await?;

    app.fill("password", "staff-password-1").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#draft-restored").await?;
    let chosen = app.text("#chosen-participant").await?;
    ensure!(
        chosen.contains("Avery Ashgrove"),
        "back on the same page with the same participant: {chosen:?}"
    );
    app.wait_text("h1", "Whose records?").await?;
    app.screenshot("back-to-the-draft").await?;
    app.quit().await
}

/// A byte changed in the middle of a scan's pages: sign-in (which reads no such page) goes
/// through, and the check of every page it starts beside the session shows the Privacy Official
/// the damage with what to do, and writes it to the audit log.
#[tokio::test]
async fn a_damaged_page_is_shown_to_the_official_after_sign_in_with_what_to_do() -> Result<()> {
    let data = DataDir::new()?;
    data.init_with_cli()?;
    let db = data.db();
    let password = desk_core::Sensitive::new("po-password-1".to_owned());
    let before = std::fs::metadata(&db)?.len() as usize;
    let mut store = desk_store::Store::sign_in(&db, "po", &password, chrono::Utc::now())?;
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..600 * 1024).map(|i| (i * 7 % 253) as u8));
    store.add_attachment(&desk_store::NewAttachment {
        request_id: None,
        kind: desk_store::AttachmentKind::Other,
        file_name: "scan.pdf".into(),
        bytes,
        corrects_id: None,
    })?;
    store.lock();
    let after = std::fs::metadata(&db)?.len() as usize;
    let mut file = std::fs::read(&db)?;
    file[(before + after) / 2 / 4096 * 4096 + 1000] ^= 0x01;
    std::fs::write(&db, &file)?;

    let mut app = App::launch("damaged-page", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    let said = app
        .wait_text("#integrity-alert", "restore it from the latest backup")
        .await?;
    ensure!(
        said.contains("The database file is damaged"),
        "the alert names the damage: {said}"
    );
    app.screenshot("damage-alert").await?;
    app.quit().await?;

    let store = desk_store::Store::sign_in(&db, "po", &password, chrono::Utc::now())?;
    let actions: Vec<String> = store
        .recent_audit(10)?
        .into_iter()
        .map(|e| e.action)
        .collect();
    ensure!(
        actions.iter().any(|a| a == "database.damaged"),
        "the damage is in the audit log: {actions:?}"
    );
    Ok(())
}
