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
        halves.append((px.float() * (1.0 / 255.0), labels))  # in float32, as PoolLab's picture_floats: v * (1.0f / 255.0f)
    return halves, classes


def max_preset(classes):
    """`poollab train --preset max` as torch.nn layers, glorot-uniform weights and zero biases (from torch's seed)."""
    net = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(400, classes))
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def train(halves, classes, epochs=5, seed=1, batch=32, lr=2e-3, report=print):
    """Trains the max preset on one thread from torch.manual_seed(seed), shuffling every epoch;
    returns the number of held-out pictures it gets right after each epoch."""
    ((xs, ys), (xt, yt)) = halves
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    net = max_preset(classes)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    begin = time.perf_counter()
    right = []
    for epoch in range(epochs):
        order = torch.randperm(len(ys))
        for i in range(0, len(ys), batch):
            idx = order[i:i + batch]
            opt.zero_grad()
            F.cross_entropy(net(xs[idx]), ys[idx]).backward()
            opt.step()
        with torch.no_grad():
            right.append(int((net(xt).argmax(1) == yt).sum()))
        if report:
            report(f"pytorch epoch {epoch + 1}/{epochs}: held-out accuracy {100 * right[-1] / len(yt):.2f}% "
                   f"({time.perf_counter() - begin:.1f} s)")
    return right


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    halves, classes = read_dataset(sys.argv[1])
    train(halves, classes, epochs, seed)


if __name__ == "__main__":  # accuracy_vs_torch.py imports train()
    main()
