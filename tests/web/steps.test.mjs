// End-to-end tests of the "Step through pooling" scene in headless Chromium:
// the page loads under a strict CSP, the first frame hides the overlay, the
// keyboard and mouse drive the scene, and the state read back through the
// page's hook is what the course says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, withApp, state, until, shot, readCsv, pixel, assertColour } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(here, '../../assets/data');
const LOAD_BUDGET = 1.5 * 1024 * 1024;  // bytes, first load uncompressed
const GZIP_BUDGET = 400 * 1024;         // bytes, first load as gzip -9 would send it

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

test('loads under a strict CSP, opens on the course example and stays within the size budget', () => withApp(url, {}, async ({ page, loaded }) => {
  const s = await state(page);
  assert.equal(s.steps.preset, 'course');
  assert.deepEqual(s.steps.input.values, [[1, 3, 4, 8], [2, 9, 1, 2], [6, 1, 3, 5], [0, 4, 2, 1]]);
  assert.deepEqual(s.steps.output.values, [[9, 8], [6, 5]]);
  assert.deepEqual(s.steps.formula, ['floor((4 - 2) / 2) + 1 = 2', 'floor((4 - 2) / 2) + 1 = 2']);
  assert.equal(s.steps.step, 0);
  assert.equal(s.steps.current.arithmetic, 'max(1, 3, 2, 9) = 9');
  assert.equal(s.steps_view.colouring, 'regions');
  assert.ok(await page.locator('#overlay.hidden').count(), 'the loading overlay is hidden after the first frame');
  // The canvas fills the window in device pixels.
  const canvas = await page.evaluate(() => [canvas.width, canvas.height, innerWidth, innerHeight]);
  assert.deepEqual(canvas, [1280, 800, 1280, 800]);
  await shot(page, 'web-course-1x');

  const { bytes, files, gzipped, later } = loaded();
  console.log(`first load: ${bytes} bytes uncompressed, ${gzipped} gzipped`, files, 'fetched after the first frame:', later);
  assert.ok(bytes < LOAD_BUDGET, `first load is ${bytes} bytes, over the ${LOAD_BUDGET}-byte budget`);
  assert.ok(gzipped < GZIP_BUDGET, `first load is ${gzipped} bytes gzipped, over the ${GZIP_BUDGET}-byte budget`);
}));

test('keyboard: arrows step, Home restarts, End goes last, Space plays and pauses', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('ArrowRight');
  let s = await until(page, (x) => x.steps.step === 1, 'step 2');
  assert.equal(s.steps.current.arithmetic, 'max(4, 8, 1, 2) = 8');
  assert.deepEqual(s.steps.current.window, [0, 2, 2, 2]);
  assert.deepEqual(s.steps.current.winner, [0, 3]);
  assert.equal(s.steps.current.sentence, 'Window 2 of 4: max of 4, 8, 1, 2 is 8 (row 1, column 4), written to row 1, column 2.');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');  // already at the last step: stays
  s = await until(page, (x) => x.steps.step === 3, 'last step');
  await page.waitForTimeout(100);
  assert.equal((await state(page)).steps.step, 3);
  assert.equal(s.steps.current.arithmetic, 'max(3, 5, 2, 1) = 5');
  await page.keyboard.press('ArrowLeft');
  await until(page, (x) => x.steps.step === 2, 'back to step 3');
  await page.keyboard.press('Home');
  await until(page, (x) => x.steps.step === 0, 'restart');
  await page.keyboard.press('End');
  await until(page, (x) => x.steps.step === 3, 'End');
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await until(page, (x) => x.steps.playing && x.steps.playhead > 0.2, 'playing');
  // The window slides: caught between window 1 (column 0) and window 2 (column 2).
  s = await until(page, (x) => x.steps_view.window_at[1] > 0.05 && x.steps_view.window_at[1] < 1.95, 'window mid-slide');
  assert.equal(s.steps_view.window_at[0], 0);
  await shot(page, 'web-mid-slide-1x');
  await page.keyboard.press('Space');
  s = await until(page, (x) => !x.steps.playing, 'paused');
  const held = s.steps.playhead;
  await page.waitForTimeout(300);
  assert.equal((await state(page)).steps.playhead, held, 'a paused playhead does not move');
  await shot(page, 'web-paused-1x');
}));

