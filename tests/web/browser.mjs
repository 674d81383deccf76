// Shared set-up for the browser tests: serve the built site on 127.0.0.1
// (optionally with the strict CSP course sites send), and launch Debian's
// Chromium through playwright-core with a fresh profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { createServer } from '../../web/serve.mjs';

export const SITE = process.env.POOLLAB_SITE || path.resolve('build/web/site');
export const SHOTS = process.env.POOLLAB_SHOTS || path.resolve('build/screenshots');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

export async function serve({ csp = true } = {}) {
  if (!fs.existsSync(path.join(SITE, 'poollab.js'))) {
    throw new Error(`no web build in ${SITE}: run cmake --preset web && cmake --build --preset web`);
  }
  const server = createServer(SITE, { csp });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

// A browser context with its own profile directory; extraFlags e.g. to switch WebGL off.
// touch: a touch screen (Playwright's hasTouch), for taps and CDP touch drags.
export async function launch({ scale = 1, width = 1280, height = 800, extraFlags = [], touch = false } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    acceptDownloads: true,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, ...extraFlags],
    viewport: { width, height },
    deviceScaleFactor: scale,
    hasTouch: touch,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Opens the app and records console errors, page errors, CSP violations and bytes loaded.
export async function openApp(context, url) {
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  // The first load: everything fetched up to the first frame. The sample
  // pictures the page fetches just after it are counted apart (`later`).
  let bytes = 0, gzipped = 0;
  const files = {}, later = {};
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      const name = new URL(r.url()).pathname;
      if (name.includes('/samples/')) {
        later[name] = body.length;
        return;
      }
      bytes += body.length;
      gzipped += zlib.gzipSync(body, { level: 9 }).length;
      files[name] = body.length;
    } catch { /* redirects have no body */ }
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, problems, loaded: () => ({ bytes, files, gzipped, later }) };
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
}

export const state = (page) => page.evaluate(() => window.poollab.state());

// Waits until pred(state) holds (frames run on requestAnimationFrame) and returns that state.
export async function until(page, pred, what, timeout = 10000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await state(page);
    if (s && pred(s)) return s;
    await page.waitForTimeout(30);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(s && s.steps).slice(0, 600)}`);
}

export function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

export function readCsv(file) {
  return fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).map((line) => line.split(',').map(Number));
}

// The colour of one CSS pixel of the page, as [r, g, b]. A 1x1 PNG needs no
// decoder beyond zlib: with a single pixel every PNG row filter is the identity.
export async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 }, scale: 'css' });
  const idat = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return [raw[1], raw[2], raw[3]];
}

export function assertColour(actual, expected, what, tolerance = 8) {
  const off = actual.some((v, i) => Math.abs(v - expected[i]) > tolerance);
  if (off) throw new Error(`${what}: colour ${JSON.stringify(actual)}, expected about ${JSON.stringify(expected)}`);
}

// Runs body({ page, context, loaded }) against a freshly launched app that has
// drawn its first frame, then checks the page logged no errors and broke no
// CSP rule, and closes the browser whatever happens.
export async function withApp(url, options, body) {
  const { context, close } = await launch(options);
  try {
    const { page, problems, loaded } = await openApp(context, url);
    await waitReady(page);
    await body({ page, context, loaded });
    const violations = await page.evaluate(() => window.__cspViolations);
    if (problems.length || violations.length) {
      throw new Error(`the page reported problems: ${JSON.stringify([...problems, ...violations])}`);
    }
  } finally {
    await close();
  }
}
