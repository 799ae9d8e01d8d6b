//! A business associate's disclosures in an accounting, through the real app (164.528(b)(1)):
//! the accounting request asks the associate by letter, with its agreement's clock; its log of
//! disclosures (a CSV file) with a bad row is refused with the row named and nothing imported;
//! the corrected file is imported into the logbook, marked with the associate, its reply
//! recorded; and the accounting letter lists those disclosures under the associate's name.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::harness::{App, DataDir};

/// The register's associate (from the profile `init` sets up), as the accounting names it.
const ASSOCIATE: &str = "Sample Claims Administrator, Inc.";
const NAMED: &str =
    "Disclosed by Sample Claims Administrator, Inc., a business associate of the Plan";

fn pdftotext(path: &Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .context("running pdftotext (poppler-utils)")?;
    if !out.status.success() {
        bail!("pdftotext failed on {}", path.display());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

/// Bring `css` to the top of the window, for the screenshot that follows.
async fn scroll_to(app: &App, css: &str) -> Result<()> {
    app.wait_for(css).await?;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
            vec![serde_json::Value::String(css.to_owned())],
        )
        .await
        .with_context(|| format!("scrolling to {css}"))?;
    Ok(())
}

/// The day `n` days before today, as a log writes it (YYYY-MM-DD).
fn days_ago(n: u64) -> String {
    (chrono::Local::now().date_naive() - chrono::Days::new(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// The associate's log; `date_of_second` is the second disclosure's date cell.
fn log(date_of_second: &str) -> String {
    format!(
        "date,recipient,recipient_address,description,purpose,basis\n\
         {},State Insurance Fraud Unit,\"200 East Gaines Street, Tallahassee, FL 32399\",Claims for one provider's office visits,Fraud investigation of the provider,health_oversight\n\
         {date_of_second},County Health Department,,Immunization claims,Case report required by state law,public_health\n",
        days_ago(120)
    )
}

#[tokio::test]
async fn an_associates_log_is_imported_and_named_in_the_accounting_letter() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("associate-accounting", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.intake_in_person(
        "accounting",
        "SC10001",
        None,
        "Everyone who received my information",
    )
    .await?;

    // The accounting panel lists the register's associate, not yet asked; asking prints the
    // letter and starts its 15-day clock.
    let asks = app.wait_text("#associate-asks", ASSOCIATE).await?;
    ensure!(asks.contains("Not asked"), "not asked yet: {asks}");
    scroll_to(&app, "#associate-disclosures").await?;
    app.screenshot("associate-panel").await?;
    app.click_css("[id^='associate-ask-']").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("associate-letter").await?;
    app.click("pdf-close").await?;
    // A tag's text is shown in capitals (USWDS `usa-tag`), as WebDriver reads it.
    app.wait_text("[id^='accounting-associate-standing-']", "WAITING")
        .await?;

    // Its log, with a date that does not exist on row 3: refused, the row and column named,
    // nothing imported.
    let bad: PathBuf = data.dir.path().join("associate-log.csv");
    std::fs::write(&bad, log("2025-02-30"))?;
    app.click_css("[id^='associate-import-']").await?;
    app.wait_for("#associate-log-form").await?;
    let columns = app.text("#associate-log-columns").await?;
    ensure!(
        columns.contains("recipient_address") && columns.contains("YYYY-MM-DD"),
        "the screen documents the columns: {columns}"
    );
    app.attach("log-file", &bad).await?;
    app.click("log-import").await?;
    let problems = app
        .wait_text("#associate-log-problems", "row 3: date")
        .await?;
    ensure!(
        problems.contains("row 3: date: not a date (use YYYY-MM-DD)"),
        "the bad row is named: {problems}"
    );
    ensure!(
        !problems.contains("County Health Department"),
        "the row is named, never quoted: {problems}"
    );
    let asks = app.text("#associate-asks").await?;
    ensure!(
        asks.contains("0 disclosure(s)") && asks.contains("WAITING"),
        "nothing was imported and no reply recorded: {asks}"
    );
    scroll_to(&app, "#associate-log-form").await?;
    app.screenshot("associate-log-refused").await?;

    // The corrected file: both disclosures imported, marked with the associate, the reply
    // recorded.
    let fixed = data.dir.path().join("associate-log-corrected.csv");
    std::fs::write(&fixed, log(&days_ago(30)))?;
    app.attach("log-file", &fixed).await?;
    app.click("log-import").await?;
    app.wait_text("#request-notice", "2 disclosure(s) imported")
        .await?;
    app.wait_text("[id^='accounting-associate-standing-']", "RECEIVED ON TIME")
        .await?;
    let lines = app
        .wait_text("#accounting-lines", "a business associate of the Plan")
        .await?;
    ensure!(
        lines.contains("Disclosed by")
            && lines.contains("State Insurance Fraud Unit")
            && lines.contains("County Health Department"),
        "the accounting shows the associate's disclosures: {lines}"
    );
    scroll_to(&app, "#accounting-lines").await?;
    app.screenshot("associate-log-imported").await?;

    // The accounting letter names the associate above its disclosures.
    app.click("accounting-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("associate-accounting-letter").await?;
    app.click("pdf-save").await?;
    let notice = app.wait_text("#request-notice", "Saved as ").await?;
    let path = PathBuf::from(
        notice
            .split("Saved as ")
            .nth(1)
            .context("the notice names the file")?
            .trim(),
    );
    app.click("pdf-close").await?;
    std::fs::copy(
        &path,
        crate::harness::artifacts().join("associate-accounting-letter.pdf"),
    )?;
    let text = pdftotext(&path)?;
    for needle in [
        NAMED,
        "and its business associates on its behalf",
        "State Insurance Fraud Unit",
        "Fraud investigation of the provider",
        "County Health Department",
        "Case report required by state law",
    ] {
        ensure!(text.contains(needle), "{needle:?} in the letter:\n{text}");
    }
    let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
    ensure!(
        at(NAMED) < at("State Insurance Fraud Unit"),
        "the associate is named above its disclosures:\n{text}"
    );

    // The participant's logbook shows who made each entry.
    app.click("request-participant").await?;
    let logbook = app
        .wait_text("#disclosures", "State Insurance Fraud Unit")
        .await?;
    ensure!(
        logbook.matches(ASSOCIATE).count() == 2,
        "both entries are marked with the associate: {logbook}"
    );
    scroll_to(&app, "#disclosures").await?;
    app.screenshot("associate-logbook").await?;
    app.quit().await
}
