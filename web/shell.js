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

  window.Module = {
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
    onFirstFrame() {
      overlay.classList.add('hidden');
      window.poollab.ready = true;
      canvas.focus();
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
