// Training throughput of TensorFlow.js in Node for the network, the
// same as bench/bench_train.cpp and tests/torch/bench_torch.py measure:
// conv3(8) -> ReLU -> max pool 2 -> conv3(16) -> ReLU -> max pool 2 -> dense 10
// (5,258 parameters), softmax cross-entropy, Adam (0.002), batches of 32
// random 28 x 28 pictures. Images a second over a fixed number of batches
// (forward, backward and an Adam step each), the median of a few runs, on the
// cpu backend (pure JavaScript, @tensorflow/tfjs 4.22.0), then the same on the
// wasm backend (@tensorflow/tfjs-backend-wasm), which is expected to refuse to
// train: it has no Conv2DBackpropFilter kernel. Prints its figures; asserts nothing.
// usage: node bench/train_tfjs.mjs [--batches N (5)] [--runs N (3)] [--backends cpu,wasm]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const BATCHES = Number(opt('--batches', 5)), RUNS = Number(opt('--runs', 3)), BATCH = 32;
const BACKENDS = opt('--backends', 'cpu,wasm').split(',');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function network() {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10 }));  // logits: the softmax is in the loss
  return m;
}

async function bench(backend) {
  if (backend === 'wasm') setWasmPaths(path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not initialise`);
  await tf.ready();
  const model = network();
  const params = model.countParams();
  const adam = tf.train.adam(0.002);
  const xs = [], ys = [];
  for (let b = 0; b < BATCHES; ++b) {
    xs.push(tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 7 + b));
    ys.push(tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 100 + b), 10));
  }
  const step = (b) => {
    const loss = adam.minimize(() => tf.losses.softmaxCrossEntropy(ys[b], model.apply(xs[b])), true);
    loss.dataSync();  // wait for it (the wasm and cpu backends are synchronous anyway)
    loss.dispose();
  };
  step(0);  // warm up (and the place the wasm backend refuses)
  const rates = [];
  for (let r = 0; r < RUNS; ++r) {
    const t0 = performance.now();
    for (let b = 0; b < BATCHES; ++b) step(b);
    rates.push((BATCH * BATCHES) / ((performance.now() - t0) / 1000));
  }
  return { params, rates };
}

console.log(`TensorFlow.js ${tf.version.tfjs} in Node ${process.versions.node}, training the issue's network ` +
  `(batch ${BATCH}, Adam, softmax cross-entropy), ${BATCHES} batches a run, median of ${RUNS}:`);
for (const backend of BACKENDS) {
  try {
    const { params, rates } = await bench(backend);
    console.log(`  ${backend.padEnd(4)}: ${params} parameters: ${median(rates).toFixed(0)} images/s training ` +
      `(runs: ${rates.map((r) => r.toFixed(0)).join(', ')})`);
  } catch (e) {
    console.log(`  ${backend.padEnd(4)}: cannot train: ${String(e.message || e).split('\n')[0]}`);
  }
}
