#!/usr/bin/env bash
# Regenerates Inter-PoolLab.otf, the subset of Inter Regular that PoolLab embeds.
# Needs Debian's fonts-inter and fonttools (pyftsubset). Run from anywhere; the
# result is committed, so the build itself does not need fonttools.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Basic Latin, Latin-1, dashes and quotes, bullet, ellipsis, arrows, minus,
# multiplication sign, <= >= ~=, floor/ceil brackets, play/back triangles.
unicodes="U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-2195,U+2212,U+2248,U+2264-2265,U+2308-230B,U+25B2-25C0"
pyftsubset /usr/share/fonts/opentype/inter/Inter-Regular.otf \
  --unicodes="$unicodes" --layout-features='' --no-hinting --desubroutinize \
  --name-IDs='*' --output-file="$here/Inter-PoolLab.otf"
ls -l "$here/Inter-PoolLab.otf"
