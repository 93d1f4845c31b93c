#!/usr/bin/env bash
# Installs the system packages Greenlight needs to build, run and test, only where missing.
# Idempotent: a second run installs nothing. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail

BUILD_PKGS=(libwebkit2gtk-4.1-dev build-essential curl file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev)
TEST_PKGS=(xvfb xauth imagemagick x11-utils webkit2gtk-driver dbus dbus-x11 gnome-keyring
  libsecret-tools postgresql xdotool sqlite3)

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
