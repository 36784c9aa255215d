// Shared by the browser tests: the npm peers (tools/setup.sh --with-peers), a static server on
// 127.0.0.1 that records every request and 404, and headless Chromium driven by playwright-core.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const SKIP = 77;
const cache = process.env.INCIMAP_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || '/root', '.cache'), 'incimap');
const peers = path.join(cache, 'peers');

// A peer npm module, or exit 77 (skipped) when it is not installed.
function peer(name) {
  try {
    return createRequire(path.join(peers, 'package.json'))(name);
  } catch (e) {
    console.log(`${name} is not installed in ${peers} (tools/setup.sh --with-peers): skipped`);
    process.exit(SKIP);
  }
}

function peerPath(relative) {
  const p = path.join(peers, 'node_modules', relative);
  if (!fs.existsSync(p)) {
    console.log(`${p} is missing (tools/setup.sh --with-peers): skipped`);
    process.exit(SKIP);
  }
  return p;
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png' };

// Serves `mounts` ({url prefix: directory, or url: file}; the first that matches) on 127.0.0.1; resolves to {url, requests, missing, close}.
function serve(mounts) {
  const requests = [];
  const missing = [];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    requests.push(url);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.startsWith(prefix)) continue;
      const whole = url === prefix && fs.existsSync(dir) && fs.statSync(dir).isFile();  // a mount of one file
      const file = whole ? dir : path.join(dir, url.slice(prefix.length));
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) break;
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(fs.readFileSync(file));
      return;
    }
    missing.push(url);
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, requests, missing, close: () => server.close(),
  })));
}

async function launch(extraArgs = []) {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.log(`${executablePath} is missing (tools/setup.sh --with-peers): skipped`);
    process.exit(SKIP);
  }
  const { chromium } = peer('playwright-core');
  return chromium.launch({ executablePath, headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', ...extraArgs] });
}

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}

module.exports = { SKIP, peer, peerPath, serve, launch, fail };
