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

  function hasWebGL2() {
    try {
      const probe = document.createElement('canvas');
      return !!(window.WebGL2RenderingContext && probe.getContext('webgl2'));
    } catch (e) {
      return false;
    }
  }

  window.poollab = {
    ready: false,
    state() {
      if (!window.Module || !Module._poollab_state) return null;
      return JSON.parse(Module.UTF8ToString(Module._poollab_state()));
    },
  };

  // The postMessage API for course pages that embed PoolLab in an iframe
  // (web/embed.js is the page's side). Messages are {poollab: 1, type, id?, ...}:
  //   get-state            -> {type: 'state', id, fragment, scene}
  //   set-state {fragment} -> {type: 'done', id}  (opens that link's state)
  //   play / pause / step {count}
  // and PoolLab sends {type: 'state-changed', fragment} when its state changes.
  // Only the parent window may talk to it; <meta name="poollab-allowed-origins">
  // in index.html narrows that to the listed origins. Anything else is ignored.
  const allowed = ((document.querySelector('meta[name="poollab-allowed-origins"]') || {}).content || '')
    .split(/\s+/).filter(Boolean);
  let parentOrigin = allowed.length === 1 ? allowed[0] : '*';
  let lastFragment = '';
  const post = (message) => {
    if (window.parent !== window) window.parent.postMessage(Object.assign({ poollab: 1 }, message), parentOrigin);
  };
  window.addEventListener('message', (e) => {
    if (window.parent === window || e.source !== window.parent) return;
    if (allowed.length && !allowed.includes(e.origin)) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.poollab !== 1 || typeof m.type !== 'string' || !window.poollab.ready) return;
    parentOrigin = e.origin;
    const id = typeof m.id === 'number' ? m.id : undefined;
    switch (m.type) {
      case 'get-state':
        post({ type: 'state', id, fragment: lastFragment, scene: window.poollab.state().scene });
        break;
      case 'set-state':
        if (typeof m.fragment !== 'string' || m.fragment.length > 65536) return;
        Module.ccall('poollab_open_link', null, ['string'], [m.fragment]);
        post({ type: 'done', id });
        break;
      case 'play':
      case 'pause':
        Module.ccall('poollab_command', null, ['string'], [m.type]);
        post({ type: 'done', id });
        break;
      case 'step': {
        const count = Number.isInteger(m.count) ? Math.max(-1000, Math.min(1000, m.count)) : 1;
        Module.ccall('poollab_command', null, ['string'], ['step ' + count]);
        post({ type: 'done', id });
        break;
      }
      default:
        break;  // unknown messages are ignored
    }
  });

  if (!hasWebGL2()) {
    showError('PoolLab needs WebGL2, which this browser does not offer (or has switched off). ' +
              'Try a current Firefox, Chrome, Edge or Safari, and check that hardware acceleration is on.');
    return;
  }

  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    showError('The graphics context was lost (the GPU was reset or is busy). Reload the page to continue.');
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
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus(text) {
      if (!text) return;
      // Emscripten reports "Downloading data... (12/34)"; show it as a bar.
      const m = text.match(/\((\d+(?:\.\d+)?)\/(\d+)\)/);
      if (m) {
        progressEl.hidden = false;
        progressEl.value = (100 * parseFloat(m[1])) / parseFloat(m[2]);
        statusEl.textContent = 'Loading…';
      } else {
        statusEl.textContent = text;
      }
    },
    monitorRunDependencies(left) {
      if (left > 0) statusEl.textContent = 'Preparing… (' + left + ' left)';
    },
    onLinkChanged(fragment) {
      lastFragment = fragment;
      post({ type: 'state-changed', fragment });
    },
    onFirstFrame() {
      window.poollab.firstFrameAt = performance.now();
      overlay.classList.add('hidden');
      window.poollab.ready = true;
      canvas.focus();
      setTimeout(prefetchSamples, 0);
    },
    onAbort(what) {
      showError('PoolLab stopped with an error: ' + what + '. Reload the page to start again.');
    },
  };

  statusEl.textContent = 'Loading PoolLab…';
  const script = document.createElement('script');
  script.src = 'poollab.js';
  script.async = true;
  script.onerror = () => showError('Could not load poollab.js. Is the page served from the build folder?');
  document.body.appendChild(script);
})();
