# Shared by scripts/start and scripts/test: install what Records Desk needs on Debian 12, once.
# Idempotent: every step checks before it installs.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# One package set and one feature set for every debug cargo command of the scripts: cargo unifies
# features over what it is asked to build, so `cargo test --workspace` and a later
# `cargo build -p records-desk-app` (or `cargo test -p desk-tests`) would each compile tauri,
# tokio and printpdf again with other features.
CARGO_SET=(--workspace --features desk-tests/e2e --locked)

APT_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver poppler-utils imagemagick fonts-dejavu-core strace iproute2 procps
  xdotool)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_apt [EXTRA...]: APT_PACKAGES and any extra packages a script needs besides.
ensure_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || {
    echo "Rust (cargo 1.85 or newer) is needed: install it with rustup, then run this again." >&2
    exit 1
  }
}

# Node.js 20.19 or newer (Vite 8). Debian 12's own nodejs is 18: when the one on the PATH is older,
# the `node` package from the npm registry (which carries the Linux binary) is installed over it.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}

ensure_node() {
  node_ok && command -v npm >/dev/null 2>&1 && return 0
  if ! command -v npm >/dev/null 2>&1; then
    say "Installing Node.js and npm"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  if ! node_ok; then
    say "Node.js $(node --version 2>/dev/null || echo '(none)') is too old: installing Node.js 22 from the npm registry"
    sudo_if_needed npm install -g --prefix /usr/local --no-audit --no-fund --loglevel=error node@22
    hash -r
  fi
  node_ok || {
    echo "Node.js 20.19 or newer is needed on the PATH (found $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  }
}

# The front end: installed from the lock file only when it changed, then built into ui/dist.
build_ui() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.records-desk-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    say "Installing front-end packages (npm ci)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
  # Only when a source is newer than the last build: an unchanged dist keeps the app from
  # being relinked (its files are embedded in the binary).
  local built="$ROOT/ui/dist/index.html"
  if [ -f "$built" ] && [ -z "$(find "$ROOT/ui/src" "$ROOT/ui/index.html" "$ROOT/ui/package-lock.json" \
      "$ROOT/ui/vite.config.ts" "$ROOT/ui/svelte.config.js" "$ROOT/ui/tsconfig.json" \
      -newer "$built" -print -quit)" ]; then
    say "The front end is up to date"
    return
  fi
  say "Building the front end"
  (cd "$ROOT/ui" && npm run --silent build)
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "Installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
}

# The Tauri bundler (scripts/package): tauri-cli from crates.io, pinned to the release line of
# the tauri crate in Cargo.lock (tauri 2.12.x, tauri-cli 2.12.x; raise both together). It is
# compiled once (10 to 17 minutes on 2 cores) into a root of its own for that version, so no
# other cargo-tauri on the PATH is used by mistake; sets TAURI_CLI.
TAURI_CLI_VERSION=2.12.4
TAURI_CLI_ROOT="${RECORDS_DESK_TOOLS:-$HOME/.cache/records-desk}/tauri-cli-$TAURI_CLI_VERSION"
ensure_tauri_cli() {
  TAURI_CLI="$TAURI_CLI_ROOT/bin/cargo-tauri"
  [ -x "$TAURI_CLI" ] && return 0
  say "Installing tauri-cli $TAURI_CLI_VERSION from crates.io (compiled once, 10 to 17 minutes)"
  # Its own scratch target directory: none of its crates are shared with the workspace's.
  local scratch="$CARGO_TARGET_DIR/tauri-cli-build"
  cargo install tauri-cli --version "=$TAURI_CLI_VERSION" --locked --quiet \
    --root "$TAURI_CLI_ROOT" --target-dir "$scratch"
  rm -rf "$scratch"
}

# The Windows target for `cargo check` (scripts/check-windows): Rust's standard library for
# x86_64-pc-windows-gnu and the MinGW-w64 C compiler that SQLCipher's and OpenSSL's build scripts
# need. Returns 1 (and says why) when there is no rustup to add the target with.
ensure_windows_target() {
  ensure_apt gcc-mingw-w64-x86-64
  rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu && return 0
  if ! command -v rustup >/dev/null 2>&1; then
    echo "NOT RUN: the Windows check needs rustup (rustup target add x86_64-pc-windows-gnu)" >&2
    return 1
  fi
  say "Adding the x86_64-pc-windows-gnu target"
  rustup target add x86_64-pc-windows-gnu
}

# Start a virtual display (Xvfb :99) when there is none; sets DISPLAY. A socket or lock file
# left by an Xvfb that is gone is removed first: the app could not open such a display, and the
# WebDriver session would wait for it forever.
ensure_display() {
  [ -n "${DISPLAY:-}" ] && return 0
  export DISPLAY=":99"
  # An Xvfb of another display (or one on its way out) does not count: ask :99 itself.
  if ! xdotool getdisplaygeometry >/dev/null 2>&1; then
    rm -f /tmp/.X99-lock /tmp/.X11-unix/X99
    say "No display: starting Xvfb $DISPLAY"
    Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

# `--test NAME` for every integration-test target of the workspace but the end-to-end one.
test_targets_but_e2e() {
  cargo metadata --no-deps --format-version 1 --locked | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      for (const p of JSON.parse(s).packages)
        for (const t of p.targets)
          if (t.kind.includes("test") && t.name !== "e2e") console.log("--test\n" + t.name);
    });'
}

# The end-to-end tests against the built debug app and CLI; screenshots in artifacts/e2e.
run_e2e() {
  ensure_tauri_driver
  ensure_display
  export RECORDS_DESK_APP="$CARGO_TARGET_DIR/debug/records-desk-app"
  export RECORDS_DESK_CLI="$CARGO_TARGET_DIR/debug/records-desk"
  export RECORDS_DESK_ARTIFACTS="$ROOT/artifacts/e2e"
  mkdir -p "$RECORDS_DESK_ARTIFACTS"
  # In a PID namespace of its own: the browser side (WebKitWebDriver, the app) signals what it
  # started when a session ends, and such a signal must never reach past the tests.
  sudo_if_needed env PATH="$PATH" HOME="$HOME" CARGO_TARGET_DIR="$CARGO_TARGET_DIR" DISPLAY="$DISPLAY" \
    RECORDS_DESK_APP="$RECORDS_DESK_APP" RECORDS_DESK_CLI="$RECORDS_DESK_CLI" \
    RECORDS_DESK_ARTIFACTS="$RECORDS_DESK_ARTIFACTS" \
    unshare --pid --fork --mount-proc \
    cargo test "${CARGO_SET[@]}" --test e2e -- --test-threads=1
}
