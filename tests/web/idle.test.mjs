// Good citizens in a course page: an idle figure draws nothing, a figure out
// of view draws nothing, one playing figure leaves the others asleep, the
// student's own saved state is the full app's alone, and the address bar is
// an input too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, withApp, state, until, waitReady } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const framesOver = async (target, ms) => {
  const a = (await target.evaluate(() => window.poollab.state())).frame;
  await new Promise((r) => setTimeout(r, ms));
  return (await target.evaluate(() => window.poollab.state())).frame - a;
};

test('an idle figure draws no frames; input wakes it, and it sleeps again', () => withApp(url, {}, async ({ page }) => {
  await page.waitForTimeout(500);  // the first frames settle
  assert.equal(await framesOver(page, 1000), 0, 'no frames while nothing happens');
  await page.keyboard.press('ArrowRight');
  const s = await until(page, (x) => x.steps.step === 1, 'a key is seen at once');
  assert.ok(s.link.includes('step=2'), `the address bar follows before the app sleeps: ${s.link}`);
  await page.waitForTimeout(500);
  assert.equal(await framesOver(page, 1000), 0, 'asleep again after the key');
  // An animation asks for its frames itself, and the app sleeps when it ends.
  await page.keyboard.press('Space');
  const first = await until(page, (x) => x.steps.playing, 'playing');
  // Frames between the steps, at whatever rate this machine manages (a busy
  // 2-core CI machine with software GL may draw only a few a second): the
  // frame counter moves and the playhead is seen between whole steps.
  const between = new Set();
  const last = await until(page, (x) => {
    if (x.steps.playing && x.steps.playhead % 1 > 0.01) between.add(x.steps.playhead);
    return !x.steps.playing && x.steps.step === 3;
  }, 'played to the last step', 15000);
  assert.ok(last.frame - first.frame >= 3, `a playing animation draws: ${last.frame - first.frame} frames`);
  assert.ok(between.size >= 2, `the window travels between steps: ${[...between]}`);
  await page.waitForTimeout(500);
  assert.equal(await framesOver(page, 1000), 0, 'asleep once the animation ends');
  // A changed fragment in the address bar is an input too.
  await page.evaluate(() => { location.hash = 'v=1&scene=steps&op=min&in=course&step=4'; });
  const t = await until(page, (x) => x.steps.op === 'min' && x.steps.step === 3, 'the typed fragment opens its state');
  assert.deepEqual(t.link_notices, []);
  await page.evaluate(() => { location.hash = 'v=1&scene=steps&op=median'; });
  const u = await until(page, (x) => x.link_notices.length === 1, 'a bad fragment is named, as a link is');
  assert.match(u.link_notices[0], /op=median/);
}));

