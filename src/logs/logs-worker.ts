/**
 * Worker-thread entry: built as its own small bundle (dist/logs-worker.js) when the build
 * lists it, else the CLI bundle starts its workers from its own file. Either way this module
 * only acts when loaded as a `penumbra logs` worker.
 */
import { isMainThread, type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { ChunkProcessor } from './chunk-processor.ts';
import type { ChunkJob, ChunkResult, ProcessorSettings, ProcessorTotals } from './chunk-types.ts';

export const WORKER_KIND = 'penumbra-logs-worker';

export interface WorkerData {
  kind: typeof WORKER_KIND;
  index: number;
  settings: ProcessorSettings;
}

export type ToWorker = { type: 'job'; job: ChunkJob } | { type: 'finish' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; result: ChunkResult }
  | { type: 'totals'; totals: ProcessorTotals };

function isWorkerData(value: unknown): value is WorkerData {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { kind?: unknown }).kind === WORKER_KIND
  );
}

function serve(port: MessagePort, data: WorkerData): void {
  const processor = new ChunkProcessor(data.settings, data.index);
  const ready: FromWorker = { type: 'ready' };
  port.postMessage(ready);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'job') {
      const result = processor.process(message.job);
      const reply: FromWorker = { type: 'result', result };
      port.postMessage(reply, [
        result.tuples.buffer as ArrayBuffer,
        result.bytes.buffer as ArrayBuffer,
      ]);
    } else {
      const reply: FromWorker = { type: 'totals', totals: processor.totals() };
      port.postMessage(reply);
    }
  });
}

if (!isMainThread && parentPort && isWorkerData(workerData)) serve(parentPort, workerData);
