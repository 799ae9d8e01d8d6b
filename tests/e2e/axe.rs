//! Accessibility: axe-core (ui/node_modules/axe-core, a development package of the front end,
//! never bundled into the app) runs inside the real WebKit webview on every screen and dialog
//! a test photographs ([`crate::harness::App::screenshot`]). Each violation is appended to
//! `$RECORDS_DESK_ARTIFACTS/axe.jsonl` (test, picture, rule, impact, nodes); a serious or
//! critical one fails the test, unless its rule is in [`EXCEPTIONS`] with its reason.
//! `RECORDS_DESK_AXE=report` records without failing (to count what a change fixed).

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use fantoccini::Client;
use serde_json::Value;

/// Rules whose serious or critical findings are accepted, each with its reason. Empty: every
/// rule holds on every screen the tests visit.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// The axe-core script, read once per test binary.
fn source() -> Result<&'static str> {
    static SOURCE: OnceLock<std::result::Result<String, String>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../ui/node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "{}: {e} (scripts/test installs the front end's packages, axe-core among them)",
                    path.display()
                )
            })
        })
        .as_deref()
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// One rule's findings on one screen.
#[derive(Debug)]
pub struct Violation {
    pub rule: String,
    pub impact: String,
    pub help: String,
    pub nodes: usize,
    pub targets: Vec<String>,
    /// axe's account of the first node's failure (for contrast: the colours and the ratio).
    pub summary: String,
}

/// Run axe on the page as it is now (every rule axe enables by default: WCAG 2.0, 2.1 and 2.2
/// A and AA, and its best practices).
pub async fn run(client: &Client) -> Result<Vec<Violation>> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .context("asking whether axe is loaded")?;
    if loaded != Value::Bool(true) {
        let script = format!("{}\nreturn typeof window.axe;", source()?);
        client
            .execute(&script, vec![])
            .await
            .context("loading axe-core into the webview")?;
    }
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({
                 rule: v.id, impact: v.impact || 'minor', help: v.help, nodes: v.nodes.length,
                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                 summary: (v.nodes[0] && v.nodes[0].failureSummary) || '' }))))
               .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .context("running axe")?;
    if let Some(error) = found.get("error") {
        bail!("axe failed in the webview: {error}");
    }
    let list = found.as_array().context("axe's answer is not a list")?;
    Ok(list
        .iter()
        .map(|v| Violation {
            rule: v["rule"].as_str().unwrap_or_default().to_string(),
            impact: v["impact"].as_str().unwrap_or_default().to_string(),
            help: v["help"].as_str().unwrap_or_default().to_string(),
            nodes: v["nodes"].as_u64().unwrap_or(0) as usize,
            summary: v["summary"].as_str().unwrap_or_default().to_string(),
            targets: v["targets"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

/// Run axe on the screen `test` just photographed as `shot`, record what it found, and fail on
/// a serious or critical violation that is not an exception.
pub async fn check(
    client: &Client,
    artifacts: &std::path::Path,
    test: &str,
    shot: &str,
) -> Result<()> {
    let found = run(client).await?;
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(artifacts.join("axe.jsonl"))
        .context("opening axe.jsonl")?;
    writeln!(
        log,
        "{}",
        serde_json::json!({ "test": test, "shot": shot, "audited": true })
    )?;
    for v in &found {
        writeln!(
            log,
            "{}",
            serde_json::json!({
                "test": test, "shot": shot, "rule": v.rule, "impact": v.impact,
                "nodes": v.nodes, "targets": v.targets, "summary": v.summary,
            })
        )?;
    }
    let unannounced = unannounced_errors(client).await?;
    for problem in &unannounced {
        writeln!(
            log,
            "{}",
            serde_json::json!({ "test": test, "shot": shot, "rule": "records-desk-errors-announced",
                "impact": "serious", "nodes": 1, "targets": [problem] })
        )?;
    }
    if std::env::var("RECORDS_DESK_AXE").as_deref() == Ok("report") {
        return Ok(());
    }
    if !unannounced.is_empty() {
        bail!(
            "errors on {test}/{shot} that a screen reader would not hear:\n{}",
            unannounced.join("\n")
        );
    }
    let blocking: Vec<&Violation> = found
        .iter()
        .filter(|v| matches!(v.impact.as_str(), "serious" | "critical"))
        .filter(|v| !EXCEPTIONS.iter().any(|(rule, _)| *rule == v.rule))
        .collect();
    if !blocking.is_empty() {
        let lines: Vec<String> = blocking
            .iter()
            .map(|v| {
                format!(
                    "{} ({}, {} nodes): {} — {} — {}",
                    v.rule,
                    v.impact,
                    v.nodes,
                    v.help,
                    v.targets.join(" | "),
                    v.summary
                )
            })
            .collect();
        bail!(
            "axe finds serious or critical violations on {test}/{shot}:\n{}",
            lines.join("\n")
        );
    }
    Ok(())
}

/// The form's errors as a screen reader meets them: each field's message (`.usa-error-message`
/// with an id) is named by its field's `aria-describedby`, and every error message and error
/// alert is announced when it appears (`role="alert"`, inside an `aria-live` region, or listed
/// by the form's error summary, itself an alert). The
/// problems found, by element id (never by text: the text may name a participant).
async fn unannounced_errors(client: &Client) -> Result<Vec<String>> {
    let found = client
        .execute(
            "const problems = [];
             const announced = e => e.closest('[role=\"alert\"], [aria-live]') !== null;
             for (const e of document.querySelectorAll('.usa-error-message[id]')) {
               if (!document.querySelector('[aria-describedby~=\"' + CSS.escape(e.id) + '\"]'))
                 problems.push(e.id + ': no field names it in aria-describedby');
             }
             const summary = document.getElementById('error-summary');
             for (const e of document.querySelectorAll('.usa-error-message')) {
               if (!announced(e) && !(summary && announced(summary)))
                 problems.push((e.id || e.className) + ': not announced (no role=alert, no aria-live, no error summary)');
             }
             for (const e of document.querySelectorAll('.usa-alert--error')) {
               if (!announced(e)) problems.push((e.id || e.className) + ': not announced (no role=alert, no aria-live)');
             }
             return problems;",
            vec![],
        )
        .await
        .context("looking for errors a screen reader would not hear")?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}
