//! Incidents and breaches through the real app: an incident logged, assessed on the four
//! factors and decided a breach, its notification letters prepared and read back, the 60-day
//! date on the dashboard until each letter is marked mailed; and the annual log of last year's
//! breaches under 500 saved as CSV for the HHS portal.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use chrono::{Datelike, Days, NaiveDate};

use crate::harness::{App, DataDir};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// As the screens write a date: "Dec 7, 2026".
fn shown(d: NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

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

/// Scroll `css` to the top of the window, for the screenshot to show it.
async fn scroll_to(app: &App, css: &str) -> Result<()> {
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView()",
            vec![serde_json::json!(css)],
        )
        .await
        .with_context(|| format!("scrolling to {css}"))?;
    Ok(())
}

/// The path a "Saved as PATH" notice names.
async fn saved(app: &App) -> Result<PathBuf> {
    let notice = app.wait_text("#incident-notice", "Saved as ").await?;
    Ok(PathBuf::from(
        notice
            .split("Saved as ")
            .nth(1)
            .context("the notice names the file")?
            .trim(),
    ))
}

/// Log an incident from the Incidents screen: reported by a staff member, discovered and
/// happened on the days given, involving the participants found by each search. Returns the
/// new incident's id, with its page showing.
async fn log_incident(
    app: &mut App,
    discovered: NaiveDate,
    happened: NaiveDate,
    searches: &[&str],
    shot: Option<&str>,
) -> Result<i64> {
    app.click("nav-incidents").await?;
    app.wait_for("#incident-form").await?;
    app.fill("incident-reporter-name", "Sam Staff").await?;
    app.fill("incident-discovered-on", &iso(discovered)).await?;
    app.fill("incident-occurred-on", &iso(happened)).await?;
    app.fill(
        "incident-what-happened",
        "A claims report listing plan members was e-mailed to the County Parks Department instead of the claims administrator.",
    )
    .await?;
    app.fill("incident-recipient", "County Parks Department")
        .await?;
    for who in searches {
        app.fill("incident-participants", who).await?;
        app.click_css("#incident-participant-hits button").await?;
        app.wait_text("#incident-involved", who).await?;
    }
    app.choose("incident-information-names").await?;
    app.choose("incident-information-ssn").await?;
    app.select("incident-location", "email").await?;
    if let Some(label) = shot {
        app.screenshot(label).await?;
    }
    app.click("incident-log").await?;
    let title = app.wait_text("#incident-page h1", "Incident #").await?;
    title
        .split('#')
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .context("the page names the incident's number")
}

async fn decide_breach(app: &App) -> Result<()> {
    app.select("incident-determination", "breach").await?;
    app.fill(
        "incident-reasons",
        "Full SSNs were read outside the plan: compromise cannot be ruled out.",
    )
    .await?;
    app.click("incident-decide").await?;
    app.wait_text("#incident-status", "Breach").await?;
    Ok(())
}

