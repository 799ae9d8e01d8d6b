//! Accounts follow the people: the Privacy Official who forgot her password resets it on the
//! sign-in screen with the recovery code, then issues a new code in Settings.

use anyhow::{ensure, Result};

use crate::harness::{App, DataDir};

#[tokio::test]
async fn the_privacy_officials_password_is_reset_with_the_recovery_code() -> Result<()> {
    let data = DataDir::new()?;
    let code = data.init_with_cli_recovery_code()?;
    let mut app = App::launch("recovery-reset", &data, &[]).await?;
    app.wait_for("#sign-in").await?;
    app.wait_autofocus().await;
    app.click("forgot-password").await?;
    // The reset form's user name field takes the focus when it appears: typing before that
    // would carry the later fields' keys into it.
    app.wait_focus_in("#recovery-form").await?;
    app.fill("username", "po").await?;
    // A wrong code is refused beside its field, and nothing changes.
    app.fill("recovery-code", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
        .await?;
    app.fill("new-password", "a brand new password").await?;
    app.fill("new-password-confirm", "a brand new password")
        .await?;
    app.click("recovery-submit").await?;
    app.wait_text("#recovery-code-error", "does not open the database")
        .await?;
    app.screenshot("wrong-code").await?;
    // The printed code, typed as people type it.
    app.fill("recovery-code", &code.to_lowercase().replace('-', " "))
        .await?;
    app.click("recovery-submit").await?;
    app.wait_for("#dashboard").await?;
    app.screenshot("signed-in-after-reset").await?;

    // A new code in Settings: its sheet is shown once, and the old code is useless.
    app.click("nav-settings").await?;
    app.click("new-recovery-code").await?;
    app.click("new-recovery-code-confirm").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("new-recovery-sheet").await?;
    app.click("pdf-close").await?;
    app.click("sign-out-button").await?;
    app.wait_for("#sign-in").await?;
    app.wait_autofocus().await;
    app.click("forgot-password").await?;
    app.wait_focus_in("#recovery-form").await?;
    app.fill("username", "po").await?;
    app.fill("recovery-code", &code).await?;
    app.fill("new-password", "yet another new password").await?;
    app.fill("new-password-confirm", "yet another new password")
        .await?;
    app.click("recovery-submit").await?;
    app.wait_text("#recovery-code-error", "does not open the database")
        .await?;
    app.click("recovery-cancel").await?;
    app.sign_in("po", "a brand new password").await?;
    ensure!(
        app.is_present("#dashboard").await,
        "the reset password signs in"
    );
    app.quit().await
}
