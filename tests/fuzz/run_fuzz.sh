#!/usr/bin/env bash
# The parsers' fuzz targets under libFuzzer with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang): one target a parser, each with its own
# seed corpus in tests/fuzz/corpus/NAME/ (and dictionary NAME.dict, if any).
#
# usage: run_fuzz.sh SOURCE_DIR BUILD_DIR EMBEDDED_MNIST7_CPP [TARGET] [SECONDS]
#   TARGET   csv, model_json, link, picture, dataset, weights; "all" (the default) runs each in
#            turn; "build" only builds them
#   SECONDS  how long each target runs (default 8, as the test suite runs them);
#            for a longer search on demand, e.g.
#              tests/fuzz/run_fuzz.sh . build/native/fuzz build/native/embedded/asset_mnist7_conv26.cpp all 600
# EMBEDDED_MNIST7_CPP is the generated source of the course's MNIST map, which
# the core links. The core is compiled once into BUILD_DIR/obj (a file again
# only when it or a header changed) and linked into each target. New inputs
# go to BUILD_DIR/corpus/NAME (the committed seeds stay as they are), and an
# input that fails to BUILD_DIR/crash-* (add it to the seeds once fixed). Exit
# status is non-zero on any crash, sanitizer report or broken property.
set -euo pipefail
src=$1; out=$2; mnist7_cpp=$3; which=${4:-all}; seconds=${5:-8}
targets=(csv model_json link picture dataset weights)
case $which in
    all|build) ;;
    csv|model_json|link|picture|dataset|weights) targets=("$which") ;;
    *) echo "run_fuzz.sh: unknown target '$which' (csv, model_json, link, picture, dataset, weights, all or build)" >&2; exit 2 ;;
esac
[[ $seconds =~ ^[0-9]+$ ]] || { echo "run_fuzz.sh: SECONDS is a whole number, not '$seconds'" >&2; exit 2; }

mkdir -p "$out/obj"
# One build at a time (ctest may start the targets together).
exec 9>"$out/.lock"
command -v flock >/dev/null && flock 9

flags=(-std=c++17 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -I"$src/src" -isystem /usr/include/stb)
shopt -s nullglob
headers=("$src"/src/core/*.h "$src"/src/core/train/*.h "$src"/src/core/scenes/*.h "$src"/src/core/scenes/*/*.h)
newest_header=$(ls -t "${headers[@]}" | head -n 1)

# The core as CMake builds it: its modules, the trainer's and every scene's model, less their tests.
core=("$mnist7_cpp")
for f in "$src"/src/core/*.cpp "$src"/src/core/train/*.cpp "$src"/src/core/scenes/*/*.cpp; do [[ $(basename "$f") == test_* ]] || core+=("$f"); done
objects=()
for f in "${core[@]}"; do
    rel=${f#"$src"/}
    o="$out/obj/$(echo "${rel%.cpp}" | tr '/' '_').o"
    if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$newest_header" -nt "$o" ]; then
        echo "fuzz: compiling $rel"
        clang++ "${flags[@]}" -fsanitize=fuzzer-no-link -c "$f" -o "$o"
    fi
    objects+=("$o")
done

for name in "${targets[@]}"; do
    bin="$out/fuzz_$name"
    target_src="$src/tests/fuzz/fuzz_$name.cpp"
    rebuild=0
    for f in "$target_src" "$src/tests/fuzz/fuzz_check.h" "${objects[@]}"; do [ "$f" -nt "$bin" ] && rebuild=1 && break; done
    if [ ! -x "$bin" ] || [ $rebuild = 1 ]; then
        echo "fuzz: linking fuzz_$name"
        clang++ "${flags[@]}" -fsanitize=fuzzer "$target_src" "${objects[@]}" -o "$bin"
    fi
done
[ "$which" = build ] && exit 0
flock -u 9 2>/dev/null || true

# A CSV seed of 8,193 rows is past 4 KB; the other formats' seeds fit in 4 KB.
max_len() { [ "$1" = csv ] && echo 20000 || echo 4096; }
for name in "${targets[@]}"; do
    mkdir -p "$out/corpus/$name"
    dict=()
    [ -f "$src/tests/fuzz/$name.dict" ] && dict=(-dict="$src/tests/fuzz/$name.dict")
    echo "fuzz: fuzz_$name for $seconds s"
    "$out/fuzz_$name" -max_total_time="$seconds" -max_len="$(max_len "$name")" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" \
        -print_final_stats=1 "${dict[@]}" "$out/corpus/$name" "$src/tests/fuzz/corpus/$name"
done
