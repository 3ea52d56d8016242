import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Opens each named input in turn (`-` is stdin); stdin alone when no name is given. */
export function* openInputs(paths: string[], stdin: Readable): Generator<[name: string, Readable]> {
  if (paths.length === 0) {
    yield ['-', stdin];
    return;
  }
  for (const path of paths) {
    yield path === '-' ? ['-', stdin] : [path, createReadStream(path, { highWaterMark: 1 << 20 })];
  }
}
