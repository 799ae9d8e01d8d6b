//! Requesters the desk could not verify, through the real app: a request referred to the
//! Privacy Official and verified by her, and a caller whose SSN digits did not match, logged as
//! awaiting a written request and sent the letter asking for it.

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{App, DataDir};
use crate::request::{pdftotext, saved_pdf};

/// How the desk found the requester.
enum Seen {
    /// A matching licence, yet the desk doubts who this is: referred.
    Doubted,
    /// A caller whose SSN digits do not match: asked to write.
    WrongSsn,
}

/// Log an access request for Avery through the wizard, asked by Avery on `channel`, verified
/// as `seen`. Returns with the request page showing.
async fn log_for_avery(app: &mut App, channel: &str, seen: Seen) -> Result<()> {
    app.click("nav-new-request").await?;
    app.wait_text("h1", "New request").await?;
    app.choose("kind-access").await?;
    app.choose(&format!("channel-{channel}")).await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Whose records?").await?;
    app.fill("participant", "Avery").await?;
    app.wait_for("#participant-hits button")
        .await?
        .click()
        .await?;
    app.wait_text("#chosen-participant", "Avery").await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Who is asking?").await?;
    app.choose("role-individual").await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Verify").await?;
    match seen {
        Seen::Doubted => {
            app.select("photo-id-kind", "drivers_licence").await?;
            app.choose("photo-id-matches").await?;
            app.choose("copy-filed").await?;
            app.choose("doubt").await?;
            app.wait_text("#next-step", "Privacy Official").await?;
        }
        Seen::WrongSsn => {
            app.fill("ssn-digits", "9999").await?;
            app.wait_text("#next-step", "in writing").await?;
            app.screenshot("ssn-mismatch").await?;
        }
    }
    app.click("wizard-next").await?;
    app.wait_for("#details").await?;
    app.fill("details", "Copies of claims for 2025").await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Check your answers").await?;
    app.click("create-request").await?;
    app.wait_for("#request-page").await?;
    Ok(())
}

#[tokio::test]
async fn a_referral_is_verified_by_the_privacy_official() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("referral-verified", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    log_for_avery(&mut app, "in_person", Seen::Doubted).await?;
    app.wait_text("#request-status", "Received").await?;
    app.wait_for("#referred-hint").await?;
    ensure!(
        !app.is_present("#verify-record").await,
        "staff cannot settle a referral"
    );
    app.screenshot("referred").await?;

    app.click("sign-out-button").await?;
    app.sign_in("po", "po-password-1").await?;
    app.click("nav-approvals").await?;
    app.wait_text("#referral-table", "Avery").await?;
    app.screenshot("referral-queue").await?;
    app.wait_for("#referral-table button")
        .await?
        .click()
        .await?;
    app.wait_for("#verify-form").await?;
    app.click("verify-record").await?;
    app.wait_text("#verify-seen-error", "Say what was seen")
        .await?;
    app.fill(
        "verify-seen",
        "Driver licence; called Avery at the number on file",
    )
    .await?;
    app.click("verify-record").await?;
    app.wait_text("#request-status", "Verified").await?;
    app.wait_text("#verification-record", "called Avery")
        .await?;
    app.screenshot("verified-by-official").await?;
    app.click("nav-approvals").await?;
    app.wait_text("#referral-table", "No request is referred to you")
        .await?;
    app.quit().await
}

#[tokio::test]
async fn a_caller_who_cannot_be_verified_is_logged_and_asked_to_write() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("written-request", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    log_for_avery(&mut app, "telephone", Seen::WrongSsn).await?;
    app.wait_text("#request-status", "Awaiting a written request")
        .await?;
    ensure!(
        !app.text("#request-clock").await?.contains("Due"),
        "no clock runs until the written request comes"
    );
    app.click("written-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("written-request-letter").await?;
    app.click("pdf-close").await?;
    ensure!(
        !app.is_present("#written-letter").await,
        "the letter is prepared once"
    );
    let letters = app.text("#letters").await?;
    ensure!(
        letters.contains("Please Send It in Writing")
            && letters.contains("Request to Inspect Health Information"),
        "the letter and its pre-filled form are kept:\n{letters}"
    );
    // The letter is the first of the two; the form is enclosed with it.
    let first = app
        .client
        .find_all(Locator::Css("#letters button[id^='letter-save-']"))
        .await?;
    let letter = first
        .first()
        .context("the letter in the table")?
        .attr("id")
        .await?
        .unwrap_or_default()
        .trim_start_matches("letter-save-")
        .to_owned();
    let text = pdftotext(&saved_pdf(&app, &letter).await?)?;
    ensure!(
        text.contains("12 Palm Avenue") && text.contains("in writing"),
        "to the address on file, asking for the request in writing:\n{text}"
    );
    app.select("delivery", "mail").await?;
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-notice", "Marked as sent").await?;

    app.click("nav-dashboard").await?;
    app.wait_for("#due-table").await?;
    ensure!(
        !app.text("#due-table").await?.contains("Avery"),
        "it waits for the person, not the office"
    );
    app.quit().await
}
