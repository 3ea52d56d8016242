/**
 * Opening the inputs: files (plain or gzip, recognised by their magic bytes, not their name)
 * and `-` for stdin. Each source is peeked first (its head decides the format and its first
 * timestamp the order of a rotated set), then streamed once. Stdin cannot be reopened, so the
 * bytes consumed by the peek are replayed before the rest.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { LogsInputError } from './log-format.ts';

const HEAD_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1 << 20;

export interface LogSource {
  /** As given on the command line; `-` is shown as `stdin`. */
  name: string;
  path: string | null;
  /** Size on disk (compressed size for gzip); null for stdin. */
  size: number | null;
  compressed: boolean;
  /** The first (decompressed) bytes, decoded as UTF-8. */
  head: string;
  /** Whether `head` is the whole input (so its last line is complete). */
  headIsWhole: boolean;
  /** Stdin only: raw chunks read by the peek, and the rest of the stream. */
  replay?: { chunks: Buffer[]; rest: AsyncIterator<Buffer> };
}

const OTHER_COMPRESSION: ReadonlyArray<[string, number[]]> = [
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function rejectOtherCompression(name: string, bytes: Uint8Array): void {
  for (const [tool, magic] of OTHER_COMPRESSION) {
    if (magic.every((byte, i) => bytes[i] === byte)) {
      throw new LogsInputError(
        `${name} is ${tool}-compressed; decompress it first (e.g. \`${tool === 'bzip2' ? 'bzcat' : `${tool}cat`} ${name} | penumbra logs -\`)`,
      );
    }
  }
}

/** Decompresses as much of a gzip prefix as possible (the peek reads only the start). */
function gunzipPrefix(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}

function headOf(
  raw: Buffer,
  compressed: boolean,
  rawIsWhole: boolean,
): { head: string; whole: boolean } {
  const data = compressed ? gunzipPrefix(raw) : raw;
  const whole = rawIsWhole && data.length <= HEAD_BYTES;
  return { head: data.subarray(0, HEAD_BYTES).toString('utf8'), whole };
}

async function peekFile(path: string): Promise<LogSource> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new LogsInputError(`${path} is a directory`);
    size = info.size;
  } catch (error) {
    if (error instanceof LogsInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LogsInputError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`,
    );
  }
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const raw = buffer.subarray(0, bytesRead);
    rejectOtherCompression(path, raw);
    const compressed = isGzip(raw);
    const { head, whole } = headOf(raw, compressed, bytesRead === size);
    return { name: path, path, size, compressed, head, headIsWhole: whole };
  } finally {
    await handle.close();
  }
}

async function peekStdin(stdin: Readable): Promise<LogSource> {
  const rest = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < HEAD_BYTES) {
    const next = await rest.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    length += chunk.length;
  }
  const raw = Buffer.concat(chunks);
  rejectOtherCompression('stdin', raw);
  const compressed = isGzip(raw);
  const { head, whole } = headOf(raw, compressed, ended);
  return {
    name: 'stdin',
    path: null,
    size: null,
    compressed,
    head,
    headIsWhole: whole,
    replay: { chunks, rest },
  };
}

/**
 * Reads a plain file with one read always in flight: the next megabyte arrives while the
 * current one is split and processed, instead of the thread idling on each read. `afterRead`
 * runs after each read, with the byte count, and may wait (backpressure).
 */
export async function readPlainFile(
  path: string,
  splitter: { push(data: Uint8Array): void },
  afterRead: (bytes: number) => Promise<void>,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    let front = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let back = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let position = 0;
    let pending = handle.read(front, 0, front.length, position);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      position += bytesRead;
      const filled = front;
      [front, back] = [back, front];
      pending = handle.read(front, 0, front.length, position);
      splitter.push(filled.subarray(0, bytesRead));
      await afterRead(bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export async function peekSources(names: readonly string[], stdin: Readable): Promise<LogSource[]> {
  if (names.filter((name) => name === '-').length > 1) {
    throw new LogsInputError('stdin (-) can be read only once');
  }
  const sources: LogSource[] = [];
  for (const name of names)
    sources.push(name === '-' ? await peekStdin(stdin) : await peekFile(name));
  return sources;
}

async function* rawBytes(
  source: LogSource,
  onRead: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  if (source.replay) {
    for (const chunk of source.replay.chunks) {
      onRead(chunk.length);
      yield chunk;
    }
    for (
      let next = await source.replay.rest.next();
      !next.done;
      next = await source.replay.rest.next()
    ) {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      onRead(chunk.length);
      yield chunk;
    }
    return;
  }
  const stream = createReadStream(source.path as string, { highWaterMark: READ_CHUNK_BYTES });
  for await (const chunk of stream) {
    onRead((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

/**
 * The decompressed bytes of a source. `onRead` reports raw bytes consumed (for progress). A
 * damaged or truncated gzip stream (a log rotated while being written) ends the source early:
 * what was decompressed is kept, and `onWarning` says what happened.
 */
export async function* streamSource(
  source: LogSource,
  onRead: (bytes: number) => void,
  onWarning: (message: string) => void,
): AsyncGenerator<Uint8Array> {
  if (!source.compressed) {
    yield* rawBytes(source, onRead);
    return;
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const settled = (): Promise<unknown> =>
    new Promise((resolve) => {
      gunzip.once('drain', resolve);
      gunzip.once('close', resolve);
    });
  const feed = (async () => {
    try {
      for await (const chunk of rawBytes(source, onRead)) {
        if (gunzip.destroyed) return;
        if (!gunzip.write(chunk)) await settled();
      }
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    onWarning(
      `${source.name}: gzip data ends early or is damaged (${reason}); read what came before`,
    );
  } finally {
    if (!gunzip.destroyed) gunzip.destroy();
    await feed;
  }
}
