// Accessibility in headless Chromium: the hidden live region narrates what
// the canvas shows, and the keyboard help opens and closes from the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp, until, shot, pixel, assertColour } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const narration = (page) => page.textContent('#narration');

test('the live region narrates each step, shift and field in words', () => withApp(url, {}, async ({ page }) => {
  assert.equal(await page.getAttribute('#narration', 'aria-live'), 'polite');
  await page.waitForFunction(() => document.getElementById('narration').textContent.startsWith('Window 1 of 4'));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('narration').textContent.startsWith('Window 2 of 4'));
  assert.equal(await narration(page), 'Window 2 of 4: max of 4, 8, 1, 2 is 8 (row 1, column 4), written to row 1, column 2.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('narration').textContent.startsWith('Shift 1, 0'));
  assert.equal(await narration(page),
    'Shift 1, 0. Max pool: The feature crossed a window boundary: its values now fall into other windows, so the output changed shape.');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.getElementById('narration').textContent.startsWith('This unit of layer 3'));
  assert.match(await narration(page), /sees 8×8 input pixels/);
}));

test('? opens the keyboard help over the app and Esc closes it; keys do nothing else meanwhile', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('?');
  let s = await until(page, (x) => x.help, 'help open');
  await shot(page, 'web-help');
  await page.keyboard.press('ArrowRight');  // ignored while the help is open
  await page.waitForTimeout(200);
  await page.keyboard.press('Escape');
  s = await until(page, (x) => !x.help, 'help closed');
  assert.equal(s.steps.step, 0);
  await page.keyboard.press('F1');
  await until(page, (x) => x.help, 'help open with F1');
}));

test('a 480×320 window: the panel folds away and the scene still fits and works', () => withApp(url, { width: 480, height: 320 }, async ({ page }) => {
  let s = await until(page, (x) => x.narrow && x.steps_view.input_layout.cell > 0, 'narrow layout');
  const L = s.steps_view.input_layout, O = s.steps_view.output_layout;
  assert.ok(L.x >= 0 && L.y >= 0 && L.x + 4 * L.cell <= 480 && L.y + 4 * L.cell <= 320, `input grid inside: ${JSON.stringify(L)}`);
  assert.ok(O.x + 2 * O.cell <= 480, `output grid inside: ${JSON.stringify(O)}`);
  await page.keyboard.press('ArrowRight');
  s = await until(page, (x) => x.steps.step === 1, 'still driven by the keyboard');
  await shot(page, 'web-480x320');
}));

test('a lost WebGL context is reported in words, and when it comes back the app carries on as it was', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('7');  // the MNIST map, coloured by value through the heat-map shader
  await page.keyboard.press('ArrowRight');
  let s = await until(page, (x) => x.steps.preset === 'mnist7' && x.steps.step === 1 && x.steps_view.renderer === 'shader',
    'step 1 of the MNIST map, drawn by the shader');
  const L = s.steps_view.input_layout;
  const cell = [L.x + 12.5 * L.cell, L.y + 9.5 * L.cell];  // input cell (10, 13), on the stroke of the 7, in CSS pixels
  const before = await pixel(page, ...cell);

  await page.evaluate(() => {
    window.__lose = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.__lose.loseContext();
  });
  await page.waitForSelector('#overlay.error', { timeout: 10000 });
  assert.match(await page.textContent('#status'), /graphics context was lost.*carries on.*reload the page/);
  const frozen = (await until(page, () => true, 'state')).frame;
  await page.waitForTimeout(300);
  assert.equal((await until(page, () => true, 'state')).frame, frozen, 'no frames are drawn without a context');

  await page.evaluate(() => window.__lose.restoreContext());
  await page.waitForSelector('#overlay.hidden', { timeout: 10000 });
  s = await until(page, (x) => x.frame > frozen + 3 && x.steps_view.renderer === 'shader', 'frames again, with the shader made anew');
  assert.equal(s.steps.step, 1, 'the step is kept');
  assert.equal(s.steps_view.shader_error, '');
  await page.waitForTimeout(100);
  assertColour(await pixel(page, ...cell), before, 'input cell (10, 13) after the context came back');
  await shot(page, 'web-context-restored');
  await page.keyboard.press('ArrowRight');
  await until(page, (x) => x.steps.step === 2, 'the keys still work');
}));

test('once loaded it asks the network for nothing more (it works offline)', () => withApp(url, {}, async ({ page }) => {
  // The sample pictures come once, just after the first frame.
  await page.waitForFunction(() => window.poollab.samplesFetched === true, null, { timeout: 20000 });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  for (const key of ['7', 'ArrowRight', 'Tab', '6', 'ArrowRight', 'Tab', '7', 'u', 'Tab', '2', '5', 'Tab', 'Tab', '1']) await page.keyboard.press(key);
  await until(page, (x) => x.scene === 'steps' && x.steps.preset === 'course', 'back at the start');
  await page.waitForTimeout(500);
  // Only the trained-networks scene, passed on the way, asks for its fetcher, digits and weights: on demand, by design.
  // The page's icon is the browser's own request, not PoolLab's: Chromium asks for it again after same-document
  // navigations (the app keeps the address bar's fragment current), more or less often with the machine's load
  // (a CI run saw 11); offline it only leaves the tab without an icon.
  const onDemand = (p) => p.startsWith('/data/') || p === '/web/dataset_fetch.js' || p === '/web/favicon.svg';
  assert.deepEqual(requests.filter((r) => !onDemand(new URL(r).pathname)), []);
}));
