// The picture scene's convolution checked against TensorFlow.js (tf.conv2d on
// the CPU backend, in Node): random inputs, random kernels of 1 to 5 rows and
// columns, both paddings; then the whole conv -> ReLU -> 2x2 pool chain. Our
// side runs through `poollab conv`, so the core as shipped is what is checked.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CLI, rng, randomGrid, toCsv, tensorOf, gridOf, assertGridsClose } from './common.mjs';

const CASES = 120;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-conv-'));

function ours(grid, kernel, padding, extra = []) {
  const kernelFile = path.join(dir, 'kernel.csv');
  fs.writeFileSync(kernelFile, toCsv(kernel));
  try {
    const out = execFileSync(CLI, ['conv', '--json', '--kernel-file', kernelFile, '--padding', padding, ...extra],
      { input: toCsv(grid), stdio: ['pipe', 'pipe', 'pipe'] });
    return JSON.parse(out);
  } catch (e) {
    return { code: e.status, error: String(e.stderr) };
  }
}

// TensorFlow's conv2d is a cross-correlation with an [kh, kw, in, out] filter, as Keras uses it.
function theirs(grid, kernel, padding, chain = false) {
  return tf.tidy(() => {
    const w = tf.tensor4d(kernel.flat(), [kernel.length, kernel[0].length, 1, 1]);
    let y = tf.conv2d(tensorOf(grid), w, 1, padding);
    if (chain) y = tf.maxPool(tf.relu(y), 2, 2, 'valid');
    return gridOf(y);
  });
}

before(async () => {
  await tf.setBackend('cpu');
});

test(`conv2d matches TensorFlow on ${CASES} random inputs and kernels`, () => {
  const random = rng(5);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  let compared = 0, refused = 0;
  for (let c = 0; c < CASES; ++c) {
    const grid = randomGrid(random, int(1, 14), int(1, 14));
    const kernel = randomGrid(random, int(1, 5), int(1, 5));
    const padding = random() < 0.5 ? 'valid' : 'same';
    const what = `case ${c}: ${grid.length}x${grid[0].length} input, ${kernel.length}x${kernel[0].length} kernel, ${padding}`;
    const got = ours(grid, kernel, padding);
    if (padding === 'valid' && (kernel.length > grid.length || kernel[0].length > grid[0].length)) {
      assert.equal(got.code, 1, `${what}: expected a refusal`);
      assert.match(got.error, /does not fit/);
      refused++;
      continue;
    }
    assert.ok(got.feature, `${what}: ${got.error}`);
    assertGridsClose(got.feature.values, theirs(grid, kernel, padding), what, 1e-4);
    compared++;
  }
  console.log(`compared ${compared} convolutions with TensorFlow.js; ${refused} that do not fit refused`);
  assert.ok(compared > 80);
});

test('conv -> ReLU -> 2x2 max pool matches TensorFlow on a 64x64 map', () => {
  const random = rng(7);
  const grid = randomGrid(random, 64, 64);
  for (const name of ['sobel-vertical', 'diagonal-edge', 'blur-5']) {
    const kernel = JSON.parse(execFileSync(CLI, ['conv', '--json', '--kernel', name], { input: '0,0,0,0,0\n'.repeat(5) })).kernel.values;
    for (const padding of ['valid', 'same']) {
      const got = ours(grid, kernel, padding, ['--relu', '--pool', 'max']);
      assert.ok(got.pooled, got.error);
      assertGridsClose(got.pooled.values, theirs(grid, kernel, padding, true), `${name} ${padding}`, 1e-4);
    }
  }
});
