#!/usr/bin/python3
"""PoolLab's layers, networks and Adam against PyTorch (torch.nn.functional,
autograd and torch.optim.Adam). Runs the C++ case writer
(poollab_torch_cases), rebuilds every case in PyTorch from the same inputs and
weights, and compares forward values and gradients (relative tolerance about
1e-4). usage: /usr/bin/python3 compare_torch.py PATH/TO/poollab_torch_cases"""
import json
import os
import subprocess
import sys
import tempfile

import torch
import torch.nn.functional as F

torch.set_num_threads(1)


def same_pad(n, k, s, d=1):
    """TensorFlow's 'same' padding along one axis: (before, after)."""
    out = (n + s - 1) // s
    total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pads(x, layer, k, s, d=(1, 1)):
    """F.pad's (left, right, top, bottom) for a layer on NCHW x."""
    if layer.get("padding", "valid") != "same":
        return (0, 0, 0, 0)
    top, bottom = same_pad(x.shape[2], k[0], s[0], d[0])
    left, right = same_pad(x.shape[3], k[1], s[1], d[1])
    return (left, right, top, bottom)


def blur(x, s):
    f = torch.tensor([1.0, 2.0, 1.0])
    f = (f[:, None] * f[None, :]) / 16.0
    c = x.shape[1]
    x = F.pad(x, (1, 1, 1, 1), mode="reflect")
    return F.conv2d(x, f.expand(c, 1, 3, 3).contiguous(), stride=s, groups=c)


def apply(layer, x, w=None, b=None):
    """One layer on x (NCHW for images, N x L for vectors); w and b in PoolLab's layouts."""
    t = layer["type"]
    if t == "conv2d" or (t == "dense" and x.dim() == 4):
        if t == "dense":
            k, s, d = (1, 1), (1, 1), (1, 1)
            wk = w.reshape(1, 1, x.shape[1], layer["units"])
        else:
            k, s, d = pair(layer["kernel"]), pair(layer["stride"]), pair(layer["dilation"])
            wk = w.reshape(k[0], k[1], x.shape[1], layer["filters"])
        x = F.pad(x, pads(x, layer, k, s, d))
        return F.conv2d(x, wk.permute(3, 2, 0, 1), b, stride=s, dilation=d)
    if t == "dense":
        return x @ w.reshape(x.shape[1], layer["units"]) + b
    if t in ("maxpool", "avgpool", "blurpool"):
        k, s = pair(layer["pool"]), pair(layer["stride"])
        if t == "maxpool":
            return F.max_pool2d(F.pad(x, pads(x, layer, k, s), value=float("-inf")), k, s)
        if t == "avgpool":  # 'same' divides by the real cells only, as Keras does
            p = pads(x, layer, k, s)
            total = F.avg_pool2d(F.pad(x, p), k, s, divisor_override=1)
            cells = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), p), k, s, divisor_override=1)
            return total / cells
        m = F.max_pool2d(F.pad(x, pads(x, layer, k, (1, 1)), value=float("-inf")), k, 1)
        return blur(m, s)
    if t == "globalmaxpool":
        return x.amax(dim=(2, 3))
    if t == "globalavgpool":
        return x.mean(dim=(2, 3))
    if t == "flatten":
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # Keras's order: channels last
    raise ValueError(t)


def to_nchw(flat, h, w, c):
    return torch.tensor(flat).reshape(1, h, w, c).permute(0, 3, 1, 2)


def to_flat(y):
    return (y.permute(0, 2, 3, 1) if y.dim() == 4 else y).reshape(-1)


failures = []


def close(what, ours, theirs, rel=1e-4, abs_=1e-5):
    ours = torch.tensor(ours, dtype=torch.float64).reshape(-1)
    theirs = theirs.detach().reshape(-1).to(torch.float64)
    if ours.shape != theirs.shape:
        failures.append(f"{what}: {ours.numel()} values, PyTorch {theirs.numel()}")
        return
    err = (ours - theirs).abs()
    bound = abs_ + rel * theirs.abs().max().clamp(min=1.0)
    if ours.numel() and err.max() > bound:
        i = int(err.argmax())
        failures.append(f"{what}: value {i} is {ours[i]:.7g}, PyTorch {theirs[i]:.7g}")


