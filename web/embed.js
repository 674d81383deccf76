// PoolLab for course pages. Include this script and write, where a figure goes:
//   <div class="poollab" data-scene="steps" data-op="max" data-in="course" data-step="2"></div>
// Each such div becomes an iframe of PoolLab in that state: every data-*
// attribute but the few below is a link field of the README (e.g.
// data-model="vgg16" data-unit="18,4,4", data-controls="0" for a view-only
// figure) and goes to the app as it is; the app checks each and names the
// ones it cannot use. data-title, data-aspect and data-height are this
// script's own. The figure is as wide as its container and
// data-aspect (height / width, default 0.625) or data-height pixels tall,
// resized as the container changes. No inline styles or scripts: it works
// under a strict Content-Security-Policy.
//
// Each div also gets div.poollab, a small API over postMessage:
//   await div.poollab.getState()   -> {fragment, scene}
//   await div.poollab.setState('v=1&scene=steps&op=min')
//   div.poollab.play(), .pause(), .step(n)
// and the div fires 'poollab-state' events ({detail: {fragment}}) when the
// figure's state changes. Divs added later (a slide shown, a page section
// loaded) become figures with window.PoolLabEmbed.mount().
'use strict';
(function () {
  const script = document.currentScript;
  const app = new URL('../index.html', script ? script.src : location.href);
  // This script's own attributes; every other data-* attribute is a link field.
  const OWN = new Set(['title', 'aspect', 'height', 'poollabMounted']);

  function fragment(div) {
    const parts = ['v=1', 'embed=1'];
    for (const [name, value] of Object.entries(div.dataset)) {
      if (!OWN.has(name) && name !== 'v' && name !== 'embed') parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
    }
    return parts.join('&');
  }

  let nextId = 1;
  const pending = new Map();  // id -> resolve
  const frames = new Map();   // contentWindow -> div

  window.addEventListener('message', (e) => {
    const div = frames.get(e.source);
    const m = e.data;
    if (!div || e.origin !== app.origin || !m || m.poollab !== 1) return;
    if (m.type === 'state-changed') {
      div.dispatchEvent(new CustomEvent('poollab-state', { detail: { fragment: m.fragment } }));
    } else if (typeof m.id === 'number' && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  });

  function api(frame) {
    const send = (message) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, resolve);
      frame.contentWindow.postMessage(Object.assign({ poollab: 1, id }, message), app.origin);
      setTimeout(() => { if (pending.delete(id)) reject(new Error('PoolLab did not answer')); }, 5000);
    });
    return {
      getState: () => send({ type: 'get-state' }).then((m) => ({ fragment: m.fragment, scene: m.scene })),
      setState: (f) => send({ type: 'set-state', fragment: String(f) }),
      play: () => send({ type: 'play' }),
      pause: () => send({ type: 'pause' }),
      step: (count = 1) => send({ type: 'step', count }),
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
    const aspect = parseFloat(div.dataset.aspect) || 0.625;
    const fixed = parseFloat(div.dataset.height) || 0;
    const fit = () => { frame.style.height = Math.round(fixed || Math.max(320, div.clientWidth * aspect)) + 'px'; };
    fit();
    if (window.ResizeObserver) new ResizeObserver(fit).observe(div);
    div.appendChild(frame);
    frames.set(frame.contentWindow, div);
    div.poollab = api(frame);
  }

  const mountAll = () => document.querySelectorAll('div.poollab').forEach(mount);
  window.PoolLabEmbed = { mount: mountAll };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
