// PoolLab page script: checks for WebGL2, shows loading progress, loads the
// Emscripten output (poollab.js + poollab.wasm), hides the overlay when the
// first frame is drawn, and exposes a small read-only hook for tests:
//   window.poollab.state()  -> the app's state as an object
//   window.poollab.ready    -> true once the first frame is on screen
'use strict';
(function () {
  const overlay = document.getElementById('overlay');
  const statusEl = document.getElementById('status');
  const progressEl = document.getElementById('progress');
  const canvas = document.getElementById('canvas');

  function showError(message) {
    overlay.classList.remove('hidden');
    overlay.classList.add('error');
    statusEl.textContent = message;
    progressEl.hidden = true;
  }

  const NO_WEBGL2 = 'PoolLab needs WebGL2, which this browser does not offer (or has switched off). ' +
                    'Try a current Firefox, Chrome, Edge or Safari, and check that hardware acceleration is on.';

  window.poollab = {
    ready: false,
    state() {
      if (!window.Module || !Module._poollab_state) return null;
      return JSON.parse(Module.UTF8ToString(Module._poollab_state()));
    },
  };

  // The postMessage API for course pages that embed PoolLab in an iframe
  // (web/embed.js is the page's side; README.md, "Embedding", documents it).
  // A request is {poollab: 1, type, id, ...}; each gets one reply with its id:
  //   hello                -> {type: 'ready', height, fragment}
  //   get-state            -> {type: 'state', fragment, scene}
  //   set-state {fragment} -> {type: 'done', notices}  (opens that link's state;
  //                           notices name what the app could not use, as a link's do)
  //   play / pause / step {count} -> {type: 'done'}
  //   snapshot {wait?}     -> {type: 'snapshot', png}  (a PNG data URL of the next frame)
  //   anything malformed   -> {type: 'error', message}
  // Requests sent before the first frame wait for it. Unasked, PoolLab sends
  // {type: 'ready', height, fragment} once, {type: 'state-changed', fragment}
  // and {type: 'size', height} (the height it would like, PREFERRED_HEIGHT).
  // Only the parent window may talk to it, and with <meta name="poollab-allowed-origins">
  // in index.html only from the listed origins; anything else goes unanswered.
  const allowed = ((document.querySelector('meta[name="poollab-allowed-origins"]') || {}).content || '')
    .split(/\s+/).filter(Boolean);
  const allows = (origin) => origin !== 'null' && (!allowed.length || allowed.includes(origin));
  // Replies and events go to the parent's own origin, and only if it is allowed;
  // never to '*', which would hand the student's state to whoever embeds the
  // figure against the allow-list. The browser names that origin (Chromium and
  // Safari: location.ancestorOrigins), or a one-origin allow-list does, or the
  // parent's first message does; until then nothing is sent.
  const ancestor = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
  let parentOrigin = ancestor ? (allows(ancestor) ? ancestor : null) : (allowed.length === 1 ? allowed[0] : null);
  let lastFragment = '';
  const post = (message) => {
    if (window.parent === window || !parentOrigin) return;
    window.parent.postMessage(Object.assign({ poollab: 1 }, message), parentOrigin);
  };

  // The height, in CSS pixels, at which each scene's embedded view shows
  // without crowding at course-page widths (600 to 1000 px); see the README.
  const PREFERRED_HEIGHT = { steps: 480, shift: 680, fields: 560, image: 560 };
  const preferredHeight = (scene = window.poollab.state().scene) => PREFERRED_HEIGHT[scene] || 560;
  let heightSent = 0;
  const postSize = (scene) => {
    const height = preferredHeight(scene);
    if (height !== heightSent) post({ type: 'size', height });
    heightSent = height;
  };

  // A snapshot is read from the canvas inside onFrameDrawn, in the task that
  // drew the frame (later the WebGL drawing buffer is blank). A figure in view
  // draws that frame at once. One out of view draws nothing, so it draws that
  // one frame all the same, unless the request says {wait: true}: then it is
  // answered when the figure next draws (back in view), and costs nothing now.
  const snapshots = [];  // {id, wait} waiting for the next frame
  let snapshotTimer = 0;
  function takeSnapshot() {
    clearTimeout(snapshotTimer);
    const png = canvas.toDataURL('image/png');
    for (const { id } of snapshots.splice(0)) post({ type: 'snapshot', id, png });
    followVisibility();
  }
  function wantSnapshot(id, wait) {
    snapshots.push({ id, wait });
    if (wait) {
      Module._poollab_wake();
      return;
    }
    Module._poollab_set_visible(1);
    clearTimeout(snapshotTimer);
    snapshotTimer = setTimeout(() => {
      for (let i = snapshots.length - 1; i >= 0; i--) {
        if (snapshots[i].wait) continue;
        post({ type: 'error', id: snapshots[i].id, message: 'PoolLab drew no frame to take a snapshot of (is its page hidden?)' });
        snapshots.splice(i, 1);
      }
      followVisibility();
    }, 3000);
  }

  const KNOWN = 'hello, get-state, set-state, play, pause, step and snapshot';
  function fragmentProblem(fragment) {
    if (typeof fragment !== 'string') return 'set-state needs a fragment, a string like "v=1&scene=steps"';
    if (fragment.length > 65536) return 'the fragment is ' + fragment.length + ' characters long; PoolLab reads up to 65536';
    if (/[\u0000-\u001f\u007f]/.test(fragment)) return 'the fragment has control characters; a link\'s fields are percent-encoded';
    return '';
  }
  const idOf = (m) => (typeof m.id === 'number' || typeof m.id === 'string' ? m.id : undefined);
  function answer(m) {
    const id = idOf(m);
    const refuse = (message) => post({ type: 'error', id, message });
    switch (m.type) {
      case 'hello':
        post({ type: 'ready', id, height: preferredHeight(), fragment: lastFragment });
        break;
      case 'get-state':
        post({ type: 'state', id, fragment: lastFragment, scene: window.poollab.state().scene });
        break;
      case 'set-state': {
        const problem = fragmentProblem(m.fragment);
        if (problem) return refuse(problem);
        Module.ccall('poollab_open_link', null, ['string'], [m.fragment]);
        const opened = window.poollab.state();
        post({ type: 'done', id, notices: opened.link_notices || [] });
        postSize(opened.scene);  // at once: out of view, the figure tells its new link only when it next draws
        break;
      }
      case 'play':
      case 'pause':
        Module.ccall('poollab_command', null, ['string'], [m.type]);
        post({ type: 'done', id });
        break;
      case 'step': {
        if (m.count !== undefined && !Number.isInteger(m.count)) return refuse('step needs a whole number count, not ' + String(m.count).slice(0, 40));
        const count = m.count === undefined ? 1 : Math.max(-1000, Math.min(1000, m.count));
        Module.ccall('poollab_command', null, ['string'], ['step ' + count]);
        post({ type: 'done', id });
        break;
      }
      case 'snapshot':
        wantSnapshot(id, m.wait === true);
        break;
      default:
        refuse(typeof m.type === 'string'
          ? 'PoolLab knows no request \'' + m.type.slice(0, 40) + '\'; it knows ' + KNOWN
          : 'a PoolLab request needs a type: ' + KNOWN);
    }
  }

  // Until the first frame is drawn requests wait here (a page may ask the
  // moment it has made the frame); a flood of them is refused, not kept.
  const early = [];
  let answering = false;
  function startAnswering() {
    if (answering || !window.poollab.ready) return;
    answering = true;
    heightSent = preferredHeight();
    post({ type: 'ready', height: heightSent, fragment: lastFragment });
    for (const m of early.splice(0)) answer(m);
  }
  window.addEventListener('message', (e) => {
    if (window.parent === window || e.source !== window.parent || !allows(e.origin)) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.poollab !== 1) return;
    parentOrigin = e.origin;
    if (answering) answer(m);
    else if (early.length < 100) early.push(m);
    else post({ type: 'error', id: idOf(m), message: 'too many requests before PoolLab was ready' });
  });

  // A cheap check here; whether a WebGL2 context can really be made is found
  // out by the app itself (a probe context of our own would cost a context
  // creation, tens of milliseconds before the first frame), see onNoWebGL2.
  if (!window.WebGL2RenderingContext) {
    showError(NO_WEBGL2);
    return;
  }

  // The app stops drawing while the context is lost and makes its GPU
  // objects again when the browser gives it back; the student's state stays.
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    showError('The graphics context was lost (the GPU was reset or is busy). PoolLab carries on, as you left it, ' +
              'when the browser gives the context back. If nothing happens, reload the page.');
  }, false);
  canvas.addEventListener('webglcontextrestored', () => {
    overlay.classList.remove('error');
    overlay.classList.add('hidden');
    if (window.self === window.top || document.hasFocus()) canvas.focus();
  }, false);
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  // The wheel goes to the app as notches (see poollab_wheel); Emscripten's own
  // GLFW handlers never see it.
  const wheel = (e) => {
    if (e.target !== canvas) return;
    e.stopImmediatePropagation();
    e.preventDefault();
    if (e.type !== 'wheel' || !window.poollab.ready) return;
    const unit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 : 100;  // lines, pages, pixels per notch
    Module.ccall('poollab_wheel', null, ['number', 'number'], [-e.deltaX / unit, -e.deltaY / unit]);
  };
  window.addEventListener('wheel', wheel, { capture: true, passive: false });
  window.addEventListener('mousewheel', wheel, { capture: true, passive: false });

  // Touch: one finger is the mouse's left button (tap to click, drag to draw,
  // pan or move a slider). Emscripten 3.1.6's GLFW takes a touch as a press
  // where the mouse last was and never moves the cursor with the finger, so
  // the page turns touches into mouse events itself, before GLFW sees them.
  // A second finger is ignored; the app has buttons for everything a pinch
  // would do.
  let finger = null;  // the identifier of the touch that acts as the mouse
  const mouse = (type, t) => canvas.dispatchEvent(new MouseEvent(type, {
    bubbles: true, cancelable: true, view: window, clientX: t.clientX, clientY: t.clientY,
    screenX: t.screenX, screenY: t.screenY, button: 0, buttons: type === 'mouseup' ? 0 : 1,
  }));
  const touch = (e) => {
    if (e.target !== canvas) return;
    e.stopImmediatePropagation();
    e.preventDefault();  // no scrolling, zooming or emulated mouse events
    for (const t of e.changedTouches) {
      if (e.type === 'touchstart' && finger === null) {
        finger = t.identifier;
        canvas.focus();
        mouse('mousemove', t);
        mouse('mousedown', t);
      } else if (t.identifier === finger) {
        if (e.type === 'touchmove') {
          mouse('mousemove', t);
        } else {  // touchend, touchcancel
          mouse('mousemove', t);
          mouse('mouseup', t);
          finger = null;
        }
      }
    }
  };
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    window.addEventListener(type, touch, { capture: true, passive: false });
  }

  // Pictures in: the file picker, a drop onto the page, and the bundled
  // samples (fetched only when a student picks one). The bytes go to the app,
  // which decodes them and says what it made of them.
  const MAX_PICTURE_BYTES = 64 * 1024 * 1024;
  function sendPicture(buffer, name, source) {
    const bytes = new Uint8Array(buffer);
    const ptr = Module._malloc(Math.max(1, bytes.length));
    Module.HEAPU8.set(bytes, ptr);
    Module.ccall('poollab_picture_arrived', null, ['number', 'number', 'string', 'string'], [ptr, bytes.length, name, source]);
    Module._free(ptr);
  }
  const refusePicture = (message) => Module.ccall('poollab_picture_refused', null, ['string'], [message]);
  function readPictureFile(file) {
    if (!window.poollab.ready || !file) return;
    if (file.size > MAX_PICTURE_BYTES) {
      refusePicture("'" + file.name + "' is " + Math.round(file.size / 1048576) + ' MB; PoolLab reads pictures of up to 64 MB');
      return;
    }
    file.arrayBuffer().then((buffer) => sendPicture(buffer, file.name, 'file'),
      () => refusePicture("'" + file.name + "' could not be read"));
  }
  // The sample pictures (about 90 KB in all) are fetched once, after the first
  // frame, so the app keeps working offline once it has loaded.
  const SAMPLES = ['rocket', 'astronaut', 'text', 'cat'];
  const samples = new Map();
  function sample(name) {
    if (!samples.has(name)) {
      const p = fetch('samples/' + name + '.jpg').then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error('HTTP ' + r.status))));
      p.catch(() => samples.delete(name));  // a failed fetch is tried again next time
      samples.set(name, p);
    }
    return samples.get(name).then((buffer) => buffer.slice(0));
  }
  function prefetchSamples() {
    Promise.allSettled(SAMPLES.map(sample)).then(() => { window.poollab.samplesFetched = true; });
  }
  const picker = document.getElementById('picture-file');
  picker.addEventListener('change', () => {
    readPictureFile(picker.files[0]);
    picker.value = '';
  });
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    readPictureFile(e.dataTransfer.files[0]);
  });

  // The keyboard is never trapped in a course page: in a figure (a frame, or
  // embed=1) Tab and Shift+Tab belong to the page, which moves the focus on
  // to its next control. Emscripten's GLFW would take Tab and stop it there.
  const embedded = () => window.self !== window.top || /(^|[#&])embed=1(&|$)/.test(location.hash);
  const tabToPage = (e) => {
    if (e.key === 'Tab' && embedded()) e.stopImmediatePropagation();  // no preventDefault: the browser moves the focus
  };
  window.addEventListener('keydown', tabToPage, { capture: true });
  window.addEventListener('keyup', tabToPage, { capture: true });

  // Drawing on demand: the app sleeps while nothing changes, and any input, a
  // resize or a change of focus wakes it for a few frames (it keeps itself
  // awake while something animates). A figure that cannot be seen (scrolled
  // out of view in a course page, a hidden tab) draws nothing at all.
  const wake = () => { if (window.poollab.ready) Module._poollab_wake(); };
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'pointerdown', 'pointermove', 'pointerup',
    'keydown', 'keyup', 'keypress', 'resize', 'focus', 'blur']) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  // A move to a screen of another pixel ratio fires no resize event (nor,
  // under emulation, a media query change): look twice a second.
  let ratioSeen = window.devicePixelRatio;
  setInterval(() => {
    if (window.devicePixelRatio !== ratioSeen) {
      ratioSeen = window.devicePixelRatio;
      wake();
    }
  }, 500);
  // The system's "reduce motion" setting is read by the app each frame; a change of it wakes it.
  if (window.matchMedia) {
    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    if (motion.addEventListener) motion.addEventListener('change', wake);
  }
  let inView = true;
  const followVisibility = () => {
    if (window.poollab.ready) Module._poollab_set_visible(inView && document.visibilityState !== 'hidden' ? 1 : 0);
  };
  document.addEventListener('visibilitychange', followVisibility);
  if (window.IntersectionObserver) {
    new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting;
      followVisibility();
    }).observe(canvas);
  }
  // The address bar is an input too: a fragment typed, pasted or followed
  // from an in-page link opens its state, as opening the link would.
  window.addEventListener('hashchange', () => {
    const fragment = location.hash.replace(/^#/, '');
    if (window.poollab.ready && fragment !== lastFragment) Module.ccall('poollab_open_link', null, ['string'], [fragment]);
  });

  let dataFetcher = null;  // the promise of web/dataset_fetch.js, once a scene has asked for data
  window.Module = {
    openPicturePicker() {
      picker.click();
    },
    // Called from inside a frame: the bytes are handed over afterwards, never re-entrantly.
    fetchSample(name) {
      if (!/^[a-z0-9-]{1,32}$/.test(name)) return;
      sample(name).then((buffer) => sendPicture(buffer, name + '.jpg', name),
        (e) => refusePicture("The sample picture '" + name + "' could not be fetched (" + e.message + ')'));
    },
    // A training dataset, when a scene first asks: its fetcher (web/dataset_fetch.js) is loaded
    // then too, so the first load stays as it was. Offline before that, the scene hears so.
    fetchDataset(name) {
      if (!/^[a-z0-9-]{1,32}$/.test(name)) return;
      dataFetcher = dataFetcher || new Promise((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), { src: 'web/dataset_fetch.js', onload: resolve });
        script.onerror = () => { dataFetcher = null; script.remove(); reject(); };
        document.head.appendChild(script);
      });
      dataFetcher.then(() => window.poollabData.fetchForApp(Module, name), () => {
        Module.ccall('poollab_data_failed', null, ['string', 'string'], [name, 'Could not fetch the data: the network is unreachable (offline?). Check the connection and retry.']);
        Module._poollab_wake();
      });
    },
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // Emscripten hands the WebAssembly download to us, so the bar can show
    // its progress; it is still compiled as it streams in.
    instantiateWasm(imports, done) {
      fetch('poollab.wasm', { credentials: 'same-origin' })
        .then((response) => {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          // With a Content-Encoding the length counts compressed bytes; then the bar stays empty.
          const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
          let loaded = 0;
          const counted = response.body.pipeThrough(new TransformStream({
            transform(chunk, out) {
              loaded += chunk.length;
              if (total > 0) {
                progressEl.hidden = false;
                progressEl.value = Math.min(100, (100 * loaded) / total);
                statusEl.textContent = 'Loading PoolLab… ' + Math.round(loaded / 1024) + ' of ' + Math.round(total / 1024) + ' KB';
              }
              out.enqueue(chunk);
            },
          }));
          return WebAssembly.instantiateStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }), imports);
        })
        .then((result) => {
          // Downloaded: the spinner stops turning (it would only take time
          // from the app's start-up on a slow machine) and the bar is full.
          overlay.classList.add('starting');
          progressEl.value = 100;
          statusEl.textContent = 'Starting…';
          done(result.instance, result.module);
        }, (e) => {
          showError(e instanceof WebAssembly.CompileError
            ? 'This browser cannot run PoolLab\'s WebAssembly (it needs WebAssembly SIMD: Chrome 91, Firefox 89, Safari 16.4 or later).'
            : 'Could not load poollab.wasm (' + e.message + '). Check the connection and reload the page.');
        });
      return {};  // the exports arrive through done()
    },
    onLinkChanged(fragment) {
      lastFragment = fragment;
      post({ type: 'state-changed', fragment });
      const scene = /(?:^|&)scene=([^&]*)/.exec(fragment);
      if (answering && scene) postSize(scene[1]);
    },
    // Called right after each frame is rendered. The first one comes just
    // before onFirstFrame marks the figure ready, hence the microtask.
    onFrameDrawn() {
      if (!answering) queueMicrotask(startAnswering);
      if (snapshots.length) takeSnapshot();
    },
    onFirstFrame() {
      window.poollab.firstFrameAt = performance.now();
      overlay.classList.add('hidden');
      window.poollab.ready = true;
      followVisibility();
      // The full app takes the keyboard at once; a figure in a course page
      // waits to be clicked (focusing it would scroll the page to it).
      if (window.self === window.top) canvas.focus();
      setTimeout(prefetchSamples, 0);
    },
    onNoWebGL2() {
      showError(NO_WEBGL2);
    },
    onAbort(what) {
      showError('PoolLab stopped with an error: ' + what + '. Reload the page to start again.');
    },
  };

  // The loading box shows only when loading takes a while: a quick start
  // is not worth a flash of it, and on a slow machine painting it costs the
  // app's start-up time (with software GL, about a third of it).
  statusEl.textContent = 'Loading PoolLab…';
  setTimeout(() => {
    if (!window.poollab.ready) overlay.classList.remove('hidden');
  }, 400);
  const script = document.createElement('script');
  script.src = 'poollab.js';
  script.async = true;
  script.onerror = () => showError('Could not load poollab.js. Is the page served from the build folder?');
  document.body.appendChild(script);
})();
