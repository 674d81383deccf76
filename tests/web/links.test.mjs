// Links in headless Chromium: a crafted #fragment opens exactly that state,
// bad fields fall back with a notice, the address bar follows the state, and
// a reload restores it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, waitReady, state, until, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

async function open(link) {
  const { context, close } = await launch();
  const { page, problems } = await openApp(context, url + link);
  await waitReady(page);
  return { page, problems, close };
}

test('links open each scene in exactly the state they describe', async () => {
  let { page, problems, close } = await open('#v=1&scene=steps&op=min&size=2&stride=1&pad=valid&in=3x3:1,2,3,4,5,6,7,8,9&step=3');
  try {
    const s = await state(page);
    assert.equal(s.scene, 'steps');
    assert.equal(s.steps.op, 'min');
    assert.deepEqual(s.steps.output.values, [[1, 2], [4, 5]]);
    assert.equal(s.steps.step, 2);
    assert.deepEqual(s.link_notices, []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
  ({ page, problems, close } = await open('#v=1&scene=shift&in=cross:16&dx=-3&dy=2&fill=circular&focus=blurpool&tab=sweep'));
  try {
    const s = await until(page, (x) => x.shift_view.tab === 'sweep', 'sweep tab');
    assert.equal(s.scene, 'shift');
    assert.deepEqual(s.shift.shift, [-3, 2]);
    assert.equal(s.shift.fill, 'circular');
    assert.equal(s.shift.focus, 'blurpool');
    assert.equal(s.shift.preset, 'cross');
    await shot(page, 'web-link-shift');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
  ({ page, problems, close } = await open('#v=1&scene=fields&model=16x16x1;c8k3;m2;c8k3&unit=3,2,3'));
  try {
    const s = await state(page);
    assert.equal(s.scene, 'fields');
    assert.deepEqual(s.fields.unit, [2, 1, 2]);
    assert.deepEqual(s.fields.region, [2, 9, 4, 11]);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a link with bad fields opens with defaults for those fields and says which', async () => {
  const { page, problems, close } = await open('#v=1&scene=steps&op=median&size=3&stride=0&in=course&colour=red');
  try {
    const s = await state(page);
    assert.equal(s.steps.op, 'max');  // the default
    assert.deepEqual(s.steps.size, [3, 3]);  // a good field is kept
    assert.deepEqual(s.link_notices, [
      'ignored op=median: the operations are max, average and min',
      'ignored stride=0: the stride is N or RxC, 1 to 8',
      "ignored the unknown field 'colour'",
    ]);
    await shot(page, 'web-link-notices');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the address bar follows the state, and a reload restores it', async () => {
  const { page, problems, close } = await open('');
  try {
    await page.keyboard.press('o');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.includes('op=average') && location.hash.includes('step=3'), null, { timeout: 5000 });
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, '#v=1&scene=steps&op=average&size=2&stride=2&pad=valid&in=course&step=3');
    await page.reload();
    await page.waitForFunction(() => window.poollab && window.poollab.ready === true);
    const s = await until(page, (x) => x.steps.op === 'average', 'restored after reload');
    assert.equal(s.steps.step, 2);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a visit without a link brings back the last state; Reset returns to the course example; Copy link copies it', async () => {
  const { page, problems, close } = await open('');
  try {
    await page.keyboard.press('o');
    await page.keyboard.press('End');
    await page.waitForFunction(() => location.hash.includes('op=average') && location.hash.includes('step=4'), null, { timeout: 5000 });
    await page.goto(url);  // the same address with no link: the state comes from storage
    await page.waitForFunction(() => window.poollab && window.poollab.ready === true);
    let s = await until(page, (x) => x.steps.op === 'average' && x.steps.step === 3, 'last visit restored');

    await page.mouse.click(...s.buttons.copy_link);
    const copied = await page.waitForFunction(() => window.poollab.copied, null, { timeout: 5000 });
    assert.equal(await copied.jsonValue(), url + '#v=1&scene=steps&op=average&size=2&stride=2&pad=valid&in=course&step=4');

    await page.mouse.click(...s.buttons.reset);
    s = await until(page, (x) => x.steps.op === 'max' && x.steps.step === 0, 'reset');
    assert.deepEqual(s.steps.output.values, [[9, 8], [6, 5]]);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
