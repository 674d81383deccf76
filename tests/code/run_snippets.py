#!/usr/bin/python3
"""The NumPy and PyTorch programs `poollab code` writes (the app's Code
button shows the same) are run here, under Debian's python3-numpy and
python3-torch, and must print the numbers `poollab pool` prints, for random
grids, every operation, both paddings, square and non-square windows and
strides, and for grids of values near float32's largest, whose sums overflow. The Keras ones are compiled (Keras is not packaged here).
usage: run_snippets.py POOLLAB_CLI [CASES]"""
import contextlib
import io
import json
import math
import random
import subprocess
import sys

cli = sys.argv[1]
cases = int(sys.argv[2]) if len(sys.argv) > 2 else 80


def run(*args, stdin=""):
    p = subprocess.run([cli, *args], input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def numbers(text):
    return [[float(v) for v in line.split(",")] for line in text.strip().splitlines()]


def close(a, b):
    # inf - 3e38 is inf, which is <= 1e-5 * inf: only finite numbers are compared by their difference.
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= 1e-5 * max(1.0, abs(a), abs(b))


rnd = random.Random(7)
checked = {"numpy": 0, "pytorch": 0, "keras": 0}
failures = []
course = "1,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n"
plan = [(course, "max", "2", "2", "valid")]  # the course's example first: 9, 8, 6, 5
while len(plan) < cases:
    rows, cols = rnd.randint(1, 9), rnd.randint(1, 9)
    grid = "\n".join(",".join(str(round(rnd.uniform(-5, 5), 2)) for _ in range(cols)) for _ in range(rows)) + "\n"
    size = f"{rnd.randint(1, 4)}x{rnd.randint(1, 4)}" if rnd.random() < 0.5 else str(rnd.randint(1, 4))
    stride = f"{rnd.randint(1, 3)}x{rnd.randint(1, 3)}" if rnd.random() < 0.5 else str(rnd.randint(1, 3))
    plan.append((grid, rnd.choice(["max", "average", "min"]), size, stride, rnd.choice(["valid", "same"])))

# Values near float32's largest (3.4e38): a window's sum passes it, and a program that sums in float32
# prints inf where PoolLab prints the average. Every operation, both paddings, windows of 1 to 16 cells.
huge = ("3e38", "-3e38", "3.4028235e38", "-3.4028235e38", "1.7e38", "2.5", "-1e-45")
while len(plan) < cases + 24:
    rows, cols = rnd.randint(1, 6), rnd.randint(1, 6)
    grid = "\n".join(",".join(rnd.choice(huge[:2]) if rnd.random() < 0.7 else rnd.choice(huge) for _ in range(cols)) for _ in range(rows)) + "\n"
    plan.append((grid, rnd.choice(["average", "average", "max", "min"]), f"{rnd.randint(1, 4)}x{rnd.randint(1, 4)}", str(rnd.randint(1, 2)),
                 rnd.choice(["valid", "same"])))
plan.append(("3e38,3e38\n3e38,3e38\n", "average", "2", "2", "valid"))  # the audit's case: 3e+38, not inf

for grid, op, size, stride, pad in plan:
    opts = ["--op", op, "--size", size, "--stride", stride, "--padding", pad]
    code, want, err = run("pool", *opts, stdin=grid)
    for lang in ("numpy", "pytorch", "keras"):
        c2, program, err2 = run("code", "--lang", lang, *opts, stdin=grid)
        what = f"{lang} {' '.join(opts)} on {grid.count(chr(10))} rows"
        if code != 0:  # a window that does not fit: the same refusal, in the same words
            if c2 != code or err2 != err:
                failures.append(f"{what}: pool said ({code}) {err.strip()!r}, code said ({c2}) {err2.strip()!r}")
            continue
        if c2 != 0:
            failures.append(f"{what}: exit {c2}: {err2.strip()}")
            continue
        if lang == "keras":
            compile(program, "keras_snippet.py", "exec")
            checked[lang] += 1
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(program, f"{lang}_snippet.py", "exec"), {"__name__": "__snippet__"})
        got, expected = numbers(out.getvalue()), numbers(want)
        if len(got) != len(expected) or any(len(a) != len(b) or not all(close(x, y) for x, y in zip(a, b)) for a, b in zip(got, expected)):
            failures.append(f"{what}: printed {got}, pool printed {expected}")
        checked[lang] += 1

# The course example's answer, from the program itself.
out = io.StringIO()
with contextlib.redirect_stdout(out):
    exec(run("code", "--lang", "pytorch", stdin=course)[1], {})
if numbers(out.getvalue()) != [[9, 8], [6, 5]]:
    failures.append(f"the course example through PyTorch printed {out.getvalue()!r}, not 9, 8, 6, 5")

# Bad usage: no language, an unknown one.
for args, words in ((["code"], "which language"), (["code", "--lang", "fortran"], "numpy, pytorch, keras or tfjs")):
    c, _, e = run(*args, stdin=course)
    if c != 2 or words not in e:
        failures.append(f"{args}: exit {c}, {e.strip()!r}")

print(json.dumps(checked))
for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
