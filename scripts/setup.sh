#!/usr/bin/env bash
# Installs what PoolLab needs and is missing, and nothing else. Safe to run
# again: every step checks before it acts. Sourced by serve.sh, test.sh and
# bench.sh, it leaves only IMGUI_DIR behind (exported), for their CMake runs.
#
#   scripts/setup.sh              everything (web, desktop, tests)
#   scripts/setup.sh --imgui-dir  only print where Dear ImGui's source is (or goes)
#   IMGUI_DIR=/path/to/imgui      use your own Dear ImGui 1.86 checkout instead
#                                 of Debian's source package

# Sourced: the work runs in a child bash, so that its shell options, variables
# and helpers end with it and a failure returns to the caller instead of
# exiting the caller's shell; the child is then asked for the one answer.
# IMGUI_DIR is handed down even when the caller set it without exporting it.
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
  IMGUI_DIR=${IMGUI_DIR:-} "$BASH" "${BASH_SOURCE[0]}" || return
  IMGUI_DIR=$(IMGUI_DIR=${IMGUI_DIR:-} "$BASH" "${BASH_SOURCE[0]}" --imgui-dir) || return
  export IMGUI_DIR
  return 0
fi

set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Built from source for both targets; never committed. Default location is
# build/_deps/imgui, filled from Debian's source package.
imgui_dir=${IMGUI_DIR:-$root/build/_deps/imgui}
if [ "${1:-}" = --imgui-dir ]; then
  echo "$imgui_dir"
  exit 0
fi

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------
apt_packages=(
  build-essential cmake ninja-build pkg-config   # native toolchain
  emscripten                                     # web toolchain (3.1.6)
  libglfw3-dev libgl-dev libgl1-mesa-dri         # desktop window + GL
  libstb-dev                                     # stb_image(_write)
  googletest libgtest-dev                        # unit tests
  clang libclang-rt-14-dev                       # libFuzzer and sanitizers (fuzz test)
  nodejs npm                                     # browser tests, web server
  chromium                                       # browser tests
  xvfb xauth                                     # desktop smoke test
  dpkg-dev                                       # apt-get source (ImGui)
  python3-torch python3-numpy                    # reference oracles (tests only)
  dataset-fashion-mnist                          # second dataset (trained networks)
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
# A machine may already have Node from elsewhere; then Debian's is not needed.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { $sudo apt-get update -qq; apt_updated=1; }; }
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Dear ImGui 1.86 source --------------------------------------------------
if [ ! -f "$imgui_dir/imgui.cpp" ] || [ ! -f "$imgui_dir/backends/imgui_impl_glfw.cpp" ]; then
  if [ -n "${IMGUI_DIR:-}" ]; then
    echo "IMGUI_DIR=$IMGUI_DIR does not hold imgui.cpp and backends/: point it at a Dear ImGui 1.86 checkout" >&2
    exit 1
  fi
  if ! apt-get source --print-uris imgui >/dev/null 2>&1; then
    say "adding a deb-src line for bookworm main (for 'apt-get source imgui')"
    $sudo tee /etc/apt/sources.list.d/poollab-deb-src.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=0; apt_update
  fi
  say "fetching the Dear ImGui source package into build/_deps"
  tmp=$(mktemp -d "$root/build/_deps.XXXXXX" 2>/dev/null || { mkdir -p "$root/build"; mktemp -d "$root/build/_deps.XXXXXX"; })
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1)
  src=$(find "$tmp" -maxdepth 1 -type d -name 'imgui-*' | head -n 1)
  [ -n "$src" ] && [ -f "$src/imgui.cpp" ] || { echo "apt-get source imgui gave no usable tree" >&2; exit 1; }
  mkdir -p "$root/build/_deps"; rm -rf "$imgui_dir"; mv "$src" "$imgui_dir"; rm -rf "$tmp"
fi
grep -q 'IMGUI_VERSION *"1.86' "$imgui_dir/imgui.h" || say "warning: $imgui_dir is not Dear ImGui 1.86; PoolLab is tested with 1.86"

# --- npm packages (browser tests) -------------------------------------------
# Installed from the committed package-lock.json; reinstalled only when it changes.
stamp="$root/node_modules/.poollab-lock"
want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm packages from package-lock.json"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi
