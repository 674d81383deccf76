#!/usr/bin/python3
"""PoolLab's training against PyTorch's on the same problem: the max preset
(conv3(8) -> max pool 2 -> conv3(16) -> max pool 2 -> dense 10), the same
8,000 training and 2,000 held-out MNIST digits, batch 32, Adam 0.002, 5
epochs. PyTorch trains it on one thread from torch.manual_seed(1)
(train_torch.py); `poollab train --preset max ... --seed 1` trains it beside
(on the other core), and `poollab eval` measures its weights. The two held-out
accuracies must be within one point (20 of the 2,000 digits).
The last line is 'N passed, N failed'; exits 1 on failure.
usage: /usr/bin/python3 accuracy_vs_torch.py POOLLAB_CLI MNIST.bin [WEIGHTS_DIR]
(with WEIGHTS_DIR, also prints what its accuracy.txt recorded for max.plwt)"""
import json
import os
import subprocess
import sys
import tempfile
import time

import torch

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_torch import read_dataset, train  # noqa: E402

EPOCHS, BATCH, LR, SEED = 5, 32, 0.002, 1
POINT = 0.01  # one percentage point of accuracy


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cli, data_file = sys.argv[1:3]
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        weights = os.path.join(tmp, "max.plwt")
        poollab = subprocess.Popen([cli, "train", "--preset", "max", "--data-file", data_file, "--epochs", str(EPOCHS), "--batch",
                                    str(BATCH), "--lr", str(LR), "--seed", str(SEED), "--out", weights],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        halves, classes = read_dataset(data_file)
        right = train(halves, classes, EPOCHS, SEED, BATCH, LR, report=None)[-1]
        held_out = len(halves[1][1])
        out, err = poollab.communicate()
        if poollab.returncode != 0:
            print(f"poollab train exited {poollab.returncode}: {err.strip()}")
            print("0 passed, 1 failed")
            sys.exit(1)
        r = subprocess.run([cli, "eval", "--weights", weights, "--data-file", data_file, "--json"], capture_output=True, text=True,
                           check=True)
        ours = json.loads(r.stdout)
    ours_right = round(ours["accuracy"] * ours["count"])
    print(f"pytorch {torch.__version__} (1 thread, seed {SEED}): {right}/{held_out} held out ({100 * right / held_out:.2f}%)")
    print(f"poollab (seed {SEED}): {ours_right}/{ours['count']} held out ({100 * ours['accuracy']:.2f}%)")
    if len(sys.argv) == 4:
        recorded = dict(line.split() for line in open(os.path.join(sys.argv[3], "accuracy.txt")) if line.strip())
        print(f"accuracy.txt records {recorded.get('max', 'nothing')} for max.plwt")
    apart = abs(ours_right / ours["count"] - right / held_out)
    ok = ours["count"] == held_out and apart <= POINT + 1e-12
    print(f"{100 * apart:.2f} points apart ({'within' if ok else 'NOT within'} 1), {time.perf_counter() - begin:.1f} s")
    print(f"{int(ok)} passed, {int(not ok)} failed")
    sys.exit(0 if ok else 1)


main()
