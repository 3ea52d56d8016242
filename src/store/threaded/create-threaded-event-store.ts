import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '../event-store.ts';
import { StoreError, type StoreErrorCode } from '../store-error.ts';
import type {
  EventStoreThreadData,
  RemoteCall,
  RemoteMethod,
  RemoteReply,
} from './event-store-protocol.ts';

export interface ThreadedEventStoreOptions {
  /** DuckDB file, or ':memory:'. */
  path: string;
  /** DuckDB's worker threads; DuckDB's default (one per core) when unset. */
  threads?: number;
}

/**
 * Where the thread's entry is: `event-store-thread.js` beside the bundled CLI in dist/, or the
 * TypeScript source (run through tsx) when Penumbra runs from src/ in tests.
 */
function startThread(workerData: EventStoreThreadData): Worker {
  const built = new URL('./event-store-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  // From src/ (tests): register tsx's loader inside the thread, then load the TypeScript entry.
  const source = new URL('./event-store-thread.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function toError(error: Extract<RemoteReply, { ok: false }>['error']): Error {
  if (error.name === 'StoreError' && error.code)
    return new StoreError(error.code as StoreErrorCode, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/**
 * The DuckDB event store in a worker thread. Filling DuckDB's appender is synchronous (about
 * 8 µs per event here), so on the main thread it stalled the collector; in a thread it costs the
 * main thread only the structured clone of each batch. Same interface, same conformance suite.
 */
export async function createThreadedEventStore(
  options: ThreadedEventStoreOptions,
): Promise<EventStore> {
  const worker = startThread({ path: options.path, threads: options.threads });
  const waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let exitError: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: RemoteReply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(toError(reply.error));
  });
  const failAll = (error: Error) => {
    exitError = error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) =>
    failAll(new StoreError('closed', `the event store thread exited (code ${code})`)),
  );
  await ready;

  const call = <T>(method: RemoteMethod, ...args: unknown[]): Promise<T> => {
    if (exitError) return Promise.reject(exitError);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies RemoteCall);
    });
  };

  let closing: Promise<void> | null = null;
  return {
    dialect: 'duckdb',
    migrate: () => call('migrate'),
    append: (events, checkpoint) => call('append', events, checkpoint),
    appendJsonLines: (path, checkpoint) => call('appendJsonLines', path, checkpoint),
    checkpoint: (stream) => call('checkpoint', stream),
    count: (filter) => call('count', filter),
    list: (siteId, listOptions) => call('list', siteId, listOptions),
    edges: (siteId) => call('edges', siteId),
    summarize: (siteId) => call('summarize', siteId),
    selectRows: (sql, params) => call('selectRows', sql, params),
    fillRollup: (fill) => call('fillRollup', fill),
    close() {
      closing ??= exitError
        ? Promise.resolve()
        : call<void>('close').then(async () => {
            await worker.terminate();
          });
      return closing;
    },
  };
}
