#!/usr/bin/env bash
# Remakes the bundled sample pictures from Debian's scikit-image package
# (python3-skimage 0.19.3, bookworm main): grayscale, longest side 384 px,
# JPEG quality 90, written by PoolLab's own loader (poollab picture), so the
# samples are exactly what the app would make of the originals.
# usage: assets/samples/make-samples.sh [path/to/poollab]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../../build/native/poollab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download python3-skimage >/dev/null && dpkg -x python3-skimage_*.deb x)
data=$tmp/x/usr/lib/python3/dist-packages/skimage/data
for pair in rocket:rocket.jpg astronaut:astronaut.png text:text.png cat:chelsea.png; do
    "$cli" picture --side 384 --out "$here/${pair%%:*}.jpg" "$data/${pair#*:}"
done
