//! Business associates through the real app: the register (reached from Settings, which no longer
//! keeps a free-text list), an entry corrected and one added after a field was refused beside
//! it; then a staff member's access request for claims the claims administrator holds,
//! forwarded with the agreement's 15-day clock beside the plan's 30-day one, the reply recorded
//! and the request answered; a reply due in two days warned of on the dashboard.

use anyhow::{ensure, Context, Result};
use chrono::{Days, Local, NaiveDate};
use fantoccini::Locator;

use crate::harness::{App, DataDir};
use crate::request::{intake, newest_letter_id, pdftotext, saved_pdf};

const CLAIMS: &str = "Sample Claims Administrator, Inc.";

/// A day as the screens write it: "Mar 4, 2026".
fn screen_date(d: NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

/// A day as letters write it: "March 4, 2026".
fn letter_date(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// The id of the register row naming `name`.
async fn row_id(app: &App, name: &str) -> Result<String> {
    for row in app
        .client
        .find_all(Locator::Css("#associates-table tbody tr"))
        .await?
    {
        if row.text().await?.contains(name) {
            let id = row.attr("id").await?.unwrap_or_default();
            return Ok(id.trim_start_matches("associate-").to_owned());
        }
    }
    anyhow::bail!("the register lists no {name:?}")
}

#[tokio::test]
async fn the_register_and_a_request_for_claims_forwarded_to_the_claims_administrator() -> Result<()>
{
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("associates", &data, &[]).await?;
    let today = Local::now().date_naive();

    // The Privacy Official reaches the register from Settings.
    app.sign_in("po", "po-password-1").await?;
    app.click("nav-settings").await?;
    app.wait_for("#open-associates").await?;
    ensure!(
        !app.is_present("#org-associates").await,
        "the profile keeps no free-text list of associates"
    );
    app.wait_text("#settings-associates", "1 with an agreement in force")
        .await?;
    app.click("open-associates").await?;
    app.wait_text("h1", "Business associates").await?;
    app.wait_text("#associates-table", CLAIMS).await?;

    // The set-up's entry completed: it holds claims, under an agreement of 2019.
    let claims = row_id(&app, CLAIMS).await?;
    app.click(&format!("correct-{claims}")).await?;
    app.wait_text("#associate-form h2", "Correct").await?;
    app.choose("holds-claims").await?;
    app.choose("holds-other").await?;
    app.fill("associate-contact", "Privacy Office").await?;
    app.fill("associate-agreement-on", "2019-01-01").await?;
    app.click("associate-save").await?;
    app.wait_text("#associate-notice", "is corrected").await?;
    let row = app.text(&format!("#associate-{claims}")).await?;
    ensure!(
        row.contains("Claims") && row.contains("Jan 1, 2019") && row.contains("15 d"),
        "the register shows what it holds, the agreement and its days: {row}"
    );

    // A new associate: a count of days the agreement cannot give is refused beside its field.
    app.fill("associate-name", "Harbor Pharmacy Network")
        .await?;
    app.fill(
        "associate-address",
        "200 Harbor Drive\nFort Pierce, FL 34950",
    )
    .await?;
    app.choose("holds-pharmacy").await?;
    app.fill("associate-access-days", "0").await?;
    app.click("associate-save").await?;
    let said = app
        .wait_text("#associate-access-days-error", "1 to 60")
        .await?;
    let summary = app.text("#error-summary").await?;
    ensure!(
        summary.contains("Access (days)"),
        "the summary names the field: {summary}"
    );
    app.screenshot("register-field-refused").await?;
    app.fill("associate-access-days", "15").await?;
    app.click("associate-save").await?;
    app.wait_text("#associate-notice", "is added").await?;
    ensure!(
        !app.is_present("#associate-access-days-error").await,
        "the error is gone once fixed (it said {said:?})"
    );
    app.wait_text("#associates-table", "Harbor Pharmacy Network")
        .await?;
    app.screenshot("register").await?;
    app.click("sign-out-button").await?;

    // Staff read the register, and work the request.
    app.sign_in("staff", "staff-password-1").await?;
    app.click("nav-associates").await?;
    app.wait_text("#associates-table", "Harbor Pharmacy Network")
        .await?;
    ensure!(
        !app.is_present("#associate-form").await,
        "staff read the register and change nothing"
    );
    intake(&mut app, "individual", None).await?;

    // Forwarded to the claims administrator: its letter, and its clock beside the plan's.
    app.select_text("forward-associate", CLAIMS).await?;
    let due = today + Days::new(15);
    app.wait_text("#forward-associate-hint", "15 days").await?;
    app.click("forward-request").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("forwarding-letter").await?;
    app.click("pdf-close").await?;
    let clocks = app
        .wait_text("#associate-clocks", "15 days under the agreement")
        .await?;
    let plan_due = today + Days::new(30);
    for said in [
        format!("Plan's answer due {}", screen_date(plan_due)),
        format!("{CLAIMS}: records for access due {}", screen_date(due)),
        "(15 days under the agreement)".to_owned(),
    ] {
        ensure!(clocks.contains(&said), "the clocks say {said:?}: {clocks}");
    }
    ensure!(
        clocks.to_lowercase().contains("waiting"),
        "the associate's clock stands waiting: {clocks}"
    );
    let due_line = app.text("#due-on").await?;
    ensure!(
        due_line.contains(&screen_date(plan_due)),
        "the plan's own 30 days stand: {due_line}"
    );
    app.screenshot("clocks-side-by-side").await?;

    let letter = newest_letter_id(&app).await?;
    let text = pdftotext(&saved_pdf(&app, &letter).await?)?;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "Request to a Business Associate",
        CLAIMS,
        "Name: Avery Ashgrove",
        "Member ID: SC10001",
        "Date of birth: April 2, 1978",
        "Copies of claims for 2025",
        "signed January 1, 2019",
        "within 15 days of the Plan's request",
        &format!("no later than {}", letter_date(due)),
        "Send your reply and the records to the Privacy Official",
    ] {
        ensure!(
            flat.contains(said),
            "the forwarding letter says {said:?}:\n{text}"
        );
    }
    app.select("delivery", "mail").await?;
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-notice", "Marked as sent").await?;

    // The associate's reply, recorded.
    app.click_css("#associate-requests button[id^='reply-']")
        .await?;
    app.fill("reply-note", "Claims for 2025 on CD, 22 pages.")
        .await?;
    app.click("reply-confirm").await?;
    app.wait_text("#request-notice", "is recorded").await?;
    app.wait_text("#associate-requests", "22 pages").await?;
    let clocks = app.text("#associate-clocks").await?.to_lowercase();
    ensure!(
        clocks.contains("received on time"),
        "the reply came in time: {clocks}"
    );

    // The request answered as any access request.
    app.choose("outcome-grant").await?;
    app.fill("access", "Paper copies mailed to the address on file")
        .await?;
    app.click("record-decision").await?;
    app.wait_text("#request-notice", "Decision recorded")
        .await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let letter = newest_letter_id(&app).await?;
    app.select("delivery", "mail").await?;
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;
    app.screenshot("answered").await?;

    // Another request, forwarded thirteen days ago: its reply is due in two days, and the
    // dashboard warns of it.
    let received = today - Days::new(14);
    intake(&mut app, "individual", Some(&received.to_string())).await?;
    app.select_text("forward-associate", CLAIMS).await?;
    let sent = today - Days::new(13);
    app.fill("forward-sent-on", &sent.to_string()).await?;
    app.click("forward-request").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let clocks = app
        .wait_text("#associate-clocks", "15 days under the agreement")
        .await?
        .to_lowercase();
    ensure!(clocks.contains("due soon"), "due in two days: {clocks}");
    app.click("nav-dashboard").await?;
    let warned = app.wait_text("#associate-replies", CLAIMS).await?;
    ensure!(
        warned.contains("Business associates: replies due")
            && warned.contains(&screen_date(today + Days::new(2)))
            && warned.to_lowercase().contains("2 d"),
        "the dashboard warns of the reply due in two days: {warned}"
    );
    app.screenshot("dashboard-replies-due").await?;
    app.click_css("#associate-replies button[id^='open-associate-reply-']")
        .await?;
    app.wait_for("#request-page").await?;
    app.wait_text("#associate-clocks", CLAIMS)
        .await
        .context("the warning opens the request")?;
    app.quit().await
}
