//! Nothing leaves the machine and no PHI reaches the app's output: the demo office is worked
//! through with the app under `strace -f` (every connect/sendto/sendmsg of the app and of the
//! WebKit processes it starts); no address outside the loopback is ever contacted, and the
//! app's standard error holds none of the demo participants' names or dates of birth. On the
//! way: the Privacy Official's audit trail (by participant, by user, as PDF), the backup button
//! and its reminder.

use std::path::Path;

use anyhow::{ensure, Context, Result};
use chrono::Utc;
use desk_core::Sensitive;
use desk_store::Store;

use crate::harness::{app_binary, App, DataDir};

/// A wrapper WebKitWebDriver starts in the app's place: the app under strace, its standard
/// error to `log`, its temporary directory `tmp`.
fn traced_app(data: &DataDir, trace: &Path, log: &Path, tmp: &Path) -> Result<std::path::PathBuf> {
    let script = data.dir.path().join("traced-app.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nexport TMPDIR='{}'\nexec strace -f -qq --seccomp-bpf -e trace=connect,sendto,sendmsg -o '{}' '{}' \"$@\" 2>>'{}'\n",
            tmp.display(),
            trace.display(),
            app_binary().display(),
            log.display()
        ),
    )?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(script)
}

/// The addresses of every inet/inet6 connect or send in the trace: (loopback, outside).
fn inet_addresses(trace: &str) -> (Vec<String>, Vec<String>) {
    let mut loopback = Vec::new();
    let mut outside = Vec::new();
    for line in trace.lines() {
        let addr = if let Some(i) = line.find("inet_addr(\"") {
            line[i + 11..]
                .split('"')
                .next()
                .unwrap_or_default()
                .to_owned()
        } else if let Some(i) = line.find("inet_pton(AF_INET6, \"") {
            line[i + 21..]
                .split('"')
                .next()
                .unwrap_or_default()
                .to_owned()
        } else if line.contains("AF_INET") {
            // An inet address strace could not decode: count it as outside.
            line.to_owned()
        } else {
            continue;
        };
        if addr.starts_with("127.") || addr == "::1" || addr == "::ffff:127.0.0.1" {
            loopback.push(addr);
        } else {
            outside.push(line.to_owned());
        }
    }
    (loopback, outside)
}

