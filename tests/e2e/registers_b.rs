//! The Privacy Official's registers through the real app: a restriction agreed with its
//! business-associate notices printed, then a conflicting disclosure warned about with the
//! restriction quoted; a confidential-communication address used on the next letter.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{App, DataDir};

/// Log a request of `kind` from Avery Ashgrove herself, in person with photo ID; returns with
/// the request page showing.
async fn intake(app: &mut App, kind: &str, details: &str) -> Result<()> {
    app.intake_in_person(kind, "Avery", Some("Avery"), details)
        .await?;
    app.wait_text("#request-status", "Verified").await?;
    Ok(())
}

fn pdftotext(path: &std::path::Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .context("running pdftotext (poppler-utils)")?;
    if !out.status.success() {
        bail!("pdftotext failed on {}", path.display());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Save a letter from the request's table and read its text.
async fn letter_text(app: &App, letter_id: &str) -> Result<String> {
    app.click(&format!("letter-save-{letter_id}")).await?;
    let notice = app.wait_text("#request-notice", "Saved as ").await?;
    let path = notice
        .split("Saved as ")
        .nth(1)
        .context("the notice names the file")?
        .trim()
        .to_owned();
    pdftotext(&PathBuf::from(path))
}

/// The letters in the request's table: (id, title), oldest first.
async fn letters(app: &App) -> Result<Vec<(String, String)>> {
    app.wait_for("#letters button[id^='letter-save-']").await?;
    let rows = app
        .client
        .find_all(Locator::Css("#letters tbody tr"))
        .await?;
    let mut out = Vec::new();
    for row in rows {
        let title = row.find(Locator::Css("td")).await?.text().await?;
        let id = row
            .find(Locator::Css("button[id^='letter-save-']"))
            .await?
            .attr("id")
            .await?
            .unwrap_or_default()
            .trim_start_matches("letter-save-")
            .to_owned();
        out.push((id, title));
    }
    Ok(out)
}

#[tokio::test]
async fn an_agreed_restriction_notifies_business_associates_and_a_conflicting_disclosure_is_warned(
) -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("restriction-agreed", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    intake(
        &mut app,
        "restriction",
        "Do not tell my spouse about physical therapy claims",
    )
    .await?;

    // The questionnaire, then agree.
    app.choose("restriction-agree").await?;
    app.fill("restriction-information", "Claims for physical therapy")
        .await?;
    app.fill("restriction-manner", "N/A").await?;
    app.fill("restriction-not-to", "Jordan Ashgrove").await?;
    app.click("restriction-record").await?;
    app.wait_text("#request-notice", "Restriction agreed")
        .await?;
    app.wait_text("#request-status", "Decided").await?;

    // The response and a notice to each business associate, prepared in one go.
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("restriction-response").await?;
    app.click("pdf-close").await?;
    let all = letters(&app).await?;
    let notices: Vec<_> = all
        .iter()
        .filter(|(_, t)| t.contains("Notice of Agreed Restriction"))
        .collect();
    ensure!(
        notices.len() == 1,
        "one notice per business associate in the profile (one in the default profile): {all:?}"
    );
    let response = all
        .iter()
        .find(|(_, t)| t.contains("Response to Restriction Request"))
        .context("the response letter is in the table")?;
    let text = letter_text(&app, &response.0).await?;
    ensure!(
        text.contains("agrees") && text.contains("not to be disclosed to Jordan Ashgrove"),
        "the response agrees and quotes the restriction:\n{text}"
    );
    let text = letter_text(&app, &notices[0].0).await?;
    ensure!(
        text.contains("Sample Claims Administrator")
            && text.contains("Claims for physical therapy; not to be disclosed to")
            && text.contains("Avery Ashgrove"),
        "the notice goes to the business associate and quotes the restriction:\n{text}"
    );
    app.screenshot("restriction-letters").await?;

    // A disclosure to the person named in the restriction is warned about, the restriction quoted.
    app.click("request-participant").await?;
    app.wait_text("#restriction-register", "Jordan Ashgrove")
        .await?;
    app.fill("disclosure-recipient", "Jordan Ashgrove").await?;
    app.fill("disclosure-description", "Claims paid in 2026")
        .await?;
    app.fill("disclosure-purpose", "Question about a bill")
        .await?;
    app.select("disclosure-basis", "payment").await?;
    // The minimum-necessary standard applies to a payment disclosure: it is asked first.
    app.click("disclosure-submit").await?;
    app.wait_text("#minimum-necessary-error", "routine disclosure")
        .await?;
    app.choose("minimum-reviewed").await?;
    app.click("disclosure-submit").await?;
    let warning = app
        .wait_text(
            "#restriction-conflict",
            "conflicts with an agreed restriction",
        )
        .await?;
    ensure!(
        warning.contains(
            "\u{201c}Claims for physical therapy; not to be disclosed to Jordan Ashgrove.\u{201d}"
        ),
        "the warning quotes the restriction: {warning}"
    );
    ensure!(
        !app.is_present("#disclosure-notice").await,
        "nothing is recorded before the warning is read"
    );
    app.screenshot("disclosure-conflict").await?;

    // Recorded only once the person confirms having read it.
    app.choose("conflicts-seen").await?;
    app.click("disclosure-submit").await?;
    app.wait_text("#disclosure-notice", "Disclosure recorded")
        .await?;

    // The plan ends the restriction from today: its letter is prepared, the register shows the
    // end, and information from before the end stays covered, so a disclosure still warns.
    app.select("restriction-ended-by", "plan").await?;
    let end = app
        .wait_for("button[id^='end-restriction-']")
        .await?
        .attr("id")
        .await?
        .context("the end button has an id")?;
    app.click(&end).await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("restriction-ended-letter").await?;
    app.click("pdf-close").await?;
    app.wait_text("#restriction-register", "by the plan")
        .await?;
    ensure!(
        !app.is_present(&format!("#{end}")).await,
        "an ended restriction cannot be ended again"
    );
    app.fill("disclosure-recipient", "Jordan Ashgrove").await?;
    app.fill("disclosure-description", "Claims paid in 2026")
        .await?;
    app.fill("disclosure-purpose", "Question about a bill")
        .await?;
    app.choose("minimum-reviewed").await?;
    app.click("disclosure-submit").await?;
    app.wait_text("#restriction-conflict", "The plan ended this restriction")
        .await?;

    // The disclosure marked for review waits in the Privacy Official's queue; she records
    // what she checked, and the logbook shows her review.
    let logbook = app.text("#disclosures").await?;
    ensure!(
        logbook
            .to_lowercase()
            .contains("awaiting the privacy official's review"),
        "the logbook marks it as waiting: {logbook}"
    );
    app.click("nav-approvals").await?;
    app.wait_text("#review-table", "Jordan Ashgrove").await?;
    let record = app
        .wait_for("button[id^='review-record-']")
        .await?
        .attr("id")
        .await?
        .context("the review button has an id")?;
    let id = record.trim_start_matches("review-record-").to_owned();
    app.click(&record).await?;
    app.wait_text(&format!("#review-note-{id}-error"), "Say what you checked")
        .await?;
    app.fill(
        &format!("review-note-{id}"),
        "Only the claim dates the bill question needed were given.",
    )
    .await?;
    app.click(&record).await?;
    app.wait_text("#review-notice", "Review recorded").await?;
    app.wait_text("#review-table", "No disclosure waits for your review")
        .await?;
    app.screenshot("disclosure-reviewed").await?;
    app.quit().await
}

#[tokio::test]
async fn staff_cannot_agree_to_a_restriction_and_the_privacy_official_can() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("restriction-by-official", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(
        &mut app,
        "restriction",
        "Do not tell my spouse about counseling claims",
    )
    .await?;
    // Staff record the answers; the agreement waits for the Privacy Official.
    app.choose("restriction-agree").await?;
    app.fill("restriction-information", "Claims for counseling visits")
        .await?;
    app.fill("restriction-manner", "N/A").await?;
    app.fill("restriction-not-to", "Jordan Ashgrove").await?;
    app.click("restriction-record").await?;
    app.wait_text("#request-notice", "Approvals queue").await?;
    app.wait_text("#request-status", "Awaiting approval")
        .await?;
    app.wait_for("#awaiting-approval").await?;
    ensure!(
        !app.is_present("button[id^='approve-']").await && !app.is_present("#create-letter").await,
        "staff can neither agree nor send a letter"
    );
    app.screenshot("restriction-awaiting").await?;

    app.click("sign-out-button").await?;
    app.sign_in("po", "po-password-1").await?;
    app.click("nav-approvals").await?;
    app.wait_text("#approval-table", "Avery").await?;
    app.wait_for("#approval-table button")
        .await?
        .click()
        .await?;
    let approve = app
        .wait_for("button[id^='approve-']")
        .await?
        .attr("id")
        .await?
        .context("the approve button has an id")?;
    app.wait_text(&format!("#{approve}"), "Approve the decision")
        .await?;
    app.click(&approve).await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("restriction-agreed-by-official").await?;
    app.click("pdf-close").await?;
    let all = letters(&app).await?;
    let response = all
        .iter()
        .find(|(_, t)| t.contains("Response to Restriction Request"))
        .context("the response letter is in the table")?;
    let text = letter_text(&app, &response.0).await?;
    ensure!(
        text.contains("agrees") && text.contains("Pat Official"),
        "the response agrees, under the Privacy Official's name:\n{text}"
    );
    app.quit().await
}

#[tokio::test]
async fn a_confidential_communication_address_is_used_on_the_next_letter() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("confidential-communication", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    intake(
        &mut app,
        "confidential_communication",
        "Mail to a post office box",
    )
    .await?;

    app.fill("cc-address", "PO Box 77\nSampleton, FL 32961")
        .await?;
    app.choose("cc-endangerment").await?;
    // Refusing is not allowed when the person says disclosure could endanger them.
    app.choose("cc-deny").await?;
    app.click("cc-record").await?;
    app.wait_text("#cc-outcome-error", "must accommodate")
        .await?;
    app.choose("cc-accommodate").await?;
    app.click("cc-record").await?;
    app.wait_text("#request-notice", "Accommodated").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let all = letters(&app).await?;
    let (id, _) = all.last().context("the response letter")?;
    let text = letter_text(&app, id).await?;
    ensure!(
        text.contains("PO Box 77") && !text.contains("12 Palm Avenue"),
        "the response goes to the alternate address:\n{text}"
    );

    // The next letter to Avery, on another request, goes there too, without anyone asking.
    intake(&mut app, "access", "Copies of claims for 2025").await?;
    app.choose("outcome-grant").await?;
    app.fill("access", "Paper copies mailed").await?;
    app.click("record-decision").await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("next-letter-alternate-address").await?;
    app.click("pdf-close").await?;
    let all = letters(&app).await?;
    let (id, title) = all.last().context("the grant letter")?;
    ensure!(title.contains("Inspection"), "the access response: {all:?}");
    let text = letter_text(&app, id).await?;
    ensure!(
        text.contains("PO Box 77") && text.contains("Sampleton, FL 32961"),
        "the next letter is addressed to the alternate address:\n{text}"
    );
    ensure!(
        !text.contains("12 Palm Avenue"),
        "and not to the address on file:\n{text}"
    );

    // Avery moves back home and asks to end it: confirmed by letter, at home.
    app.click("request-participant").await?;
    let end = first_id(&app, "#communications button[id^='communication-end-']").await?;
    app.click(&end).await?;
    app.click("communication-end-confirm").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("accommodation-ended").await?;
    app.click("pdf-close").await?;
    app.wait_text("#communications", "ended").await?;
    ensure!(
        !app.is_present("#communications button[id^='communication-end-']")
            .await,
        "an ended accommodation cannot end again"
    );
    app.quit().await
}

/// The id of the first element matching `css`.
async fn first_id(app: &App, css: &str) -> Result<String> {
    app.wait_for(css)
        .await?
        .attr("id")
        .await?
        .context("the element has an id")
}

#[tokio::test]
async fn a_complaint_is_acknowledged_and_closed_and_the_report_counts_open_requests() -> Result<()>
{
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("complaint-report", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;

    app.click("nav-complaints").await?;
    app.wait_text("h1", "Complaints").await?;
    app.click("complaint-log").await?;
    app.wait_for("#complaint-name-error").await?;
    app.fill("complaint-name", "Robin Roe").await?;
    app.fill("complaint-address", "5 Oak Street\nSampleton, FL 32960")
        .await?;
    app.fill("complaint-description", "My letter went to my old address")
        .await?;
    app.click("complaint-log").await?;
    app.wait_text("#complaint-notice", "Complaint logged")
        .await?;
    app.wait_text("#complaint-table", "Robin Roe").await?;

    let ack = first_id(&app, "button[id^='acknowledge-']").await?;
    app.click(&ack).await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("acknowledgement").await?;
    app.click("pdf-close").await?;
    app.wait_text("#complaint-table", "Acknowledged").await?;

    let outcome = first_id(&app, "input[id^='outcome-']").await?;
    let close = outcome.replace("outcome-", "close-");
    app.click(&close).await?;
    app.wait_for(&format!("#{outcome}-error")).await?;
    app.fill(&outcome, "Address corrected; staff reminded")
        .await?;
    app.click(&close).await?;
    let table = app.wait_text("#complaint-table", "Closed").await?;
    ensure!(
        table.contains("Address corrected"),
        "the outcome is in the log: {table}"
    );

    // One open access request: the report counts it, in this month's bar.
    intake(&mut app, "access", "Copies of claims for 2025").await?;
    app.click("nav-reports").await?;
    app.wait_for("#report-chart").await?;
    let open = app.text("#report-open").await?;
    ensure!(open.trim() == "1", "one open request: {open:?}");
    ensure!(
        app.is_present("#report-chart rect").await,
        "this month's bar is drawn"
    );
    app.screenshot("report").await?;
    app.click("report-print").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("report-pdf").await?;
    app.click("pdf-close").await?;
    app.quit().await
}
