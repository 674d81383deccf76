// The trained-networks scene in Chromium: its data and weights come only when
// it opens; the pretrained networks score in the page exactly what the CLI
// measured natively; a network trains in the page in slices, its held-out
// accuracy rising, within half a point of the same training natively; a digit
// is dragged and every network's probabilities match the CLI's for that shift;
// and data that cannot load say so and can be fetched again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, withApp, launch, openApp, waitReady, until, shot, state } from './browser.mjs';

const CLI = process.env.POOLLAB_CLI || path.resolve('build/native/poollab');
const WEIGHTS = new URL('../../assets/weights', import.meta.url).pathname;

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

// What scripts/make-weights.sh measured for each preset on the 2,000 held-out digits.
const madeWith = Object.fromEntries(fs.readFileSync(path.join(WEIGHTS, 'accuracy.txt'), 'utf8').trim().split('\n')
  .map((line) => line.split(' ')).map(([name, acc]) => [name, Number(acc)]));

const net = (s, name) => s.train.nets.find((n) => n.preset === name);
const click = (page, s, widget) => {
  const at = s.train_view.widgets[widget];
  assert.ok(at, `the ${widget} button is on screen: ${JSON.stringify(Object.keys(s.train_view.widgets))}`);
  return page.mouse.click(at[0], at[1]);
};

test('opened, the scene fetches its data and pretrained weights, and each network scores what the CLI measured', () => withApp(url, {}, async ({ page }) => {
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.waitForTimeout(500);
  assert.deepEqual(asked.filter((p) => p.includes('/data/')), [], 'nothing of the training data is fetched before the scene opens');
  await page.evaluate(() => { location.hash = '#v=1&scene=train'; });
  let s = await until(page, (x) => x.scene === 'train' && x.train.data_state === 'ready', 'the MNIST digits', 30000);
  assert.equal(s.train.train_count, 8000);
  assert.equal(s.train.test_count, 2000);
  s = await until(page, (x) => x.train.nets.filter((n) => n.shown).every((n) => n.accuracy >= 0), 'every shown network measured', 60000);
  for (const n of s.train.nets.filter((n) => n.shown)) {
    assert.equal(n.status, 'trained', n.preset);
    assert.equal(n.accuracy, madeWith[n.preset], `${n.preset}: the page's held-out accuracy is the native CLI's`);
  }
  assert.ok(asked.includes('/data/mnist.bin.gz') && asked.includes('/data/w-max.bin.gz'), JSON.stringify(asked));
  // The table's answers use the live numbers.
  const max = net(s, 'max');
  assert.match(max.words, /^\d+(\.\d)?× fewer multiply-adds than no pooling, \d+× fewer parameters, and \d+\.\d points? (more|less) accurate/);
  await shot(page, 'web-train-results');
}));

test('the shift tab measures every shift of the networks shown, and draws them as heat maps', () => withApp(url + '#v=1&scene=train&tab=shift&nets=max,blur', {}, async ({ page }) => {
  let s = await until(page, (x) => x.train.data_state === 'ready' && x.train.sweep_wanted, 'the shift tab', 30000);
  s = await until(page, (x) => ['max', 'blur'].every((name) => net(x, name).measured), 'both heat maps', 120000);
  const max = net(s, 'max'), blur = net(s, 'blur');
  assert.equal(max.sweep.length, 169);
  assert.ok(max.sweep[84] > max.sweep[0] + 0.3, `no shift (${max.sweep[84]}) beats a 6-pixel diagonal shift (${max.sweep[0]})`);
  // Blur pooling is the more shift-robust (Zhang 2019): more consistent, fewer 1-pixel flips.
  assert.ok(blur.consistency > max.consistency, `consistency: blur ${blur.consistency}, max ${max.consistency}`);
  assert.ok(blur.flips < max.flips, `1-pixel flips: blur ${blur.flips}, max ${max.flips}`);
  assert.ok(s.train_view.maps['sweep-max'] && s.train_view.maps['sweep-blur'], 'both maps are on screen');
  await shot(page, 'web-train-shift');
}));