test('in a course page: a figure out of view draws nothing, one playing leaves the others asleep, and the student\'s state is untouched', async () => {
  const { context, close } = await launch({ height: 700 });
  try {
    // The student's own app, with a state of their own.
    const own = 'v=1&scene=shift&in=cross:16&dx=2&dy=1';
    let { page } = await openApp(context, url + '#' + own);
    await waitReady(page);
    await until(page, (x) => x.scene === 'shift' && x.shift.shift[0] === 2, 'the student\'s state');
    await page.waitForTimeout(800);
    const saved = await page.evaluate(() => localStorage.getItem('poollab.link'));
    assert.match(saved, /scene=shift/);

    await page.goto(url + 'web/course-example.html');
    await page.waitForFunction(() => document.querySelectorAll('div.poollab iframe').length === 3);
    const frames = [];
    for (const id of ['steps-figure', 'shift-figure', 'fields-figure']) {
      const frame = await (await page.$(`#${id} iframe`)).contentFrame();
      await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
      frames.push(frame);
    }
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'no figure takes the focus and scrolls the page on load');
    // The course page's sentence about the receptive-field figure says what the figure shows.
    const said = await page.evaluate(() => document.getElementById('fields-figure').previousElementSibling.textContent);
    const fields = (await frames[2].evaluate(() => window.poollab.state())).fields;
    const rf = fields.layers[fields.unit[0]].rf;
    assert.ok(said.includes(`sees ${rf[0]}\u00d7${rf[1]} input pixels`), `"${said}" against the figure's ${rf}`);
    // ... and names the figure's layers up to the unit, in their order (the old sentence had pool, then conv).
    const named = (said.split(':')[0].match(/conv|pool/gi) || []).map((w) => w.toLowerCase());
    const stack = fields.layers.slice(0, fields.unit[0] + 1).map((l) => (/pool/i.test(l.type) ? 'pool' : 'conv'));
    assert.deepEqual(named, stack, `"${said}" names the layers of the figure`);
    await page.waitForTimeout(800);
    for (const f of frames) assert.equal(await framesOver(f, 800), 0, 'idle figures draw nothing');

    // One figure plays: it draws, the others do not.
    await page.evaluate(() => document.getElementById('steps-figure').poollab.play());
    const counts = await Promise.all(frames.map((f) => framesOver(f, 800)));
    // At any frame rate a loaded machine manages: drawing at all is what tells playing from asleep.
    assert.ok(counts[0] >= 2, `the playing figure draws (${counts[0]} frames)`);
    assert.deepEqual(counts.slice(1), [0, 0], 'the others stay asleep');
    await page.evaluate(() => document.getElementById('steps-figure').poollab.pause());

    // Scrolled out of view, a figure draws nothing even when it is told to change; back in view it catches up.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    await page.evaluate(() => document.getElementById('steps-figure').poollab.setState('v=1&scene=steps&op=average&in=course'));
    assert.equal(await framesOver(frames[0], 800), 0, 'a figure out of view draws nothing');
    await page.evaluate(() => window.scrollTo(0, 0));
    await frames[0].waitForFunction(() => window.poollab.state().link.includes('op=average'), null, { timeout: 10000 });

    // The course page never touched the student's own saved state.
    await page.goto(url);
    assert.equal(await page.evaluate(() => localStorage.getItem('poollab.link')), saved);
    await waitReady(page);
    const s = await until(page, (x) => x.scene === 'shift', 'the plain app opens as the student left it');
    assert.equal(s.embed, false);
    assert.deepEqual(s.shift.shift, [2, 1]);
  } finally {
    await close();
  }
});

test('the keyboard is never trapped: Tab leaves an embedded figure and never changes its scene', async () => {
  const { context, close } = await launch({ height: 900 });
  try {
    const { page, problems } = await openApp(context, url + 'web/course-example.html');
    await page.waitForFunction(() => document.querySelectorAll('div.poollab iframe').length === 3);
    const frame = await (await page.$('#steps-figure iframe')).contentFrame();
    await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
    // Click into the figure: it has the keyboard, and its own keys work.
    const box = await (await page.$('#steps-figure iframe')).boundingBox();
    await page.mouse.click(box.x + box.width - 20, box.y + box.height - 12);
    await frame.waitForFunction(() => document.activeElement && document.activeElement.id === 'canvas');
    await page.keyboard.press('ArrowRight');
    await frame.waitForFunction(() => window.poollab.state().steps.step === 2, null, { timeout: 10000 });
    // Tab goes on to the page's next control; the figure keeps its scene.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'play', null, { timeout: 5000 });
    await page.waitForTimeout(300);
    assert.equal((await frame.evaluate(() => window.poollab.state())).scene, 'steps');
    // Shift+Tab comes back into the figure, and out again before it.
    await page.keyboard.press('Shift+Tab');
    await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'IFRAME');
    await page.keyboard.press('Shift+Tab');
    await page.waitForFunction(() => document.activeElement && document.activeElement.tagName !== 'IFRAME');
    assert.equal((await frame.evaluate(() => window.poollab.state())).scene, 'steps');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
