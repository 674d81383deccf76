// Training datasets for the app, fetched when a scene first asks for one
// (never with the first load): data/NAME.bin.gz with progress, inflated by
// the browser's own DecompressionStream, handed to the wasm. A failure
// (offline, not found, damaged) is told in words; the scene offers a retry.
// A classic script for the page (window.poollabData), importable by Node's tests.
(function () {
  'use strict';
  const TITLES = { mnist: 'the MNIST digits', fashion: 'the Fashion-MNIST pictures' };

  // Why a fetch failed, in words a student can act on.
  function explain(name, file, error) {
    const what = (TITLES[name] || "the dataset '" + name + "'") + ' (' + file + ')';
    if (error && error.status) {
      return 'Could not fetch ' + what + ': the server answered ' + error.status +
        (error.status === 404 ? ' (not found: was the site built with its data?).' : '.');
    }
    if (error && error.damaged) return 'Could not read ' + what + ': the download is damaged (' + error.message + '). Retry.';
    return 'Could not fetch ' + what + ': the network is unreachable (offline?). Check the connection and retry.';
  }

  // Fetches data/NAME.bin.gz under `base`: onProgress(fraction) as it comes
  // (0..1, or -1 when the size is not known), then onArrived(Uint8Array of the
  // inflated file) or onFailed(message). Resolves when one of those was called.
  async function fetchDataset(name, { base = '', fetchImpl = fetch, onProgress = () => {}, onArrived, onFailed }) {
    const file = 'data/' + name + '.bin.gz';
    let compressed;
    try {
      const response = await fetchImpl(base + file, { credentials: 'same-origin' });
      if (!response.ok) throw { status: response.status };
      // A server that adds its own Content-Encoding counts other bytes than the reader sees.
      const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
      const reader = response.body.getReader();
      const chunks = [];
      let loaded = 0;
      onProgress(total > 0 ? 0 : -1);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        onProgress(total > 0 ? Math.min(1, loaded / total) : -1);
      }
      if (total > 0 && loaded !== total) throw { damaged: true, message: loaded + ' of ' + total + ' bytes arrived' };
      compressed = new Blob(chunks);
    } catch (e) {
      onFailed(explain(name, file, e));
      return;
    }
    let bytes;
    try {
      const inflated = compressed.stream().pipeThrough(new DecompressionStream('gzip'));
      bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
    } catch (e) {
      onFailed(explain(name, file, { damaged: true, message: 'not a gzip file' }));
      return;
    }
    onArrived(bytes);
  }

  // The app's side: progress, bytes and failures go into the wasm's entry
  // points (src/platform/dataset_fetch_web.cpp), and each wakes the app.
  function fetchForApp(Module, name) {
    const call = (fn, types, args) => {
      Module.ccall(fn, null, types, args);
      Module._poollab_wake();
    };
    let last = -2;
    return fetchDataset(name, {
      onProgress(fraction) {
        if (fraction !== -1 && fraction - last < 0.01 && fraction < 1) return;  // a hundred steps are plenty
        last = fraction;
        call('poollab_data_progress', ['string', 'number'], [name, fraction]);
      },
      onArrived(bytes) {
        const ptr = Module._malloc(Math.max(1, bytes.length));
        Module.HEAPU8.set(bytes, ptr);
        call('poollab_data_arrived', ['string', 'number', 'number'], [name, ptr, bytes.length]);
        Module._free(ptr);
      },
      onFailed(message) {
        call('poollab_data_failed', ['string', 'string'], [name, message]);
      },
    });
  }

  globalThis.poollabData = { fetchDataset, fetchForApp, explain };
})();
