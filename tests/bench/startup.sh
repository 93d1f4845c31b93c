#!/usr/bin/env bash
# Benchmark: cold start of the release build to the project list painted, under Xvfb.
# Prints each run and the median of N runs (default 5) of two figures:
#   painted  - from the start of the app's `run()` to the UI reporting its first paint of the
#              project list (two animation frames after the list rendered);
#   wall     - from exec to the process exiting right after that paint (upper bound, includes
#              loading WebKit's shared libraries and tearing down).
# Usage: tests/bench/startup.sh [runs]   (build first: scripts/run.sh or
#        cargo build --release -p greenlight-app --features custom-protocol)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="${GREENLIGHT_APP:-$ROOT/target/release/greenlight-app}"
RUNS="${1:-5}"
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"; kill "${XVFB_PID:-0}" 2>/dev/null || true' EXIT

DISPLAY_NUM=:97
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1

run_once() {
  local t0 t1 line
  t0=$(date +%s%N)
  line=$(DISPLAY="$DISPLAY_NUM" GREENLIGHT_DATA_DIR="$DATA" GREENLIGHT_EXIT_WHEN_READY=1 RUST_LOG=warn \
    dbus-run-session -- "$APP" 2>/dev/null | grep -m1 '^startup_ms=' || true)
  t1=$(date +%s%N)
  echo "${line#startup_ms=} $(( (t1 - t0) / 1000000 ))"
}

echo "first run (creates the database, seeds the sample): $(run_once | awk '{print "painted " $1 " ms, wall " $2 " ms"}')"
results=()
for i in $(seq 1 "$RUNS"); do
  r=$(run_once)
  echo "run $i: painted ${r% *} ms, wall ${r#* } ms"
  results+=("$r")
done
printf '%s\n' "${results[@]}" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {print "median painted: " a[int((NR+1)/2)] " ms"}'
printf '%s\n' "${results[@]}" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print "median wall: " a[int((NR+1)/2)] " ms"}'