test('Train: a network trains in the page in slices, its held-out accuracy rises, and the page keeps answering', () => withApp(url + '#v=1&scene=train&nets=max&epochs=2', {}, async ({ page }) => {
  let s = await until(page, (x) => x.train.data_state === 'ready' && net(x, 'max').accuracy >= 0, 'the pretrained max network', 30000);
  // Frame intervals while it trains: a requestAnimationFrame loop of the test's own fires every frame the main
  // thread is free, so a gap between two of its frames is how long input would have waited then.
  await page.evaluate(() => {
    window.__frameTimes = [];
    const tick = (t) => { window.__frameTimes.push(t); if (window.__frameTimes.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await click(page, s, 'train');
  s = await until(page, (x) => x.train.busy, 'training');
  // While it trains the keys still work: a tab switch shows within a few frames.
  const t0 = Date.now();
  await page.keyboard.press(']');
  await until(page, (x) => x.train.tab === 'shift', 'the tab switch while training');
  const answered = Date.now() - t0;
  s = await until(page, (x) => !x.train.busy, 'the end of training', 120000);
  const times = await page.evaluate(() => { const t = window.__frameTimes; window.__frameTimes = [t[t.length - 1]]; return t; });
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))].toFixed(0);
  const m = net(s, 'max');
  assert.equal(m.status, 'trained');
  assert.match(m.origin, /trained here: 2 epochs, batch 32, seed 1/);
  assert.equal(m.curve.length, 2);
  assert.ok(m.curve[1][0] < m.curve[0][0], `the loss falls: ${JSON.stringify(m.curve)}`);
  assert.ok(m.curve[1][2] > 0.9, `held out after 2 epochs: ${m.curve[1][2]}`);
  // Slices are budgeted at 30 ms; on this loaded 2-core machine the wall clock of a few runs longer (the
  // browser, its software GPU and the test share the cores), but nearly all keep input waiting less than 50 ms.
  // (The figures are reported here and in the README; this asserts only that the work is sliced at all: unsliced,
  // one epoch would hold the page for seconds.)
  assert.ok(s.train.slices > 50 && s.train.slices_over_50ms <= s.train.slices * 0.2 && s.train.longest_slice_ms < 1000,
    `${s.train.slices_over_50ms} of ${s.train.slices} slices took over 50 ms; the longest ${s.train.longest_slice_ms} ms (${s.train.longest_slice_what})`);
  assert.ok(gaps.length > 50 && gaps[gaps.length - 1] < 1000, `frames while training: ${gaps.length}, the longest gap ${pct(1)} ms`);
  // The live curves: points all through the run, ending at epoch 2.
  assert.ok(m.live.length > 20 && m.live[m.live.length - 1][0] > 1.9 && m.live[m.live.length - 1][0] <= 2,
    `live points: ${m.live.length}, last at epoch ${m.live.length && m.live[m.live.length - 1][0]}`);
  console.log(`trained 2 epochs of 8000 digits in the page in ${m.train_seconds.toFixed(1)} s of slices; a key answered in ${answered} ms; ` +
    `${s.train.slices_over_50ms} of ${s.train.slices} slices over 50 ms, the longest ${s.train.longest_slice_ms.toFixed(1)} ms; ` +
    `${gaps.length} frames, intervals median ${pct(0.5)} ms, 95th percentile ${pct(0.95)} ms, longest ${pct(1)} ms`);
  // The same training natively: within half a point.
  s = await until(page, (x) => net(x, 'max').accuracy >= 0, 'the measures of the network trained here', 60000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-train-'));
  const out = execFileSync(CLI, ['train', '--preset', 'max', '--epochs', '2', '--out', path.join(dir, 'max.plwt')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  const native = Number(/held-out accuracy ([\d.]+)%/.exec(out)[1]) / 100;
  assert.ok(Math.abs(net(s, 'max').accuracy - native) <= 0.005, `page ${net(s, 'max').accuracy}, native ${native}`);
  await shot(page, 'web-train-trained');
}));

test('Try it: a dragged digit moves, and every network says what the CLI says of that digit at that shift', () => withApp(url + '#v=1&scene=train&tab=try&digit=7&nets=max,no-pool', {}, async ({ page }) => {
  let s = await until(page, (x) => x.train.data_state === 'ready' && net(x, 'max').status === 'trained' && net(x, 'max').probs.length === 10,
    'the probabilities for test digit 7', 30000);
  const pic = s.train_view.maps.picture;
  const cell = pic.cell;
  const [x0, y0] = [pic.x + 14 * cell, pic.y + 14 * cell];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + cell, y0, { steps: 3 });
  await page.mouse.move(x0 + 3 * cell, y0 - 2 * cell, { steps: 5 });
  await page.mouse.up();
  s = await until(page, (x) => x.train.dx === 3 && x.train.dy === -2, 'the digit dragged 3 right and 2 up');
  s = await until(page, () => true, 'state');  // the probabilities of that frame
  for (const name of ['max', 'no-pool']) {
    const cli = JSON.parse(execFileSync(CLI, ['eval', '--weights', path.join(WEIGHTS, `${name}.plwt`), '--digit', '7', '--at', '3,-2', '--json']).toString());
    const page_probs = net(s, name).probs;
    cli.probabilities.forEach((p, c) => assert.ok(Math.abs(p - page_probs[c]) < 1e-5, `${name}, class ${c}: page ${page_probs[c]}, CLI ${p}`));
    assert.ok(Array.isArray(net(s, name).same_answer), name);
  }
  // The arrow keys move it too, and 0 brings it back.
  await page.keyboard.press('ArrowLeft');
  s = await until(page, (x) => x.train.dx === 2, 'a step left');
  // The gallery shows mistakes of the chosen network at this shift; a click tries one.
  assert.ok(s.train.gallery.length > 0, 'some digit is misread two pixels off');
  // Draw mode paints instead of shifting.
  await click(page, s, 'draw');
  s = await until(page, (x) => x.train_view.draw_mode, 'draw mode');
  await page.mouse.move(x0 - 4 * cell, y0 + 4 * cell);
  await page.mouse.down();
  await page.mouse.move(x0 - 4 * cell, y0 - 4 * cell, { steps: 6 });
  await page.mouse.up();
  s = await until(page, (x) => x.train.drawn, 'a drawing');
  assert.equal(s.train.dx, 2, 'drawing did not move the digit');
  assert.match(s.link, /draw=[0-9a-f]{784}/, 'the link carries the drawing');
  await shot(page, 'web-train-try');
}));

test('data that cannot load say why, offer a retry, and load when it is pressed', async () => {
  const { context, close } = await launch({});
  try {
    let fail = true;
    await context.route('**/data/mnist.bin.gz', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
    const { page } = await openApp(context, url + '#v=1&scene=train');
    await waitReady(page);
    let s = await until(page, (x) => x.train.data_state === 'failed', 'the failed fetch', 30000);
    assert.match(s.train.data_message, /network is unreachable|offline/);
    await shot(page, 'web-train-offline');
    fail = false;
    await click(page, s, 'retry');
    s = await until(page, (x) => x.train.data_state === 'ready', 'the data after a retry', 30000);
    assert.equal(s.train.test_count, 2000);
  } finally {
    await close();
  }
});

test('a stack built in the receptive-field scene goes to the trained networks as "Your stack" and trains there', () => withApp(url + '#v=1&scene=fields&model=28x28x1;c4k3;m2;f;d10', {}, async ({ page }) => {
  let s = await until(page, (x) => x.scene === 'fields' && x.fields_view.train[0] > 0, 'the "Train this stack" button');
  await page.mouse.click(...s.fields_view.train);
  s = await until(page, (x) => x.scene === 'train' && net(x, 'custom'), 'the stack among the networks');
  const mine = net(s, 'custom');
  assert.equal(mine.title, 'Your stack');
  assert.equal(mine.params, 4 * 10 + 13 * 13 * 4 * 10 + 10);
  assert.equal(mine.status, 'untrained');
  assert.match(s.link, /model=28x28x1;c4k3;m2;f;d10/);
  // Train only it, one epoch.
  // Through the page's own entry point (a typed address could race the app writing its link to the address bar).
  await page.evaluate(() => Module.ccall('poollab_open_link', null, ['string'], ['v=1&scene=train&nets=custom&epochs=1']));
  s = await until(page, (x) => x.train.data_state === 'ready' && x.train.nets.filter((n) => n.shown).length === 1 && x.train.settings.epochs === 1, 'only it ticked');
  await click(page, s, 'train');
  s = await until(page, (x) => net(x, 'custom').status === 'trained' && net(x, 'custom').accuracy >= 0, 'it trained and measured', 90000);
  assert.ok(net(s, 'custom').accuracy > 0.85, `one epoch of a small pooled stack: ${net(s, 'custom').accuracy}`);
}));

test('Global pooling only?: on the where task local pooling is right and global pooling alone is left at chance, as the CLI measured', () => withApp(url + '#v=1&scene=train', {}, async ({ page }) => {
  let s = await until(page, (x) => x.train.data_state === 'ready' && x.train_view.widgets.global, 'the digits, and the button', 30000);
  await click(page, s, 'global');
  s = await until(page, (x) => x.train.data === 'where' && x.train.data_state === 'ready', 'the where task', 30000);
  const shown = s.train.nets.filter((n) => n.shown).map((n) => n.preset).sort();
  assert.deepEqual(shown, ['gap', 'global-only', 'gmp', 'max', 'no-pool']);
  s = await until(page, (x) => x.train.nets.filter((n) => n.shown).every((n) => n.accuracy >= 0), 'every shown network measured', 90000);
  for (const n of s.train.nets.filter((n) => n.shown)) {
    assert.equal(n.status, 'trained', `${n.preset} opens trained on the where task`);
    assert.equal(n.accuracy, madeWith['where-' + n.preset], `${n.preset}: the page's accuracy is the CLI's`);
  }
  assert.equal(net(s, 'global-only').accuracy, 0.5);
  assert.ok(net(s, 'max').accuracy >= 0.95 && net(s, 'gap').accuracy >= 0.95, 'local pooling, and pooling before a global head, learn it');
  assert.match(net(s, 'global-only').words, /^About chance \(50\.0%\): it cannot tell where the two parts sit/);
  await shot(page, 'web-train-where');
}));

test('Inside: the gradient through max pooling reaches at most 1 cell in 4, through average pooling more; a map opens large and closes with Esc', () => withApp(url + '#v=1&scene=train&tab=inside&digit=3', {}, async ({ page }) => {
  let s = await until(page, (x) => x.train.data_state === 'ready' && Object.keys(x.train_view.maps).some((k) => k.startsWith('through average')),
    'the Inside maps, both gradients', 60000);
  const share = (prefix) => {
    const key = Object.keys(s.train_view.maps).find((k) => k.startsWith(prefix));
    assert.ok(key, `${prefix}: ${Object.keys(s.train_view.maps).join(' | ')}`);
    return Number(key.match(/: (\d+)% of cells get any/)[1]);
  };
  const viaMax = share('through max pooling'), viaAvg = share('through average pooling');
  assert.ok(viaMax > 0 && viaMax <= 25, `through max pooling ${viaMax}%`);
  assert.ok(viaAvg > viaMax, `through average pooling ${viaAvg}%, max ${viaMax}%`);
  const input = s.train_view.maps[Object.keys(s.train_view.maps).find((k) => k.startsWith('input'))];
  await page.mouse.click(input.x + 14.5 * input.cell, input.y + 14.5 * input.cell);
  s = await until(page, (x) => x.train_view.big.startsWith('input'), 'the picture, large');
  assert.ok(s.train_view.maps.big.cell > input.cell * 2, `large: ${s.train_view.maps.big.cell} against ${input.cell}`);
  await shot(page, 'web-train-inside-big');
  await page.keyboard.press('Escape');
  await until(page, (x) => x.train_view.big === '', 'closed with Esc');
}));