test('operations, padding and the MNIST 7 preset give the course numbers', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('o');
  let s = await until(page, (x) => x.steps.op === 'average', 'average');
  assert.deepEqual(s.steps.output.values, [[3.75, 3.75], [2.75, 2.75]]);
  assert.equal(s.steps.current.arithmetic, '(1 + 3 + 2 + 9) / 4 = 3.75');
  await page.keyboard.press('o');
  s = await until(page, (x) => x.steps.op === 'min', 'min');
  assert.deepEqual(s.steps.output.values, [[1, 1], [0, 1]]);
  await page.keyboard.press('o');
  await until(page, (x) => x.steps.op === 'max', 'back to max');

  await page.keyboard.press('7');
  s = await until(page, (x) => x.steps.preset === 'mnist7', 'MNIST preset');
  assert.equal(s.steps.input.rows, 26);
  assert.equal(s.steps.output.rows, 13);
  assert.equal(s.steps.steps, 169);
  assert.equal(s.steps_view.colouring, 'values');
  const golden = readCsv(path.join(DATA, 'mnist7_maxpool13.csv'));
  assert.deepEqual(s.steps.output.values, golden, 'the 13x13 is the exact max pool of the 26x26');
  assert.deepEqual(s.steps.formula, ['floor((26 - 2) / 2) + 1 = 13', 'floor((26 - 2) / 2) + 1 = 13']);
  assert.equal(s.steps_view.renderer, 'shader', `value colours come from shaders/heatmap.*: ${s.steps_view.shader_error}`);

  // The shader's colours: viridis from the lowest value (dark purple) to the
  // highest (yellow), and grey for output cells not yet written.
  const VIRIDIS_LO = [68, 1, 84], VIRIDIS_HI = [253, 231, 37], EMPTY = [232, 232, 228];
  const centre = (layout, r, c) => [layout.x + (c + 0.5) * layout.cell, layout.y + (r + 0.5) * layout.cell];
  const input = s.steps.input.values;
  const hi = Math.max(...input.flat());
  const find = (grid, v) => { const r = grid.findIndex((row) => row.includes(v)); return [r, grid[r].indexOf(v)]; };
  const [hr, hc] = find(input, hi);
  await page.mouse.move(0, 0);
  assertColour(await pixel(page, ...centre(s.steps_view.input_layout, hr, hc)), VIRIDIS_HI, `input cell with the maximum ${hi}`);
  assertColour(await pixel(page, ...centre(s.steps_view.input_layout, 0, 20)), VIRIDIS_LO, 'input cell with 0');
  assertColour(await pixel(page, ...centre(s.steps_view.output_layout, 6, 6)), EMPTY, 'output cell not yet written');
  await page.keyboard.press('End');
  s = await until(page, (x) => x.steps.step === 168, 'last MNIST step');
  const out = s.steps.output.values;
  const [or, oc] = find(out, hi);
  assertColour(await pixel(page, ...centre(s.steps_view.output_layout, or, oc)), VIRIDIS_HI, 'output cell with the maximum');
  assertColour(await pixel(page, ...centre(s.steps_view.output_layout, 0, 0)), VIRIDIS_LO, 'output cell with 0');
  await shot(page, 'web-mnist-1x');

  await page.keyboard.press('p');  // same padding on 26: still 13, no padding needed
  s = await until(page, (x) => x.steps.padding === 'same', 'same padding');
  assert.deepEqual(s.steps.formula, ['ceil(26 / 2) = 13', 'ceil(26 / 2) = 13']);
  await page.keyboard.press('1');
  s = await until(page, (x) => x.steps.preset === 'course', 'course preset');
  assert.equal(s.steps.padding, 'valid');
}));

test('a window larger than the input is explained, keeps the input, and same padding recovers', () => withApp(url, {}, async ({ page }) => {
  for (const k of ['w', 'w', 'w']) await page.keyboard.press(k);  // window 2 -> 5 on a 4x4 input
  let s = await until(page, (x) => x.steps.size[0] === 5, 'window 5');
  assert.equal(s.steps.error, "the window (5 rows) is larger than the input (4 rows); with 'valid' padding every window must fit. Use a smaller window or 'same' padding.");
  assert.equal(s.steps.formula[1], "the window (5 columns) is larger than the input (4 columns); with 'valid' padding every window must fit. Use a smaller window or 'same' padding.");
  assert.equal(s.steps.steps, 0);
  assert.deepEqual(s.steps.input.values, [[1, 3, 4, 8], [2, 9, 1, 2], [6, 1, 3, 5], [0, 4, 2, 1]]);
  await page.keyboard.press('Space');  // nothing to play: no crash, no state change
  await shot(page, 'web-error-1x');
  await page.keyboard.press('p');
  s = await until(page, (x) => x.steps.padding === 'same', 'same padding');
  assert.equal(s.steps.error, '');
  assert.deepEqual(s.steps.formula, ['ceil(4 / 2) = 2', 'ceil(4 / 2) = 2']);
  // Padding 3 in all, 1 before and 2 after: windows cover rows/cols 0-3 and 1-3, all holding the 9.
  assert.deepEqual(s.steps.output.values, [[9, 9], [9, 9]]);
  assert.deepEqual(s.steps.current.window, [-1, -1, 5, 5]);
}));

