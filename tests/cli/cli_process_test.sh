#!/usr/bin/env bash
# The poollab CLI as a real process: file input, stdout, stderr and exit codes.
# usage: cli_process_test.sh PATH/TO/poollab ASSETS_DATA_DIR
set -u
cli=$1; data=$2
fail=0
check() {  # name expected_code expected_stdout_substring command...
    local name=$1 want_code=$2 want_out=$3; shift 3
    local out err code
    out=$("$@" 2>/tmp/poollab-cli-err.$$); code=$?; err=$(cat /tmp/poollab-cli-err.$$)
    if [ "$code" != "$want_code" ] || [[ "$out$err" != *"$want_out"* ]]; then
        echo "FAIL $name: exit $code (want $want_code), output: ${out:0:200} ${err:0:200}"; fail=1
    else
        echo "ok   $name"
    fi
}
out=$("$cli" pool --op max --size 2 --stride 2 --padding valid "$data/mnist7_conv26.csv")
# Compare numerically: the golden file writes 3.0 where we write 3.
if paste -d'\n' <(echo "$out" | tr ',' '\n') <(tr ',' '\n' < "$data/mnist7_maxpool13.csv") |
   awk 'NR%2{a=$0; next} { if (a+0 != $0+0) { bad=1 } } END { exit bad }' && [ "$(echo "$out" | wc -l)" = 13 ]; then
    echo "ok   mnist7 file -> golden 13x13"
else
    echo "FAIL mnist7 file -> golden 13x13"; fail=1
fi
check "stdin course example" 0 "9,8" sh -c "printf '1,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n' | '$cli' pool"
check "json from file" 0 '"output_shape":[13,13]' "$cli" pool --json "$data/mnist7_conv26.csv"
check "missing file" 1 "cannot open" "$cli" pool /no/such/file.csv
check "binary garbage" 1 "is not a number" "$cli" pool /bin/sh
check "window too large" 1 "larger than the input" "$cli" pool --size 30 "$data/mnist7_conv26.csv"
check "stride 0" 2 "from 1 to 1024" "$cli" pool --stride 0 "$data/mnist7_conv26.csv"
check "unknown option" 2 "unknown option" "$cli" pool --frob
check "no command" 2 "usage:" "$cli"
check "shift mnist json" 0 '"op":"blurpool","output_shape":[13,13]' "$cli" shift --dx 1 --dy -1 "$data/mnist7_conv26.csv"
check "shift sweep" 0 '"sweep":{"range":2' "$cli" shift --sweep 2 --ops max "$data/mnist7_conv26.csv"
check "shift bad ops" 2 "comma-separated" "$cli" shift --ops nope "$data/mnist7_conv26.csv"

# Hostile input, one row a class (tests/cli/test_cli_hostile.cpp has the full tables): the
# exit status a real process gives, and words of its message.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '1,2\0003,4\n' > "$tmp/nul.csv"
printf '\357\273\2771,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n' > "$tmp/bom.csv"
printf -- '-3e38,-3e38,-3e38\n-3e38,3e38,-3e38\n-3e38,-3e38,-3e38\n' > "$tmp/huge.csv"
printf '{"input": [4, 4, 1000000], "layers": [{"type": "conv2d", "filters": 1000000, "kernel": 1000, "padding": "same"}]}' > "$tmp/huge.json"
head -c 200 "$data/../samples/cat.jpg" > "$tmp/cut.jpg"
"$cli" picture --side 16 --out "$tmp/small.png" "$data/../samples/cat.jpg" > /dev/null
check "NUL byte in a number" 1 "has a NUL byte" "$cli" pool "$tmp/nul.csv"
check "byte-order mark" 0 "9,8" "$cli" pool "$tmp/bom.csv"
check "a directory" 1 "is a directory" "$cli" pool "$tmp"
check "window 0" 2 "from 1 to 1024" "$cli" pool --size 0 "$tmp/bom.csv"
check "an option twice" 2 "given twice" "$cli" pool --op max --op min "$tmp/bom.csv"
check "conv past the float limit" 1 "beyond the largest number" "$cli" conv --kernel sharpen "$tmp/huge.csv"
check "summary past 64 bits" 1 "do not fit in 64 bits" "$cli" summary "$tmp/huge.json"
check "summary, two models" 2 "not both" "$cli" summary --preset vgg16 "$tmp/huge.json"
check "conv, two kernels" 2 "one kernel" "$cli" conv --kernel sharpen --kernel-file "$tmp/bom.csv" "$tmp/bom.csv"
check "shift --sweep -1" 2 "from 0 to 16" "$cli" shift --sweep -1 "$tmp/bom.csv"
check "a 200-byte JPEG" 1 "truncated or damaged" "$cli" picture "$tmp/cut.jpg"
check "--out x.gif" 2 ".png, .jpg or .jpeg" "$cli" picture --out "$tmp/x.gif" "$tmp/small.png"
check "--out x.JPG" 0 "16×11 pixels" "$cli" picture --out "$tmp/x.JPG" "$tmp/small.png"
if [ "$(head -c 3 "$tmp/x.JPG" | od -An -tx1 | tr -d ' ')" = ffd8ff ]; then echo "ok   x.JPG is a JPEG"; else echo "FAIL x.JPG is a JPEG"; fail=1; fi

rm -f /tmp/poollab-cli-err.$$
exit $fail
