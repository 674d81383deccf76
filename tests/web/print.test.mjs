// Printing a course page (or saving it as PDF): a frame of WebGL prints
// empty, so embed.js keeps a still of each figure (a canvas of class
// poollab-still) that print media shows in the frame's place. The stills are
// the figures as they are now, out of view too, and follow their changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const IDS = ['steps-figure', 'shift-figure', 'fields-figure'];

// The mean colour and the number of distinct colours (in steps of 16) of a
// picture shrunk to 96×48 in the page: enough to tell a figure from a
// blank or a black rectangle, and to see that a still looks like its figure.
function summary(data) {
  const sum = [0, 0, 0];
  const colours = new Set();
  for (let i = 0; i < data.length; i += 4) {
    sum[0] += data[i]; sum[1] += data[i + 1]; sum[2] += data[i + 2];
    colours.add((data[i] >> 4) << 8 | (data[i + 1] >> 4) << 4 | data[i + 2] >> 4);
  }
  return { mean: sum.map((v) => v / (data.length / 4)), colours: colours.size, opaque: data[3] === 255 };
}
async function still(page, id) {
  const { width, height, data } = await page.evaluate((id) => {
    const canvas = document.querySelector(`#${id} canvas.poollab-still`);
    const small = new OffscreenCanvas(96, 48).getContext('2d');
    small.drawImage(canvas, 0, 0, 96, 48);
    return { width: canvas.width, height: canvas.height, data: Array.from(small.getImageData(0, 0, 96, 48).data) };
  }, id);
  return { width, height, ...summary(data) };
}
// The same of what the screen shows of a figure.
async function onScreen(page, id) {
  const frame = await page.$(`#${id} iframe`);
  await frame.scrollIntoViewIfNeeded();
  const png = (await frame.screenshot()).toString('base64');
  return summary(await page.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const small = new OffscreenCanvas(96, 48).getContext('2d');
    small.drawImage(bitmap, 0, 0, 96, 48);
    return Array.from(small.getImageData(0, 0, 96, 48).data);
  }, png));
}
// The figure's still once it differs from the one given (or after 5 s, as it is).
async function stillChanged(page, id, from) {
  const t0 = Date.now();
  let now = from;
  while (Date.now() - t0 < 5000 && JSON.stringify(now.mean) === JSON.stringify(from.mean)) {
    await page.waitForTimeout(100);
    now = await still(page, id);
  }
  return now;
}
const pngSize = (dataUrl) => {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  assert.equal(bytes.toString('latin1', 1, 4), 'PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
};

test('printed, each figure is a still of itself, fresh after a change; on screen the frames are back', async () => {
  const { context, close } = await launch({ height: 700 });
  try {
    const { page, problems } = await openApp(context, url + 'web/course-example.html');
    await page.waitForFunction(() => document.querySelectorAll('div.poollab iframe').length === 3);
    for (const id of IDS) {
      const frame = await (await page.$(`#${id} iframe`)).contentFrame();
      await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
    }
    // Every figure gets its still, the one below the fold (which draws nothing) too.
    await page.waitForFunction(() => document.querySelectorAll('div.poollab.poollab-has-still').length === 3, null, { timeout: 15000 });
    assert.ok(await page.$eval('#fields-figure', (d) => d.getBoundingClientRect().top > window.innerHeight), 'the third figure starts out of view');
    const boxes = {};
    for (const id of IDS) {
      boxes[id] = await page.$eval(`#${id} iframe`, (f) => ({ width: f.clientWidth, height: f.clientHeight }));
      const s = await still(page, id);
      assert.deepEqual([s.width, s.height], [boxes[id].width, boxes[id].height], `${id}: the still has the frame's pixels`);
      assert.ok(s.opaque && s.colours > 20, `${id}: the still is a picture, not a blank (${JSON.stringify(s)})`);
      const seen = await onScreen(page, id);
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(s.mean[c] - seen.mean[c]) < 6, `${id}: the still looks like the figure (${s.mean} vs ${seen.mean})`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));

    // The API's snapshot: a PNG data URL of the frame's size.
    const png = await page.evaluate(() => document.getElementById('steps-figure').poollab.snapshot());
    assert.match(png, /^data:image\/png;base64,/);
    assert.deepEqual(pngSize(png), [boxes['steps-figure'].width, boxes['steps-figure'].height]);

    // A change in the figure renews its still.
    const before = await still(page, 'steps-figure');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('status').textContent === 'The figure is at step 3.');
    const after = await stillChanged(page, 'steps-figure', before);
    assert.notDeepEqual(after.mean, before.mean, 'the still follows the figure to its next step');
    // Changed while out of view, a figure stays asleep and so does its still; back in view it catches up.
    const frame0 = await (await page.$('#steps-figure iframe')).contentFrame();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    await page.evaluate(() => document.getElementById('steps-figure').poollab.setState('v=1&scene=steps&in=mnist7'));
    const frameBefore = (await frame0.evaluate(() => window.poollab.state())).frame;
    await page.waitForTimeout(1000);
    assert.equal((await frame0.evaluate(() => window.poollab.state())).frame, frameBefore, 'no frame drawn out of view');
    assert.deepEqual((await still(page, 'steps-figure')).mean, after.mean);
    await page.evaluate(() => window.scrollTo(0, 0));
    const caughtUp = await stillChanged(page, 'steps-figure', after);
    assert.notDeepEqual(caughtUp.mean, after.mean, 'back in view, the still shows the MNIST map');

    // Print media: the stills in the frames' places, at the frames' aspect.
    await page.emulateMedia({ media: 'print' });
    for (const id of IDS) {
      const shown = await page.$eval(`#${id}`, (div) => {
        const frame = div.querySelector('iframe'), canvas = div.querySelector('canvas.poollab-still');
        const box = canvas.getBoundingClientRect();
        return { frame: getComputedStyle(frame).display, still: getComputedStyle(canvas).display, width: box.width, height: box.height };
      });
      assert.equal(shown.frame, 'none', `${id}: no empty frame in print`);
      assert.equal(shown.still, 'block', `${id}: the still is printed`);
      assert.ok(shown.width > 100, `${id}: the still has a size (${shown.width})`);
      assert.ok(Math.abs(shown.height / shown.width - boxes[id].height / boxes[id].width) < 0.01,
        `${id}: printed at the figure's aspect (${shown.width} x ${shown.height})`);
    }
    await shot(page, 'web-course-page-print');
    // Back on screen: the live frames, no stills.
    await page.emulateMedia({ media: 'screen' });
    for (const id of IDS) {
      assert.equal(await page.$eval(`#${id} iframe`, (f) => getComputedStyle(f).display), 'block');
      assert.equal(await page.$eval(`#${id} canvas.poollab-still`, (c) => getComputedStyle(c).display), 'none');
    }
    for (const f of [page, ...page.frames()]) assert.deepEqual(await f.evaluate(() => window.__cspViolations || []), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
