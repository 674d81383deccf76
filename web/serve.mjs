// A small static file server for the built web app, on 127.0.0.1 only.
// Sends the right MIME types (application/wasm for streaming compilation)
// and, with --csp, the strict Content-Security-Policy course sites use.
// A request it cannot read is answered (400, 404, ...) and it goes on serving.
//   node web/serve.mjs DIR [--port 8080] [--csp]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

// Every kind of file the site has, or a course server next to it is likely to.
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',  // the datasets (data/*.bin.gz), inflated by the page itself
  '.data': 'application/octet-stream',  // Emscripten's preloaded files
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const MAX_URL = 2048;
const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP']);

// The file a request path names under root, or an HTTP status saying why
// there is none. Decoding is strict: a path that is not plain text (a NUL, a
// control character, a backslash, a bad escape) is malformed, not guessed at.
export function resolvePath(root, url) {
  if (typeof url !== 'string' || !url.startsWith('/')) return { status: 400 };
  if (url.length > MAX_URL) return { status: 414 };
  const raw = url.replace(/[?#].*$/s, '');
  let rel;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (/[\u0000-\u001f\u007f\\]/.test(rel)) return { status: 400 };
  const parts = rel.split('/').filter(Boolean);
  if (parts.some((p) => p === '.' || p === '..')) return { status: 400 };  // no way up
  if (parts.some((p) => p.startsWith('.'))) return { status: 404 };  // nothing hidden: .git, .env
  if (rel.endsWith('/')) parts.push('index.html');
  return { file: path.join(root, ...parts) };
}

export function createServer(root, { csp = false } = {}) {
  root = fs.realpathSync(path.resolve(root));
  const fail = (res, status, extra = {}) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(http.STATUS_CODES[status] + '\n');
  };
  async function answer(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { Allow: 'GET, HEAD' });
    const { file, status } = resolvePath(root, req.url);
    if (!file) return fail(res, status);
    let real, st;
    try {
      real = await fs.promises.realpath(file);  // a symbolic link inside the site may not lead out of it
      st = await fs.promises.stat(real);
    } catch (e) {
      return fail(res, e.code === 'EACCES' ? 403 : NOT_THERE.has(e.code) ? 404 : 500);
    }
    if (!real.startsWith(root + path.sep) || !st.isFile()) return fail(res, 404);
    const modified = st.mtime.toUTCString();
    const headers = {
      'Content-Type': TYPES[path.extname(real).toLowerCase()] || 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      // The file names carry no version: every load asks whether a file
      // changed, and an unchanged one costs a 304, not a download.
      'Cache-Control': 'no-cache',
      'Last-Modified': modified,
    };
    if (csp) headers['Content-Security-Policy'] = CSP;
    if (req.headers['if-modified-since'] === modified) return res.writeHead(304, headers).end();
    headers['Content-Length'] = st.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(real).on('error', () => res.destroy()).pipe(res);
  }
  // Requests too broken for Node's own parser (a raw NUL, a space in the
  // path) get its 400 and a closed connection; the server carries on.
  return http.createServer((req, res) => {
    answer(req, res).catch((e) => {  // a bug here fails one request, it does not stop the server
      console.error(`serve: ${req.method} ${String(req.url).slice(0, 200)}: ${e.message}`);
      fail(res, 500);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') || '.';
  const portArg = args.indexOf('--port');
  const explicit = portArg >= 0;
  let port = explicit ? Number(args[portArg + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port needs a number from 0 to 65535`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root} has no index.html; build the web app first (cmake --build --preset web)`);
    process.exit(1);
  }
  const csp = args.includes('--csp');
  const server = createServer(root, { csp });
  server.on('error', (e) => {
    // Without --port, take the next free port rather than fail.
    if (!explicit && e.code === 'EADDRINUSE' && port < 8099) {
      server.listen(++port, '127.0.0.1');
      return;
    }
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}` +
                  (e.code === 'EADDRINUSE' ? ' (try --port with another number)' : ''));
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`PoolLab is running at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)` +
                (csp ? '' : '  [no Content-Security-Policy]'));
  });
}
