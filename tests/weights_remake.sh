#!/usr/bin/env bash
# The pretrained weights the trained-networks scene opens with
# (assets/weights/) are what scripts/make-weights.sh makes: the max preset
# is trained again here and must come out byte for byte the same; every
# committed file must load and score on its held-out pictures exactly what
# accuracy.txt says it scored when it was made; on the where task max pooling
# must learn and global pooling alone must stay at chance.
# usage: weights_remake.sh POOLLAB_CLI WEIGHTS_DIR
set -euo pipefail
cli=${1:?usage: weights_remake.sh POOLLAB_CLI WEIGHTS_DIR}
dir=${2:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" train --preset max --data mnist --epochs 5 --batch 32 --lr 0.002 --seed 1 --out "$tmp/max.plwt" 2>/dev/null
cmp "$tmp/max.plwt" "$dir/max.plwt" || { echo "max.plwt is not what scripts/make-weights.sh makes today: run it and commit the weights" >&2; exit 1; }
# The where task's point, held whatever is recorded: local pooling learns it, global pooling alone is left at chance.
"$cli" train --preset max --data where --epochs 5 --batch 32 --lr 0.002 --seed 1 --out "$tmp/where-max.plwt" 2>/dev/null
cmp "$tmp/where-max.plwt" "$dir/where-max.plwt" || { echo "where-max.plwt is not what scripts/make-weights.sh makes today: run it and commit the weights" >&2; exit 1; }
where_acc() { "$cli" eval --weights "$dir/where-$1.plwt" --json | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["accuracy"])'; }
/usr/bin/python3 -c 'import sys; l, g = map(float, sys.argv[1:]); sys.exit(0 if l >= 0.95 and g <= 0.55 else 1)' "$(where_acc max)" "$(where_acc global-only)" ||
  { echo "the where task no longer separates local pooling (max $(where_acc max)) from global pooling alone ($(where_acc global-only))" >&2; exit 1; }
count=0
while read -r preset expected; do
  got=$("$cli" eval --weights "$dir/$preset.plwt" --json | /usr/bin/python3 -c 'import json, sys; print(repr(json.load(sys.stdin)["accuracy"]))')
  [ "$got" = "$expected" ] || { echo "$preset.plwt: held-out accuracy $got, made with $expected" >&2; exit 1; }
  echo "$preset: $got held out, as made"
  count=$((count + 1))
done < "$dir/accuracy.txt"
[ "$count" -eq "$(ls "$dir"/*.plwt | wc -l)" ] || { echo "accuracy.txt lists $count of the weights files in $dir" >&2; exit 1; }
[ "$count" -ge 12 ] || { echo "only $count weights files in $dir" >&2; exit 1; }