#[tokio::test]
async fn a_breach_is_assessed_its_letters_prepared_and_its_sixty_days_on_the_dashboard(
) -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("incident-breach", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    let today = chrono::Local::now().date_naive();
    let discovered = today - Days::new(4);
    let due = discovered + Days::new(60);

    let id = log_incident(
        &mut app,
        discovered,
        discovered - Days::new(1),
        &["Avery", "Briar"],
        Some("incident-form"),
    )
    .await?;

    // The four factors, then the determination with its reasons.
    app.click("incident-assess").await?;
    app.wait_text("#assess-nature-error", "every factor")
        .await?;
    app.fill(
        "assess-nature",
        "Names with full Social Security numbers: easily used to re-identify.",
    )
    .await?;
    app.fill(
        "assess-person",
        "Staff of another county department, not bound by the plan's policies.",
    )
    .await?;
    app.fill(
        "assess-acquired",
        "The e-mail was opened and forwarded once.",
    )
    .await?;
    app.fill("assess-mitigation", "The forwarded copy cannot be traced.")
        .await?;
    app.click("incident-assess").await?;
    app.wait_text("#incident-notice", "Risk assessment recorded")
        .await?;
    app.wait_text("#incident-assessment", "forwarded once")
        .await?;
    decide_breach(&app).await?;
    let due_line = app.wait_text("#incident-notify-due", &shown(due)).await?;
    ensure!(due_line.contains("0 of 2 told"), "{due_line}");
    app.wait_text("#incident-individuals", "Disclosure logged")
        .await?;
    scroll_to(&app, "#incident-page h1").await?;
    app.screenshot("incident-breach").await?;

    // The letters: part (D) is required, each part named beside its field.
    app.click("incident-prepare-letters").await?;
    app.wait_text("#letters-investigating-error", "looking into")
        .await?;
    app.fill(
        "letters-investigating",
        "The Privacy Official traced every copy of the e-mail.",
    )
    .await?;
    app.fill(
        "letters-mitigating",
        "The Parks Department deleted the e-mail; the Plan pays for two years of credit monitoring.",
    )
    .await?;
    app.fill(
        "letters-protecting",
        "Reports with Social Security numbers are no longer sent by e-mail.",
    )
    .await?;
    app.fill("letters-toll-free", "1-800-555-0199").await?;
    app.click("incident-prepare-letters").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("breach-letter").await?;
    app.click("pdf-save").await?;
    let path = saved(&app).await?;
    app.click("pdf-close").await?;
    std::fs::copy(
        &path,
        crate::harness::artifacts().join("breach-notification.pdf"),
    )?;
    let text = pdftotext(&path)?;
    for said in [
        "Notice of a Breach of Your Health Information",
        "Avery Ashgrove",
        "What happened",
        "e-mailed to the County Parks Department",
        &format!(
            "The Plan discovered the breach on {}",
            discovered.format("%B %-d, %Y")
        ),
        "your Social Security number",
        "fraud alert",
        "traced every copy of the e-mail",
        "two years of credit monitoring",
        "no longer sent by e-mail",
        "1-800-555-0199",
        "Sampleton",
    ] {
        ensure!(text.contains(said), "{said:?} in the letter:\n{text}");
    }

    // The dashboard shows the 60-day date until every letter is marked mailed.
    app.click("nav-dashboard").await?;
    let row = app
        .wait_text(&format!("#breach-due-{id}"), &shown(due))
        .await?;
    ensure!(row.contains(&shown(due)), "{row}");
    app.wait_text("#breach-table", "0 of 2").await?;
    app.screenshot("dashboard-breach").await?;
    app.click(&format!("open-breach-{id}")).await?;
    app.wait_for("#incident-individuals").await?;
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css(
            "#incident-individuals button[id^='breach-letter-mailed-']",
        ))
        .await?;
    ensure!(rows.len() == 2, "a letter to mark for each individual");
    let mut ids = Vec::new();
    for r in rows {
        ids.push(r.attr("id").await?.context("an id")?);
    }
    // The first letter is mailed; the second comes back: that address is out of date, and
    // the individual is told by telephone instead (fewer than 10: notice to each).
    let first = ids[0]
        .trim_start_matches("breach-letter-mailed-")
        .to_owned();
    let second = ids[1]
        .trim_start_matches("breach-letter-mailed-")
        .to_owned();
    app.click(&ids[0]).await?;
    app.wait_text(&format!("#notice-{first}"), "Mailed").await?;
    app.click(&ids[1]).await?;
    app.wait_text(&format!("#notice-{second}"), "Mailed")
        .await?;
    app.click(&format!("out-of-date-{second}")).await?;
    app.wait_text(&format!("#notice-{second}"), "out of date")
        .await?;
    app.wait_text("#incident-notify-due", "1 of 2 told").await?;
    app.wait_text("#substitute-rule", "Fewer than 10").await?;
    app.select("substitute-method", "telephone").await?;
    app.select("substitute-for", &second).await?;
    app.fill("substitute-detail", "Called the home number on file")
        .await?;
    app.click("incident-substitute").await?;
    app.wait_text(&format!("#notice-{second}"), "Substitute notice")
        .await?;
    // A sanction names whom.
    app.select("action-kind", "sanction").await?;
    app.fill("action-whom", "Benefits clerk").await?;
    app.fill("action-text", "Written warning; privacy training again")
        .await?;
    app.click("incident-action").await?;
    app.wait_text("#incident-actions", "Sanction (Benefits clerk)")
        .await?;
    scroll_to(&app, "#incident-individuals").await?;
    app.screenshot("incident-notified").await?;
    app.wait_text("#incident-notify-due", "2 of 2 told").await?;
    app.click("nav-dashboard").await?;
    app.wait_for("#due-table").await?;
    ensure!(
        !app.is_present("#breach-table").await,
        "every individual told: the breach leaves the dashboard"
    );
    app.quit().await
}

