//! Nothing leaves the machine, as configured: the app's Tauri config has a strict CSP, its one
//! capability is `core:default`, and no Tauri plugin (none of them is needed; the network-capable
//! ones — http, websocket, upload, updater, shell — least of all) is a dependency.

use serde_json::Value;
use std::path::Path;

fn app_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../src-tauri")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_csp_allows_only_the_app_itself() {
    let conf: Value = serde_json::from_str(&app_file("tauri.conf.json")).expect("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string is set");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert_eq!(
        directives.first().copied(),
        Some("default-src 'self'"),
        "everything not named is the app's own: {csp}"
    );
    for d in &directives {
        for source in d.split_whitespace().skip(1) {
            let allowed = matches!(
                source,
                "'self'" | "'unsafe-inline'" | "'none'" | "data:" | "blob:" | "ipc:"
            ) || source == "http://ipc.localhost";
            assert!(allowed, "{d}: {source} could reach past the app");
        }
    }
    assert!(
        conf["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none()
            && conf["app"]["security"].get("devCsp").is_none(),
        "no second, looser CSP"
    );
    assert!(
        conf.get("plugins")
            .is_none_or(|p| p.as_object().is_none_or(|m| m.is_empty())),
        "no plugin is configured"
    );
}

#[test]
fn the_main_window_has_core_default_only_and_no_plugin_is_linked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("capabilities") {
        let path = entry.expect("entry").path();
        let cap: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        files += 1;
        assert_eq!(
            cap["permissions"],
            serde_json::json!(["core:default"]),
            "{}: the app's own commands and nothing else",
            path.display()
        );
        assert!(
            cap.get("remote").is_none(),
            "no remote URL may call the app"
        );
    }
    assert_eq!(files, 1, "one capability file");
    let manifest = app_file("Cargo.toml");
    assert!(
        !manifest.contains("tauri-plugin"),
        "no Tauri plugin is a dependency of the app"
    );
    assert!(
        !manifest.contains("reqwest") && !manifest.contains("hyper"),
        "no HTTP client is a dependency of the app"
    );
}
