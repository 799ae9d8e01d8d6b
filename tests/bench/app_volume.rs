//! Benchmark (not a test): every screen of the real app on the demo database and on a large
//! county's six years (100,000 participants, 1,000,000 disclosures, 20,000 requests of which
//! 300 open, 200,000 audit rows and 1 GB of scans in 500 attachments, built by desk-store's
//! fixture), medians side by side. Each run launches the release app with the page cache
//! dropped, signs in as the Privacy Official and times: "Sign in" → the dashboard, the
//! dashboard, reports, a surname search (after the 120 ms debounce), the participant page, the
//! request page, the audit trail (each timed inside the page, from the click to the next frame
//! after the screen's table or heading is there), and a backup of the whole file (until "Backed
//! up and verified"), beside the file system's own copy of the same file, synced, with the page
//! cache dropped (the disk's speed). `scripts/bench-app --volume` builds the release app and runs this. With
//! `RECORDS_DESK_BENCH_COUNTY=PATH` it copies a county database the fixture built earlier
//! instead of building one; with `RECORDS_DESK_BENCH_SCREENS_ONLY=1` it times the screens and
//! no backup.
//!
//! The app runs with WebKit's compositing off (`WEBKIT_DISABLE_COMPOSITING_MODE=1`, inherited
//! through tauri-driver and WebKitWebDriver). A session driven by WebDriver under Xvfb redraws
//! the whole window continuously in composited mode, even with the dashboard sitting still: its
//! software rasteriser took about a quarter of this 2-core machine, from the screens and the
//! backup alike. A person's session does not (nothing is drawn while the screen is still), so
//! the figures are taken the way a person gets them.

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;
use harness::{App, DataDir};

/// Launches per database (each with the page cache dropped).
const RUNS: usize = 3;
/// Visits of each screen per launch.
const VISITS: usize = 3;
/// The participant search waits this long after the last key before it asks.
const DEBOUNCE: Duration = Duration::from_millis(120);
const OFFICIAL: (&str, &str) = ("official", "county-official-pass");
const DEMO_OFFICIAL: (&str, &str) = ("official", "demo-official-pass");

/// One database under test and what to open in it.
struct Database {
    label: &'static str,
    data: DataDir,
    official: (&'static str, &'static str),
    surname: String,
}

#[derive(Default)]
struct Samples {
    sign_in: Vec<Duration>,
    dashboard: Vec<Duration>,
    reports: Vec<Duration>,
    search: Vec<Duration>,
    participant: Vec<Duration>,
    request: Vec<Duration>,
    audit: Vec<Duration>,
    backup: Vec<Duration>,
}

fn median(samples: &[Duration]) -> Duration {
    let mut s = samples.to_vec();
    s.sort();
    s.get(s.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Timed in the page itself, so WebDriver's own round trips are not in the figures: click
/// `click` (when given, else set `#participant-query` to `query` as typing would), then wait
/// for `css` to be in the page and shown, and for the next frame. Milliseconds.
const TIMED: &str = r##"
const [click, query, css, done] = arguments;
const shown = () => { const el = document.querySelector(css); return !!el && el.getClientRects().length > 0; };
const t0 = performance.now();
const finish = () => requestAnimationFrame(() => done(performance.now() - t0));
const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); finish(); } });
obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
setTimeout(() => { obs.disconnect(); done(-1); }, 25000);
if (click) { document.querySelector(click).click(); }
else { const input = document.querySelector("#participant-query"); input.value = query; input.dispatchEvent(new Event("input", { bubbles: true })); }
"##;

/// Click "Back up now" and wait, in the page, for the note to say the backup is made and
/// verified. Milliseconds; -1 when it fails (a full disk) or takes over 55 s (WebDriver's script
/// timeout is 60 s).
const BACKED_UP: &str = r##"
const [done] = arguments;
const note = () => (document.querySelector("#backup-note") || {}).textContent || "";
const t0 = performance.now();
const obs = new MutationObserver(() => {
  const text = note();
  if (text.includes("Backed up and verified")) { obs.disconnect(); done(performance.now() - t0); }
  else if (text.includes("full")) { obs.disconnect(); done(-1); }
});
obs.observe(document.body, { childList: true, subtree: true, characterData: true });
setTimeout(() => { obs.disconnect(); done(-1); }, 55000);
document.querySelector("#backup-now").click();
"##;

async fn timed(app: &App, click: Option<&str>, query: &str, css: &str) -> Result<Duration> {
    let ms = app
        .client
        .execute_async(
            TIMED,
            vec![
                serde_json::json!(click),
                serde_json::json!(query),
                serde_json::json!(css),
            ],
        )
        .await?
        .as_f64()
        .unwrap_or(-1.0);
    ensure!(ms >= 0.0, "{css} never showed after {click:?}");
    Ok(Duration::from_secs_f64(ms / 1000.0))
}

/// Click `#id` and time until `css` shows.
async fn visit(app: &App, id: &str, css: &str) -> Result<Duration> {
    app.wait_for(&format!("#{id}")).await?;
    timed(app, Some(&format!("#{id}")), "", css).await
}

