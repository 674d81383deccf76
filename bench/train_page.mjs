// Training in the page: each preset of the trained-networks scene trained from
// scratch in headless Chromium, as a student would (the Train button pressed,
// the page training in its 30 ms slices a frame while it keeps drawing).
// For each: images a second in the page (over the time spent in training
// slices, and over the wall clock from pressing Train to the last epoch's
// held-out point), and the time from pressing Train to a held-out accuracy of
// at least 95% and 97%, or "not reached" with the best accuracy and the time
// of the last epoch. The held-out accuracy after each epoch is the scene's
// curve point: the first 500 of the 2,000 held-out digits (kTrainCurvePictures),
// so it moves in steps of 0.2 points; the full 2,000-digit accuracy of the
// network at the end is printed beside it. Times are read by polling
// window.poollab.state() every 50 ms (so they are late by up to about that).
// Each preset runs in a fresh load of the page, one after the other, in one
// browser. Prints its figures; asserts nothing. Run by scripts/bench.sh.
// usage: node bench/train_page.mjs [SITE] [--presets max,avg,...] [--epochs 10] [--cap 90] [--poll 50 (ms)]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from '../web/serve.mjs';

const ALL = ['no-pool', 'max', 'avg', 'strided', 'blur', 'gap', 'gmp', 'global-only', 'stages-0', 'stages-1', 'stages-2', 'stages-3'];
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const PRESETS = option('--presets', ALL.join(',')).split(',').filter(Boolean);
const EPOCHS = Number(option('--epochs', 10));
const CAP_S = Number(option('--cap', 90));
const SITE = args[0] || 'build/web/site';
const POLL_MS = Number(option('--poll', 50));
const THRESHOLDS = [0.95, 0.97];
const FLAGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const bad = PRESETS.filter((p) => !ALL.includes(p));
if (bad.length || !(EPOCHS >= 1 && EPOCHS <= 1000) || !(CAP_S > 0)) {
  console.error(`usage: node bench/train_page.mjs [SITE] [--presets ${ALL.join(',')}] [--epochs 1..1000] [--cap SECONDS]` +
    (bad.length ? `\nno preset ${bad.join(', ')}` : ''));
  process.exit(2);
}
if (!fs.existsSync(path.join(SITE, 'poollab.js'))) {
  console.error(`no web build in ${SITE}`);
  process.exit(1);
}

const load1 = () => os.loadavg()[0].toFixed(2);
const server = createServer(SITE, { csp: true });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true, args: FLAGS, viewport: { width: 1280, height: 800 } });
const page = context.pages()[0] || (await context.newPage());
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));

