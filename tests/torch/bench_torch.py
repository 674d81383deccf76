#!/usr/bin/python3
"""The benchmark's network in PyTorch on one thread: conv3(8) -> max pool 2 ->
conv3(16) -> max pool 2 -> dense 10 (5,258 parameters), batches of 32 random
28 x 28 pictures, forward + backward + Adam; prints images a second, as
bench/bench_train.cpp does for PoolLab. usage: /usr/bin/python3 bench_torch.py"""
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(1)
net = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(400, 10))
opt = torch.optim.Adam(net.parameters(), lr=2e-3)
batch, batches = 32, 50
images = torch.rand(batches, batch, 1, 28, 28)
labels = torch.randint(0, 10, (batches, batch))


def epoch():
    for b in range(batches):
        opt.zero_grad()
        loss = F.cross_entropy(net(images[b]), labels[b])
        loss.backward()
        opt.step()


epoch()
times = []
for _ in range(7):
    t = time.perf_counter()
    epoch()
    times.append(time.perf_counter() - t)
times.sort()
params = sum(p.numel() for p in net.parameters())
print(f"train pytorch {torch.__version__} (1 thread): {params} parameters, batch {batch}: "
      f"{batch * batches / times[len(times) // 2]:.0f} images/s training (forward + backward + Adam)")
