// End-to-end test of the receptive-field scene in headless Chromium: build a
// stack through the UI (keys), read the table back, click a unit and check
// the highlighted region, remove the pooling, and break the stack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp, until, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

test('receptive fields: build conv, pool, conv; the table and the clicked unit\'s field follow', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  let s = await until(page, (x) => x.scene === 'fields', 'fields scene');
  assert.equal(s.fields.preset, 'conv-pool-conv');

  await page.keyboard.press('3');  // two 3x3 convs on 16×16×1
  s = await until(page, (x) => x.fields.preset === 'two-convs', 'two convs');
  assert.deepEqual(s.fields.layers.map((l) => l.rf), [[3, 3], [5, 5]]);
  await page.keyboard.type('xxcmc');  // in one burst: several keys can land in one frame
  s = await until(page, (x) => x.fields.layers.length === 3 && x.fields.layers[2].type === 'conv2d', 'conv, pool, conv');
  assert.deepEqual(s.fields.layers.map((l) => l.shape), ['14×14×8', '7×7×8', '5×5×8']);
  assert.deepEqual(s.fields.layers.map((l) => l.params), [80, 0, 584]);
  assert.deepEqual(s.fields.layers.map((l) => l.rf), [[3, 3], [4, 4], [8, 8]]);
  assert.equal(s.fields.total_params, 664);
  assert.equal(s.fields.preset, 'custom');

  // Click unit (row 1, column 2) of the last conv: it sees input rows 2-9, columns 4-11.
  await until(page, (x) => x.fields_view.boxes.length === 4, 'four grids drawn');
  s = await until(page, (x) => x.fields_view.boxes[3].layer === 2, 'the last conv drawn');
  const L = s.fields_view.boxes[3].layout;
  await page.mouse.click(L.x + 2.5 * L.cell, L.y + 1.5 * L.cell);
  s = await until(page, (x) => x.fields.unit[0] === 2 && x.fields.unit[1] === 1 && x.fields.unit[2] === 2, 'unit picked');
  assert.deepEqual(s.fields.region, [2, 9, 4, 11]);
  assert.match(s.fields.explanation, /sees 8×8 input pixels/);
  assert.match(s.fields.explanation, /Without the pooling layers it would see only 5×5/);
  await page.mouse.move(0, 0);
  await shot(page, 'web-fields-1x');

  await page.keyboard.press('u');  // remove the pooling layers
  s = await until(page, (x) => x.fields.without_pool, 'without pooling');
  assert.deepEqual(s.fields.layers.map((l) => l.rf), [[3, 3], [5, 5]]);
  await page.keyboard.press('u');
  await until(page, (x) => !x.fields.without_pool, 'pooling back');

  for (const key of ['m', 'm', 'm']) await page.keyboard.press(key);  // 5 -> 2 -> 1 -> a 2x2 pool no longer fits
  s = await until(page, (x) => x.fields.failed === 5, 'the sixth layer fails');
  assert.match(s.fields.error, /^layer 6 \(MaxPooling2D\): the window \(2 rows\) is larger than the input \(1 rows\)/);
  assert.equal(s.fields.layers.length, 5, 'the last valid stack stays on show');
  await shot(page, 'web-fields-error');
}));

test('receptive fields: the published networks', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await until(page, (x) => x.scene === 'fields', 'fields scene');
  await page.keyboard.press('6');
  let s = await until(page, (x) => x.fields.preset === 'alexnet', 'AlexNet');
  assert.equal(s.fields.total_params, 62378344);
  assert.deepEqual(s.fields.layers[7].rf, [195, 195]);
  await page.keyboard.press('7');
  s = await until(page, (x) => x.fields.preset === 'vgg16', 'VGG16');
  assert.equal(s.fields.total_params, 138357544);
  assert.deepEqual(s.fields.layers[17].rf, [212, 212]);
  await shot(page, 'web-fields-vgg16');
}));

test('receptive fields: the model as JSON, shown and loaded through the panel', () => withApp(url, { height: 1100 }, async ({ page }) => {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await until(page, (x) => x.scene === 'fields', 'fields scene');
  // The Try-this card, folded, leaves the whole panel to the controls.
  await page.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['try-fold']));
  let s = await until(page, (x) => x.try_folded && x.fields_view.json_load[1] > 0, 'fields scene, the card folded');
  const v = s.fields_view;
  assert.ok(v.json_load[1] < 1070, `the JSON section is on screen, its Load button inside the panel: ${v.json_load}`);
  await page.mouse.click(...v.json_show);
  s = await until(page, (x) => x.fields_view.json_text.startsWith('{"input":[16,16,1]'), 'the model shown');
  assert.equal(s.fields_view.json_text,
    '{"input":[16,16,1],"layers":[{"type":"conv2d","filters":8,"kernel":3,"stride":1,"padding":"valid","dilation":1},' +
    '{"type":"maxpool","pool":2,"stride":2,"padding":"valid"},{"type":"conv2d","filters":8,"kernel":3,"stride":1,"padding":"valid","dilation":1}]}');

  const replace = async (text) => {
    await page.mouse.click(...v.json_text_box);
    await page.keyboard.press('Control+a');
    await page.keyboard.type(text);
    await page.mouse.click(...v.json_load);
  };
  await replace('{"input": [8, 8, 1], "layers": [{"type": "maxpool", "size": 2}]}');
  s = await until(page, (x) => x.fields_view.json_error !== '', 'a refusal');
  assert.equal(s.fields_view.json_error, 'layer 1 (maxpool): unknown field "size"');
  assert.equal(s.fields.layers.length, 3, 'the stack is unchanged');
  await replace('{"input": [8, 8, 1], "layers": [{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "maxpool"}]}');
  s = await until(page, (x) => x.fields_view.json_error === '' && x.fields.layers.length === 2, 'loaded');
  assert.deepEqual(s.fields.layers.map((l) => [l.type, l.shape, l.rf]), [['conv2d', '6×6×4', [3, 3]], ['maxpool', '3×3×4', [4, 4]]]);
  assert.equal(s.fields.preset, 'custom');
}));
