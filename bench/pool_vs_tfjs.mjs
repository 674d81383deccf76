// 2x2 stride-2 max pooling of a 2048 x 2048 float map in WebAssembly, in Node:
// PoolLab's core (build/web/bench/poollab_pool_node.js) against tf.maxPool on
// TensorFlow.js's wasm backend (@tensorflow/tfjs-backend-wasm), on the same
// data in the same process. Checks the two outputs agree, then prints the
// median times. Run by scripts/bench.sh; asserts nothing about speed.
// usage: node bench/pool_vs_tfjs.mjs [build/web/bench]
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2] || 'build/web/bench');
const SIDE = 2048, RUNS = 15;

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
function time(runs, f) {
  const t = [];
  for (let i = 0; i < runs; ++i) {
    const a = performance.now();
    f();
    t.push(performance.now() - a);
  }
  return median(t);
}

// The same pseudo-random data for both (mulberry32).
let seed = 11;
const data = new Float32Array(SIDE * SIDE).map(() => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
});

// PoolLab: input and output live in its wasm memory; a call pools and writes the output.
const pl = await require(path.join(dir, 'poollab_pool_node.js'))();
const inPtr = pl._malloc(data.length * 4), outPtr = pl._malloc((data.length / 4) * 4);
pl.HEAPF32.set(data, inPtr / 4);
const ours = time(RUNS, () => {
  if (pl._pl_max_pool_2x2(inPtr, SIDE, SIDE, outPtr) !== 0) throw new Error('PoolLab refused to pool');
});
const ourOut = pl.HEAPF32.slice(outPtr / 4, outPtr / 4 + data.length / 4);

// TensorFlow.js, wasm backend: the input tensor made once; a call pools and reads the output back.
setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
await tf.setBackend('wasm');
await tf.ready();
const x = tf.tensor4d(data, [1, SIDE, SIDE, 1]);
let theirOut;
const theirs = time(RUNS, () => {
  const y = tf.maxPool(x, 2, 2, 'valid');
  theirOut = y.dataSync();
  y.dispose();
});

let differ = 0;
for (let i = 0; i < ourOut.length; ++i) if (ourOut[i] !== theirOut[i]) differ++;
console.log(`2x2 stride-2 max pool of ${SIDE}x${SIDE} floats in WebAssembly (Node ${process.versions.node}), median of ${RUNS}:`);
console.log(`  PoolLab core (pool_values):          ${ours.toFixed(2)} ms`);
console.log(`  tf.maxPool, tfjs-backend-wasm ${tf.version_core}: ${theirs.toFixed(2)} ms (${tf.getBackend()}${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ', SIMD' : ''})`);
console.log(`  outputs ${differ === 0 ? 'identical' : `differ in ${differ} cells`}; PoolLab is ${(theirs / ours).toFixed(2)}x the speed of TensorFlow.js`);
