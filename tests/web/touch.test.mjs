// Touch screens in headless Chromium: one finger acts as the mouse's left
// button (web/shell.js turns touches into mouse events, since Emscripten
// 3.1.6's GLFW presses where the mouse last was and never follows a finger).
// Taps click, drags draw and pan, and zoom and erase have buttons, not pinches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp, until, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

// A one-finger drag through the given points (CSS pixels), as a touch screen sends it.
async function drag(page, points) {
  const cdp = await page.context().newCDPSession(page);
  const at = ([x, y]) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]) });
  for (const p of points.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
    await page.waitForTimeout(20);  // a finger moves over several frames
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('a tap on a cell opens its editor where the finger is, not where the mouse last was', () => withApp(url, { touch: true }, async ({ page }) => {
  const s = await until(page, (x) => x.steps_view.input_layout.cell > 0, 'the course example');
  const L = s.steps_view.input_layout;
  await page.touchscreen.tap(L.x + 2.5 * L.cell, L.y + 1.5 * L.cell);  // row 2, column 3
  const e = await until(page, (x) => x.steps_view.editing !== null, 'the cell editor');
  assert.deepEqual(e.steps_view.editing, [1, 2]);
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  const t = await until(page, (x) => x.steps_view.editing === null && x.steps.input.values[1][2] === 42, 'the edit applied');
  assert.deepEqual(t.steps.output.values, [[9, 42], [6, 5]]);
}));

test('a finger draws on the digit pad, erases once "erase" is tapped, and pans, zooms and pins in the feature maps', () =>
  withApp(url + '#v=1&scene=image&src=checkerboard&tab=digit', { touch: true }, async ({ page }) => {
    let s = await until(page, (x) => x.image_view.tab === 'digit' && x.image_view.layouts.digit, 'the digit tab');
    const ink = s.image.digit_ink;
    const D = s.image_view.layouts.digit;
    const row = (r) => Array.from({ length: 11 }, (_, i) => [D.x + (4 + 2 * i) * D.cell, D.y + r * D.cell]);
    await drag(page, row(24));
    s = await until(page, (x) => x.image.digit_ink > ink + 15, 'a stroke drawn with a finger');
    const drawn = s.image.digit_ink;
    await shot(page, 'web-touch-digit');

    // Erase: the panel's radio button, tapped; then the same stroke takes the ink away again.
    const radio = await page.evaluate(() => window.poollab.state().image_view.erase);
    assert.equal(radio, false);
    await tapText(page, 'erase');
    s = await until(page, (x) => x.image_view.erase === true, 'erase mode');
    await drag(page, row(24));
    s = await until(page, (x) => x.image.digit_ink < drawn - 15, 'the stroke erased with a finger');

    // Feature maps: zoom in with the panel's + button, pan with a finger, tap a pooled cell to pin it.
    await page.keyboard.press('[');
    s = await until(page, (x) => x.image_view.tab === 'features' && x.image_view.layouts['pooled 1'], 'the feature-map tab');
    const M = s.image_view.layouts['pooled 1'];
    const cx = M.x + 0.5 * M.cols * M.cell, cy = M.y + 0.5 * M.rows * M.cell;  // the map's middle, which zoom keeps
    await tapText(page, '+');
    s = await until(page, (x) => x.image_view.zoom > 1.4, 'zoomed in by a tap');
    const centre = s.image_view.center;
    await drag(page, Array.from({ length: 6 }, (_, i) => [cx - 8 * i, cy]));
    s = await until(page, (x) => x.image_view.center[0] > centre[0] + 0.01, 'panned by a finger');
    assert.equal(s.image_view.pinned[0], -1, 'a drag pans; it does not pin');
    await page.touchscreen.tap(cx, cy);
    s = await until(page, (x) => x.image_view.pinned[0] === 0, 'a pooled cell pinned by a tap');
    await shot(page, 'web-touch-pinned');
  }));

// Taps the centre of a panel widget found by its label, using the positions
// the app reports for the tests (ImGui draws on the canvas; there is no DOM).
async function tapText(page, label) {
  const at = await page.evaluate((l) => window.poollab.state().image_view.widgets[l], label);
  assert.ok(at, `the app reports where '${label}' is`);
  await page.touchscreen.tap(at[0], at[1]);
}
