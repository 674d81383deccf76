// Helpers shared by the TensorFlow.js comparisons: a seeded PRNG, random grids,
// tensors in and out, and a cell-by-cell comparison that names the first
// difference.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export const CLI = process.env.POOLLAB_CLI || path.resolve('build/native/poollab');

// A small deterministic PRNG (mulberry32), so a failure can be replayed.
export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values with two decimals in [-5, 5], exactly representable as text and float32 round trips.
export function randomGrid(random, rows, cols) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random() * 1000 - 500) / 100));
}

export const toCsv = (grid) => grid.map((row) => row.join(',')).join('\n') + '\n';

// A [1, rows, cols, 1] tensor of a grid, and a grid of a [1, rows, cols, 1] tensor.
export const tensorOf = (grid) => tf.tensor4d(grid.flat(), [1, grid.length, grid[0].length, 1]);
export function gridOf(y) {
  const [, rows, cols] = y.shape;
  const flat = y.dataSync();
  return Array.from({ length: rows }, (_, r) => Array.from(flat.slice(r * cols, (r + 1) * cols)));
}

export function assertGridsClose(got, want, what, tolerance = 1e-5) {
  assert.equal(got.length, want.length, `${what}: rows`);
  assert.equal(got[0].length, want[0].length, `${what}: cols`);
  for (let r = 0; r < want.length; ++r) {
    for (let k = 0; k < want[0].length; ++k) {
      const a = got[r][k], b = want[r][k];
      assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${what}: cell (${r},${k}) ours ${a}, TensorFlow ${b}`);
    }
  }
}
