//! The disclosure logbook through the real app: an accounting over a logbook of accountable and
//! excluded disclosures, printed as a PDF whose table runs over two pages (its header repeated);
//! and a disclosure refused because the authorization it names was revoked the day before.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::harness::{App, DataDir};

fn pdftotext(path: &Path, page: Option<u32>) -> Result<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd
        .arg(path)
        .arg("-")
        .output()
        .context("running pdftotext (poppler-utils)")?;
    if !out.status.success() {
        bail!("pdftotext failed on {}", path.display());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn pages(path: &Path) -> Result<u32> {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .context("pdfinfo")?;
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .context("pdfinfo gives the page count")
}

/// The day `n` days before today, as typed in a date field (YYYY-MM-DD).
fn days_ago(n: u64) -> String {
    (chrono::Local::now().date_naive() - chrono::Days::new(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// The pages the fee is counted on, from the panel's "… N page(s) at 15 cents …".
fn fee_pages(window: &str) -> Result<u32> {
    window
        .split(" page(s)")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("no page count in {window:?}"))
}

/// An accounting request from the participant `who` (searched for by employee id or name),
/// asking in person with photo ID; returns with the request page showing.
async fn accounting_request(app: &mut App, who: &str) -> Result<()> {
    app.intake_in_person(
        "accounting",
        who,
        None,
        "Everyone who received my information",
    )
    .await?;
    app.wait_for("#accounting-panel").await?;
    Ok(())
}

#[tokio::test]
async fn an_accounting_lists_the_accountable_disclosures_over_two_pages() -> Result<()> {
    let data = DataDir::new()?;
    data.demo()?;
    let mut app = App::launch("accounting", &data, &[]).await?;
    app.sign_in("official", "demo-official-pass").await?;
    accounting_request(&mut app, "SC10000").await?;

    // desk-core's accounting over the demo logbook, shown before anything is printed.
    let window = app.wait_text("#accounting-window", "Free").await?;
    ensure!(window.contains("Covers"), "the window is shown: {window}");
    let excluded = app.text("#accounting-panel details summary").await?;
    ensure!(
        excluded.contains("13 logged disclosure(s) left out"),
        "twelve never accounted and one before the six years: {excluded}"
    );
    app.screenshot("accounting-panel").await?;

    app.click("accounting-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("accounting-letter").await?;
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
    // Kept beside the screenshots, to be looked at.
    std::fs::copy(
        &path,
        crate::harness::artifacts().join("accounting-letter.pdf"),
    )?;

    let count = pages(&path)?;
    ensure!(count >= 2, "the table runs over two pages: {count}");
    let text = pdftotext(&path, None)?;
    for n in 101..=128 {
        let case = format!("24-CA-{n}");
        ensure!(
            text.contains(&case),
            "accountable {case} is listed:\n{text}"
        );
    }
    // The date cell reads "first date (first); 3 disclosures; last date", wrapped in its column.
    ensure!(
        text.matches("State Health Oversight Office").count() == 1 && text.contains("(first); 3"),
        "the three repeated disclosures are summarised once:\n{text}"
    );
    for absent in [
        "Sample Claims Administrator",
        "Harbor Pharmacy Network",
        "Plan Auditors LLP",
        "Old County Records Archive",
        "batch 70",
    ] {
        ensure!(
            !text.contains(absent),
            "excluded {absent:?} is not in the accounting:\n{text}"
        );
    }
    let first = pdftotext(&path, Some(1))?;
    let second = pdftotext(&path, Some(2))?;
    for header in ["Recipient", "Information disclosed", "Purpose"] {
        ensure!(first.contains(header), "page 1 has the header {header}");
        ensure!(
            second.contains(header),
            "page 2 repeats the header {header}:\n{second}"
        );
    }
    ensure!(
        second.contains("24-CA-"),
        "page 2 carries table rows:\n{second}"
    );

    // The first accounting is provided once its letter is marked sent: only an accounting
    // provided counts against the next one's "first in 12 months".
    let letter = crate::request::newest_letter_id(&app).await?;
    app.select("delivery", "mail").await?;
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;

    // A second accounting within 12 months: the fee notice comes first, and the person may withdraw.
    accounting_request(&mut app, "SC10000").await?;
    let full = app.wait_text("#accounting-window", "A fee is due").await?;
    ensure!(
        !app.is_present("#accounting-letter").await,
        "no accounting letter before the fee notice"
    );
    // This time the person asks about a shorter period: an end before the start is refused
    // next to the field, then the period narrows the accounting (and its fee).
    app.fill("period-from", &days_ago(50)).await?;
    app.fill("period-to", &days_ago(200)).await?;
    app.click("accounting-period-save").await?;
    let refused = app.wait_text("#period-to-error", "before").await?;
    ensure!(
        refused.contains("end of the period comes before its start"),
        "{refused}"
    );
    app.fill("period-from", &days_ago(200)).await?;
    app.fill("period-to", &days_ago(50)).await?;
    app.click("accounting-period-save").await?;
    app.wait_text("#request-notice", "Period recorded").await?;
    // Within it: four accountable disclosures (65, 110, 155 and 200 days ago) and the three
    // repeated ones (100, 130, 160 days ago), summarised on one line.
    let excluded = app
        .wait_text("#accounting-panel details summary", "37 logged")
        .await?;
    ensure!(
        excluded.contains("37 logged disclosure(s) left out"),
        "{excluded}"
    );
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css("#accounting-lines tbody tr"))
        .await?
        .len();
    ensure!(rows == 5, "five lines in the shorter period, not {rows}");
    let window = app.text("#accounting-window").await?;
    ensure!(
        fee_pages(&window)? < fee_pages(&full)?,
        "the fee follows the shorter accounting: {window} (the six years: {full})"
    );
    app.screenshot("accounting-period").await?;
    // A special service charge says what it pays for, next to the field.
    app.fill("special-charge", "18.50").await?;
    app.click("accounting-fee-notice").await?;
    app.wait_text("#special-charge-reason-error", "pays for")
        .await?;
    app.fill(
        "special-charge-reason",
        "An hour of a clerk's time gathering the archived logbook",
    )
    .await?;
    app.click("accounting-fee-notice").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("accounting-fee-notice").await?;
    app.click("pdf-close").await?;
    app.wait_text("#special-charge-told", "$18.50").await?;
    let notice = crate::request::newest_letter_id(&app).await?;
    let text = pdftotext(&crate::request::saved_pdf(&app, &notice).await?, None)?;
    ensure!(
        text.contains("special service charge of $18.50")
            && text.contains("gathering the archived"),
        "the fee notice tells the charge and what it pays for:\n{text}"
    );
    app.click("accounting-withdraw").await?;
    app.wait_for("#accounting-withdrawn").await?;
    app.wait_text("#request-status", "Withdrawn").await?;
    // Nothing follows a withdrawal: no period to change, no letter; the period stays on file.
    for gone in [
        "#accounting-period",
        "#accounting-letter",
        "#accounting-fee-notice",
    ] {
        ensure!(!app.is_present(gone).await, "{gone} after the withdrawal");
    }
    app.wait_text("#accounting-period-asked", "Period asked about")
        .await?;
    app.quit().await
}

#[tokio::test]
async fn a_disclosure_under_an_authorization_revoked_the_day_before_is_refused() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("authorization-revoked", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    let today = chrono::Local::now().date_naive();
    let next_year = (today + chrono::Days::new(365))
        .format("%Y-%m-%d")
        .to_string();

    app.click("nav-participants").await?;
    app.fill("participant-query", "Avery").await?;
    app.wait_for("#participant-results button")
        .await?
        .click()
        .await?;
    app.wait_for("#authorization-form").await?;

    // The checklist names what the form is missing while it is filled in.
    app.fill("auth-recipient", "Dr. Alan Smith").await?;
    app.wait_for("#auth-missing-conditioning_statement_missing")
        .await?;
    app.fill("auth-information", "Claims records for 2025")
        .await?;
    app.fill("auth-discloser", "Sample County Group Health Plan")
        .await?;
    app.fill("auth-purpose", "Second opinion").await?;
    app.fill("auth-expires-value", &next_year).await?;
    app.fill("auth-signed-on", &days_ago(10)).await?;
    app.fill("auth-signer", "Avery Ashgrove").await?;
    app.choose("auth-revoke-statement").await?;
    app.choose("auth-conditioning-statement").await?;
    app.choose("auth-redisclosure-statement").await?;
    app.fill("auth-received-on", &days_ago(5)).await?;
    app.wait_for("#auth-complete").await?;
    app.click("authorization-submit").await?;
    app.wait_text("#authorization-notice", "Authorization recorded")
        .await?;
    app.wait_text("#authorizations", "Valid").await?;

    // The written revocation arrived yesterday.
    app.fill("revocation-received-on", &days_ago(1)).await?;
    let revoke = app
        .wait_for("button[id^='revoke-authorization-']")
        .await?
        .attr("id")
        .await?
        .context("the revoke button has an id")?;
    app.click(&revoke).await?;
    app.wait_text("#authorizations", "Revoked").await?;

    // Today's disclosure under it is refused, the reason beside the date and in the summary.
    app.fill("disclosed-on", &days_ago(0)).await?;
    app.fill("disclosure-recipient", "Dr. Alan Smith").await?;
    app.fill("disclosure-description", "Claims records").await?;
    app.fill("disclosure-purpose", "Second opinion").await?;
    app.select("disclosure-basis", "authorization").await?;
    let auth_id = revoke.trim_start_matches("revoke-authorization-");
    app.select("disclosure-authorization", auth_id).await?;
    app.click("disclosure-submit").await?;
    let beside = app.wait_text("#disclosed-on-error", "revoked").await?;
    let summary = app.wait_text("#error-summary", "revoked").await?;
    ensure!(
        summary.contains("Date"),
        "the summary names the field: {summary} / {beside}"
    );
    ensure!(
        !app.is_present("#disclosure-notice").await,
        "nothing is recorded"
    );
    ensure!(
        app.text("#participant-page").await?.contains("Disclosures")
            && !app.is_present("#disclosures").await,
        "the logbook is still empty"
    );
    app.screenshot("disclosure-refused-revoked").await?;

    // Made two days ago, before the revocation was received, and "Claims records" is only a
    // part of the form's description: the person recording confirms it falls within it,
    // reading the description quoted beside the field.
    app.fill("disclosed-on", &days_ago(2)).await?;
    app.click("disclosure-submit").await?;
    app.wait_text("#information-confirmed-error", "falls within")
        .await?;
    app.wait_text(
        "#authorization-information-quote",
        "Claims records for 2025",
    )
    .await?;
    app.choose("information-confirmed").await?;
    app.click("disclosure-submit").await?;
    app.wait_text("#disclosure-notice", "Disclosure recorded")
        .await?;
    app.wait_text("#disclosures", "Dr. Alan Smith").await?;
    app.quit().await
}
