// The ceilings of bench/links (issue 5): what a share-link redirect can reach on this machine
// before Penumbra does anything of its own. A plain node:http server that answers /s/<code> with
// the same 302 Penumbra sends (same headers, a fresh 10-character token per request), and, with
// `--log DIR`, also writes each click to a file the way Penumbra's durable log does: one JSON line
// of the size of a click event (~560 bytes), one write per event-loop turn, one fdatasync at most
// every 2 ms. No lookup, no classification, no visitor hash, no database.
// Usage: node bench/links/ceiling-302.mjs PORT LOCATION [--log DIR]
import { randomFillSync } from 'node:crypto';
import { fdatasync, openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [port = '18085', location = 'https://bench.example/story', flag, dir] = process.argv.slice(2);
const logging = flag === '--log' && dir !== undefined;
const fd = logging ? openSync(join(dir, 'clicks.jsonl'), 'a') : -1;

const pool = Buffer.alloc(4096);
let used = pool.length;
const token = () => {
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 8;
  return pool.toString('base64url', used - 8, used).slice(0, 10);
};

// A click event's constant part, as long as the one Penumbra writes for this link and browser.
const filler = 'x'.repeat(430);
let queue = '';
let scheduled = false;
let syncing = false;
let dirty = false;
let lastSync = 0;
const sync = () => {
  if (syncing || !dirty) return;
  const wait = lastSync + 2 - performance.now();
  if (wait > 0) {
    setTimeout(sync, wait);
    return;
  }
  syncing = true;
  dirty = false;
  fdatasync(fd, () => {
    syncing = false;
    lastSync = performance.now();
    sync();
  });
};
const flush = () => {
  scheduled = false;
  writeSync(fd, Buffer.from(queue));
  queue = '';
  dirty = true;
  sync();
};

createServer((request, response) => {
  const minted = token();
  response.writeHead(302, {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    location: `${location}#pn=${minted}&pc=whatsapp`,
    'content-length': '0',
  });
  response.end();
  if (!logging) return;
  queue += `{"id":"${Date.now()}","token":"${minted}","ua":"${request.headers['user-agent']?.length}","rest":"${filler}"}\n`;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}).listen(Number(port), '127.0.0.1');
