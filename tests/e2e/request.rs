//! Whole requests through the real app: a parent's access request for a minor child from intake
//! to a granted letter (its PDF read back), a staff denial that waits for the Privacy Official,
//! an extension refused once the first period has ended, and the clock's working and the case
//! file on the request page.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;

use crate::harness::{App, DataDir};

/// Log an access request in person through the wizard; returns with the request page showing.
/// `role` is `parent` (the child Calla, her mother on file) or `individual` (Avery herself).
pub(crate) async fn intake(app: &mut App, role: &str, received_on: Option<&str>) -> Result<()> {
    app.click("nav-new-request").await?;
    app.wait_text("h1", "New request").await?;
    app.choose("kind-access").await?;
    app.choose("channel-in_person").await?;
    if let Some(date) = received_on {
        app.fill("received-on", date).await?;
    }
    app.click("wizard-next").await?;

    app.wait_text("h1", "Whose records?").await?;
    let who = if role == "parent" { "Calla" } else { "Avery" };
    app.fill("participant", who).await?;
    app.wait_for("#participant-hits button")
        .await?
        .click()
        .await?;
    app.wait_text("#chosen-participant", who).await?;
    app.click("wizard-next").await?;

    app.wait_text("h1", "Who is asking?").await?;
    app.choose(&format!("role-{role}")).await?;
    app.click("wizard-next").await?;

    app.wait_text("h1", "Verify").await?;
    // Nothing seen yet: the checklist says what is missing and will not let the request on.
    app.wait_for("#check-photo_id").await?;
    ensure!(
        !app.is_present("#verified").await,
        "not verified before the ID is seen"
    );
    app.select("photo-id-kind", "drivers_licence").await?;
    app.choose("photo-id-matches").await?;
    app.choose("copy-filed").await?;
    app.wait_for("#verified").await?;
    if role == "parent" {
        let list = app.text("#verification").await?;
        ensure!(
            list.contains("enrolled under this parent's coverage") && list.contains("under 18"),
            "a parent is checked against the child's coverage and age: {list}"
        );
    }
    app.screenshot("verified").await?;
    app.click("wizard-next").await?;

    app.wait_text("h1", "What is asked for?").await?;
    app.fill("details", "Copies of claims for 2025").await?;
    app.click("wizard-next").await?;
    app.wait_text("h1", "Check your answers").await?;
    app.click("create-request").await?;
    app.wait_for("#request-page").await?;
    app.wait_text("#request-status", "Verified").await?;
    Ok(())
}

/// The newest file saved under the test's Documents folder, from the "Saved as …" notice.
pub(crate) async fn saved_pdf(app: &App, letter_id: &str) -> Result<PathBuf> {
    app.click(&format!("letter-save-{letter_id}")).await?;
    let notice = app.wait_text("#request-notice", "Saved as ").await?;
    let path = notice
        .split("Saved as ")
        .nth(1)
        .context("the notice names the file")?
        .trim();
    Ok(PathBuf::from(path))
}

