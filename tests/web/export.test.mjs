// Exports in headless Chromium: the view as a PNG of the canvas's size, and
// each scene's grids (or layer table) as one long-format CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, withApp, state, until } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

async function download(page, at) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.mouse.click(...at)]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test('PNG: the view as a picture the size of the canvas', () => withApp(url, {}, async ({ page }) => {
  const s = await state(page);
  const { name, bytes } = await download(page, s.buttons.png);
  assert.equal(name, 'poollab-steps.png');
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1280, 800]);
  assert.ok(bytes.length > 20000, `a real picture, not a blank one (${bytes.length} bytes)`);
}));

test('CSV: the grids of the steps and shift scenes, the table of the fields scene', () => withApp(url, {}, async ({ page }) => {
  let s = await state(page);
  let { name, bytes } = await download(page, s.buttons.csv);
  assert.equal(name, 'poollab-steps.csv');
  const lines = bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'grid,row,column,value');
  assert.equal(lines.length, 1 + 16 + 4);
  assert.equal(lines[6], 'input,2,2,9');
  assert.equal(lines[17], 'output,1,1,9');

  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  s = await until(page, (x) => x.scene === 'shift' && x.shift.shift[0] === 1, 'shift');
  ({ name, bytes } = await download(page, s.buttons.csv));
  assert.equal(name, 'poollab-shift.csv');
  const text = bytes.toString('utf8');
  for (const grid of ['original', 'shifted', 'max of original', 'max of shifted']) assert.ok(text.includes(`\n${grid},1,1,`), grid);

  await page.keyboard.press('Tab');
  s = await until(page, (x) => x.scene === 'fields', 'fields');
  ({ name, bytes } = await download(page, s.buttons.csv));
  assert.equal(name, 'poollab-fields.csv');
  assert.deepEqual(bytes.toString('utf8').trim().split('\n').slice(1), [
    '1,conv2d,14×14×8,80,3,3,1,0,0,1568,14112',
    '2,maxpool,7×7×8,0,4,4,2,0,0,392,0',
    '3,conv2d,5×5×8,584,8,8,2,0,0,200,14400',
  ]);
}));
