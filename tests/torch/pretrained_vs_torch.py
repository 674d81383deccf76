#!/usr/bin/python3
"""The committed pretrained networks (assets/weights/*.plwt) against PyTorch.
Each weights file is parsed here (format in src/core/train/weights.h), its
network rebuilt in torch.nn.functional with the same float32 weights (the
layers of compare_torch.py, which torch.oracle checks layer by layer) and run
on the held-out digits of the MNIST data file. PoolLab must agree:

  - `poollab eval --weights W --json`: the same number right (exactly), the
    same confusion matrix, and the mean cross-entropy within 1e-4;
  - `poollab eval --weights W --digit N --json` for DIGITS held-out digits
    (the ones PyTorch finds closest between its top two classes, the rest
    spread over the 2,000): every class probability within 1e-4 and the same
    predicted class.

Files made for other data (their "data" field is not mnist) are skipped.
Prints one line per file, then 'N passed, N failed'; exits 1 on any failure.
usage: /usr/bin/python3 pretrained_vs_torch.py POOLLAB_CLI WEIGHTS_DIR MNIST.bin [DIGITS]"""
import glob
import json
import os
import struct
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_torch import network_forward  # noqa: E402  (the layer semantics torch.oracle checks)
from train_torch import read_dataset  # noqa: E402  (the data file, pixels as PoolLab makes them floats)

torch.set_num_threads(1)
PROB_TOLERANCE = 1e-4
LOSS_TOLERANCE = 1e-4


def fnv1a(data):
    h = 2166136261
    for c in data:
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h


def read_weights(path):
    """A .plwt file: (side, classes, data name, model dict, float32 weights), every length and the checksum checked."""
    b = open(path, "rb").read()
    if b[:4] != b"PLWT":
        raise ValueError("not a PoolLab weights file")
    version, side, classes = struct.unpack_from("<III", b, 4)
    if version != 1:
        raise ValueError(f"weights version {version}; this test reads version 1")
    at = 16
    texts = []
    for _ in range(2):  # the dataset's name, then the model JSON
        (n,) = struct.unpack_from("<I", b, at)
        texts.append(b[at + 4:at + 4 + n].decode("utf-8"))
        at += 4 + n
    (count,) = struct.unpack_from("<I", b, at)
    at += 4
    if len(b) != at + 4 * count + 4:
        raise ValueError(f"{len(b)} bytes; {count} weights and a checksum need {at + 4 * count + 4}")
    (checksum,) = struct.unpack_from("<I", b, len(b) - 4)
    if checksum != fnv1a(b[:-4]):
        raise ValueError("checksum does not match")
    params = torch.frombuffer(bytearray(b[at:at + 4 * count]), dtype=torch.float32)  # little-endian, as this machine
    return side, classes, texts[0], json.loads(texts[1]), params


