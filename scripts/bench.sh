#!/usr/bin/env bash
# Builds and runs the benchmarks natively and as WebAssembly in Node, and
# prints their figures. Not part of the tests: timings belong here, not in
# assertions.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/setup.sh
source scripts/lib.sh
build_preset native -- --target poollab_bench poollab_bench_image poollab_bench_train >/dev/null
build_preset web >/dev/null
cmake --build --preset web --target poollab_bench poollab_bench_image poollab_bench_train poollab_pool_node bare_imgui >/dev/null
build/native/poollab_bench
node build/web/bench/poollab_bench.js
build/native/poollab_bench_image
node build/web/bench/poollab_bench_image.js
# Training throughput: PoolLab natively, in WebAssembly, and PyTorch on one thread, one after the other.
build/native/poollab_bench_train
node build/web/bench/poollab_bench_train.js
/usr/bin/python3 tests/torch/bench_torch.py
# TensorFlow.js's cpu backend training the same network in Node (its wasm backend cannot train convolutions).
node bench/train_tfjs.mjs
node bench/pool_vs_tfjs.mjs build/web/bench
node bench/first_frame.mjs build/web/site
node bench/idle.mjs build/web/site
# Every preset trained from scratch in the page (headless Chromium): images/s and the time to 95% and 97% held out.
node bench/train_page.mjs build/web/site
