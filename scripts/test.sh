#!/usr/bin/env bash
# Command 2: build everything (web app, desktop app, CLI, tests) and run every
# test: core unit tests, CLI tests, the desktop smoke test under Xvfb and the
# browser end-to-end tests in headless Chromium. .ci/run calls exactly this.
# Installs what is missing first (scripts/setup.sh); rebuilds only what changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/setup.sh
source scripts/lib.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== web build (Emscripten)"
build_preset web -- -j "$jobs"

echo "== native build (desktop app, CLI, tests)"
build_preset native -DPOOLLAB_WEB_SITE="$root/build/web/site" -- -j "$jobs"

echo "== tests"
ctest --preset native -j "$jobs"