def cli_json(cli, *args):
    r = subprocess.run([cli, "eval", *args, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"poollab eval {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def torch_scores(model, params, images, chunk=500):
    """The last layer's outputs (before softmax) for every picture, in float32."""
    with torch.no_grad():
        return torch.cat([network_forward(model["layers"], params, images[i:i + chunk]) for i in range(0, len(images), chunk)])


def pick_digits(probs, count):
    """Held-out digits to compare one by one (0-based): the closest calls first, then evenly spread."""
    top2 = probs.topk(2, dim=1).values
    closest = (top2[:, 0] - top2[:, 1]).argsort()[:count // 5].tolist()
    rest = count - len(closest)
    spread = [round(i * (len(probs) - 1) / max(rest - 1, 1)) for i in range(rest)]
    picked = list(dict.fromkeys(closest + spread))
    return picked[:count]


def check(cli, path, data_file, images, labels, digits):
    """Problems found with one weights file (empty when PoolLab and PyTorch agree), and a summary."""
    side, classes, data, model, params = read_weights(path)
    if side != images.shape[2] or classes != 10:
        return None, f"made for {classes} classes of {side}x{side}"
    problems = []
    scores = torch_scores(model, params, images)
    probs = F.softmax(scores, dim=1)
    predicted = probs.argmax(dim=1)  # the first of equal maxima, as PoolLab's argmax
    right = int((predicted == labels).sum())
    confusion = torch.zeros(classes, classes, dtype=torch.long)
    confusion.index_put_((labels, predicted), torch.ones_like(labels), accumulate=True)
    loss = float(F.cross_entropy(scores.double(), labels))

    ours = cli_json(cli, "--weights", path, "--data-file", data_file)
    ours_right = round(ours["accuracy"] * ours["count"])
    if ours["count"] != len(labels):
        problems.append(f"PoolLab evaluates {ours['count']} held-out digits, PyTorch {len(labels)}")
    if ours_right != right:
        problems.append(f"PoolLab gets {ours_right} right, PyTorch {right}")
    if ours["confusion"] != confusion.tolist():
        problems.append("the confusion matrices differ")
    if abs(ours["loss"] - loss) > LOSS_TOLERANCE:
        problems.append(f"held-out loss {ours['loss']:.7f}, PyTorch {loss:.7f}")

    worst, worst_digit = 0.0, None
    for i in pick_digits(probs, digits):
        one = cli_json(cli, "--weights", path, "--data-file", data_file, "--digit", str(i + 1))
        p = torch.tensor(one["probabilities"], dtype=torch.float64)
        diff = float((p - probs[i].double()).abs().max())
        if diff > worst:
            worst, worst_digit = diff, i + 1
        if one["label"] != int(labels[i]):
            problems.append(f"digit {i + 1}: PoolLab's label {one['label']}, the data file's {int(labels[i])}")
        if diff > PROB_TOLERANCE or one["predicted"] != int(predicted[i]):
            problems.append(f"digit {i + 1}: PoolLab says {one['predicted']} ({', '.join(f'{x:.6f}' for x in p.tolist())}), "
                            f"PyTorch {int(predicted[i])} ({', '.join(f'{x:.6f}' for x in probs[i].tolist())}); "
                            f"largest difference {diff:.2e}")
    summary = (f"{right}/{len(labels)} right in both ({100 * right / len(labels):.2f}%), loss {loss:.5f}; "
               f"{digits} digits' probabilities within {worst:.1e}" + (f" (digit {worst_digit})" if worst_digit else ""))
    return problems, summary


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cli, weights_dir, data_file = sys.argv[1:4]
    digits = int(sys.argv[4]) if len(sys.argv) == 5 else 50
    (_, (images, labels)), _ = read_dataset(data_file)
    files = sorted(glob.glob(os.path.join(weights_dir, "*.plwt")))
    if not files:
        print(f"no weights files in {weights_dir}")
        sys.exit(1)
    passed = failed = 0
    begin = time.perf_counter()
    for path in files:
        name = os.path.basename(path)[:-len(".plwt")]
        start = time.perf_counter()
        try:
            data = read_weights(path)[2]
            if data != "mnist":
                print(f"{name}: skipped (made for '{data}' data, not mnist)")
                continue
            problems, summary = check(cli, path, data_file, images, labels, digits)
        except Exception as e:  # a file we cannot read or a CLI that fails is a failure, with why
            problems, summary = [f"{type(e).__name__}: {e}"], "error"
        if problems is None:
            print(f"{name}: skipped ({summary})")
            continue
        took = f"({time.perf_counter() - start:.1f} s)"
        if problems:
            failed += 1
            print(f"{name}: FAILED {took}")
            for line in problems[:20]:
                print("  " + line)
            if len(problems) > 20:
                print(f"  ... and {len(problems) - 20} more")
        else:
            passed += 1
            print(f"{name}: ok, {summary} {took}")
    print(f"PyTorch {torch.__version__}, {time.perf_counter() - begin:.1f} s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


main()
