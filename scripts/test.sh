#!/usr/bin/env bash
# Sets everything up and runs every check and test: formatting, lints, the UI's checks and
# unit tests, the end-to-end suite against the real app under Xvfb, and all Rust tests (last,
# so the output ends with the runner's summary). Exits non-zero on the first failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_system --test
ensure_npm "$ROOT/ui"
ensure_npm "$ROOT/tests/e2e"
ensure_tauri_driver
ensure_cargo_deny

# A real PostgreSQL server for the team-mode tests (the store contract runs on both backends),
# stopped again when the tests end.
step "PostgreSQL: a throwaway cluster on 127.0.0.1"
eval "$("$ROOT/scripts/pg.sh" start)"
trap '"$ROOT/scripts/pg.sh" stop' EXIT

# Built with the bundled UI, the app, clippy and the tests share one set of artifacts.
FEATURES=(--features greenlight-app/custom-protocol)

step "cargo fmt --check"
cargo fmt --all -- --check

# Licences, banned crates (one TLS stack) and sources. Advisories need the RustSec database
# from GitHub, which these machines cannot reach: run `cargo deny check advisories` elsewhere.
step "cargo deny check bans licenses sources"
cargo deny --log-level error check bans licenses sources

step "UI: svelte-check, eslint, vitest"
(cd ui && npm run check && npm run lint && npm test)
build_ui

step "cargo clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" -- -D warnings

step "Build the app for end-to-end tests"
cargo build -p greenlight-app -p greenlight-cli "${FEATURES[@]}"

step "End-to-end tests (real app, Xvfb, tauri-driver, WebKitWebDriver, private keyring)"
dbus-run-session -- "$ROOT/scripts/with-keyring.sh" \
  xvfb-run -a -s '-screen 0 1280x800x24' node tests/e2e/run.mjs \
  2> >(grep --line-buffered -v -e 'dbus-daemon' -e 'SpiRegistry' >&2)

step "Rust tests (inside a private D-Bus session with an unlocked GNOME keyring)"
if cargo nextest --version >/dev/null 2>&1; then
  RUNNER=(cargo nextest run --workspace "${FEATURES[@]}" --no-fail-fast)
else
  RUNNER=(cargo test --workspace "${FEATURES[@]}" --no-fail-fast)
fi
# Unfiltered: nextest writes its closing summary to stderr, and it must be the last line.
dbus-run-session -- "$ROOT/scripts/with-keyring.sh" "${RUNNER[@]}"
