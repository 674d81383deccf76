#!/usr/bin/env bash
# Builds the parser fuzz target with clang (libFuzzer + AddressSanitizer +
# UndefinedBehaviorSanitizer) and runs it for a bounded time on the seed
# corpus. Exit status is non-zero on any crash or sanitizer report.
# usage: run_fuzz.sh SOURCE_DIR BUILD_DIR SECONDS EMBEDDED_MNIST7_CPP
# (the last is the generated source of the course's MNIST map, which the core links)
set -euo pipefail
src=$1; out=$2; seconds=$3; mnist7_cpp=$4
mkdir -p "$out/corpus"
bin="$out/fuzz_parsers"
# The core as CMake builds it: its modules and every scene's model, less the scenes' tests.
shopt -s nullglob
sources=("$src/tests/fuzz/fuzz_parsers.cpp" "$mnist7_cpp")
for f in "$src"/src/core/*.cpp "$src"/src/core/scenes/*/*.cpp; do [[ $(basename "$f") == test_* ]] || sources+=("$f"); done
# Rebuild only when a source is newer than the binary.
newer=0
for f in "${sources[@]}" "$src"/src/core/*.h "$src"/src/core/scenes/*/*.h; do [ "$f" -nt "$bin" ] && newer=1 && break; done
if [ ! -x "$bin" ] || [ $newer = 1 ]; then
    clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -I"$src/src" -isystem /usr/include/stb "${sources[@]}" -o "$bin"
fi
cp -n "$src"/tests/fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
# New inputs go to $out/corpus; the committed seeds stay as they are.
exec "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$out/corpus"