test('mouse: click a cell to edit it, bad text is refused without losing the edit, hover links cells', () => withApp(url, {}, async ({ page }) => {
  let s = await state(page);
  const at = (layout, r, c) => [layout.x + (c + 0.5) * layout.cell, layout.y + (r + 0.5) * layout.cell];

  // Hovering output (2,2) links it to its window; hovering input (1,1) to output (1,1).
  await page.mouse.move(...at(s.steps_view.output_layout, 1, 1));
  s = await until(page, (x) => x.steps_view.hover_output === 3, 'hover output cell 4');
  await page.mouse.move(...at(s.steps_view.input_layout, 2, 1));
  await until(page, (x) => x.steps_view.hover_input[0] === 2 && x.steps_view.hover_input[1] === 1, 'hover input cell');

  // Click the 9, type 12, Enter: the output follows.
  await page.mouse.click(...at(s.steps_view.input_layout, 1, 1));
  await until(page, (x) => x.steps_view.editing && x.steps_view.editing[0] === 1 && x.steps_view.editing[1] === 1 && x.steps_view.edit_active, 'editor open');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  s = await until(page, (x) => x.steps.input.values[1][1] === 12, 'edited value');
  assert.equal(s.steps.output.values[0][0], 12);
  assert.equal(s.steps.preset, 'custom');
  assert.equal(s.steps_view.editing, null, 'the editor closes after a good value');

  // NaN is refused with a message; the 12 stays.
  await page.mouse.click(...at(s.steps_view.input_layout, 1, 1));
  await until(page, (x) => x.steps_view.editing !== null && x.steps_view.edit_active, 'editor open again');
  await page.keyboard.type('nan');
  await page.keyboard.press('Enter');
  s = await until(page, (x) => x.steps_view.edit_error !== '', 'edit error');
  assert.match(s.steps_view.edit_error, /not a number/);
  assert.equal(s.steps.input.values[1][1], 12);
  await shot(page, 'web-edit-error-1x');
  await page.keyboard.press('Escape');
  await until(page, (x) => x.steps_view.editing === null, 'editor closed');

  // Clicking an output cell jumps to its step.
  await page.mouse.click(...at(s.steps_view.output_layout, 1, 0));
  await until(page, (x) => x.steps.step === 2, 'jump to step 3');
}));

test('2x screens: the canvas has twice the pixels and follows window resizes', () => withApp(url, { scale: 2 }, async ({ page, context }) => {
  let s = await state(page);
  assert.equal(s.ratio, 2);
  assert.deepEqual(await page.evaluate(() => [canvas.width, canvas.height]), [2560, 1600]);
  await shot(page, 'web-course-2x');
  await page.setViewportSize({ width: 800, height: 600 });
  await page.waitForFunction(() => canvas.width === 1600 && canvas.height === 1200);
  s = await until(page, (x) => x.steps_view.input_layout.x + x.steps_view.input_layout.cell * 4 < 800, 'layout refits');
  await shot(page, 'web-small-2x');

  // Moving to a 1x screen: the canvas and the fonts follow the new ratio.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 1, mobile: false });
  await page.waitForFunction(() => devicePixelRatio === 1 && canvas.width === 800 && canvas.height === 600);
  s = await until(page, (x) => x.ratio === 1, 'ratio 1');
  await shot(page, 'web-small-after-ratio-change');
}));

test('a 4K screen (1920×1080 CSS pixels at 2x): crisp, and the scene grows to use the space', () => withApp(url, { scale: 2, width: 1920, height: 1080 }, async ({ page }) => {
  const s = await until(page, (x) => x.ratio === 2 && x.steps_view.input_layout.cell > 0, 'the course example at 2x');
  assert.deepEqual(await page.evaluate(() => [canvas.width, canvas.height]), [3840, 2160]);
  const L = s.steps_view.input_layout, O = s.steps_view.output_layout;
  assert.ok(L.cell >= 80, `input cells are large on a large screen: ${L.cell} CSS px`);
  assert.ok(L.x >= 0 && L.y >= 0 && L.y + 4 * L.cell <= 1080, `input grid inside: ${JSON.stringify(L)}`);
  assert.ok(O.x + 2 * O.cell <= 1920 && O.y + 2 * O.cell <= 1080, `output grid inside: ${JSON.stringify(O)}`);
  await page.keyboard.press('ArrowRight');
  await until(page, (x) => x.steps.step === 1, 'still driven by the keyboard');
  await shot(page, 'web-4k');
}));