pub(crate) fn pdftotext(path: &std::path::Path) -> Result<String> {
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

/// The id of the newest letter in the request's letter table (the response letter, after the
/// request form kept when it was printed).
pub(crate) async fn newest_letter_id(app: &App) -> Result<String> {
    app.wait_for("#letters button[id^='letter-save-']").await?;
    let buttons = app
        .client
        .find_all(Locator::Css("#letters button[id^='letter-save-']"))
        .await?;
    let last = buttons.last().context("a letter in the table")?;
    let id = last.attr("id").await?.unwrap_or_default();
    Ok(id.trim_start_matches("letter-save-").to_owned())
}

#[tokio::test]
async fn a_parents_access_request_for_a_minor_runs_from_intake_to_a_granted_letter() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("parent-access", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(&mut app, "parent", None).await?;
    app.screenshot("request-logged").await?;

    // The pre-filled request form, for the parent's signature.
    app.click("print-request-form").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("request-form").await?;
    app.click("pdf-close").await?;

    // The signed form comes back: its scan is attached.
    let scan = data.dir.path().join("signed-form.pdf");
    std::fs::write(&scan, SIGNED_FORM_PDF)?;
    app.attach("signed-scan", &scan).await?;
    app.click("mark-signed").await?;
    app.wait_for("#signed-form-received").await?;

    // Grant: copies on paper, no fee.
    app.choose("outcome-grant").await?;
    app.fill("access", "Paper copies mailed to the parent")
        .await?;
    app.click("record-decision").await?;
    app.wait_text("#request-notice", "Decision recorded")
        .await?;
    app.wait_text("#request-status", "Decided").await?;

    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("grant-letter").await?;
    app.click("pdf-close").await?;

    let letter = newest_letter_id(&app).await?;
    let pdf = saved_pdf(&app, &letter).await?;
    let text = pdftotext(&pdf)?;
    ensure!(
        text.contains("Calla Ashgrove"),
        "the letter names the child whose records they are:\n{text}"
    );
    ensure!(
        text.contains("Avery Ashgrove"),
        "the letter goes to the parent who asked:\n{text}"
    );
    ensure!(
        text.to_lowercase().contains("granted"),
        "the letter says the request is granted:\n{text}"
    );

    app.select("delivery", "mail").await?;
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;
    ensure!(
        !app.is_present("#create-letter").await,
        "the response letter is prepared once: the page no longer offers it"
    );
    app.screenshot("letter-sent").await?;

    // The parent calls to say the copies arrived: taken down on the case.
    app.select("note-kind", "phone_call").await?;
    app.fill("note-text", "Mother called: the copies arrived.")
        .await?;
    app.click("note-add").await?;
    app.wait_text("#case-notes", "the copies arrived").await?;

    // Nothing more is owed: the case is closed with its reason. Without one it is refused
    // beside the field.
    app.click("end-close").await?;
    app.click("end-confirm").await?;
    app.wait_text("#end-reason-error", "Say why").await?;
    app.fill("end-reason", "Copies received; nothing more is owed.")
        .await?;
    app.click("end-confirm").await?;
    app.wait_text("#request-status", "Closed").await?;
    app.wait_text("#case-endings", "nothing more is owed")
        .await?;
    ensure!(
        app.is_present("#end-reopen").await,
        "a closed case can be reopened"
    );
    app.screenshot("case-closed").await?;

    // It no longer waits: the dashboard lists it as answered, and the closed cases list it.
    app.click("nav-dashboard").await?;
    app.wait_for("#answered-table").await?;
    let waiting = app.text("#due-table").await?;
    ensure!(
        !waiting.contains("Calla"),
        "a closed case leaves the list of what waits:\n{waiting}"
    );
    app.wait_text("#answered-table", "Calla").await?;
    app.click("open-closed-cases").await?;
    app.wait_text("#case-table", "Calla").await?;
    app.wait_text("#case-table", "Closed").await?;
    app.screenshot("closed-cases").await?;
    app.quit().await
}

#[tokio::test]
async fn a_staff_denial_waits_until_the_privacy_official_approves_it() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("denial-approval", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(&mut app, "individual", None).await?;

    app.choose("outcome-denial").await?;
    app.choose("ground-psychotherapy_notes").await?;
    app.fill(
        "explanation",
        "The records asked for are psychotherapy notes.",
    )
    .await?;
    app.click("record-decision").await?;
    app.wait_text("#request-notice", "waits for the Privacy Official")
        .await?;
    app.wait_text("#request-status", "Awaiting approval")
        .await?;
    ensure!(
        app.is_present("#awaiting-approval").await,
        "the draft is marked as waiting"
    );
    ensure!(
        !app.is_present("button[id^='approve-']").await,
        "staff cannot approve a denial"
    );
    ensure!(
        !app.is_present("#create-letter").await,
        "no denial letter before the approval"
    );
    ensure!(
        !app.is_present("#nav-approvals").await,
        "staff have no approval queue"
    );
    app.screenshot("pending").await?;

    app.click("sign-out-button").await?;
    app.wait_text("h1", "Sign in").await?;
    app.sign_in("po", "po-password-1").await?;
    app.click("nav-approvals").await?;
    app.wait_for("#approval-table button")
        .await?
        .click()
        .await?;
    app.wait_for("#request-page").await?;
    app.screenshot("official-sees-draft").await?;
    app.wait_for("button[id^='approve-']")
        .await?
        .click()
        .await?;
    app.wait_text("#request-notice", "approved").await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("denial-letter").await?;
    app.click("pdf-close").await?;
    let letter = newest_letter_id(&app).await?;
    let text = pdftotext(&saved_pdf(&app, &letter).await?)?;
    ensure!(
        text.contains("psychotherapy notes"),
        "the denial letter states its basis:\n{text}"
    );
    app.quit().await
}

#[tokio::test]
async fn an_extension_is_refused_once_the_first_period_has_ended() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("late-extension", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    // Received 40 days ago: the 30-day period for access has run out.
    let received = (chrono_today() - chrono::Duration::days(40))
        .format("%Y-%m-%d")
        .to_string();
    intake(&mut app, "individual", Some(&received)).await?;
    app.wait_for("#request-clock .usa-tag").await?;
    let clock = app.text("#request-clock").await?;
    ensure!(
        clock.to_lowercase().contains("overdue"),
        "the request is overdue: {clock}"
    );

    app.choose("outcome-extension").await?;
    app.fill("reason", "The records are held off site").await?;
    app.click("record-decision").await?;
    let err = app.text("#outcome-error").await?;
    ensure!(
        err.contains("first period"),
        "the refusal says why, beside the field: {err:?}"
    );
    let status = app.text("#request-status").await?;
    ensure!(status.contains("Verified"), "nothing changed: {status:?}");
    app.screenshot("extension-refused").await?;
    let summary = app
        .client
        .find(Locator::Css("#error-summary"))
        .await?
        .text()
        .await?;
    ensure!(
        summary.contains("Decision"),
        "the error summary links to the field: {summary}"
    );
    app.quit().await
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A one-page PDF standing in for the scan of a signed form.
pub(crate) const SIGNED_FORM_PDF: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

#[tokio::test]
async fn a_flat_fee_above_the_limit_is_refused_beside_its_field() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("flat-fee", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(&mut app, "individual", None).await?;
    app.choose("outcome-grant").await?;
    app.fill("access", "Electronic copies sent by secure e-mail")
        .await?;
    app.select("format", "electronic").await?;
    app.select("fee-method", "flat").await?;
    app.select("fee-records", "electronic").await?;
    app.fill("fee-flat", "7.00").await?;
    app.click("record-decision").await?;
    let said = app.wait_text("#fee-flat-error", "at most $6.50").await?;
    ensure!(
        said.contains("$7.00"),
        "the refusal names the amount beside the field: {said}"
    );
    app.wait_text("#request-status", "Verified").await?;
    app.screenshot("flat-fee-refused").await?;

    app.fill("fee-flat", "6.50").await?;
    app.click("record-decision").await?;
    app.wait_text("#request-notice", "Decision recorded")
        .await?;
    app.wait_text("#request-status", "Decided").await?;
    app.wait_text(".decision", "$6.50").await?;
    app.quit().await
}

#[tokio::test]
async fn an_accounting_is_extended_with_its_notice_then_answered() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("accounting-extended", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.intake_in_person("accounting", "Avery", None, "Every disclosure since 2024")
        .await?;
    app.wait_for("#accounting-panel").await?;
    app.click("accounting-extend").await?;
    app.click("accounting-extend-confirm").await?;
    app.wait_text("#accounting-extend-reason-error", "Say why")
        .await?;
    app.fill(
        "accounting-extend-reason",
        "The claims administrator's disclosures are still being gathered.",
    )
    .await?;
    app.click("accounting-extend-confirm").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("extension-notice").await?;
    app.click("pdf-close").await?;
    app.wait_text("#request-status", "Extended").await?;
    app.wait_text("#due-on", "once its notice is mailed")
        .await?;
    ensure!(
        !app.is_present("#accounting-extend").await,
        "the one extension is used"
    );
    let notice = newest_letter_id(&app).await?;
    let text = pdftotext(&saved_pdf(&app, &notice).await?)?;
    ensure!(
        text.contains("more time") && text.contains("claims administrator"),
        "the notice says why:\n{text}"
    );
    app.click(&format!("letter-sent-{notice}")).await?;
    app.wait_text("#request-notice", "Marked as sent").await?;
    app.wait_text("#request-status", "Extended").await?;
    app.wait_text("#due-on", "extended from").await?;

    app.click("accounting-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let answer = newest_letter_id(&app).await?;
    ensure!(answer != notice, "the accounting is a letter of its own");
    app.click(&format!("letter-sent-{answer}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;
    app.screenshot("accounting-answered").await?;
    app.click("nav-dashboard").await?;
    app.wait_text("#answered-table", "Avery").await?;
    ensure!(
        !app.text("#due-table").await?.contains("Avery"),
        "an answered accounting leaves what waits"
    );
    app.quit().await
}

#[tokio::test]
async fn a_partial_denial_letter_lists_both_parts_and_where_to_send() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("partial-denial", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    intake(&mut app, "individual", None).await?;
    app.choose("outcome-denial").await?;
    app.choose("ground-psychotherapy_notes").await?;
    app.fill(
        "explanation",
        "Part of what you asked for is psychotherapy notes.",
    )
    .await?;
    app.choose("partial").await?;
    app.click("record-decision").await?;
    app.wait_text("#withheld-error", "Say what is denied")
        .await?;
    app.fill("withheld", "The notes of the 2024 counselling visits")
        .await?;
    app.fill("released", "Your claims history for 2024").await?;
    app.select_text("held-by", "Sample Claims Administrator, Inc.")
        .await?;
    app.screenshot("partial-denial-form").await?;
    app.click("record-decision").await?;
    app.wait_text("#request-status", "Awaiting approval")
        .await?;
    app.wait_for("button[id^='approve-']")
        .await?
        .click()
        .await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("partial-denial-letter").await?;
    app.click("pdf-close").await?;
    let letter = newest_letter_id(&app).await?;
    let text = pdftotext(&saved_pdf(&app, &letter).await?)?;
    for said in [
        "Denied, for the reasons above: The notes of the 2024 counselling visits",
        "Released to you: Your claims history for 2024",
        "Sample Claims Administrator, Inc.",
        "PO Box 1000",
    ] {
        ensure!(text.contains(said), "the letter says {said:?}:\n{text}");
    }
    app.quit().await
}

#[tokio::test]
async fn a_reviewable_denial_is_reviewed_with_its_letter() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("denial-review", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    intake(&mut app, "individual", None).await?;
    app.choose("outcome-denial").await?;
    app.choose("ground-endangerment").await?;
    app.fill(
        "explanation",
        "A licensed professional judged that access is likely to endanger you.",
    )
    .await?;
    app.click("record-decision").await?;
    app.wait_for("button[id^='approve-']")
        .await?
        .click()
        .await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let denial = newest_letter_id(&app).await?;
    app.click(&format!("letter-sent-{denial}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;

    // The individual asks for review: the Privacy Official, who approved the denial, cannot
    // review it.
    app.wait_for("#review-request-form").await?;
    app.fill("review-reviewer", "Pat Official").await?;
    app.fill("review-licence", "Florida medical licence ME 1")
        .await?;
    app.click("review-refer").await?;
    app.wait_text("#review-reviewer-error", "took part").await?;
    app.fill("review-reviewer", "Dr. Lee Reviewer").await?;
    app.fill("review-licence", "Florida medical licence ME 12345")
        .await?;
    app.click("review-refer").await?;
    app.wait_text("#request-status", "Denial under review")
        .await?;
    app.choose("review-upheld-yes").await?;
    app.fill(
        "review-explanation",
        "Access is reasonably likely to endanger the individual's life.",
    )
    .await?;
    app.click("review-decide").await?;
    app.wait_text("#request-status", "Decided").await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("review-letter").await?;
    app.click("pdf-close").await?;
    let letter = newest_letter_id(&app).await?;
    ensure!(letter != denial, "the review has a letter of its own");
    let text = pdftotext(&saved_pdf(&app, &letter).await?)?;
    for said in [
        "Review of Denial of Access",
        "Dr. Lee Reviewer",
        "upheld the denial",
    ] {
        ensure!(text.contains(said), "the letter says {said:?}:\n{text}");
    }
    app.click(&format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;
    app.wait_text("#review-record", "Upheld").await?;
    app.screenshot("reviewed").await?;
    app.quit().await
}

#[tokio::test]
async fn a_statement_of_disagreement_and_its_rebuttal_go_with_disclosures() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("disagreement", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    app.intake_in_person(
        "amendment",
        "Avery",
        None,
        "Claim dates for March 2025 are wrong",
    )
    .await?;
    app.choose("outcome-denial").await?;
    app.choose("ground-accurate_and_complete").await?;
    app.fill(
        "explanation",
        "The dates on file match the provider's bills.",
    )
    .await?;
    app.click("record-decision").await?;
    app.wait_for("button[id^='approve-']")
        .await?
        .click()
        .await?;
    app.click("create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.click("pdf-close").await?;
    let denial = newest_letter_id(&app).await?;
    app.click(&format!("letter-sent-{denial}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;

    app.click("dispute-disagreement").await?;
    app.click("dispute-save").await?;
    app.wait_text("#dispute-rows", "Statement of disagreement received")
        .await?;
    app.click("dispute-rebuttal").await?;
    app.click("dispute-save").await?;
    app.wait_text("#dispute-text-error", "Write the rebuttal")
        .await?;
    app.fill(
        "dispute-text",
        "The dates were confirmed with the provider's own billing records.",
    )
    .await?;
    app.click("dispute-save").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("rebuttal-letter").await?;
    app.click("pdf-close").await?;
    app.wait_text("#dispute-accompany", "the plan's rebuttal")
        .await?;
    app.wait_text("#letters", "Response to Your Statement of Disagreement")
        .await?;
    let copy = newest_letter_id(&app).await?;
    let text = pdftotext(&saved_pdf(&app, &copy).await?)?;
    ensure!(
        text.contains("billing records") && text.contains("accurate summary"),
        "the individual's copy of the rebuttal:\n{text}"
    );
    app.screenshot("dispute").await?;

    // The participant's logbook tells whoever records a disclosure what must go with it.
    app.click("request-participant").await?;
    app.wait_text("[id^='accompany-']", "statement of disagreement")
        .await?;
    app.screenshot("logbook-notice").await?;
    app.quit().await
}

#[tokio::test]
async fn staff_add_a_participant_and_correct_an_address_kept_as_a_change() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("participant-edit", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.click("nav-participants").await?;
    app.click("participant-add").await?;
    app.fill("p-employee-id", "SC20001").await?;
    app.fill("p-first-name", "Tamsin").await?;
    app.fill("p-last-name", "Quarrington").await?;
    app.fill("p-dob", "1975-06-01").await?;
    app.fill("p-line1", "4 Heron Court").await?;
    app.fill("p-city", "Sampleton").await?;
    app.fill("p-state", "FL").await?;
    app.fill("p-zip", "3296").await?;
    app.click("participant-save").await?;
    app.wait_text("#p-zip-error", "5 digits").await?;
    app.fill("p-zip", "32962").await?;
    app.click("participant-save").await?;
    app.wait_text("#participant-page h1", "Tamsin Quarrington")
        .await?;

    app.click("participant-edit").await?;
    app.wait_for("#participant-form").await?;
    app.fill("p-line1", "9 Seagrape Way").await?;
    app.click("participant-save").await?;
    app.wait_text("#participant-notice", "1 detail(s) changed")
        .await?;
    app.wait_text("#participant-page", "9 Seagrape Way").await?;
    app.click_css("#participant-changes summary").await?;
    let changes = app.text("#participant-changes").await?;
    ensure!(
        changes.contains("4 Heron Court") && changes.contains("Sam Staff"),
        "the change is kept with what it was and who made it:\n{changes}"
    );
    app.screenshot("participant-changed").await?;
    app.quit().await
}

/// Mark the oldest letter not yet sent (the response, before any notices kept with it).
async fn send_first_unsent(app: &App) -> Result<()> {
    let buttons = app
        .client
        .find_all(Locator::Css("#letters button[id^='letter-sent-']"))
        .await?;
    buttons
        .first()
        .context("a letter not yet sent")?
        .click()
        .await?;
    Ok(())
}

#[tokio::test]
async fn every_kind_of_request_runs_from_intake_to_answered_and_counts_on_time() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("every-kind", &data, &[]).await?;
    app.sign_in("po", "po-password-1").await?;
    for kind in [
        "access",
        "amendment",
        "accounting",
        "restriction",
        "confidential_communication",
    ] {
        app.intake_in_person(kind, "Avery", Some("Avery"), "As asked at the desk")
            .await?;
        app.wait_text("#request-status", "Verified").await?;
        match kind {
            "access" => {
                app.choose("outcome-grant").await?;
                app.fill("access", "Paper copies mailed").await?;
                app.click("record-decision").await?;
                app.wait_text("#request-status", "Decided").await?;
                app.click("create-letter").await?;
            }
            "amendment" => {
                app.choose("outcome-grant").await?;
                app.click("record-decision").await?;
                app.wait_text("#request-status", "Decided").await?;
                app.click("create-letter").await?;
            }
            "accounting" => app.click("accounting-letter").await?,
            "restriction" => {
                app.choose("restriction-agree").await?;
                app.fill("restriction-information", "Claims for physical therapy")
                    .await?;
                app.fill("restriction-manner", "N/A").await?;
                app.fill("restriction-not-to", "Jordan Ashgrove").await?;
                app.click("restriction-record").await?;
                app.wait_text("#request-status", "Decided").await?;
                app.click("create-letter").await?;
            }
            _ => {
                app.fill("cc-address", "PO Box 77\nSampleton, FL 32961")
                    .await?;
                app.choose("cc-accommodate").await?;
                app.click("cc-record").await?;
                app.wait_text("#request-status", "Decided").await?;
                app.click("create-letter").await?;
            }
        }
        app.wait_for("#pdf-preview[data-ready='true']").await?;
        app.click("pdf-close").await?;
        send_first_unsent(&app).await?;
        app.wait_text("#request-status", "Letter sent").await?;
        ensure!(
            !app.is_present("#create-letter").await,
            "{kind}: answered, nothing more to prepare"
        );
        app.click("nav-dashboard").await?;
        app.wait_for("#answered-table").await?;
        ensure!(
            !app.text("#due-table").await?.contains("Avery"),
            "{kind}: an answered request leaves what waits"
        );
    }
    let answered = app.text("#answered-table").await?;
    for label in [
        "Inspect / copy",
        "Amendment",
        "Accounting",
        "Restriction",
        "Confidential",
    ] {
        ensure!(
            answered.contains(label),
            "{label} is recently answered:\n{answered}"
        );
    }
    app.screenshot("all-answered").await?;
    app.click("nav-reports").await?;
    app.wait_for("#report-figures").await?;
    let figures = app.text("#report-figures").await?;
    ensure!(
        figures.contains("100%") && figures.contains("(3 of 3 answered in the months shown"),
        "the three kinds on a clock are counted on time: {figures}"
    );
    ensure!(
        app.text("#report-open").await?.trim() == "0",
        "nothing is open"
    );
    app.quit().await
}

#[tokio::test]
async fn the_privacy_official_sends_a_denial_back_with_her_reason() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("denial-returned", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(&mut app, "individual", None).await?;
    app.choose("outcome-denial").await?;
    app.choose("ground-psychotherapy_notes").await?;
    app.fill(
        "explanation",
        "The records asked for are psychotherapy notes.",
    )
    .await?;
    app.click("record-decision").await?;
    app.wait_text("#request-status", "Awaiting approval")
        .await?;
    app.click("sign-out-button").await?;
    app.sign_in("po", "po-password-1").await?;
    app.click("nav-approvals").await?;
    app.wait_for("#approval-table button")
        .await?
        .click()
        .await?;
    app.wait_for("button[id^='return-']").await?.click().await?;
    app.click("return-confirm").await?;
    app.wait_text("#return-reason-error", "Say why").await?;
    app.fill(
        "return-reason",
        "These are claims records, not psychotherapy notes: grant access.",
    )
    .await?;
    app.click("return-confirm").await?;
    app.wait_text("#request-status", "In review").await?;
    app.click("sign-out-button").await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.wait_for("#due-table button[id^='open-request-']")
        .await?
        .click()
        .await?;
    app.wait_text("#returned-0", "grant access").await?;
    ensure!(app.is_present("#outcome-grant").await, "staff decide again");
    app.screenshot("returned").await?;
    app.quit().await
}

#[tokio::test]
async fn staff_change_their_own_password_in_the_app() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("own-password", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    app.click("signed-in-user").await?;
    app.fill("old-password", "not-my-password-1").await?;
    app.fill("new-password", "a-new-staff-password-2").await?;
    app.fill("new-password-confirm", "a-new-staff-password-2")
        .await?;
    app.click("password-save").await?;
    app.wait_text("#old-password-error", "not your current password")
        .await?;
    app.fill("old-password", "staff-password-1").await?;
    app.click("password-save").await?;
    app.wait_text("#account-notice", "changed").await?;
    app.screenshot("changed").await?;
    app.click("sign-out-button").await?;
    app.sign_in("staff", "a-new-staff-password-2").await?;
    app.quit().await
}

#[tokio::test]
async fn the_request_page_explains_its_clock_and_opens_its_case_file() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("case-file", &data, &[]).await?;
    app.sign_in("staff", "staff-password-1").await?;
    intake(&mut app, "individual", None).await?;
    let today = chrono_today();
    let working = app.text("#clock-working").await?;
    let expected = format!(
        "received {}; 30 days → {}",
        today.format("%Y-%m-%d"),
        (today + chrono::Duration::days(30)).format("%Y-%m-%d")
    );
    ensure!(
        working.starts_with(&expected),
        "the page shows how the due date was worked out: {working:?}, expected {expected:?}"
    );

    app.click("case-file-open").await?;
    let preview = app.wait_for("#pdf-preview[data-ready='true']").await?;
    let label = preview.attr("aria-label").await?.unwrap_or_default();
    ensure!(
        label.starts_with("Case file of request #"),
        "the preview is the case file: {label:?}"
    );
    let pages = app.text("#pdf-page-count").await?;
    ensure!(
        pages.ends_with("page") || pages.ends_with("pages"),
        "the case file's pages are drawn: {pages:?}"
    );
    app.screenshot("case-file").await?;
    app.click("pdf-close").await?;
    app.quit().await
}
