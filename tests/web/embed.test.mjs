// Embedding in headless Chromium: the example course page (served with the
// strict CSP course sites send) turns its divs into PoolLab figures in their
// configured states; the page drives a figure through the postMessage API and
// hears its state changes; nothing breaks the CSP, in the page or the frames.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const frameState = (frame) => frame.evaluate(() => window.poollab.state());

test('a course page with three embedded figures, driven through postMessage', async () => {
  const { context, close } = await launch({ height: 1000 });
  try {
    const { page, problems } = await openApp(context, url + 'web/course-example.html');
    await page.waitForFunction(() => document.querySelectorAll('div.poollab iframe').length === 3);
    const frames = [];
    for (const id of ['steps-figure', 'shift-figure', 'fields-figure']) {
      const handle = await page.$(`#${id} iframe`);
      const frame = await handle.contentFrame();
      await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
      frames.push(frame);
    }
    let s = await frameState(frames[0]);
    assert.equal(s.scene, 'steps');
    assert.equal(s.embed, true);
    assert.equal(s.steps.step, 1);
    s = await frameState(frames[1]);
    assert.equal(s.scene, 'shift');
    assert.equal(s.controls, false);
    assert.deepEqual(s.shift.shift, [1, -1]);
    s = await frameState(frames[2]);
    assert.deepEqual(s.fields.unit, [2, 2, 2]);
    assert.equal((await page.$eval('#fields-figure iframe', (f) => f.getBoundingClientRect().height)), 520);
    await shot(page, 'web-course-page');

    // The page's own button calls figure.poollab.step(1); the figure tells the page.
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('status').textContent === 'The figure is at step 3.');
    assert.equal((await frameState(frames[0])).steps.step, 2);
    const st = await page.evaluate(() => document.getElementById('steps-figure').poollab.getState());
    assert.equal(st.scene, 'steps');
    assert.match(st.fragment, /(^|&)step=3(&|$)/);
    await page.evaluate(() => document.getElementById('steps-figure').poollab.setState('v=1&scene=steps&op=min&in=course'));
    s = await frameState(frames[0]);
    assert.equal(s.steps.op, 'min');
    assert.equal(s.embed, true, 'a set-state without embed keeps the figure embedded');

    // Unknown messages, malformed ones and messages from anyone but the parent are ignored.
    await page.evaluate(() => {
      const w = document.querySelector('#steps-figure iframe').contentWindow;
      w.postMessage({ poollab: 1, type: 'explode' }, '*');
      w.postMessage('step', '*');
      w.postMessage({ poollab: 1, type: 'set-state', fragment: 42 }, '*');
    });
    await frames[0].evaluate(() => window.postMessage({ poollab: 1, type: 'step', count: 3 }, '*'));  // from itself, not its parent
    await page.waitForTimeout(300);
    s = await frameState(frames[0]);
    assert.equal(s.steps.op, 'min');
    assert.equal(s.steps.step, 0);

    for (const f of [page, ...frames]) assert.deepEqual(await f.evaluate(() => window.__cspViolations || []), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('every data-* attribute reaches the figure as a link field; the app names the ones it cannot use', async () => {
  const { context, close } = await launch({ height: 1000 });
  try {
    const { page, problems } = await openApp(context, url + 'web/course-example.html');
    await page.waitForFunction(() => document.querySelectorAll('div.poollab iframe').length === 3);
    // A figure of the picture scene, whose fields embed.js never listed by hand, and one field no scene has.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.className = 'poollab';
      div.id = 'picture-figure';
      Object.assign(div.dataset, { scene: 'image', src: 'cat', tab: 'features', k1: 'blur-3', relu: '0', colour: 'red', height: '400' });
      document.querySelector('main').appendChild(div);
      window.PoolLabEmbed.mount();
    });
    const src = await page.$eval('#picture-figure iframe', (f) => f.src);
    assert.match(src, /#v=1&embed=1&scene=image&src=cat&tab=features&k1=blur-3&relu=0&colour=red$/);
    assert.doesNotMatch(src, /height=/, "embed.js's own attributes stay in the page");
    const frame = await (await page.$('#picture-figure iframe')).contentFrame();
    await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
    await frame.waitForFunction(() => window.poollab.state().image.source === 'cat', null, { timeout: 30000 });
    const s = await frameState(frame);
    assert.equal(s.scene, 'image');
    assert.equal(s.image_view.tab, 'features');
    assert.equal(s.image.relu, false);
    assert.equal(s.image.stages[0].kernel_name, 'blur-3');
    assert.deepEqual(s.link_notices, ["ignored the unknown field 'colour'"]);
    assert.equal(await page.$eval('#picture-figure iframe', (f) => f.getBoundingClientRect().height), 400);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