test('without WebGL2 the page says so in words', async () => {
  const { context, close } = await launch({ extraFlags: ['--disable-webgl', '--disable-3d-apis'] });
  try {
    const { page } = await openApp(context, url);
    await page.waitForSelector('#overlay.error', { timeout: 15000 });
    const text = await page.textContent('#status');
    assert.match(text, /needs WebGL2/);
    await shot(page, 'web-no-webgl2');
  } finally {
    await close();
  }
});

test('on a slow connection the loading box shows the download as it comes in, then gives way to the app', async () => {
  const { context, close } = await launch({});
  try {
    const page = context.pages()[0] || (await context.newPage());
    // About 400 KB/s: poollab.wasm takes a couple of seconds.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 400 * 1024, uploadThroughput: 100 * 1024 });
    // Whether the box is shown when the page has just been parsed (the load event waits for the preloaded wasm).
    await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      window.__overlayAtStart = document.getElementById('overlay').className;
    }));
    await page.goto(url);
    assert.equal(await page.evaluate(() => window.__overlayAtStart), 'hidden', 'no loading box at first (a quick start shows none)');
    await page.waitForSelector('#overlay:not(.hidden) #progress:not([hidden])', { timeout: 15000 });
    const progress = await page.evaluate(() => [document.getElementById('progress').value, document.getElementById('status').textContent]);
    assert.ok(progress[0] > 0 && progress[0] <= 100, `a partly full bar: ${progress[0]}`);
    assert.match(progress[1], /^Loading PoolLab… \d+ of \d+ KB$/);
    await shot(page, 'web-loading-slow');
    await page.waitForFunction(() => window.poollab.ready, null, { timeout: 60000 });
    await page.waitForSelector('#overlay.hidden', { timeout: 5000 });
    assert.equal((await state(page)).steps.preset, 'course');
  } finally {
    await close();
  }
});

test('the cell editor keeps a typed value on a click elsewhere, and names a bad one it could not set', () => withApp(url, {}, async ({ page }) => {
  let s = await state(page);
  const at = (layout, r, c) => [layout.x + (c + 0.5) * layout.cell, layout.y + (r + 0.5) * layout.cell];
  await page.mouse.click(...at(s.steps_view.input_layout, 0, 0));
  await until(page, (x) => x.steps_view.editing && x.steps_view.edit_active, 'editor open');
  await page.keyboard.type('7');
  // A click on an empty part of the stage, far from the popup: the 7 is set, not thrown away.
  await page.mouse.click(s.steps_view.output_layout.x + s.steps_view.output_layout.cell * 2 + 40, 700);
  s = await until(page, (x) => x.steps_view.editing === null && x.steps.input.values[0][0] === 7, 'the value kept');
  // Typing into one cell, then clicking another: the first keeps its value (the click closes the editor; the next opens the other).
  // (Once in a full run this click did not open the editor; a second click does. What this test checks is the value kept.)
  const openOn = async (r, c) => {
    for (let attempt = 0; attempt < 2; ++attempt) {
      await page.mouse.click(...at(s.steps_view.input_layout, r, c));
      try {
        return await until(page, (x) => x.steps_view.editing && x.steps_view.editing[0] === r && x.steps_view.editing[1] === c && x.steps_view.edit_active,
                           `editor on (${r + 1}, ${c + 1})`, 3000);
      } catch (e) { if (attempt) throw e; }
    }
  };
  await openOn(0, 1);
  await page.keyboard.type('5');
  await page.mouse.click(...at(s.steps_view.input_layout, 3, 3));
  s = await until(page, (x) => x.steps.input.values[0][1] === 5, 'moved on, 5 kept');
  await until(page, (x) => x.steps_view.editing === null || x.steps_view.editing[0] === 3, 'settled');
  if ((await state(page)).steps_view.editing === null) await page.mouse.click(...at(s.steps_view.input_layout, 3, 3));
  await until(page, (x) => x.steps_view.editing && x.steps_view.editing[0] === 3 && x.steps_view.edit_active, 'editor on (4, 4)');
  // A bad value left behind is named, not silently lost.
  await page.keyboard.type('x');
  await page.mouse.click(s.steps_view.output_layout.x + s.steps_view.output_layout.cell * 2 + 40, 700);
  s = await until(page, (x) => x.steps_view.editing === null, 'closed');
  assert.equal(s.steps.input.values[3][3], 1);
  assert.match(s.steps_view.notice, /row 4, column 4 was not changed: .*not a number/i);
}));
