// Worker-thread entry: owns the DuckDB event store and serves its methods to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createDuckDbEventStore } from '../duckdb/duckdb-event-store.ts';
import type { EventStore } from '../event-store.ts';
import type { EventStoreThreadData, RemoteCall, RemoteReply } from './event-store-protocol.ts';

const port = parentPort!;
const { path, threads } = workerData as EventStoreThreadData;

function describeError(error: unknown): Extract<RemoteReply, { ok: false }>['error'] {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

try {
  const store: EventStore = await createDuckDbEventStore({ path, threads });
  port.on('message', async ({ id, method, args }: RemoteCall) => {
    let reply: RemoteReply;
    try {
      const call = store[method] as (...callArgs: unknown[]) => Promise<unknown>;
      reply = { id, ok: true, value: await call.apply(store, args) };
    } catch (error) {
      reply = { id, ok: false, error: describeError(error) };
    }
    port.postMessage(reply);
    if (method === 'close') port.close();
  });
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies RemoteReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: describeError(error) } satisfies RemoteReply);
}
