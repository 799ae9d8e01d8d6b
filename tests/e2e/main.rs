//! End-to-end tests of the real Records Desk app in its real WebKit webview, driven through
//! tauri-driver and WebKitWebDriver (a display is needed: scripts/test starts Xvfb). Each test
//! saves screenshots under $RECORDS_DESK_ARTIFACTS (default artifacts/e2e).

mod accounts;
mod associate_accounting;
mod associates;
mod backups;
mod harness;
mod incidents;
mod keyboard;
mod referral;
mod registers_a;
mod registers_b;
mod request;
mod session;
mod trust;