def check_layer(i, case):
    model = case["model"]
    layer = model["layers"][0]
    h, w, c = model["input"]
    x = to_nchw(case["x"], h, w, c).requires_grad_()
    wt = torch.tensor(case["w"]).requires_grad_() if case["w"] else None
    bt = torch.tensor(case["b"]).requires_grad_() if case["b"] else None
    y = apply(layer, x, wt, bt)
    what = f"layer case {i + 1} ({json.dumps(layer)} on {h}x{w}x{c})"
    close(what + " forward", case["out"], to_flat(y))
    (to_flat(y) * torch.tensor(case["r"])).sum().backward()
    close(what + " input gradient", case["dx"], to_flat(x.grad))
    if wt is not None:
        close(what + " weight gradient", case["dw"], wt.grad)
        close(what + " bias gradient", case["db"], bt.grad)


def network_forward(layers, params, x):
    """A PoolLab network on NCHW x: `params` is its weight array (Network::params order),
    ReLU after every conv and dense layer but the last; returns the last layer's scores."""
    at, y = 0, x
    for li, layer in enumerate(layers):
        wt = bt = None
        if layer["type"] in ("conv2d", "dense"):
            cin = y.shape[1]
            k = pair(layer.get("kernel", 1))
            units = layer.get("filters", layer.get("units"))
            count = k[0] * k[1] * cin * units if y.dim() == 4 else y.shape[1] * units
            wt, bt = params[at:at + count], params[at + count:at + count + units]
            at += count + units
        y = apply(layer, y, wt, bt)
        if layer["type"] in ("conv2d", "dense") and li + 1 < len(layers):
            y = F.relu(y)
    if at != params.numel():
        raise ValueError(f"the layers use {at} weights; there are {params.numel()}")
    return y


def check_network(i, case):
    model, classes = case["model"], case["classes"]
    h, w, c = model["input"]
    n = len(case["labels"])
    x = torch.tensor(case["images"]).reshape(n, h, w, c).permute(0, 3, 1, 2)
    params = torch.tensor(case["params"]).requires_grad_()
    y = network_forward(model["layers"], params, x)
    loss = F.cross_entropy(y, torch.tensor(case["labels"]).long())
    what = f"network case {i + 1}"
    close(what + " probabilities", case["probs"], F.softmax(y, dim=1))
    close(what + " loss", [case["loss"]], loss)
    loss.backward()
    close(what + " weight gradients", case["grads"], params.grad)


def check_adam(case):
    p = torch.tensor(case["p0"], dtype=torch.float32).requires_grad_()
    opt = torch.optim.Adam([p], lr=case["lr"])
    for k, step in enumerate(case["steps"]):
        p.grad = torch.tensor(step["g"], dtype=torch.float32)
        opt.step()
        close(f"Adam step {k + 1}", step["p"], p, rel=1e-6, abs_=1e-7)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "cases.json")
        subprocess.run([sys.argv[1], path], check=True)
        with open(path) as f:
            cases = json.load(f)
    for i, case in enumerate(cases["layers"]):
        check_layer(i, case)
    for i, case in enumerate(cases["networks"]):
        check_network(i, case)
    check_adam(cases["adam"])
    counted = f"{len(cases['layers'])} layer cases, {len(cases['networks'])} networks, 3 Adam steps"
    if failures:
        print(f"PoolLab differs from PyTorch {torch.__version__} ({counted}):")
        for line in failures:
            print("  " + line)
        sys.exit(1)
    print(f"PoolLab agrees with PyTorch {torch.__version__}: {counted}")


if __name__ == "__main__":  # pretrained_vs_torch.py imports the layers above
    torch.set_default_dtype(torch.float64)  # the oracle in double: the differences are PoolLab's float32 rounding
    main()
