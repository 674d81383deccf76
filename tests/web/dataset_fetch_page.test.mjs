// The dataset fetch in the page, in Chromium under the strict CSP: nothing of
// it is part of the first load; asked for, the fetcher script and the MNIST
// file arrive, inflated by the browser, and reach the wasm's entry points with
// progress rising to 1. (Failures are tested in Node, dataset_fetch.test.mjs:
// a 404 here would be a console error, which the page tests count as a problem.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

// Asks the app's Module for a dataset and gathers what the wasm was told, until it arrived or failed.
const fetchInPage = (page, name) => page.evaluate((name) => new Promise((resolve) => {
  const told = [];
  const ccall = Module.ccall;
  Module.ccall = (fn, ret, types, args) => {
    if (fn.startsWith('poollab_data_')) {
      told.push({ fn, detail: fn === 'poollab_data_arrived' ? args[2] : args[1] });
      if (fn !== 'poollab_data_progress') {
        Module.ccall = ccall;
        resolve(told);
      }
    }
    return ccall(fn, ret, types, args);
  };
  Module.fetchDataset(name);
}), name);

test('a dataset is fetched only when asked, with progress, and reaches the wasm', () => withApp(url, {}, async ({ page, loaded }) => {
  const first = Object.keys(loaded().files);
  assert.ok(!first.some((f) => f.includes('/data/') || f.includes('dataset_fetch')), `first load: ${first}`);
  const told = await fetchInPage(page, 'mnist');
  const progress = told.filter((t) => t.fn === 'poollab_data_progress').map((t) => t.detail);
  assert.deepEqual(told.at(-1), { fn: 'poollab_data_arrived', detail: 7850048 });
  // Over loopback Chromium may read the file in one chunk or a few: from 0, rising, to 1.
  assert.equal(progress[0], 0);
  assert.ok(progress.every((f, i) => i === 0 || f > progress[i - 1]), `progress rises: ${progress}`);
  assert.equal(progress.at(-1), 1);
  assert.ok(Object.keys(loaded().files).some((f) => f.endsWith('/data/mnist.bin.gz')));
}));