/// Poll (every 20 ms) until `css` is on the page and displayed.
async fn until_shown(app: &App, css: &str, limit: Duration) -> Result<Instant> {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(el) = app.client.find(Locator::Css(css)).await {
            if el.is_displayed().await.unwrap_or(false) {
                return Ok(Instant::now());
            }
        }
        ensure!(Instant::now() < deadline, "{css} never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Write out what the bench itself left dirty (the county's copy, the last backup's removal),
/// so no timing pays for it, then drop the page cache.
fn drop_caches() -> bool {
    let _ = Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

/// The surname search: the query set as typing sets it, timed until the results show, less
/// the debounce.
async fn search(app: &App, query: &str) -> Result<Duration> {
    app.wait_for("#participant-query").await?;
    let t = timed(app, None, query, "#participant-results tbody tr button").await?;
    Ok(t.saturating_sub(DEBOUNCE))
}

async fn one_run(db: &Database, samples: &mut Samples) -> Result<()> {
    drop_caches();
    let app = App::launch("bench-volume", &db.data, &[]).await?;
    until_shown(&app, "#username", Duration::from_secs(30)).await?;
    app.wait_autofocus().await;
    app.fill("username", db.official.0).await?;
    app.fill("password", db.official.1).await?;
    samples
        .sign_in
        .push(timed(&app, Some("#sign-in-button"), "", "#due-table").await?);

    for _ in 0..VISITS {
        samples
            .reports
            .push(visit(&app, "nav-reports", "#report-figures").await?);
        samples
            .dashboard
            .push(visit(&app, "nav-dashboard", "#due-table").await?);
        // The first request waiting, then its participant.
        samples.request.push(
            timed(
                &app,
                Some("#due-table button[id^='open-request-']"),
                "",
                "#request-status",
            )
            .await?,
        );
        samples
            .participant
            .push(visit(&app, "request-participant", "#new-request-for").await?);
        app.click("nav-participants").await?;
        samples.search.push(search(&app, &db.surname).await?);
        samples
            .audit
            .push(visit(&app, "nav-audit", "#audit-table").await?);
    }

    if std::env::var_os("RECORDS_DESK_BENCH_SCREENS_ONLY").is_some() {
        return app.quit().await;
    }
    // A backup of the whole file, from the dashboard's button to "Backed up and verified",
    // timed in the page: polling it over WebDriver every few milliseconds would take CPU from
    // the backup, which checks every page on both cores.
    app.click("nav-dashboard").await?;
    app.wait_for("#backup-now").await?;
    // Cold, as the plain copy it is compared with.
    drop_caches();
    let ms = app
        .client
        .execute_async(BACKED_UP, vec![])
        .await?
        .as_f64()
        .unwrap_or(-1.0);
    ensure!(
        ms >= 0.0,
        "the backup did not finish within 55 s, or failed"
    );
    samples.backup.push(Duration::from_secs_f64(ms / 1000.0));
    app.quit().await?;
    // Keep the disk: each backup is as large as the database.
    let _ = std::fs::remove_dir_all(db.data.dir.path().join("Documents"));
    Ok(())
}

/// `records-desk audit verify` on the database: the check of every page, timed, and recorded
/// as the day's check (so the app's first sign-in does not start it beside the screens).
fn check_every_page(db: &Database) -> Result<Duration> {
    let started = Instant::now();
    let mut child = Command::new(harness::cli_binary())
        .args(["audit", "verify", "--db"])
        .arg(db.data.db())
        .args(["--as", db.official.0, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting records-desk")?;
    {
        use std::io::Write;
        let input = child.stdin.as_mut().context("stdin")?;
        writeln!(input, "{}", db.official.1)?;
    }
    let out = child.wait_with_output()?;
    ensure!(
        out.status.success(),
        "audit verify failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(started.elapsed())
}

/// The file system's own copy of the database (`std::fs::copy`), synced, with the page cache
/// dropped first, as the app's backup finds it: the disk's speed the backup is held to.
fn plain_copy(db: &Database) -> Result<Duration> {
    drop_caches();
    let to = db.data.dir.path().join("plain-copy.db");
    let started = Instant::now();
    std::fs::copy(db.data.db(), &to).context("copying the database")?;
    std::fs::File::open(&to)
        .and_then(|f| f.sync_all())
        .context("syncing the copy")?;
    let took = started.elapsed();
    std::fs::remove_file(&to).context("removing the copy")?;
    Ok(took)
}

fn file_size(db: &Database) -> u64 {
    std::fs::metadata(db.data.db())
        .map(|m| m.len())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> Result<()> {
    // See the module's notes: drawn as in a person's session, not redrawn without end.
    std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    let demo = Database {
        label: "demo",
        data: DataDir::new()?,
        official: DEMO_OFFICIAL,
        surname: "Ash".into(),
    };
    demo.data.demo().context("creating the demo database")?;

    let county_data = DataDir::new()?;
    let volume = Database {
        label: "county",
        data: county_data,
        official: OFFICIAL,
        surname: desk_store::fixture::COUNTY_SURNAME.into(),
    };
    match std::env::var_os("RECORDS_DESK_BENCH_COUNTY") {
        // A county database built earlier by the same fixture (and its key file): copied, so
        // it stays as built.
        Some(built) => {
            let built = std::path::PathBuf::from(built);
            std::fs::copy(&built, volume.data.db()).context("copying the county database")?;
            std::fs::copy(
                desk_store::key_file_path(&built),
                desk_store::key_file_path(&volume.data.db()),
            )
            .context("copying the county database's key file")?;
            println!("county database copied from {}", built.display());
        }
        None => {
            let started = Instant::now();
            let county = desk_store::fixture::county(
                &volume.data.db(),
                OFFICIAL,
                ("staff", "county-staff-pass"),
                500,
                2 * 1024 * 1024,
            )
            .context("building the county database")?;
            println!(
                "county database built in {:.1} s: {} participants, {} disclosures, {} requests \
                 ({} open), {} audit rows, {} scans ({:.2} GB)",
                started.elapsed().as_secs_f64(),
                county.participants,
                county.disclosures,
                county.requests,
                county.open_requests,
                county.audit_rows,
                county.attachments,
                county.scan_bytes as f64 / 1e9,
            );
        }
    }

    let mut check = Vec::new();
    for db in [&demo, &volume] {
        drop_caches();
        check.push(check_every_page(db)?);
    }

    let (mut a, mut b) = (Samples::default(), Samples::default());
    let caches = drop_caches();
    for run in 0..RUNS {
        one_run(&demo, &mut a)
            .await
            .with_context(|| format!("demo, run {run}"))?;
        one_run(&volume, &mut b)
            .await
            .with_context(|| format!("county, run {run}"))?;
    }

    let (mut copy_a, mut copy_b) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        copy_a.push(plain_copy(&demo)?);
        copy_b.push(plain_copy(&volume)?);
    }

    println!(
        "Records Desk app, medians ({RUNS} launches per database, page cache dropped before each{}; \
         each screen visited {VISITS} times per launch)",
        if caches { "" } else { " — could not drop it: not root" }
    );
    println!("{:<44} {:>12} {:>12}   goal", "", demo.label, volume.label);
    let size = |d: &Database| format!("{:.1} MB", file_size(d) as f64 / 1e6);
    println!(
        "{:<44} {:>12} {:>12}",
        "database file",
        size(&demo),
        size(&volume)
    );
    let rows: [(&str, &[Duration], &[Duration], &str); 8] = [
        (
            "\"Sign in\" → dashboard",
            &a.sign_in,
            &b.sign_in,
            "≤ 300 ms at any size",
        ),
        ("dashboard", &a.dashboard, &b.dashboard, "≤ 50 ms"),
        ("reports", &a.reports, &b.reports, "≤ 50 ms"),
        (
            "surname search (after the debounce)",
            &a.search,
            &b.search,
            "≤ 50 ms",
        ),
        (
            "participant page",
            &a.participant,
            &b.participant,
            "≤ 50 ms",
        ),
        ("request page", &a.request, &b.request, "≤ 50 ms"),
        ("audit trail", &a.audit, &b.audit, "≤ 50 ms"),
        (
            "backup of the whole file (verified)",
            &a.backup,
            &b.backup,
            "disk speed",
        ),
    ];
    for (what, x, y, goal) in rows {
        println!(
            "{what:<44} {:>12} {:>12}   {goal}",
            ms(median(x)),
            ms(median(y))
        );
    }
    println!(
        "{:<44} {:>12} {:>12}",
        "plain copy and sync of the file (cold)",
        ms(median(&copy_a)),
        ms(median(&copy_b))
    );
    println!(
        "{:<44} {:>12} {:>12}",
        "check of every page (audit verify, cold)",
        ms(check[0]),
        ms(check[1])
    );
    let ratio = median(&b.sign_in).as_secs_f64() / median(&a.sign_in).as_secs_f64().max(1e-9);
    println!("sign-in → dashboard, county ÷ demo: {ratio:.2} (goal ≤ 1.3)");
    let backup_ratio = |x: &[Duration], y: &[Duration]| {
        median(x).as_secs_f64() / median(y).as_secs_f64().max(1e-9)
    };
    println!(
        "backup ÷ plain copy and sync: demo {:.2}, county {:.2} (disk speed: 1)",
        backup_ratio(&a.backup, &copy_a),
        backup_ratio(&b.backup, &copy_b)
    );
    let mb_s = |d: &Database, t: Duration| file_size(d) as f64 / 1e6 / t.as_secs_f64().max(1e-9);
    let each = |x: &[Duration]| x.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", ");
    println!(
        "backups, launch by launch: demo {}; county {}",
        each(&a.backup),
        each(&b.backup)
    );
    println!(
        "backup throughput (every page checked as it is copied, then the copy synced): demo {:.0} MB/s, county {:.0} MB/s",
        mb_s(&demo, median(&a.backup)),
        mb_s(&volume, median(&b.backup))
    );
    Ok(())
}
