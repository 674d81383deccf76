// Pooling semantics checked against TensorFlow.js (tf.maxPool / tf.avgPool on
// the CPU backend, in Node) on random shapes, windows, strides and both
// paddings. Our side runs through the poollab CLI, so the core as shipped is
// what is checked. Min pooling is compared with -maxPool(-x).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const CLI = process.env.POOLLAB_CLI || path.resolve('build/native/poollab');
const CASES = 150;

// A small deterministic PRNG (mulberry32), so a failure can be replayed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ours(grid, op, size, stride, padding) {
  const csv = grid.map((row) => row.join(',')).join('\n') + '\n';
  try {
    const out = execFileSync(CLI, ['pool', '--json', '--op', op, '--size', size.join('x'), '--stride', stride.join('x'),
      '--padding', padding], { input: csv, stdio: ['pipe', 'pipe', 'pipe'] });
    return { output: JSON.parse(out).output };
  } catch (e) {
    return { code: e.status, error: String(e.stderr) };
  }
}

function theirs(grid, op, size, stride, padding) {
  return tf.tidy(() => {
    const x = tf.tensor4d(grid.flat(), [1, grid.length, grid[0].length, 1]);
    let y;
    if (op === 'max') y = tf.maxPool(x, size, stride, padding);
    else if (op === 'average') y = tf.avgPool(x, size, stride, padding);
    else y = tf.neg(tf.maxPool(tf.neg(x), size, stride, padding));
    const [, rows, cols] = y.shape;
    const flat = y.dataSync();
    return Array.from({ length: rows }, (_, r) => Array.from(flat.slice(r * cols, (r + 1) * cols)));
  });
}

before(async () => {
  await tf.setBackend('cpu');
});

test(`max, average and min pooling match TensorFlow on ${CASES} random configurations`, () => {
  const random = rng(20261122);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  let compared = 0, refused = 0;
  for (let c = 0; c < CASES; ++c) {
    const rows = int(1, 12), cols = int(1, 12);
    const size = [int(1, 5), int(1, 5)], stride = [int(1, 4), int(1, 4)];
    const padding = random() < 0.5 ? 'valid' : 'same';
    // Values with two decimals in [-5, 5], exactly representable as text and float32 round trips.
    const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random() * 1000 - 500) / 100));
    const what = `case ${c}: ${rows}x${cols}, window ${size}, stride ${stride}, ${padding}`;
    for (const op of ['max', 'average', 'min']) {
      const got = ours(grid, op, size, stride, padding);
      if (padding === 'valid' && (size[0] > rows || size[1] > cols)) {
        // TensorFlow has no output here; we must refuse with a message, not crash.
        assert.equal(got.code, 1, `${what}: expected a refusal`);
        assert.match(got.error, /larger than the input/);
        refused++;
        continue;
      }
      assert.ok(got.output, `${what} ${op}: ${got.error}`);
      const want = theirs(grid, op, size, stride, padding);
      assert.equal(got.output.length, want.length, `${what} ${op}: rows`);
      assert.equal(got.output[0].length, want[0].length, `${what} ${op}: cols`);
      for (let r = 0; r < want.length; ++r) {
        for (let k = 0; k < want[0].length; ++k) {
          const a = got.output[r][k], b = want[r][k];
          assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b)), `${what} ${op}: cell (${r},${k}) ours ${a}, TensorFlow ${b}`);
        }
      }
      compared++;
    }
  }
  console.log(`compared ${compared} poolings with TensorFlow.js; ${refused} invalid ones refused as TensorFlow does`);
  assert.ok(compared > 300);
});
