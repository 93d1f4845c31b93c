#!/usr/bin/env bash
# Runs a command with a private, unlocked GNOME keyring (Secret Service) on the session bus, so
# tests exercise the real OS keyring without touching the user's own. Use inside a D-Bus
# session: dbus-run-session -- scripts/with-keyring.sh <command…>
set -euo pipefail
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
