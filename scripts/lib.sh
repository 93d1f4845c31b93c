# Shared steps of run.sh and test.sh. Each step is idempotent: it does work only when needed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

ensure_system() {
  step "System packages"
  bash "$ROOT/scripts/setup-system.sh" "$@"
}

# npm ci only when node_modules is missing or older than the lock file.
ensure_npm() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    step "npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    step "tauri-driver"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
}

ensure_cargo_deny() {
  if ! cargo deny --version >/dev/null 2>&1; then
    step "cargo-deny"
    cargo install cargo-deny --version 0.20.2 --locked
  fi
}

# Rebuilds ui/dist only when a UI source is newer than it: the app embeds ui/dist, so a
# needless rebuild would also force a rebuild of the app.
build_ui() {
  local stamp="$ROOT/ui/dist/index.html"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/ui/src" "$ROOT/ui/index.html" "$ROOT/ui/package-lock.json" \
      "$ROOT/ui/vite.config.ts" -newer "$stamp" -print -quit)" ]; then
    step "UI is up to date (ui/dist)"
    return
  fi
  step "Build the UI (ui/dist)"
  (cd "$ROOT/ui" && npm run build)
}