async function until(pred, what, timeout, arg) {
  const t0 = Date.now();
  for (;;) {
    const v = await page.evaluate(pred, arg);
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

// The network's part of the state, and the page's clock.
const look = (name) => {
  const s = window.poollab.state();
  const n = s.train.nets.find((x) => x.preset === name);
  return { now: performance.now(), busy: s.train.busy, status: n.status, message: n.message, curve: n.curve, train_seconds: n.train_seconds,
    images_seen: n.images_seen, accuracy: n.accuracy, slices: s.train.slices, over50: s.train.slices_over_50ms, longest: s.train.longest_slice_ms };
};

async function trainOne(name) {
  const loadBefore = load1();
  await page.goto('about:blank');
  await page.goto(`${base}index.html#v=1&scene=train&nets=${name}&epochs=${EPOCHS}`);
  await page.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
  const ready = await until((n) => {
    const s = window.poollab.state();
    if (s.scene !== 'train' || s.train.data_state !== 'ready') return null;
    const net = s.train.nets.find((x) => x.preset === n);
    return net && net.shown && net.accuracy >= 0 && !s.train.busy ? { count: s.train.train_count, epochs: s.train.settings.epochs, widgets: s.train_view.widgets, pretrained: net.accuracy } : null;
  }, `the ${name} network with its pretrained weights measured`, 180000, name);
  if (ready.epochs !== EPOCHS) throw new Error(`the link asked for ${EPOCHS} epochs; the scene has ${ready.epochs}`);
  if (!ready.widgets.train) throw new Error(`no Train button on screen: ${Object.keys(ready.widgets)}`);
  await page.waitForTimeout(500);  // let the page settle (it draws on demand)

  // Press Train, as the tests do: a click on the button where the page says it is.
  const before = await page.evaluate(look, name);  // the slices of loading and measuring so far, not counted
  const pressedAt = await page.evaluate(() => performance.now());
  await page.mouse.click(ready.widgets.train[0], ready.widgets.train[1]);
  const points = [];  // [held out, page time of the poll that first saw it, train_seconds then]
  let last = null, capped = false, maxSeen = { images: 0, seconds: 0 };
  for (;;) {
    const s = await page.evaluate(look, name);
    for (let k = points.length; k < s.curve.length; ++k) points.push([s.curve[k][2], s.now - pressedAt, s.train_seconds]);
    if (s.images_seen > maxSeen.images) maxSeen = { images: s.images_seen, seconds: s.train_seconds };
    last = s;
    const started = s.busy || s.curve.length > 0;
    if (started && !s.busy) break;
    if (!started && s.now - pressedAt > 10000) throw new Error(`training did not start: ${s.status} ${s.message}`);
    if (s.now - pressedAt > CAP_S * 1000) {
      capped = true;
      await page.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['cancel']));
      break;
    }
    await page.waitForTimeout(POLL_MS);
  }
  const done = !capped && last.status === 'trained';
  // Images trained: every epoch's when it ran to the end, else what the trainer had seen when last looked at.
  const images = done ? points.length * ready.count : maxSeen.images;
  const sliceSeconds = done ? last.train_seconds : maxSeen.seconds;
  const lastEpochAt = points.length ? points[points.length - 1][1] / 1000 : NaN;
  const wallSeconds = done ? lastEpochAt : (last.now - pressedAt) / 1000;
  let full = -1;
  if (done) {
    try {
      full = (await until((n) => { const a = window.poollab.state().train.nets.find((x) => x.preset === n).accuracy; return a >= 0 ? a : null; },
        'the held-out accuracy on all 2,000 digits', 120000, name));
    } catch { /* left as unknown */ }
  }
  const reach = THRESHOLDS.map((thr) => {
    const i = points.findIndex((p) => p[0] >= thr - 1e-9);
    return i < 0 ? null : { epoch: i + 1, seconds: points[i][1] / 1000 };
  });
  const best = points.reduce((b, p, i) => (p[0] > b.acc ? { acc: p[0], epoch: i + 1 } : b), { acc: -1, epoch: 0 });
  return { name, status: capped ? `capped at ${CAP_S} s` : last.status, epochs: points.length, images, sliceRate: images / sliceSeconds,
    wallRate: images / wallSeconds, wallSeconds, reach, best, lastEpochAt, full, pretrained: ready.pretrained, slices: last.slices - before.slices, over50: last.over50 - before.over50,
    longest: last.longest, loadBefore, loadAfter: load1(), curve: points.map((p) => p[0]) };
}

const pct = (a) => (a >= 0 ? (100 * a).toFixed(1) + '%' : '—');
const results = [];
console.log(`Training in the page (headless Chromium, SwiftShader), ${EPOCHS} epochs of 8,000 digits at most, cap ${CAP_S} s a preset; ` +
  `held out = the first 500 held-out digits after each epoch; times from pressing Train; load = 1-minute load average before/after`);
for (const name of PRESETS) {
  try {
    const r = await trainOne(name);
    results.push(r);
    const when = (x) => (x ? `${x.seconds.toFixed(1)} s (ep ${x.epoch})` : 'not reached');
    console.log(`  ${name}: ${r.status}, ${r.epochs} epochs; held out by epoch ${r.curve.map(pct).join(' ')}; ` +
      `${r.sliceRate.toFixed(0)} images/s in slices, ${r.wallRate.toFixed(0)} wall; ≥95% ${when(r.reach[0])}, ≥97% ${when(r.reach[1])}; ` +
      `all 2,000 at the end ${pct(r.full)} (pretrained ${pct(r.pretrained)}); ${(r.slices / r.wallSeconds).toFixed(1)} slices/s; slices over 50 ms ${r.over50}/${r.slices}, longest since load ${r.longest.toFixed(0)} ms; load ${r.loadBefore}/${r.loadAfter}`);
  } catch (e) {
    console.log(`  ${name}: failed: ${e.message.split('\n')[0]}`);
  }
}

const cell = (x, r) => (x ? `${x.seconds.toFixed(1)} s (epoch ${x.epoch})` : `not reached (best ${pct(r.best.acc)} at epoch ${r.best.epoch}; last epoch at ${r.lastEpochAt.toFixed(1)} s)`);
console.log('\n| preset | epochs | images/s (slices) | images/s (wall) | to ≥95% | to ≥97% | last epoch (500) | all 2,000 | load |');
console.log('|---|---:|---:|---:|---|---|---:|---:|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.epochs}${r.status.startsWith('capped') ? ' (capped)' : ''} | ${r.sliceRate.toFixed(0)} | ${r.wallRate.toFixed(0)} | ` +
    `${cell(r.reach[0], r)} | ${cell(r.reach[1], r)} | ${pct(r.curve[r.curve.length - 1])} | ${pct(r.full)} | ${r.loadBefore}/${r.loadAfter} |`);
}
if (problems.length) console.log(`page errors: ${problems.join('; ')}`);

await context.close();
fs.rmSync(profile, { recursive: true, force: true });
server.close();
