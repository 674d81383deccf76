// Embedding in headless Chromium: the example course page (served with the
// strict CSP course sites send) turns its divs into PoolLab figures in their
// configured states; the page drives a figure through the postMessage API and
// hears its state changes; nothing breaks the CSP, in the page or the frames.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
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

    // Every request gets a reply: a bad one an error, which the API turns into a rejection.
    await assert.rejects(page.evaluate(() => document.getElementById('steps-figure').poollab.setState(42)), /set-state needs a fragment/);
    await assert.rejects(page.evaluate(() => document.getElementById('steps-figure').poollab.step(1.5)), /whole number/);
    const replies = await page.evaluate(async () => {
      const w = document.querySelector('#steps-figure iframe').contentWindow;
      const got = [];
      const listen = (e) => { if (e.source === w) got.push(e.data); };
      window.addEventListener('message', listen);
      w.postMessage({ poollab: 1, type: 'explode', id: 'a' }, '*');
      w.postMessage({ poollab: 1, type: 'set-state', fragment: 'v=1&\u0000', id: 'b' }, '*');
      w.postMessage({ poollab: 1, id: 'c' }, '*');
      w.postMessage({ poollab: 1, type: 'get-state', id: 'd' }, '*');
      await new Promise((resolve) => setTimeout(resolve, 500));
      window.removeEventListener('message', listen);
      return got;
    });
    const answers = replies.filter((m) => typeof m.id === 'string');
    assert.deepEqual(answers.map((m) => [m.id, m.type]), [['a', 'error'], ['b', 'error'], ['c', 'error'], ['d', 'state']]);
    assert.match(answers[0].message, /knows no request 'explode'; it knows hello, get-state/);
    assert.match(answers[1].message, /control characters/);
    // Messages that are not PoolLab's, or not from the parent, stay unanswered and change nothing.
    const unanswered = await page.evaluate(async () => {
      const w = document.querySelector('#steps-figure iframe').contentWindow;
      let count = 0;
      const listen = (e) => { if (e.source === w) count++; };
      window.addEventListener('message', listen);
      w.postMessage('step', '*');
      w.postMessage({ type: 'step', id: 'e' }, '*');
      w.postMessage({ poollab: 2, type: 'step', id: 'f' }, '*');
      await new Promise((resolve) => setTimeout(resolve, 500));
      window.removeEventListener('message', listen);
      return count;
    });
    assert.equal(unanswered, 0);
    await frames[0].evaluate(() => window.postMessage({ poollab: 1, type: 'step', count: 3 }, '*'));  // from itself, not its parent
    await page.waitForTimeout(300);
    s = await frameState(frames[0]);
    assert.equal(s.steps.op, 'min');
    assert.equal(s.steps.step, 0);
    const set = await page.evaluate(() => document.getElementById('steps-figure').poollab.setState('v=1&scene=steps&op=median'));
    assert.equal(set.notices.length, 1, 'set-state names what the figure could not use');
    assert.match(set.notices[0], /op=median/);

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

