#!/usr/bin/env bash
# Sets everything up (system packages, npm packages) and launches Greenlight.
# First run builds the app in release mode: several minutes on a small machine; later runs start
# in seconds. Data lives in $GREENLIGHT_DATA_DIR, else ~/.local/share/greenlight.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_system
ensure_npm "$ROOT/ui"
build_ui
step "Build the app (release)"
cargo build --release --manifest-path "$ROOT/Cargo.toml" -p greenlight-app --features custom-protocol
step "Launch Greenlight"
exec "$ROOT/target/release/greenlight-app" "$@"
