// A small static file server for the built web app, on 127.0.0.1 only.
// Sends the right MIME types (application/wasm for streaming compilation)
// and, with --csp, the strict Content-Security-Policy course sites use.
//   node web/serve.mjs DIR [--port 8080] [--csp]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

export function createServer(root, { csp = false } = {}) {
  root = path.resolve(root);
  return http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const headers = {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
      };
      if (csp) headers['Content-Security-Policy'] = CSP;
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
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
  const server = createServer(root, { csp: args.includes('--csp') });
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
    console.log(`PoolLab is running at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  });
}
