#!/usr/bin/python3
"""The accuracy reference: the max-pooling preset (conv3(8) -> max pool 2 ->
conv3(16) -> max pool 2 -> dense 10) trained in PyTorch on one thread with the
same data, split, initialisation kind (glorot-uniform, zero biases), Adam,
batch size and epochs as `poollab train --preset max`; prints the held-out
accuracy after each epoch.
usage: /usr/bin/python3 train_torch.py DATASET.bin [EPOCHS] [SEED]"""
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_dataset(path):
    """PoolLab's dataset file (src/core/train/dataset.cpp): train and test pictures and labels."""
    b = open(path, "rb").read()
    assert b[:4] == b"PLDS", "not a PoolLab dataset"
    _, side, classes = struct.unpack_from("<HHH", b, 4)
    at = 10
    for _ in range(classes + 1):  # the dataset's name, then each class's
        at += 1 + b[at]
    n_train, n_test = struct.unpack_from("<II", b, at)
    at += 8
    halves = []
    for n in (n_train, n_test):
        px = torch.frombuffer(bytearray(b[at:at + n * side * side]), dtype=torch.uint8).reshape(n, 1, side, side)
        at += n * side * side
        labels = torch.frombuffer(bytearray(b[at:at + n]), dtype=torch.uint8).long()
        at += n
        halves.append((px.float() / 255.0, labels))
    return halves, classes


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    ((xs, ys), (xt, yt)), classes = read_dataset(sys.argv[1])
    net = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(400, classes))
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    begin = time.perf_counter()
    for epoch in range(epochs):
        order = torch.randperm(len(ys))
        for i in range(0, len(ys), 32):
            idx = order[i:i + 32]
            opt.zero_grad()
            F.cross_entropy(net(xs[idx]), ys[idx]).backward()
            opt.step()
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        print(f"pytorch epoch {epoch + 1}/{epochs}: held-out accuracy {100 * acc:.2f}% ({time.perf_counter() - begin:.1f} s)")


main()