#[tokio::test]
async fn the_annual_breach_log_is_exported_as_csv() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("incident-annual-log", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    let today = chrono::Local::now().date_naive();
    let last_year = today.year() - 1;
    let discovered = NaiveDate::from_ymd_opt(last_year, 11, 20).context("a day")?;
    let happened = NaiveDate::from_ymd_opt(last_year, 11, 18).context("a day")?;
    log_incident(&mut app, discovered, happened, &["Briar"], None).await?;
    decide_breach(&app).await?;

    app.click("nav-incidents").await?;
    app.fill("annual-log-year", &last_year.to_string()).await?;
    app.click("annual-log-show").await?;
    let summary = app.wait_text("#annual-log-summary", "breach(es)").await?;
    // Due 60 days after the year ends: March 1, or February 29 in a leap year.
    let due = NaiveDate::from_ymd_opt(last_year, 12, 31).context("a day")? + Days::new(60);
    ensure!(
        summary.contains(&format!("1 breach(es) discovered in {last_year}"))
            && summary.contains(&shown(due)),
        "{summary}"
    );
    app.wait_for("#annual-log-table").await?;
    scroll_to(&app, "#annual-log-summary").await?;
    app.screenshot("annual-log").await?;
    app.click("annual-log-save").await?;
    let path = saved(&app).await?;
    let csv = std::fs::read_to_string(&path)?;
    std::fs::copy(
        &path,
        crate::harness::artifacts().join("hhs-breach-log.csv"),
    )?;
    let mut lines = csv.lines();
    let header = lines.next().context("a header")?;
    ensure!(
        header
            == "Breach Start Date,Breach End Date,Discovery Date,Approximate Number of Individuals Affected,\
                Type of Breach,Location of Breached Information,Type of Protected Health Information Involved,\
                Brief Description of the Breach,Safeguards in Place Prior to Breach,\
                Individual Notice Provided Start Date,Individual Notice Provided End Date,\
                Substitute Notice Required,Media Notice Required,Actions Taken in Response to Breach",
        "the HHS portal's columns: {header}"
    );
    let row = lines.next().context("one breach")?;
    ensure!(
        row.starts_with(&format!(
            "11/18/{last_year},11/18/{last_year},11/20/{last_year},1,Unauthorized Access/Disclosure,Email,\
             Demographic: Name; Demographic: SSN,A claims report listing plan members was e-mailed"
        )),
        "the breach's row: {row}"
    );
    ensure!(
        row.contains(",None,,,No,No,"),
        "no safeguards, no notice yet: {row}"
    );
    ensure!(lines.next().is_none(), "one breach, one row");
    app.quit().await
}

#[tokio::test]
async fn an_incidents_details_are_corrected_and_a_participant_found_later_is_added() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("incident-correct", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    let today = chrono::Local::now().date_naive();
    let id = log_incident(
        &mut app,
        today - Days::new(2),
        today - Days::new(3),
        &["Avery"],
        None,
    )
    .await?;
    decide_breach(&app).await?;
    app.wait_text("#incident-individuals", "Disclosure logged")
        .await?;

    // The details corrected, with the reason (asked for beside its field).
    app.click("incident-correct-start").await?;
    app.wait_for("#correction-form").await?;
    app.fill("fix-recipient", "County Parks and Recreation Department")
        .await?;
    app.click("incident-correct").await?;
    app.wait_text("#fix-reason-error", "why the details are corrected")
        .await?;
    app.fill(
        "fix-reason",
        "The department's full name, from its written reply.",
    )
    .await?;
    app.screenshot("incident-correction").await?;
    app.click("incident-correct").await?;
    app.wait_text("#incident-notice", "Details corrected")
        .await?;
    app.wait_text("#incident-facts", "County Parks and Recreation Department")
        .await?;
    app.wait_text("#incident-corrections", "from its written reply")
        .await?;

    // A participant found later, added with how; their disclosure is logged with the rest.
    app.click_css("#incident-add-people summary").await?;
    app.fill("add-participants", "Briar").await?;
    app.click_css("#add-participant-hits button").await?;
    app.wait_text("#adding", "Briar").await?;
    app.fill(
        "add-reason",
        "The report's second page listed another member.",
    )
    .await?;
    app.click("incident-add-participants").await?;
    app.wait_text("#incident-notice", "Participants added")
        .await?;
    let table = app
        .wait_text("#incident-individuals", "second page listed another member")
        .await?;
    ensure!(table.contains("Briar"), "{table}");
    ensure!(
        table.matches("Disclosure logged").count() == 2,
        "the one added is logged under the breach too: {table}"
    );
    app.wait_text("#incident-notify-due", "0 of 2 told").await?;
    scroll_to(&app, "#incident-individuals").await?;
    app.screenshot("incident-added").await?;

    // Their page lists the incident, and opens it.
    app.click_css("#incident-individuals button[id^='incident-participant-']")
        .await?;
    app.wait_text("#participant-incidents", &format!("Incident #{id}"))
        .await?;
    app.click(&format!("participant-incident-{id}")).await?;
    app.wait_text("#incident-page h1", &format!("Incident #{id}"))
        .await?;
    app.quit().await
}
