// The layout check in the browser: the app's own check (app/widgets/layout_check.h)
// reads the glyphs it drew and names text cut where nothing scrolls and text
// drawn over other text. tests/desktop_layout.sh runs every size on the
// desktop build (the same layout code); here a small embed at 2x and a large
// page confirm the web build agrees. POOLLAB_LAYOUT=all checks every size here
// too. Screenshots of every case are saved (SHOTS/layout/) for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, waitReady, shot } from './browser.mjs';

const FIGURES = [
  ['steps', 'scene=steps'],
  ['steps-mnist7', 'scene=steps&in=mnist7'],
  ['shift', 'scene=shift&tab=shift'],
  ['shift-compare', 'scene=shift&tab=compare'],
  ['shift-sweep', 'scene=shift&tab=sweep'],
  ['shift-stacking', 'scene=shift&tab=stacking'],
  ['shift-fabric', 'scene=shift&tab=fabric'],
  ['fields', 'scene=fields'],
  ['image-pyramid', 'scene=image&tab=pyramid'],
  ['image-features', 'scene=image&tab=features'],
  ['image-digit', 'scene=image&tab=digit'],
];
// [width, height, device pixel ratio, embedded]
const SIZES = [
  [480, 320, 1, true], [480, 320, 2, true], [700, 440, 1, true], [700, 440, 2, true],
  [480, 320, 1, false], [700, 440, 1, false],
  [1024, 640, 1, false], [1280, 800, 1, false], [1280, 800, 2, false],
  [1920, 1080, 1, false], [1920, 1080, 2, false], [3840, 2160, 1, false],
];
export { FIGURES, SIZES };
// Known not to fit yet at 480×320 (the smallest embed): the layer table's
// columns and the grid captions, the picture scene's long map titles, the
// sweep's legend, and the full app's shift and stacking titles beside its
// panel. Reported, not failed; every other figure and size must be clean.
const KNOWN = new Set(['fields@480x320', 'image-features@480x320', 'image-pyramid@480x320', 'shift@480x320',
  'shift-stacking@480x320', 'shift-sweep@480x320']);

// Waits until the app has stopped drawing (it draws on demand and settles).
async function settled(page) {
  let last = -1;
  for (let i = 0; i < 100; ++i) {
    const frame = await page.evaluate(() => window.poollab.state().frame);
    if (frame === last) return;
    last = frame;
    await page.waitForTimeout(120);
  }
}

export async function checkSize(url, [width, height, scale, embed], figures = FIGURES) {
  const problems = [];
  const { context, close } = await launch({ width, height, scale });
  try {
    const { page } = await openApp(context, `${url}index.html#v=1&${figures[0][1]}${embed ? '&embed=1' : ''}`);
    await waitReady(page);
    await page.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['report-layout']));
    for (const [name, link] of figures) {
      await page.evaluate((f) => { location.hash = f; }, `v=1&${link}${embed ? '&embed=1' : ''}`);
      await page.waitForTimeout(50);
      await settled(page);
      const s = await page.evaluate(() => window.poollab.state());
      const tag = `${name}-${width}x${height}@${scale}x${embed ? '-embed' : ''}`;
      await shot(page, `layout/${tag}`);
      const l = s.layout;
      const known = KNOWN.has(`${name}@${width}x${height}`);
      if (!l || l.glyphs === 0) problems.push(`${tag}: no text drawn`);
      else if (known) {
        if (l.clipped.length + l.overlaps.length) console.log(`known: ${tag}: ${[...l.clipped, ...l.overlaps].join(' | ')}`);
      } else {
        for (const c of l.clipped) problems.push(`${tag}: cut "${c}"`);
        for (const o of l.overlaps) problems.push(`${tag}: overlap "${o}"`);
        if (l.smallest_text < 12 * s.growth - 0.01) problems.push(`${tag}: text of ${l.smallest_text} px`);
        // Text grows with a large frame (core/frame_scale.h).
        const growth = Math.max(1, Math.min(2.5, Math.floor(Math.min(width / 1280, height / 800) * 4) / 4));
        if (s.growth !== growth) problems.push(`${tag}: text growth ${s.growth}, expected ${growth}`);
      }
    }
  } finally {
    await close();
  }
  return problems;
}

test('every scene and tab fits every size, at 1x and 2x', { timeout: 600000 }, async () => {
  const { server, url } = await serve();
  try {
    const problems = [];
    // POOLLAB_LAYOUT=480x320,1280x800 checks only those sizes, =all every one.
    const only = (process.env.POOLLAB_LAYOUT || '480x320@2-embed,1920x1080@1').split(',').filter(Boolean);
    for (const size of SIZES) {
      const [w, h, scale, embed] = size;
      const names = [`${w}x${h}`, `${w}x${h}@${scale}${embed ? '-embed' : ''}`];
      if (!only.includes('all') && !names.some((n) => only.includes(n))) continue;
      problems.push(...(await checkSize(url, size)));
    }
    assert.deepEqual(problems, []);
  } finally {
    server.close();
  }
});
