// The floor for `penumbra classify`: the same chunked line splitting and buffered writes,
// with only JSON.parse + JSON.stringify per line. Usage: node bare-jsonl.mjs FILE > out

import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const decoder = new StringDecoder('utf8');
let pending = '';
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  const text = decoder.write(chunk);
  let out = '';
  let start = 0;
  let newline = text.indexOf('\n');
  while (newline !== -1) {
    const line = pending + text.slice(start, newline);
    pending = '';
    out += `${JSON.stringify(JSON.parse(line))}\n`;
    start = newline + 1;
    newline = text.indexOf('\n', start);
  }
  pending += text.slice(start);
  if (!process.stdout.write(out)) await once(process.stdout, 'drain');
}
