// The page's dataset fetcher (web/dataset_fetch.js) in Node, against the
// project's own server: progress up to 1 and the inflated bytes; a missing
// file, a damaged download and an unreachable server each told in words;
// a retry after coming back online succeeds. When the web build's site is
// there, its real MNIST file comes through as a PoolLab dataset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createServer } from '../../web/serve.mjs';
import { SITE } from './browser.mjs';
import '../../web/dataset_fetch.js';

const { fetchDataset } = globalThis.poollabData;
let dir, server, base;
const original = Buffer.alloc(300000, 0).map((_, i) => (i * 7919) % 251);  // compresses, but not to nothing

function listen(s, port = 0) {
  return new Promise((resolve) => s.listen(port, '127.0.0.1', resolve));
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-data-'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'data', 'mini.bin.gz'), zlib.gzipSync(original));
  fs.writeFileSync(path.join(dir, 'data', 'broken.bin.gz'), Buffer.from('this is not gzip at all'));
  server = createServer(dir);
  await listen(server);
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// One fetch, with everything it reported.
async function fetchAll(name, options = {}) {
  const seen = { progress: [], bytes: null, error: null };
  await fetchDataset(name, {
    base,
    onProgress: (f) => seen.progress.push(f),
    onArrived: (b) => { seen.bytes = b; },
    onFailed: (m) => { seen.error = m; },
    ...options,
  });
  return seen;
}

test('a dataset arrives inflated, with progress rising to 1', async () => {
  const seen = await fetchAll('mini');
  assert.equal(seen.error, null);
  assert.deepEqual(Buffer.from(seen.bytes), original);
  assert.equal(seen.progress[0], 0);
  assert.equal(seen.progress.at(-1), 1);
  for (let i = 1; i < seen.progress.length; i++) assert.ok(seen.progress[i] >= seen.progress[i - 1], 'progress never goes back');
});

test('a missing dataset is named, with the likely cause', async () => {
  const seen = await fetchAll('fashion');
  assert.equal(seen.bytes, null);
  assert.match(seen.error, /Could not fetch the Fashion-MNIST pictures \(data\/fashion\.bin\.gz\): the server answered 404 \(not found/);
});

test('a download that is not gzip is refused as damaged', async () => {
  const seen = await fetchAll('broken');
  assert.equal(seen.bytes, null);
  assert.match(seen.error, /the download is damaged \(not a gzip file\)\. Retry\./);
});

test('with a Content-Encoding the size is unknown and progress says -1', async () => {
  const gz = zlib.gzipSync(original);
  const fetchImpl = async () => new Response(gz, { headers: { 'Content-Encoding': 'br', 'Content-Length': '12' } });
  const seen = await fetchAll('mini', { fetchImpl });
  assert.deepEqual(Buffer.from(seen.bytes), original);
  assert.ok(seen.progress.length > 0 && seen.progress.every((f) => f === -1));
});

test('offline the fetch fails in words, and a retry once back online succeeds', async () => {
  const port = server.address().port;
  await new Promise((resolve) => server.close(resolve));
  const offline = await fetchAll('mnist');
  assert.equal(offline.bytes, null);
  assert.match(offline.error, /Could not fetch the MNIST digits \(data\/mnist\.bin\.gz\): the network is unreachable \(offline\?\)/);
  server = createServer(dir);
  await listen(server, port);
  const retry = await fetchAll('mini');
  assert.equal(retry.error, null);
  assert.equal(retry.bytes.length, original.length);
});

test('the built site serves MNIST as a PoolLab dataset file', { skip: !fs.existsSync(path.join(SITE, 'data', 'mnist.bin.gz')) && 'no web build with data' }, async () => {
  const site = createServer(SITE);
  await listen(site);
  try {
    const seen = await fetchAll('mnist', { base: `http://127.0.0.1:${site.address().port}/` });
    assert.equal(seen.error, null);
    assert.equal(Buffer.from(seen.bytes.subarray(0, 4)).toString(), 'PLDS');
    assert.equal(seen.bytes.length, 7850048);  // 10,000 digits of 784 bytes, their labels, the header and the CRC
    assert.ok(seen.progress.length > 10, 'progress came in steps');
  } finally {
    site.close();
  }
});
