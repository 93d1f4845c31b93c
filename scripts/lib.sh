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

build_ui() {
  step "Build the UI (ui/dist)"
  (cd "$ROOT/ui" && npm run build)
}
