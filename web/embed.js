// PoolLab for course pages. Include this script and write, where a figure goes:
//   <div class="poollab" data-scene="steps" data-op="max" data-in="course" data-step="2"></div>
// Each such div becomes an iframe of PoolLab in that state: every data-*
// attribute but the few below is a link field of the README (e.g.
// data-model="vgg16" data-unit="18,4,4", data-controls="0" for a view-only
// figure) and goes to the app as it is; the app checks each and names the
// ones it cannot use. data-title, data-aspect and data-height are this
// script's own. The figure is as wide as its container and data-aspect
// (height / width, 0.1 to 4, default 0.625) or data-height pixels tall (120
// to 4000), resized as the container changes; data-height="auto" takes the
// height the figure asks for. No inline styles or scripts: it works under a
// strict Content-Security-Policy.
//
// Each div also gets div.poollab, a small API over postMessage. Calls made
// before the figure has loaded wait for it; each resolves with the figure's
// answer or rejects with its error:
//   await div.poollab.getState()   -> {fragment, scene}
//   await div.poollab.setState('v=1&scene=steps&op=min')  -> {notices}
//   div.poollab.play(), .pause(), .step(n)
//   await div.poollab.snapshot()   -> a PNG data URL of the figure as it is
// and the div fires 'poollab-ready' when the figure has loaded and
// 'poollab-state' events ({detail: {fragment}}) when its state changes.
// Printed or saved as PDF, each figure shows a still of itself (a canvas of
// class poollab-still, kept fresh as the figure changes) in place of its frame.
// Divs added later (a slide shown, a page section loaded) become figures with
// window.PoolLabEmbed.mount().
'use strict';
(function () {
  if (window.PoolLabEmbed) return;  // included twice: one listener, one stylesheet
  const script = document.currentScript;
  const app = new URL('../index.html', script ? script.src : location.href);
  // This script's own attributes; every other data-* attribute is a link field.
  const OWN = new Set(['title', 'aspect', 'height', 'poollabMounted']);
  const HEIGHTS = [120, 4000];
  const ASPECTS = [0.1, 4];
  const DEFAULT_ASPECT = 0.625;
  const MIN_ASPECT_HEIGHT = 320;  // a figure sized by its aspect in a narrow column
  const LOAD_TIMEOUT = 60000;     // download, compile and first frame, on a slow machine
  const ANSWER_TIMEOUT = 5000;    // a loaded figure answers within a frame or two
  const STILL_DELAY = 400;        // a new still once the figure has stopped changing

  // Printed, a frame may come out empty; the figure's latest still stands in
  // for it. A constructed stylesheet, because a strict CSP refuses <style>
  // and style="". A figure with no still yet prints its frame, as before.
  if (document.adoptedStyleSheets && window.CSSStyleSheet) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`
        canvas.poollab-still { display: none !important; }
        @media print {
          div.poollab { break-inside: avoid; }
          div.poollab.poollab-has-still > iframe { display: none !important; }
          div.poollab.poollab-has-still > canvas.poollab-still { display: block !important; width: 100%; height: auto; }
        }`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch (e) { /* an old browser: figures print as their frames */ }
  }

  function fragment(div) {
    const parts = ['v=1', 'embed=1'];
    for (const [name, value] of Object.entries(div.dataset)) {
      if (!OWN.has(name) && name !== 'v' && name !== 'embed') parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
    }
    return parts.join('&');
  }

  // data-height or data-aspect as a number in [min, max], or null; a teacher's
  // typo is named in the console rather than turned into a 150 px or a
  // million-pixel frame.
  function attribute(div, name, [min, max]) {
    const text = div.dataset[name];
    if (text === undefined || text === '') return null;
    const value = parseFloat(text);
    if (!Number.isFinite(value)) {
      console.warn(`PoolLab: data-${name}="${text}" is not a number; it is ignored`);
      return null;
    }
    const clamped = Math.min(max, Math.max(min, value));
    if (clamped !== value) console.warn(`PoolLab: data-${name}="${text}" is out of range; using ${clamped} (from ${min} to ${max})`);
    return clamped;
  }

  const figures = [];
  const pending = new Map();  // id -> {figure, resolve, reject, timer}
  let nextId = 1;

  // timeout 0: wait as long as it takes.
  function transmit(figure, request, timeout, silence) {
    const id = nextId++;
    const timer = timeout && setTimeout(() => { if (pending.delete(id)) request.reject(new Error(silence)); }, timeout);
    pending.set(id, { figure, resolve: request.resolve, reject: request.reject, timer });
    try {
      figure.frame.contentWindow.postMessage(Object.assign({}, request.message, { poollab: 1, id }), app.origin);
    } catch (e) {  // the frame was taken out of the page
      pending.delete(id);
      clearTimeout(timer);
      request.reject(new Error('the PoolLab figure is no longer in the page'));
    }
  }

  // Requests wait until the figure says it is ready: before that, a message
  // would reach the frame's blank first page, or nothing at all.
  function send(figure, message, timeout = ANSWER_TIMEOUT) {
    return new Promise((resolve, reject) => {
      const request = { message, resolve, reject, timeout };
      if (figure.ready) transmit(figure, request, timeout, 'PoolLab did not answer');
      else figure.waiting.push(request);
    });
  }

  // Each time the frame loads PoolLab, ask whether it is there; the answer
  // comes once its first frame is drawn. A frame emptied (reveal.js unloads
  // the frames of slides far away) waits, and its calls with it, until it
  // loads PoolLab again.
  function hello(figure) {
    figure.ready = false;
    for (const [id, request] of pending) {  // sent to the page the frame had before
      if (request.figure !== figure) continue;
      pending.delete(id);
      clearTimeout(request.timer);
      request.reject(new Error('the PoolLab figure reloaded before it answered'));
    }
    if (!figure.frame.src.startsWith(app.href)) return;
    transmit(figure, {
      message: { type: 'hello' },
      resolve: (m) => becameReady(figure, m),
      reject: (e) => { for (const r of figure.waiting.splice(0)) r.reject(e); },
    }, LOAD_TIMEOUT, `PoolLab did not load within ${LOAD_TIMEOUT / 1000} s`);
  }

  function becameReady(figure, m) {
    if (figure.ready) return;
    figure.ready = true;
    if (typeof m.height === 'number') wantHeight(figure, m.height);
    for (const r of figure.waiting.splice(0)) transmit(figure, r, r.timeout, 'PoolLab did not answer');
    figure.div.dispatchEvent(new CustomEvent('poollab-ready'));
    stillLater(figure);
  }

  window.addEventListener('message', (e) => {
    if (e.origin !== app.origin) return;
    const figure = figures.find((f) => f.frame.contentWindow === e.source);
    const m = e.data;
    if (!figure || !m || typeof m !== 'object' || m.poollab !== 1) return;
    if (m.type === 'ready') becameReady(figure, m);
    if (m.type === 'size') wantHeight(figure, m.height);
    if (m.type === 'state-changed') {
      figure.div.dispatchEvent(new CustomEvent('poollab-state', { detail: { fragment: m.fragment } }));
      stillLater(figure);
    }
    const request = pending.get(m.id);
    if (request && request.figure === figure) {
      pending.delete(m.id);
      clearTimeout(request.timer);
      if (m.type === 'error') request.reject(new Error(m.message));
      else request.resolve(m);
    }
  });

  // The frame's height: data-height, or the figure's own wish with
  // data-height="auto" (the aspect's height until it says), or the aspect's.
  function fit(figure) {
    const { div, frame } = figure;
    const aspectHeight = Math.max(MIN_ASPECT_HEIGHT, div.clientWidth * figure.aspect);
    const height = figure.auto ? figure.wanted || aspectHeight : figure.height || aspectHeight;
    frame.style.height = Math.round(Math.min(HEIGHTS[1], Math.max(HEIGHTS[0], height))) + 'px';
  }
  function wantHeight(figure, height) {
    if (typeof height !== 'number' || !Number.isFinite(height)) return;
    figure.wanted = Math.min(HEIGHTS[1], Math.max(HEIGHTS[0], height));
    if (figure.auto) fit(figure);
  }

  // The print still: a canvas, not an img, because a page's CSP refuses data:
  // and blob: images (img-src 'self') but not a picture drawn by script.
  function pngBlob(dataUrl) {
    const text = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Blob([bytes], { type: 'image/png' });
  }
  async function drawStill(figure, png) {
    if (typeof png !== 'string' || !png.startsWith('data:image/png;base64,')) return;
    const bitmap = await createImageBitmap(pngBlob(png));
    figure.still.width = bitmap.width;
    figure.still.height = bitmap.height;
    figure.still.getContext('2d').drawImage(bitmap, 0, 0);
    bitmap.close();
    figure.div.classList.add('poollab-has-still');
  }
  function takeStill(figure) {
    if (!figure.ready) return;
    if (figure.taking) {
      figure.again = true;
      return;
    }
    figure.taking = true;
    // For its first still a figure draws a frame, out of view too; later
    // ones wait for a frame it draws anyway, so that a figure scrolled away
    // stays asleep and its still catches up when it is back in view.
    const later = figure.div.classList.contains('poollab-has-still');
    send(figure, { type: 'snapshot', wait: later }, later ? 0 : ANSWER_TIMEOUT)
      .then((m) => drawStill(figure, m.png))
      .catch(() => {})  // the figure keeps the still it had
      .finally(() => {
        figure.taking = false;
        if (figure.again) {
          figure.again = false;
          takeStill(figure);
        }
      });
  }
  function stillLater(figure) {
    clearTimeout(figure.stillTimer);
    figure.stillTimer = setTimeout(() => takeStill(figure), STILL_DELAY);
  }

  function api(figure) {
    return {
      getState: () => send(figure, { type: 'get-state' }).then((m) => ({ fragment: m.fragment, scene: m.scene })),
      // A string, or what makes one (URLSearchParams); anything else is for the figure to refuse.
      setState: (f) => send(figure, { type: 'set-state', fragment: f !== null && typeof f === 'object' ? String(f) : f })
        .then((m) => ({ notices: m.notices || [] })),
      play: () => send(figure, { type: 'play' }).then(() => undefined),
      pause: () => send(figure, { type: 'pause' }).then(() => undefined),
      step: (count = 1) => send(figure, { type: 'step', count }).then(() => undefined),
      snapshot: () => send(figure, { type: 'snapshot' }).then((m) => m.png),
    };
  }

  function mount(div) {
    if (div.dataset.poollabMounted) return;
    div.dataset.poollabMounted = '1';
    const frame = document.createElement('iframe');
    frame.src = app.href + '#' + fragment(div);
    frame.title = div.dataset.title || 'PoolLab: an interactive figure about pooling';
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.display = 'block';
    const still = document.createElement('canvas');
    still.className = 'poollab-still';
    still.setAttribute('role', 'img');
    still.setAttribute('aria-label', frame.title + ' (a still picture of it, for printing)');
    const auto = div.dataset.height === 'auto';
    const figure = {
      div, frame, still, auto,
      height: auto ? null : attribute(div, 'height', HEIGHTS),
      aspect: attribute(div, 'aspect', ASPECTS) || DEFAULT_ASPECT,
      ready: false, waiting: [],
    };
    fit(figure);
    frame.addEventListener('load', () => hello(figure));
    still.hidden = true;
    div.appendChild(frame);
    div.appendChild(still);
    // The container's width sets the frame's size; a frame of a new size wants a new still.
    if (window.ResizeObserver) {
      const observer = new ResizeObserver((entries) => {
        for (const entry of entries) {
          if (entry.target === div) fit(figure);
          else stillLater(figure);
        }
      });
      observer.observe(div);
      observer.observe(frame);
    }
    figures.push(figure);
    div.poollab = api(figure);
  }

  const mountAll = () => document.querySelectorAll('div.poollab').forEach(mount);
  window.PoolLabEmbed = { mount: mountAll };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
