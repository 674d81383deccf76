// Time from navigation to the first drawn frame, PoolLab against a bare Dear
// ImGui window built with the same flags, over several loads in headless
// Chromium (medians). bench/idle.mjs measures figures after load.
// Prints its figures; asserts nothing. Run by scripts/bench.sh.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from '../web/serve.mjs';

const SITE = process.argv[2] || 'build/web/site';
const LOADS = 11;
const FLAGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = createServer(SITE, { csp: true });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: FLAGS,
  viewport: { width: 1280, height: 800 } });
const page = context.pages()[0] || (await context.newPage());

// The two pages take turns, load after load, so that a busy spell of the
// machine (two cores shared with the GPU emulation) falls on both alike.
const pages = [
  { url: base + 'bench/bare.html', ready: () => window.firstFrameAt !== undefined, times: [] },
  { url: base + 'index.html', ready: () => window.poollab && window.poollab.ready, times: [] },
];
for (let i = 0; i < LOADS; ++i) {
  for (const p of pages) {
    await page.goto('about:blank');
    await page.goto(p.url);
    await page.waitForFunction(p.ready, null, { timeout: 60000 });
    p.times.push(await page.evaluate(() => window.firstFrameAt || window.poollab.firstFrameAt));
  }
}
const [bare, ours] = pages.map((p) => p.times);
console.log(`first frame after navigation (median of ${LOADS} loads, headless Chromium, SwiftShader):`);
console.log(`  bare Dear ImGui: ${median(bare).toFixed(0)} ms   (${bare.map((t) => t.toFixed(0)).join(', ')})`);
console.log(`  PoolLab:         ${median(ours).toFixed(0)} ms   (${ours.map((t) => t.toFixed(0)).join(', ')})`);
console.log(`  ratio:           ${(median(ours) / median(bare)).toFixed(2)} (target: at most 1.25)`);

await context.close();
fs.rmSync(profile, { recursive: true, force: true });
server.close();
