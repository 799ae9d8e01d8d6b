//! Benchmark (not a test): how long the real app takes from launch to an interactive sign-in
//! screen, and from pressing "Sign in" to the dashboard on the demo database. Drives the built
//! app through tauri-driver like the E2E tests; `scripts/bench-app` builds the release app,
//! provides the display and runs this in a PID namespace of its own.
//!
//! "Launch" is the moment the WebDriver session is requested: the time printed includes
//! WebKitWebDriver starting the app, so it is an upper bound on the app's own start.

#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;
use harness::{App, DataDir};

const RUNS: usize = 7;

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Poll (every 5 ms) until `css` is on the page, displayed and enabled.
async fn until_interactive(app: &App, css: &str) -> Result<Instant> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = app.client.find(Locator::Css(css)).await {
            if el.is_displayed().await.unwrap_or(false) && el.is_enabled().await.unwrap_or(false) {
                return Ok(Instant::now());
            }
        }
        ensure!(Instant::now() < deadline, "{css} never became interactive");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Drop the page cache so each launch reads the binary and libraries from disk (needs root;
/// reported when it is not possible).
fn drop_caches() -> bool {
    std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

#[tokio::main]
async fn main() -> Result<()> {
    let data = DataDir::new()?;
    data.demo().context("creating the demo database")?;
    let app_bin = harness::app_binary();
    let size = std::fs::metadata(&app_bin)
        .with_context(|| format!("reading {}", app_bin.display()))?
        .len();

    let (mut cold, mut warm, mut sign_in) = (Vec::new(), Vec::new(), Vec::new());
    let mut caches_dropped = true;
    for run in 0..RUNS * 2 {
        // Alternate: a launch after dropping the page cache, then one with it warm.
        let is_cold = run % 2 == 0;
        if is_cold {
            caches_dropped &= drop_caches();
        }
        let mut app = App::launch("bench", &data, &[]).await?;
        let ready = until_interactive(&app, "#username").await?;
        let start = ready - app.requested;
        if is_cold {
            cold.push(start);
        } else {
            warm.push(start);
        }

        app.wait_autofocus().await;
        app.fill("username", harness_demo::USER.0).await?;
        app.fill("password", harness_demo::USER.1).await?;
        let pressed = Instant::now();
        app.click("sign-in-button").await?;
        let shown = match until_interactive(&app, "#due-table").await {
            Ok(t) => t,
            Err(e) => {
                let shot = app.screenshot("no-dashboard").await?;
                return Err(e.context(format!("run {run}: see {}", shot.display())));
            }
        };
        sign_in.push(shown - pressed);
        app.quit().await?;
    }

    println!("Records Desk app benchmark ({RUNS} cold + {RUNS} warm launches, demo database)");
    println!(
        "  app binary: {} ({:.1} MiB)",
        app_bin.display(),
        size as f64 / 1048576.0
    );
    println!(
        "  launch → interactive sign-in, page cache dropped{}: median {} (min {}, max {})",
        if caches_dropped {
            ""
        } else {
            " (could not drop it: not root)"
        },
        ms(median(&mut cold)),
        ms(*cold.iter().min().unwrap_or(&Duration::ZERO)),
        ms(*cold.iter().max().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "  launch → interactive sign-in, warm: median {} (min {}, max {})",
        ms(median(&mut warm)),
        ms(*warm.iter().min().unwrap_or(&Duration::ZERO)),
        ms(*warm.iter().max().unwrap_or(&Duration::ZERO)),
    );
    println!(
        "  \"Sign in\" pressed → dashboard with its due table: median {} (min {}, max {})",
        ms(median(&mut sign_in)),
        ms(*sign_in.iter().min().unwrap_or(&Duration::ZERO)),
        ms(*sign_in.iter().max().unwrap_or(&Duration::ZERO)),
    );
    println!("  targets: launch ≤ 1.0 s cold and ≤ 0.5 s warm; sign-in → dashboard ≤ 300 ms; binary ≤ 15 MB");
    Ok(())
}

/// The demo database's staff account (`records-desk demo`).
mod harness_demo {
    pub const USER: (&str, &str) = ("staff", "demo-staff-pass");
}