test('a frame unloaded and loaded again (as reveal.js does with slides far away) comes back in its link\'s state, and answers again', async () => {
  const { context, close } = await launch({ height: 800 });
  try {
    const { page, problems } = await openApp(context, url + 'web/course-example.html');
    let frame = await figureFrame(page, '#steps-figure');
    await page.evaluate(() => document.getElementById('steps-figure').poollab.step(1));
    await frame.waitForFunction(() => window.poollab.state().steps.step === 2);
    const start = await page.$eval('#steps-figure iframe', (f) => f.src);
    await page.$eval('#steps-figure iframe', (f) => f.removeAttribute('src'));
    await page.waitForTimeout(500);
    // A call made while the frame is empty waits for PoolLab to be back.
    const state = await page.evaluate((src) => {
      const div = document.getElementById('steps-figure');
      const answer = div.poollab.getState();
      div.querySelector('iframe').setAttribute('src', src);
      return answer;
    }, start);
    assert.match(state.fragment, /(^|&)step=2(&|$)/, 'the figure is back at its teacher\'s step, not the student\'s');
    frame = await figureFrame(page, '#steps-figure');
    assert.equal((await frameState(frame)).steps.step, 1);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

// A page of the test's own at pageUrl (any origin: Playwright answers for it),
// sent with the strict CSP and, for a page on another origin, leave to load
// PoolLab's script and frames from the test server.
async function ownPage(context, pageUrl, body, head = '') {
  const app = new URL(url).origin;
  await context.route(pageUrl, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': `default-src 'self' ${app}; script-src 'self' ${app} 'wasm-unsafe-eval'` },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page</title>${head}</head><body>${body}</body></html>`,
  }));
}
const figureFrame = async (page, selector) => {
  const frame = await (await page.$(`${selector} iframe`)).contentFrame();
  await frame.waitForFunction(() => window.poollab && window.poollab.ready === true, null, { timeout: 60000 });
  return frame;
};

test('calls made before a figure has loaded wait for it, through embed.js and straight to the frame', async () => {
  const { context, close } = await launch({ height: 800 });
  try {
    await ownPage(context, url + 'web/early.html', `<main></main><script src="embed.js"></script>`);
    const { page, problems } = await openApp(context, url + 'web/early.html');
    // The moment the div is mounted, long before the app's first frame.
    const early = await page.evaluate(async () => {
      const div = document.createElement('div');
      div.className = 'poollab';
      div.id = 'late';
      Object.assign(div.dataset, { scene: 'fields', model: 'conv-pool-conv', height: '400' });
      document.querySelector('main').appendChild(div);
      window.PoolLabEmbed.mount();
      const t0 = performance.now();
      let readyAt = 0;
      div.addEventListener('poollab-ready', () => { readyAt = performance.now() - t0; });
      const [state, stepped] = await Promise.all([div.poollab.getState(), div.poollab.step(1).then(() => 'done', (e) => e.message)]);
      return { state, stepped, readyAt, answeredAt: performance.now() - t0 };
    });
    assert.equal(early.state.scene, 'fields');
    assert.match(early.state.fragment, /model=conv-pool-conv/);
    assert.equal(early.stepped, 'done');
    assert.ok(early.readyAt > 0 && early.answeredAt >= early.readyAt, `answered once ready: ${JSON.stringify(early)}`);

    // Without embed.js: messages posted as soon as the frame's page has loaded
    // are kept until the first frame, then answered in order, after 'ready'.
    const direct = await page.evaluate(() => new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = '../index.html#v=1&embed=1&scene=steps&in=course';
      const got = [];
      window.addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || e.data.type === 'state-changed') return;
        got.push({ type: e.data.type, id: e.data.id, height: e.data.height, scene: e.data.scene });
        if (got.length === 4) resolve({ got, readyThen: frame.contentWindow.poollab.ready });
      });
      frame.addEventListener('load', () => {
        const w = frame.contentWindow;
        if (w.poollab.ready) resolve({ tooLate: true });
        w.postMessage({ poollab: 1, type: 'get-state', id: 1 }, location.origin);
        w.postMessage({ poollab: 1, type: 'bogus', id: 2 }, location.origin);
        w.postMessage({ poollab: 1, type: 'hello', id: 3 }, location.origin);
      });
      document.querySelector('main').appendChild(frame);
    }));
    assert.deepEqual(direct.got, [
      { type: 'ready', id: undefined, height: 480, scene: undefined },
      { type: 'state', id: 1, height: undefined, scene: 'steps' },
      { type: 'error', id: 2, height: undefined, scene: undefined },
      { type: 'ready', id: 3, height: 480, scene: undefined },
    ]);
    assert.equal(direct.readyThen, true);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

