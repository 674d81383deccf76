#!/usr/bin/env bash
# Remakes the trained-networks scene's pretrained weights (assets/weights/),
# which the app opens with: every preset trained by the CLI on the MNIST
# digits, and the presets that answer "why not just global pooling?" on the
# where task (where-PRESET.plwt) and the kinds of pooling on Fashion-MNIST
# (fashion-PRESET.plwt; the lists are train_has_pretrained's), all
# 5 epochs, batch 32, Adam at 0.002, seed 1. Same machine, same
# build: the same bytes (ctest weights.remake checks one preset; the rest are
# checked by accuracy). Usage: scripts/make-weights.sh [POOLLAB_CLI]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${1:-$root/build/native/poollab}
out=$root/assets/weights
mkdir -p "$out"
: > "$out/accuracy.txt"
for preset in no-pool max avg strided blur gap gmp global-only stages-0 stages-1 stages-2 stages-3; do
  "$cli" train --preset "$preset" --data mnist --epochs 5 --batch 32 --lr 0.002 --seed 1 --out "$out/$preset.plwt"
  # What it scored on the 2,000 held-out digits, for ctest weights.remake to hold it to.
  "$cli" eval --weights "$out/$preset.plwt" --json | /usr/bin/python3 -c \
    'import json, sys; print(sys.argv[1], repr(json.load(sys.stdin)["accuracy"]))' "$preset" >> "$out/accuracy.txt"
done
# The same max network with the invariance learned from data: every training digit shifted by up to 3 px.
"$cli" train --preset max --data mnist --epochs 5 --batch 32 --lr 0.002 --seed 1 --augment 3 --out "$out/max-shifted.plwt"
"$cli" eval --weights "$out/max-shifted.plwt" --json | /usr/bin/python3 -c \
  'import json, sys; print(sys.argv[1], repr(json.load(sys.stdin)["accuracy"]))' max-shifted >> "$out/accuracy.txt"
# The where task: local pooling against global pooling alone.
for preset in no-pool max avg gap gmp global-only; do
  "$cli" train --preset "$preset" --data where --epochs 5 --batch 32 --lr 0.002 --seed 1 --out "$out/where-$preset.plwt"
  "$cli" eval --weights "$out/where-$preset.plwt" --json | /usr/bin/python3 -c \
    'import json, sys; print(sys.argv[1], repr(json.load(sys.stdin)["accuracy"]))' "where-$preset" >> "$out/accuracy.txt"
done
# Fashion-MNIST: the kinds of pooling.
for preset in no-pool max avg strided blur gap gmp global-only; do
  "$cli" train --preset "$preset" --data fashion --epochs 5 --batch 32 --lr 0.002 --seed 1 --out "$out/fashion-$preset.plwt"
  "$cli" eval --weights "$out/fashion-$preset.plwt" --json | /usr/bin/python3 -c \
    'import json, sys; print(sys.argv[1], repr(json.load(sys.stdin)["accuracy"]))' "fashion-$preset" >> "$out/accuracy.txt"
done
