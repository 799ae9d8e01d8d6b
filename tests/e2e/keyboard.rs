//! The whole of a request with the keyboard alone: sign-in, the intake wizard, the signed form,
//! the decision, the letter's preview, saving it and marking it mailed. Every step moves focus
//! with Tab / Shift+Tab / arrows and acts with Enter, Space or typed text, sent as WebDriver key
//! actions to whatever has focus; no element is clicked. (The signed form's scan is given to the
//! file input as the file chooser would, the one step WebDriver cannot type into a native dialog.)

use anyhow::{bail, ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;

use crate::harness::{App, DataDir};

/// Press and release keys in order (a chord when `held` is given: e.g. Shift held over Tab).
async fn press(app: &App, keys: &[char], held: Option<char>) -> Result<()> {
    let mut seq = KeyActions::new("keyboard".into());
    if let Some(h) = held {
        seq = seq.then(KeyAction::Down { value: h });
    }
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    if let Some(h) = held {
        seq = seq.then(KeyAction::Up { value: h });
    }
    app.client
        .perform_actions(seq)
        .await
        .context("sending key actions")?;
    Ok(())
}

async fn key(app: &App, k: Key) -> Result<()> {
    press(app, &[k.into()], None).await
}

/// Type text into whatever has focus.
async fn type_text(app: &App, text: &str) -> Result<()> {
    let chars: Vec<char> = text.chars().collect();
    press(app, &chars, None).await
}

/// The id of the focused element ("" when none).
async fn focused(app: &App) -> Result<String> {
    let el = app.client.active_element().await?;
    Ok(el.attr("id").await?.unwrap_or_default())
}

/// Press Tab (Shift+Tab when `back`) until the element with `id` has focus.
async fn tab_to_dir(app: &App, id: &str, back: bool) -> Result<()> {
    app.wait_for(&format!("#{id}")).await?;
    for _ in 0..60 {
        if focused(app).await? == id {
            return Ok(());
        }
        if back {
            press(app, &[Key::Tab.into()], Some(Key::Shift.into())).await?;
        } else {
            key(app, Key::Tab).await?;
        }
    }
    bail!(
        "#{id} was not reached with {} (focus is on #{})",
        if back { "Shift+Tab" } else { "Tab" },
        focused(app).await?
    )
}

async fn tab_to(app: &App, id: &str) -> Result<()> {
    tab_to_dir(app, id, false).await
}

/// Tab to a radio group, then move along it with the arrow keys to `id` (which checks it).
async fn choose(app: &App, id: &str) -> Result<()> {
    let target = app.wait_for(&format!("#{id}")).await?;
    let group = target.attr("name").await?.context("a radio has a name")?;
    for _ in 0..60 {
        let el = app.client.active_element().await?;
        if el.attr("name").await?.as_deref() == Some(group.as_str()) {
            break;
        }
        key(app, Key::Tab).await?;
    }
    for _ in 0..12 {
        if focused(app).await? == id {
            key(app, Key::Space).await?;
            ensure!(target.is_selected().await?, "#{id} is checked");
            return Ok(());
        }
        key(app, Key::Down).await?;
    }
    bail!("the arrow keys did not reach #{id} in the group {group}")
}

/// Tab to a checkbox and tick it with Space.
async fn tick(app: &App, id: &str) -> Result<()> {
    tab_to(app, id).await?;
    key(app, Key::Space).await?;
    let el = app.wait_for(&format!("#{id}")).await?;
    ensure!(el.is_selected().await?, "#{id} is ticked");
    Ok(())
}

/// Tab to a button and press Enter.
async fn activate(app: &App, id: &str) -> Result<()> {
    tab_to(app, id).await?;
    key(app, Key::Enter).await
}

/// Sign-in by keys alone: the user name has focus as the app opens; Tab to the password; Enter
/// submits. No field carries the `autofocus` attribute: WebKit would apply it again at a later
/// rendering update, with the caret at the start of the user name, and the password typed after
/// the Tab would land there, in the clear, before the user name.
async fn sign_in_by_keys(app: &App, username: &str, password: &str) -> Result<()> {
    app.wait_text("h1", "Sign in").await?;
    // Keys typed before the screen's focus lands go nowhere: wait for it first.
    app.wait_autofocus().await;
    ensure!(
        focused(app).await? == "username",
        "the user name field has focus when the app opens"
    );
    let marked = app
        .client
        .execute(
            "return document.querySelectorAll('[autofocus]').length;",
            vec![],
        )
        .await?;
    ensure!(
        marked.as_u64() == Some(0),
        "no field is marked autofocus for WebKit to focus later ({marked} are)"
    );
    type_text(app, username).await?;
    key(app, Key::Tab).await?;
    ensure!(
        focused(app).await? == "password",
        "Tab moves from the user name to the password"
    );
    type_text(app, password).await?;
    let typed = app.client.find(Locator::Id("username")).await?;
    let typed = typed.prop("value").await?.unwrap_or_default();
    ensure!(
        typed == username,
        "the user name holds what was typed into it, and nothing else: {typed:?}"
    );
    key(app, Key::Enter).await?;
    app.wait_for("#dashboard").await?;
    Ok(())
}

/// Tab to a field and type into it.
async fn fill(app: &App, id: &str, text: &str) -> Result<()> {
    tab_to(app, id).await?;
    type_text(app, text).await
}

#[tokio::test]
async fn a_whole_request_can_be_done_with_the_keyboard_alone() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("keyboard", &data, &[]).await?;

    sign_in_by_keys(&app, "staff", "staff-password-1").await?;

    // The wizard.
    activate(&app, "nav-new-request").await?;
    app.wait_text("h1", "New request").await?;
    choose(&app, "kind-access").await?;
    choose(&app, "channel-in_person").await?;
    activate(&app, "wizard-next").await?;

    app.wait_text("h1", "Whose records?").await?;
    fill(&app, "participant", "Calla").await?;
    let pick = app.wait_for("#participant-hits button").await?;
    let pick = pick.attr("id").await?.context("a hit has an id")?;
    activate(&app, &pick).await?;
    app.wait_text("#chosen-participant", "Calla").await?;
    activate(&app, "wizard-next").await?;

    app.wait_text("h1", "Who is asking?").await?;
    choose(&app, "role-parent").await?;
    activate(&app, "wizard-next").await?;

    app.wait_text("h1", "Verify").await?;
    // A closed select takes type-ahead: "d" picks "Driver's licence".
    fill(&app, "photo-id-kind", "d").await?;
    let kind = app.wait_for("#photo-id-kind").await?.prop("value").await?;
    ensure!(
        kind.as_deref() == Some("drivers_licence"),
        "type-ahead chose the driver's licence, not {kind:?}"
    );
    tick(&app, "photo-id-matches").await?;
    tick(&app, "copy-filed").await?;
    app.wait_for("#verified").await?;
    app.screenshot("verified").await?;
    activate(&app, "wizard-next").await?;

    app.wait_text("h1", "What is asked for?").await?;
    fill(&app, "details", "Copies of claims for 2025").await?;
    activate(&app, "wizard-next").await?;
    app.wait_text("h1", "Check your answers").await?;
    activate(&app, "create-request").await?;
    app.wait_for("#request-page").await?;
    app.wait_text("#request-status", "Verified").await?;

    // The pre-filled form: Enter opens the preview, Escape closes it and focus comes back.
    activate(&app, "print-request-form").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    app.screenshot("form-preview").await?;
    key(&app, Key::Escape).await?;
    for _ in 0..50 {
        if !app.is_present("#pdf-preview").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(
        !app.is_present("#pdf-preview").await,
        "Escape closes the preview"
    );

    // The signed form's scan, then "mark signed" by Enter.
    let scan = data.dir.path().join("signed-form.pdf");
    std::fs::write(&scan, crate::request::SIGNED_FORM_PDF)?;
    tab_to(&app, "signed-scan").await?;
    app.attach("signed-scan", &scan).await?;
    activate(&app, "mark-signed").await?;
    app.wait_for("#signed-form-received").await?;

    // The decision: grant, with how typed in and the fee's method reached by Tab (no fee).
    choose(&app, "outcome-grant").await?;
    fill(&app, "access", "Paper copies mailed to the parent").await?;
    tab_to(&app, "fee-method").await?;
    activate(&app, "record-decision").await?;
    app.wait_text("#request-notice", "Decision recorded")
        .await?;

    // The letter: preview, then Tab inside the dialog to Close and press Enter.
    activate(&app, "create-letter").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    activate(&app, "pdf-close").await?;
    for _ in 0..50 {
        if !app.is_present("#pdf-preview").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(
        !app.is_present("#pdf-preview").await,
        "Close closes the preview"
    );

    // The newest letter is the table's last row.
    app.wait_for("#letters button[id^='letter-save-']").await?;
    let saves = app
        .client
        .find_all(fantoccini::Locator::Css(
            "#letters button[id^='letter-save-']",
        ))
        .await?;
    let letter = saves
        .last()
        .context("a letter in the table")?
        .attr("id")
        .await?
        .unwrap_or_default()
        .trim_start_matches("letter-save-")
        .to_owned();
    activate(&app, &format!("letter-save-{letter}")).await?;
    app.wait_text("#request-notice", "Saved as ").await?;

    // "Mailed" from the delivery list by type-ahead ("m"), then Enter on "Mark sent".
    fill(&app, "delivery", "m").await?;
    let how = app.wait_for("#delivery").await?.prop("value").await?;
    ensure!(how.as_deref() == Some("mail"), "mail chosen, not {how:?}");
    activate(&app, &format!("letter-sent-{letter}")).await?;
    app.wait_text("#request-status", "Letter sent").await?;
    app.screenshot("letter-sent").await?;

    // Lock from the keyboard and sign back in the same way: the request page comes back.
    tab_to_dir(&app, "lock-button", true).await?;
    key(&app, Key::Enter).await?;
    app.wait_text("h1", "is locked").await?;
    ensure!(
        focused(&app).await? == "password",
        "after a lock the password field has focus (the user is known)"
    );
    type_text(&app, "staff-password-1").await?;
    key(&app, Key::Enter).await?;
    app.wait_for("#request-page").await?;
    app.screenshot("back-after-lock").await?;
    app.quit().await
}

/// The newer screens with the keyboard alone: a complaint logged, a backup made, and that
/// backup restored over the database, each field reached with Tab and each button pressed with
/// Enter.
#[tokio::test]
async fn a_complaint_a_backup_and_its_restore_can_be_done_with_the_keyboard_alone() -> Result<()> {
    let data = DataDir::new()?;
    data.init_office()?;
    let mut app = App::launch("keyboard-backup", &data, &[]).await?;
    sign_in_by_keys(&app, "po", "po-password-1").await?;

    activate(&app, "nav-complaints").await?;
    app.wait_text("h1", "Complaints").await?;
    fill(&app, "complaint-name", "Robin Keyboard").await?;
    fill(
        &app,
        "complaint-address",
        "5 Oak Street, Sampleton, FL 32960",
    )
    .await?;
    fill(
        &app,
        "complaint-description",
        "A letter went to an old address",
    )
    .await?;
    activate(&app, "complaint-log").await?;
    app.wait_text("#complaint-notice", "Complaint logged")
        .await?;
    app.wait_text("#complaint-table", "Robin Keyboard").await?;
    app.screenshot("complaint-logged").await?;

    activate(&app, "nav-settings").await?;
    app.wait_for("#backups-none").await?;
    activate(&app, "settings-backup-now").await?;
    app.wait_text("#settings-backup-note", "Backed up and verified")
        .await?;
    activate(&app, "restore-pick-0").await?;
    let file = app.wait_for("#restore-file").await?.prop("value").await?;
    ensure!(
        file.as_deref().is_some_and(|f| f.ends_with(".rdbackup")),
        "choosing the backup fills its file: {file:?}"
    );
    fill(&app, "restore-password", "po-password-1").await?;
    activate(&app, "restore-check").await?;
    app.wait_text("#restore-warning", "kept beside it").await?;
    app.screenshot("restore-confirm").await?;
    activate(&app, "restore-confirm").await?;
    app.wait_text("#restore-notice", "is restored").await?;
    app.screenshot("restored").await?;

    activate(&app, "nav-complaints").await?;
    app.wait_text("#complaint-table", "Robin Keyboard").await?;
    app.quit().await
}
