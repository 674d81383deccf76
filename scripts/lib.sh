# shellcheck shell=bash
# Helpers that serve.sh, test.sh and bench.sh share. Sourced after
# scripts/setup.sh, which exports the IMGUI_DIR they read; it sets no shell
# options of its own.

# build_preset PRESET [CONFIGURE_ARG...] [-- BUILD_ARG...]
# Configures the CMake preset quietly, with IMGUI_DIR and the CONFIGURE_ARGs
# (-DNAME=VALUE), then builds it, passing the BUILD_ARGs (-j N, --target T...)
# to cmake --build. Configuring again is cheap, and it picks up new source files.
build_preset() {
  local preset=$1
  shift
  local configure=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    configure+=("$1")
    shift
  done
  if [ $# -gt 0 ]; then shift; fi  # the --
  cmake --preset "$preset" -DIMGUI_DIR="${IMGUI_DIR:?source scripts/setup.sh first}" ${configure[@]+"${configure[@]}"} >/dev/null || return
  cmake --build --preset "$preset" "$@"
}
