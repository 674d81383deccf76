// The trainer's layers (forward and backward) against TensorFlow.js: every
// layer case the PyTorch oracle checks (tests/torch/torch_cases.cpp writes
// them: random inputs, weights and an upstream gradient r, and PoolLab's
// output and gradients), rebuilt with tfjs-core ops on the CPU backend in
// NHWC with HWIO weights (PoolLab's own layouts), differentiated by tf.grads
// of sum(y * r). TensorFlow.js cannot differentiate dilated convolutions:
// those are checked forward only here (and fully against PyTorch).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The union package: tfjs-core's gradients are registered only there.
import * as tf from '@tensorflow/tfjs';

const WRITER = process.env.POOLLAB_TORCH_CASES || path.resolve('build/native/poollab_torch_cases');

let cases;
before(async () => {
  await tf.setBackend('cpu');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-tf-train-'));
  execFileSync(WRITER, [path.join(dir, 'cases.json')]);
  cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
});

const pair = (v) => (Array.isArray(v) ? v : [v, v]);

// Reflect padding by one on each side, made of slices: tf.mirrorPad's gradient
// (4.22.0) drops what the reflected cells send back (checked by hand on a 3×3).
function reflectPad1(x) {
  const [, h, w] = x.shape;
  const rows = tf.concat([tf.slice(x, [0, 1, 0, 0], [-1, 1, -1, -1]), x, tf.slice(x, [0, h - 2, 0, 0], [-1, 1, -1, -1])], 1);
  return tf.concat([tf.slice(rows, [0, 0, 1, 0], [-1, -1, 1, -1]), rows, tf.slice(rows, [0, 0, w - 2, 0], [-1, -1, 1, -1])], 2);
}

// Zhang's blur: the binomial [1 2 1]² / 16 per channel, reflect-padded by one, at stride s.
function blur(x, s) {
  const c = x.shape[3];
  const f = [1, 2, 1].flatMap((a) => [1, 2, 1].map((b) => (a * b) / 16));
  const filter = tf.tensor4d(f.flatMap((v) => Array(c).fill(v)), [3, 3, c, 1]);
  return tf.depthwiseConv2d(reflectPad1(x), filter, s, 'valid');
}

// TensorFlow's 'same' padding along one axis: [before, after].
function samePad(n, k, s) {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

// One layer on x (NHWC, or [1, L] for a vector), w and b as PoolLab lays them out.
function apply(layer, x, w, b) {
  switch (layer.type) {
    case 'conv2d': {
      const k = pair(layer.kernel);
      const filter = tf.reshape(w, [k[0], k[1], x.shape[3], layer.filters]);
      return tf.add(tf.conv2d(x, filter, pair(layer.stride), layer.padding, 'NHWC', pair(layer.dilation)), b);
    }
    case 'dense':
      if (x.rank === 4) return tf.add(tf.conv2d(x, tf.reshape(w, [1, 1, x.shape[3], layer.units]), 1, 'valid'), b);
      return tf.add(tf.matMul(x, tf.reshape(w, [x.shape[1], layer.units])), b);
    case 'maxpool':
      return tf.maxPool(x, pair(layer.pool), pair(layer.stride), layer.padding);
    case 'avgpool': {
      // 'same' divides by the real cells, as Keras and PoolLab do. tf.avgPool's forward does, but its
      // gradient (4.22.0) spreads as if every window were whole, so: a sum over zero padding, divided by
      // the count of real cells.
      const k = pair(layer.pool), s = pair(layer.stride);
      if (layer.padding !== 'same') return tf.avgPool(x, k, s, 'valid');
      const pads = [[0, 0], samePad(x.shape[1], k[0], s[0]), samePad(x.shape[2], k[1], s[1]), [0, 0]];
      const total = tf.mul(tf.avgPool(tf.pad(x, pads), k, s, 'valid'), k[0] * k[1]);
      const cells = tf.mul(tf.avgPool(tf.pad(tf.onesLike(x), pads), k, s, 'valid'), k[0] * k[1]);
      return tf.div(total, cells);
    }
    case 'blurpool':
      return blur(tf.maxPool(x, pair(layer.pool), 1, layer.padding), pair(layer.stride));
    case 'globalmaxpool':
      return tf.max(x, [1, 2]);
    case 'globalavgpool':
      return tf.mean(x, [1, 2]);
    case 'flatten':
      return tf.reshape(x, [x.shape[0], -1]);
    default:
      throw new Error(`no such layer: ${layer.type}`);
  }
}

function assertClose(what, ours, theirs, rel = 1e-4, abs = 1e-5) {
  assert.equal(ours.length, theirs.length, `${what}: ${ours.length} values, TensorFlow.js ${theirs.length}`);
  let scale = 1;
  for (const v of theirs) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < ours.length; ++i) {
    const bound = abs + rel * scale;
    if (!(Math.abs(ours[i] - theirs[i]) <= bound)) {
      assert.fail(`${what}: value ${i} is ${ours[i]}, TensorFlow.js ${theirs[i]} (bound ${bound})`);
    }
  }
}

test('every layer case, forward and backward, matches TensorFlow.js', () => {
  let checked = 0, skipped = 0, forwardOnly = 0;
  const kinds = new Set();
  for (const [i, c] of cases.layers.entries()) {
    const layer = c.model.layers[0];
    const [h, w, ch] = c.model.input;
    if (layer.type === 'conv2d' && Math.max(...pair(layer.stride)) > 1 && Math.max(...pair(layer.dilation)) > 1) {
      ++skipped;  // tf.conv2d takes a stride or a dilation above 1, not both
      continue;
    }
    const what = `case ${i} (${JSON.stringify(layer)} on ${h}×${w}×${ch})`;
    const x = tf.tensor4d(c.x, [1, h, w, ch]);
    const hasWeights = c.w.length > 0;
    const wt = hasWeights ? tf.tensor1d(c.w) : null;
    const bt = hasWeights ? tf.tensor1d(c.b) : null;
    const r = tf.tensor1d(c.r);
    const f = (xx, ww, bb) => tf.sum(tf.mul(tf.reshape(apply(layer, xx, ww, bb), [-1]), r));
    const y = apply(layer, x, wt, bt);
    assertClose(`${what} forward`, c.out, Array.from(y.dataSync()));
    if (layer.type === 'conv2d' && Math.max(...pair(layer.dilation)) > 1) {
      ++forwardOnly;  // TensorFlow.js has no gradient for dilated convolutions (PyTorch checks those)
      kinds.add(layer.type);
      continue;
    }
    const grads = hasWeights ? tf.grads(f)([x, wt, bt]) : tf.grads((xx) => f(xx, null, null))([x]);
    assertClose(`${what} input gradient`, c.dx, Array.from(grads[0].dataSync()));
    if (hasWeights) {
      assertClose(`${what} weight gradient`, c.dw, Array.from(grads[1].dataSync()));
      assertClose(`${what} bias gradient`, c.db, Array.from(grads[2].dataSync()));
    }
    kinds.add(layer.type);
    ++checked;
  }
  assert.ok(checked >= 120, `${checked} cases checked, ${skipped} skipped`);
  assert.deepEqual([...kinds].sort(), ['avgpool', 'blurpool', 'conv2d', 'dense', 'flatten', 'globalavgpool', 'globalmaxpool', 'maxpool']);
  console.log(`${checked} layer cases match TensorFlow.js forward and backward, ${forwardOnly} dilated convolutions forward only, ` +
    `${skipped} with both stride and dilation above 1 skipped (tf.conv2d takes one or the other)`);
});
