#!/usr/bin/env bash
# Layout check of every scene and tab at every frame size a course uses, at 1x
# and 2x, on the desktop build (the same layout code as the web app): the app's
# own check (app/widgets/layout_check.h, in --state-out) must name no text cut
# where nothing scrolls, no text over text, no text under 12 px (times the
# text growth of a large frame). With LAYOUT_SHOTS=1, screenshots go to
# OUT_DIR/layout/ for review (they triple the time); LAYOUT_ONLY=train checks
# the figures whose names start so.
# usage: desktop_layout.sh PATH/TO/poollab-desktop OUT_DIR
set -u
app=$1; out=$2/layout
mkdir -p "$out"
figures=(
  steps:scene=steps steps-mnist7:scene=steps\&in=mnist7
  shift:scene=shift\&tab=shift shift-compare:scene=shift\&tab=compare shift-sweep:scene=shift\&tab=sweep
  shift-stacking:scene=shift\&tab=stacking shift-fabric:scene=shift\&tab=fabric fields:scene=fields
  image-pyramid:scene=image\&tab=pyramid image-features:scene=image\&tab=features image-digit:scene=image\&tab=digit
  train-results:scene=train train-shift:scene=train\&tab=shift train-try:scene=train\&tab=try train-inside:scene=train\&tab=inside
)
[ -n "${LAYOUT_ONLY:-}" ] && { only=(); for f in "${figures[@]}"; do [[ ${f%%:*} == $LAYOUT_ONLY* ]] && only+=("$f"); done; figures=("${only[@]}"); }
# WIDTHxHEIGHT:SCALE:EMBED. The suite checks seven that cover each size and
# scale the layout code branches on; LAYOUT_SIZES=all checks all twelve.
sizes=(480x320:2:1 700x440:1:1 480x320:1:0 1024x640:1:0 1280x800:2:0 1920x1080:1:0 3840x2160:1:0)
[ "${LAYOUT_SIZES:-}" = all ] && sizes=(480x320:1:1 480x320:2:1 700x440:1:1 700x440:2:1 480x320:1:0 700x440:1:0 1024x640:1:0
       1280x800:1:0 1280x800:2:0 1920x1080:1:0 1920x1080:2:0 3840x2160:1:0)
# Known not to fit yet at 480x320: the layer table's columns and the grid
# captions, the picture scene's long map titles, the sweep's legend, the full
# app's shift and stacking titles beside its panel. Reported, not failed.
known=" fields@480x320 image-features@480x320 image-pyramid@480x320 shift@480x320 shift-stacking@480x320 shift-sweep@480x320 "

# One X server for every run.
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 3850x2170x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
fail=0; checked=0
for size in "${sizes[@]}"; do
  IFS=: read -r wh scale embed <<<"$size"
  for fig in "${figures[@]}"; do
    name=${fig%%:*}; link="v=1&${fig#*:}"; [ "$embed" = 1 ] && link="$link&embed=1"
    tag="$name-$wh@${scale}x$([ "$embed" = 1 ] && echo -embed)"
    rm -f "$out/$tag.json"
    DISPLAY=$display POOLLAB_SCALE=$scale LIBGL_ALWAYS_SOFTWARE=1 timeout 60 "$app" --size "$wh" --link "$link" --frames 8 \
      --state-out "$out/$tag.json" ${LAYOUT_SHOTS:+--screenshot "$out/$tag.png"} >/dev/null 2>&1
    w=${wh%x*}; h=${wh#*x}
    verdict=$(/usr/bin/python3 - "$out/$tag.json" "$w" "$h" <<'PY'
import json, math, sys
try:
    s = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"no state ({e})"); sys.exit()
l, w, h = s.get("layout"), int(sys.argv[2]), int(sys.argv[3])
if not l or l["glyphs"] == 0: print("no text drawn"); sys.exit()
want = max(1.0, min(2.5, math.floor(min(w / 1280, h / 800) * 4) / 4))
bad = [f"cut '{c}'" for c in l["clipped"]] + [f"overlap '{o}'" for o in l["overlaps"]]
if l["smallest_text"] < 12 * s["growth"] - 0.01: bad.append(f"text of {l['smallest_text']} px")
if abs(s["growth"] - want) > 1e-6: bad.append(f"text growth {s['growth']}, expected {want}")
print("; ".join(bad))
PY
)
    checked=$((checked + 1))
    if [ -n "$verdict" ]; then
      if [[ $known == *" $name@$wh "* ]]; then echo "known $tag: $verdict"; else echo "FAIL  $tag: $verdict"; fail=1; fi
    fi
  done
done
echo "checked $checked figures and sizes${LAYOUT_SHOTS:+; screenshots in $out}"
exit $fail
