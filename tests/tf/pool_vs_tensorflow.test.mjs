// Pooling semantics checked against TensorFlow.js (tf.maxPool / tf.avgPool on
// the CPU backend, in Node) on random shapes, windows, strides and both
// paddings. Our side runs through the poollab CLI, so the core as shipped is
// what is checked. Min pooling is compared with -maxPool(-x).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CLI, rng, randomGrid, toCsv, tensorOf, gridOf, assertGridsClose } from './common.mjs';

const CASES = 150;

function ours(grid, op, size, stride, padding) {
  const csv = toCsv(grid);
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
    const x = tensorOf(grid);
    let y;
    if (op === 'max') y = tf.maxPool(x, size, stride, padding);
    else if (op === 'average') y = tf.avgPool(x, size, stride, padding);
    else y = tf.neg(tf.maxPool(tf.neg(x), size, stride, padding));
    return gridOf(y);
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
    const grid = randomGrid(random, rows, cols);
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
      assertGridsClose(got.output, theirs(grid, op, size, stride, padding), `${what} ${op}`);
      compared++;
    }
  }
  console.log(`compared ${compared} poolings with TensorFlow.js; ${refused} invalid ones refused as TensorFlow does`);
  assert.ok(compared > 300);
});
