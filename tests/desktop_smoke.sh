#!/usr/bin/env bash
# Desktop smoke test: runs the native app under a virtual X server (Mesa,
# software GL) for a fixed number of frames at 1x and 2x, presses shortcut
# keys, and checks that it exits cleanly, draws something and ends in the
# expected state.
# usage: desktop_smoke.sh PATH/TO/poollab-desktop OUT_DIR
set -u
app=$1; out=$2
mkdir -p "$out"
fail=0
run() {  # name scale keys expect...   (SCENE in the environment picks the scene; PICTURE opens a file; LINK opens a link; LIMIT caps the seconds)
    local name=$1 scale=$2 keys=$3; shift 3
    local png="$out/desktop-$name.png" json="$out/desktop-$name.json"
    rm -f "$png" "$json"
    POOLLAB_SCALE=$scale LIBGL_ALWAYS_SOFTWARE=1 timeout "${LIMIT:-120}" \
        xvfb-run -a -s "-screen 0 1280x800x24" "$app" --scene "${SCENE:-steps}" --frames 40 --keys "$keys" --screenshot "$png" --state-out "$json" \
        ${LINK:+--link "$LINK"} ${PICTURE:+"$PICTURE"}
    local code=$?
    if [ $code -ne 0 ]; then echo "FAIL $name: exit code $code"; fail=1; return; fi
    local size; size=$(stat -c %s "$png" 2>/dev/null || echo 0)
    # A blank or failed frame compresses to almost nothing; the scene is > 40 KB.
    if [ "$size" -lt 40000 ]; then echo "FAIL $name: screenshot $png is $size bytes"; fail=1; return; fi
    for want in "$@"; do
        if ! grep -qF -- "$want" "$json"; then echo "FAIL $name: state lacks $want"; head -c 400 "$json"; echo; fail=1; return; fi
    done
    echo "ok   $name ($size-byte screenshot)"
}
run course-1x 1 "" '"ratio":1.0' '"preset":"course"' '"output":{"rows":2,"cols":2,"values":[[9,8],[6,5]]}'
# 'o' switches max -> average; '7' loads the MNIST 7 (26x26 -> 13x13).
run average-2x 2 "o" '"ratio":2.0' '"op":"average"' '"values":[[3.75,3.75],[2.75,2.75]]'
run mnist-1x 1 "7" '"preset":"mnist7"' '"output":{"rows":13,"cols":13' '"renderer":"shader","shader_error":""'
# The shift lab: '>' is the right arrow; the 2x2 blob then straddles two windows.
SCENE=shift run shift-2x 2 ">" '"scene":"shift"' '"shift":[1,0]' '{"error":"","op":"max","output_shape":[8,8],"unchanged_fraction":0.984375'
SCENE=shift run shift-sweep-1x 1 ">]]" '"tab":"sweep"' '"sweep_error":""' '"panel":["FEATURE","DOWNSAMPLING","SWEEP","KEYS"]'
# The fabric tab's panel holds only what the fabric maps use.
SCENE=shift run shift-fabric-1x 1 "]]]]" '"tab":"fabric"' '"panel":["FABRIC","KEYS"]'
# The receptive-field scene: '6' loads AlexNet, whose pool5 sees 195 x 195.
SCENE=fields run fields-alexnet-2x 2 "6" '"scene":"fields"' '"preset":"alexnet"' '"total_params":62378344' '"rf":[195,195]'
# A field billions of pixels wide (strides of 1000, 'same' padding): no frame's work grows with it (40 frames took minutes).
LINK='v=1&scene=fields&model=16x16x1;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps&unit=4,1,1' LIMIT=30 SCENE=fields \
    run fields-far-field-1x 1 "" '"scene":"fields"' '"rf":[1001001002,1001001002]'
# The picture scene: the rocket sample through the chain; the digit tab at 2x; a picture named on the command line.
SCENE=image run pictures-1x 1 "" '"scene":"image"' '"source":"rocket"' '"picture_shape":[256,384]' '"pooled_shape":[127,191]'
SCENE=image run pictures-digit-2x 2 "]]" '"tab":"digit"' '"digit_feature_shape":[26,26]' '"digit_pooled_shape":[13,13]'
PICTURE="$(cd "$(dirname "$0")/.." && pwd)/assets/samples/cat.jpg" run pictures-path-1x 1 "]" '"scene":"image"' '"file_name":"cat.jpg"' '"picture_shape":[255,384]' '"tab":"features"' \
    '"panel":["PICTURE","ZOOM","FEATURE MAPS","USE IN THE OTHER SCENES"]'
# The digit tab's panel holds the digit's own filter only.
SCENE=image run pictures-digit-1x 1 "]]" '"tab":"digit"' '"panel":["DRAW A DIGIT"]'
exit $fail
