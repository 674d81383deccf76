// The static server (web/serve.mjs) that scripts/serve.sh and the browser
// tests use: it answers every request, however broken, and goes on serving;
// it never hands out a file from outside its root; and it names the type of
// every file the site has. Requests go over raw sockets, so the paths reach
// the server byte for byte, as a hostile client would send them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, CSP } from '../../web/serve.mjs';
import { SITE } from './browser.mjs';

const SECRET = 'not-for-the-web-7c1f';
let dir, root, server, port;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poollab-serve-'));
  root = path.join(dir, 'site');
  fs.mkdirSync(path.join(root, 'web'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>root</title>');
  fs.writeFileSync(path.join(root, 'web', 'a.js'), '"use strict";');
  fs.writeFileSync(path.join(root, '.env'), SECRET);
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  server = createServer(root, { csp: true });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// One request, its target written as raw bytes; the answer's status, headers and body.
function request(target, { method = 'GET', headers = '' } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(target.toString('latin1').slice(0, 80))}`));
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => resolve({ status: e.code, headers: {}, body: '' }));  // a reset: no answer at all
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split).split('\r\n');
      const fields = {};
      for (const line of head.slice(1)) fields[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(head[0].split(' ')[1]), headers: fields, body: text.slice(split + 4) });
    });
    socket.write(Buffer.concat([Buffer.from(method + ' '), Buffer.isBuffer(target) ? target : Buffer.from(target, 'utf8'),
      Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`)]));
  });
}

test('a NUL in the path is a 400, and the server goes on serving', async () => {
  assert.equal((await request('/index.html%00')).status, 400);
  const r = await request('/index.html');
  assert.equal(r.status, 200);
  assert.match(r.body, /<title>root<\/title>/);
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(r.headers['content-security-policy'], CSP);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

test('malformed, hostile and odd requests each get an honest answer', async () => {
  const cases = [
    ['/index.html%00', 400], ['/web/a.js%00.png', 400], ['/%0aindex.html', 400], ['/index.html%7f', 400],
    ['/%e0%a4%a', 400], ['/%', 400], ['/%zz', 400], ['/%c0%ae%c0%ae/secret.txt', 400],
    ['/..%2fsecret.txt', 400], ['/%2e%2e/secret.txt', 400], ['/web/%2E%2E/%2e%2e/secret.txt', 400],
    ['/..%5csecret.txt', 400], ['/web%5ca.js', 400], ['/./index.html', 400],
    ['/link.txt', 404], ['/.env', 404], ['/web', 404], ['/web/', 404], ['/nothing.html', 404],
    ['/' + 'a'.repeat(300), 404], ['/' + 'a/'.repeat(1500), 414],
    ['*', 400], ['http://127.0.0.1/index.html', 400],
    ['/', 200], ['//index.html', 200], ['/web//a.js?x=1#y', 200], ['/%69ndex.html', 200],
  ];
  for (const [target, status] of cases) {
    const r = await request(target);
    assert.equal(r.status, status, `${target.slice(0, 60)} -> ${r.status}`);
    assert.ok(!r.body.includes(SECRET), `${target.slice(0, 60)} leaked a file from outside the root`);
  }
  const post = await request('/index.html', { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
  const head = await request('/web/a.js', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], '13');
  // Unchanged since the browser's copy: a 304, no body.
  const again = await request('/web/a.js', { headers: `If-Modified-Since: ${head.headers['last-modified']}\r\n` });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
});

test('a few hundred random hostile paths: none crashes the server or escapes its root', async () => {
  const pieces = ['..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2e', '%2f', '%2F', '%5c', '\\', '%00', '\u0000', '%0d%0a',
    '%ff', '%c0%ae', '%c0%af', '%e2%80%ae', 'é', '%C3%A9', '日本', '\u202e', '%', '%%', '%zz', '%u002e', 'index.html',
    'web', 'a.js', 'secret.txt', 'link.txt', '.env', '~', '?', '#', ';', ' ', '\t', '', '/', '//', '%20', 'CON', 'aux.js'];
  let seed = 12345;  // a fixed seed: a failure can be run again
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const seen = new Map();
  for (let i = 0; i < 400; i++) {
    let target;
    if (i % 50 === 49) {
      target = Buffer.from([0x2f, ...Array.from({ length: 1 + random(3000) }, () => random(256))]);  // raw bytes
    } else {
      target = '/' + Array.from({ length: 1 + random(8) }, () => pieces[random(pieces.length)]).join(random(3) ? '/' : '');
      if (i % 40 === 39) target += 'x'.repeat(random(20000));  // overlong, past Node's header limit too
    }
    const r = await request(target);
    seen.set(r.status, (seen.get(r.status) || 0) + 1);
    assert.ok([200, 400, 404, 414, 431, 'ECONNRESET', 'EPIPE'].includes(r.status), `unexpected ${r.status}`);
    assert.ok(!r.body.includes(SECRET), `${JSON.stringify(String(target).slice(0, 80))} leaked a file from outside the root`);
    if (r.status === 200) assert.ok(['<!doctype html><title>root</title>', '"use strict";'].includes(r.body), 'a 200 is one of the site\'s files');
  }
  assert.ok((seen.get(400) || 0) > 100, `most of them are malformed: ${JSON.stringify([...seen])}`);
  assert.equal((await request('/index.html')).status, 200, 'still serving');
});

test('every file of the built site is served with its own type', { skip: !fs.existsSync(path.join(SITE, 'index.html')) && 'no web build' }, async () => {
  const site = createServer(SITE);
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    const files = fs.readdirSync(SITE, { recursive: true }).filter((f) => fs.statSync(path.join(SITE, f)).isFile());
    assert.ok(files.length > 10, `the site has its files (${files.length})`);
    for (const f of files) {
      const r = await fetch(`http://127.0.0.1:${site.address().port}/${f.split(path.sep).map(encodeURIComponent).join('/')}`);
      assert.equal(r.status, 200, f);
      assert.notEqual(r.headers.get('content-type'), 'application/octet-stream', `${f} has no type of its own`);
      await r.arrayBuffer();
    }
    const types = async (name) => (await fetch(`http://127.0.0.1:${site.address().port}/${name}`)).headers.get('content-type');
    assert.equal(await types('poollab.wasm'), 'application/wasm');
    assert.equal(await types('samples/cat.jpg'), 'image/jpeg');
    assert.equal(await types('web/favicon.svg'), 'image/svg+xml');
    assert.equal(await types('web/embed.js'), 'text/javascript; charset=utf-8');
  } finally {
    site.close();
  }
});
