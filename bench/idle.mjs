// What an idle PoolLab costs: browser CPU (all Chromium processes, as a share
// of one core) and frames drawn over 5 s of idle after load, for about:blank,
// one figure, the three-figure course page, and four figures of which one
// plays its animation. Prints its figures; asserts nothing (the browser tests
// check that an idle figure draws no frames). Run by scripts/bench.sh:
//   node bench/idle.mjs build/web/site
import { chromium } from 'playwright-core';
import { createServer } from '../web/serve.mjs';

const SITE = process.argv[2] || 'build/web/site';
const SECONDS = 5;
const FLAGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

const server = createServer(SITE, { csp: true });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
const cdp = await browser.newBrowserCDPSession();
const cpuSeconds = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, p) => sum + p.cpuTime, 0);

// The app's frame counter in the page itself and in each PoolLab iframe.
async function figures(page) {
  const all = [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())];
  const out = [];
  for (const f of all) {
    if (await f.evaluate(() => !!(window.poollab && window.poollab.ready)).catch(() => false)) out.push(f);
  }
  return out;
}
const frameCount = (f) => f.evaluate(() => window.poollab.state().frame);

async function measure(name, url, ready, act) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  if (ready) await page.waitForFunction(ready, null, { timeout: 60000 });
  await page.waitForTimeout(1500);  // let loading settle (sample prefetch, first frames)
  if (act) await act(page);
  const figs = await figures(page);
  const before = await Promise.all(figs.map(frameCount));
  const cpu0 = await cpuSeconds();
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const cpu = (await cpuSeconds()) - cpu0;
  const wall = (Date.now() - t0) / 1000;
  const after = await Promise.all(figs.map(frameCount));
  const drawn = after.map((n, i) => n - before[i]);
  const fps = drawn.map((n) => (n / wall).toFixed(1)).join(', ');
  console.log(`  ${name.padEnd(44)} CPU ${(100 * cpu / wall).toFixed(1).padStart(5)}% of one core` +
              (figs.length ? `   frames/s per figure: ${fps}` : ''));
  await page.close();
}

console.log(`browser CPU and frames over ${SECONDS} s after load (headless Chromium, SwiftShader, this machine):`);
const everyReady = () => {
  const frames = [...document.querySelectorAll('iframe')];
  return frames.length > 0 && frames.every((f) => f.contentWindow.poollab && f.contentWindow.poollab.ready);
};
await measure('about:blank', 'about:blank');
await measure('one figure (index.html), idle', base + 'index.html', () => window.poollab && window.poollab.ready);
await measure('the course page (three figures), idle', base + 'web/course-example.html', everyReady);
await measure('four figures, the first one playing', base + 'bench/four.html', everyReady,
  (page) => page.evaluate(() => document.querySelector('div.poollab').poollab.play()));
await browser.close();
server.close();