// A course site on an origin of its own (another port): its page embeds
// PoolLab from the test server and records every PoolLab message it hears.
async function courseSite() {
  const app = new URL(url).origin;
  const site = http.createServer((req, res) => {
    if (req.url === '/listen.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end("window.heard = []; window.addEventListener('message', (e) => { if (e.data && e.data.poollab) window.heard.push(e.data.type); });");
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'self' ${app}; script-src 'self' ${app} 'wasm-unsafe-eval'` });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page</title></head><body>
      <div class="poollab" id="fig" data-scene="steps" data-in="course" data-height="400"></div>
      <script src="/listen.js"></script><script src="${url}web/embed.js"></script></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  return { site, origin: `http://127.0.0.1:${site.address().port}` };
}

test('replies and events go only to an allowed parent origin, never to any page that embeds the figure', async () => {
  const { context, close } = await launch({ height: 800 });
  const course = await courseSite(), elsewhere = await courseSite();
  try {
    // PoolLab's index.html as a course server would set it: two allowed
    // origins (with two, events used to be posted to '*').
    await context.route(url + 'index.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('name="poollab-allowed-origins" content=""',
        `name="poollab-allowed-origins" content="${course.origin} https://other.example"`);
      await route.fulfill({ response, body });
    });
    const { page, problems } = await openApp(context, course.origin + '/');
    let frame = await figureFrame(page, '#fig');
    assert.equal((await page.evaluate(() => document.getElementById('fig').poollab.getState())).scene, 'steps');
    await frame.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['step 1']));
    await page.waitForFunction(() => window.heard.includes('state-changed'));
    assert.ok((await page.evaluate(() => window.heard)).includes('ready'));

    // A page on an origin not on the list embeds the same figure: it hears nothing, whatever the figure does.
    await page.goto(elsewhere.origin + '/');
    frame = await figureFrame(page, '#fig');
    await frame.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['step 1']));
    await frame.waitForFunction(() => window.poollab.state().steps.step === 1);
    await page.evaluate(() => window.postMessage({ poollab: 1, type: 'get-state', id: 99 }, '*'));  // its own window, not the figure
    await page.evaluate(() => document.querySelector('#fig iframe').contentWindow.postMessage({ poollab: 1, type: 'get-state', id: 7 }, '*'));
    await page.waitForTimeout(1000);
    assert.deepEqual(await page.evaluate(() => window.heard), ['get-state'], 'only its own message, nothing from the figure');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    course.site.close();
    elsewhere.site.close();
  }
});

test('data-height and data-aspect are kept to sane sizes, named when they are not; data-height="auto" follows the figure', async () => {
  const { context, close } = await launch({ width: 1000, height: 900 });
  try {
    await ownPage(context, url + 'web/sizes.html', `<main>
      <div class="poollab" id="negative" data-scene="steps" data-height="-50"></div>
      <div class="poollab" id="huge" data-scene="steps" data-aspect="1e9"></div>
      <div class="poollab" id="word" data-scene="steps" data-height="tall"></div>
      <div class="poollab" id="auto" data-scene="steps" data-in="course" data-height="auto"></div>
      </main><script src="embed.js"></script>`, '<link rel="stylesheet" href="course-example.css">');
    const warnings = [];
    context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const { page, problems } = await openApp(context, url + 'web/sizes.html');
    const height = (id) => page.$eval(`#${id} iframe`, (f) => f.getBoundingClientRect().height);
    const width = await page.$eval('#huge iframe', (f) => f.getBoundingClientRect().width);
    assert.equal(await height('negative'), 120);
    assert.equal(await height('huge'), Math.round(width * 4));
    assert.equal(await height('word'), Math.round(width * 0.625));
    assert.ok(warnings.some((w) => w.includes('data-height="-50" is out of range; using 120')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('data-aspect="1e9" is out of range; using 4')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('data-height="tall" is not a number')), warnings.join('\n'));
    // Auto: the aspect's height until the figure says what it would like, then that, scene by scene.
    await figureFrame(page, '#auto');
    await page.waitForFunction(() => document.querySelector('#auto iframe').getBoundingClientRect().height === 480);
    await page.evaluate(() => document.getElementById('auto').poollab.setState('v=1&scene=shift&in=mnist7'));
    await page.waitForFunction(() => document.querySelector('#auto iframe').getBoundingClientRect().height === 680);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