#[tokio::test]
async fn the_app_contacts_nothing_outside_and_logs_no_names_while_the_audit_trail_and_backups_work(
) -> Result<()> {
    let data = DataDir::new()?;
    data.demo()?;
    // The demo participants, read back from the database (names and dates of birth).
    let phi: Vec<String> = {
        let store = Store::sign_in(
            &data.db(),
            "official",
            &Sensitive::new("demo-official-pass".to_owned()),
            Utc::now(),
        )?;
        let mut out = Vec::new();
        for id in 1..=store.count_participants()? {
            let p = store.participant(id)?.summary;
            out.push(p.last_name.clone());
            out.push(format!("{} {}", p.first_name, p.last_name));
            out.push(p.date_of_birth.format("%Y-%m-%d").to_string());
            out.push(p.date_of_birth.format("%m/%d/%Y").to_string());
        }
        out
    };
    ensure!(phi.len() > 40, "the demo office has participants");
    let trace = data.dir.path().join("connect.trace");
    let log = data.dir.path().join("app-stderr.log");
    let tmp = data.dir.path().join("tmp");
    std::fs::create_dir(&tmp)?;
    let program = traced_app(&data, &trace, &log, &tmp)?;

    let mut app = App::launch_program("trust", &data, &[], &program).await?;
    // A wrong password first: its message must not carry anything either.
    app.wait_text("h1", "Sign in").await?;
    app.wait_autofocus().await;
    app.fill("username", "official").await?;
    app.fill("password", "not-the-password").await?;
    app.click("sign-in-button").await?;
    app.wait_for("#password-error").await?;
    app.sign_in("official", "demo-official-pass").await?;

    // The backup reminder: no backup yet, then one made and verified from the dashboard.
    let reminder = app.text("#backup-reminder").await?;
    ensure!(
        reminder.contains("No backup has been made yet"),
        "the dashboard reminds: {reminder}"
    );
    app.click("backup-now").await?;
    let note = app
        .wait_text("#backup-note", "Backed up and verified")
        .await?;
    ensure!(note.contains("Records Desk/Backups/records-"), "{note}");
    let reminder = app.wait_text("#backup-reminder", "Last backup").await?;
    ensure!(
        app.client
            .find(fantoccini::Locator::Css(
                "#backup-reminder[data-due='false']"
            ))
            .await
            .is_ok(),
        "no longer due after the backup: {reminder}"
    );
    app.screenshot("backup-done").await?;

    // Look a participant up and open the page (a participant view for the audit trail).
    let last = phi[0].clone();
    app.click("nav-participants").await?;
    app.fill("participant-query", &last).await?;
    app.wait_for("#participant-results button[id^='open-participant-']")
        .await?
        .click()
        .await?;
    app.wait_for("#participant-page h1").await?;
    app.click("participant-audit").await?;
    app.wait_for("#audit-table").await?;
    let chain = app.text("#audit-chain").await?;
    ensure!(chain.contains("The hash chain holds"), "{chain}");
    let rows = app.text("#audit-table").await?;
    ensure!(
        rows.contains("participant.view") && rows.contains("official"),
        "the participant's trail shows the view just made, by whom: {rows}"
    );
    ensure!(
        !rows.contains("backup.create"),
        "rows about other things are filtered out: {rows}"
    );
    app.screenshot("audit-participant").await?;
    // The participant's trail as PDF.
    app.click("audit-export").await?;
    app.wait_for("#pdf-preview[data-ready='true']").await?;
    let pages = app.text("#pdf-page-count").await?;
    ensure!(pages.contains("page"), "the trail renders as PDF: {pages}");
    app.screenshot("audit-pdf").await?;
    app.click("pdf-close").await?;

    // Everyone's rows: the backup and the failed sign-in are there.
    // Backspaces, as a person empties the field (an emptied value must reach the form).
    app.wait_for("#audit-participant")
        .await?
        .send_keys(&"\u{e003}".repeat(12))
        .await?;
    app.click("audit-apply").await?;
    let all = app.wait_text("#audit-table", "backup.create").await?;
    ensure!(
        all.contains("session.sign_in_failed") && all.contains("session.sign_in"),
        "the failed and the good sign-in are in the trail: {all}"
    );
    app.screenshot("audit-all").await?;
    app.click("sign-out-button").await?;
    if app.wait_text("h1", "Sign in").await.is_err() {
        app.screenshot("after-sign-out").await?;
        anyhow::bail!("signing out did not reach the sign-in screen");
    }
    app.quit().await?;

    // Nothing outside the loopback was contacted.
    let traced = std::fs::read_to_string(&trace).context("the strace output")?;
    ensure!(
        traced.lines().count() > 0 && traced.contains("connect("),
        "strace saw the app's connects (X11, D-Bus): {} lines",
        traced.lines().count()
    );
    let (loopback, outside) = inet_addresses(&traced);
    eprintln!(
        "network: {} connect/send lines traced, {} to the loopback, {} outside",
        traced.lines().count(),
        loopback.len(),
        outside.len()
    );
    ensure!(
        outside.is_empty(),
        "no connection leaves the machine: {outside:#?}"
    );

    // The app's output names no participant.
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    let found: Vec<&String> = phi.iter().filter(|n| stderr.contains(n.as_str())).collect();
    eprintln!(
        "log grep: {} bytes of app output, {} names and dates looked for, {} found",
        stderr.len(),
        phi.len(),
        found.len()
    );
    ensure!(found.is_empty(), "PHI in the app's output: {found:?}");

    // Letters, forms and the trail were previewed, printed and saved from memory: no PDF was
    // left in the app's temporary directory (nor anything naming a participant).
    let mut left = Vec::new();
    let mut dirs = vec![tmp.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                if bytes.starts_with(b"%PDF") || phi.iter().any(|n| text.contains(n.as_str())) {
                    left.push(path);
                }
            }
        }
    }
    eprintln!("temporary files: {} holding a PDF or a name", left.len());
    ensure!(left.is_empty(), "left in the temporary directory: {left:?}");

    // The trail agrees: the export and the sign-out were recorded.
    let store = Store::sign_in(
        &data.db(),
        "official",
        &Sensitive::new("demo-official-pass".to_owned()),
        Utc::now(),
    )?;
    let actions: Vec<String> = store
        .recent_audit(12)?
        .into_iter()
        .map(|r| r.action)
        .collect();
    for a in ["audit.export", "session.sign_out", "backup.create"] {
        ensure!(actions.iter().any(|x| x == a), "{a} recorded: {actions:?}");
    }
    Ok(())
}
