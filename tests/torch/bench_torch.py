#!/usr/bin/python3
"""The benchmark's network in PyTorch on one thread: conv3(8) -> max pool 2 ->
conv3(16) -> max pool 2 -> dense 10 (5,258 parameters), batches of 32 random
28 x 28 pictures, forward + backward + Adam; prints images a second, as
bench/bench_train.cpp does for PoolLab. Then every preset of
src/core/train/presets.cpp (ReLU after every conv and dense layer but the
last, as PoolLab trains them), 10 batches a run, the median of 7 runs, as
bench_train does for its presets.
usage: /usr/bin/python3 bench_torch.py [PRESET ...]"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


class BlurPool(nn.Module):
    """PoolLab's blur_pool(2) (src/core/layers.h): 2x2 max at stride 1, then the
    [1,2,1] x [1,2,1] / 16 blur at stride 2 over one reflected row and column a side."""

    def __init__(self, channels, stride=2):
        super().__init__()
        f = torch.tensor([1.0, 2.0, 1.0])
        self.register_buffer("f", ((f[:, None] * f[None, :]) / 16.0).expand(channels, 1, 3, 3).contiguous())
        self.stride, self.channels = stride, channels

    def forward(self, x):
        x = F.max_pool2d(x, 2, 1)
        return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), self.f, stride=self.stride, groups=self.channels)


class GlobalMax(nn.Module):
    def forward(self, x):
        return x.amax(dim=(2, 3))


class GlobalAvg(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


def conv(cin, cout, padding=0, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride=stride, padding=padding), nn.ReLU()]


def stages(pools):
    """Same-padded convs 8, 16, 16, a 2x2 max pool after each of the first `pools`."""
    layers, cin, side = [], 1, 28
    for i, cout in enumerate((8, 16, 16)):
        layers += conv(cin, cout, padding=1)
        if i < pools:
            layers.append(nn.MaxPool2d(2))
            side //= 2
        cin = cout
    return layers + [nn.Flatten(), nn.Linear(16 * side * side, 10)]


def last_conv(cin):  # the last conv of a global-pooling head: ReLU too (it is not the stack's last layer)
    return conv(cin, 10)


PRESETS = {
    "no-pool": lambda: conv(1, 8) + conv(8, 16) + [nn.Flatten(), nn.Linear(24 * 24 * 16, 10)],
    "max": lambda: conv(1, 8) + [nn.MaxPool2d(2)] + conv(8, 16) + [nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 10)],
    "avg": lambda: conv(1, 8) + [nn.AvgPool2d(2)] + conv(8, 16) + [nn.AvgPool2d(2), nn.Flatten(), nn.Linear(400, 10)],
    "strided": lambda: conv(1, 8, stride=2) + conv(8, 16, stride=2) + [nn.Flatten(), nn.Linear(6 * 6 * 16, 10)],
    "blur": lambda: conv(1, 8) + [BlurPool(8)] + conv(8, 16) + [BlurPool(16), nn.Flatten(), nn.Linear(400, 10)],
    "gap": lambda: conv(1, 8) + [nn.MaxPool2d(2)] + conv(8, 16) + [nn.MaxPool2d(2)] + last_conv(16) + [GlobalAvg()],
    "gmp": lambda: conv(1, 8) + [nn.MaxPool2d(2)] + conv(8, 16) + [nn.MaxPool2d(2)] + last_conv(16) + [GlobalMax()],
    "global-only": lambda: conv(1, 8) + conv(8, 16) + last_conv(16) + [GlobalMax()],
    "stages-0": lambda: stages(0),
    "stages-1": lambda: stages(1),
    "stages-2": lambda: stages(2),
    "stages-3": lambda: stages(3),
}
# Parameters of each preset as PoolLab counts them (bench_train, the README): a check that the stacks are the same.
PARAMS = {"no-pool": 93418, "max": 5258, "avg": 5258, "strided": 7018, "blur": 5258, "gap": 2698, "gmp": 2698,
          "global-only": 2698, "stages-0": 129018, "stages-1": 34938, "stages-2": 11418, "stages-3": 5018}


def measure(net, batches, runs=7):
    """Images a second training net (forward, backward, Adam), the median of `runs` runs of `batches` batches."""
    torch.manual_seed(1)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    batch = 32
    images = torch.rand(batches, batch, 1, 28, 28)
    labels = torch.randint(0, 10, (batches, batch))

    def epoch():
        for b in range(batches):
            opt.zero_grad()
            loss = F.cross_entropy(net(images[b]), labels[b])
            loss.backward()
            opt.step()

    epoch()  # warm up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t)
    times.sort()
    return batch * batches / times[len(times) // 2], sum(p.numel() for p in net.parameters())


def main():
    wanted = sys.argv[1:] or list(PRESETS)
    unknown = [w for w in wanted if w not in PRESETS]
    if unknown:
        sys.exit(f"no preset {', '.join(unknown)}; the presets are {' '.join(PRESETS)}")
    # The network, 50 batches a run (the line this script has always printed).
    torch.manual_seed(1)
    rate, params = measure(nn.Sequential(*PRESETS["max"]()), 50)
    print(f"train pytorch {torch.__version__} (1 thread): {params} parameters, batch 32: "
          f"{rate:.0f} images/s training (forward + backward + Adam)")
    for name in wanted:
        torch.manual_seed(1)
        rate, params = measure(nn.Sequential(*PRESETS[name]()), 10)
        note = "" if params == PARAMS[name] else f"  (PoolLab counts {PARAMS[name]}: not the same stack!)"
        print(f"  preset {name:<11} {params:7d} parameters: {rate:6.0f} images/s training{note}")


main()
