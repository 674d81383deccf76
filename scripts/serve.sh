#!/usr/bin/env bash
# Command 1: build the web app and serve it on http://127.0.0.1:PORT/.
#   scripts/serve.sh                 web app on the first free port from 8080
#   scripts/serve.sh --port 9000     web app on port 9000
#   scripts/serve.sh --no-csp        without the Content-Security-Policy header
#   scripts/serve.sh --desktop       build and run the desktop app instead
# The site is served as the tests serve it, with the strict CSP a careful
# course site sends (default-src 'self'; script-src 'self' 'wasm-unsafe-eval').
# Installs what is missing first (scripts/setup.sh); rebuilds only what changed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
port=""; desktop=0; csp=--csp
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --no-csp) csp=""; shift ;;
    --desktop) desktop=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
source scripts/setup.sh
source scripts/lib.sh

if [ $desktop = 1 ]; then
  build_preset native -- --target poollab-desktop
  exec build/native/poollab-desktop
fi
build_preset web
exec node web/serve.mjs build/web/site ${port:+--port "$port"} $csp
