//! End-to-end tests of the real app in its WebKit webview, through tauri-driver.
