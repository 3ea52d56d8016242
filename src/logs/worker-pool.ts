/**
 * Runs chunk jobs on worker threads and on the reading thread itself. Workers take a chunk
 * while they have room (at most a few in flight each, so memory stays flat); otherwise, and
 * while the workers are still starting, the reading thread processes the chunk inline, so no
 * core waits for another. Results arrive in completion order; `OrderedResults` restores the
 * file order.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChunkProcessor } from './chunk-processor.ts';
import type { ChunkJob, ChunkResult, ProcessorSettings, ProcessorTotals } from './chunk-types.ts';
import { type FromWorker, type ToWorker, WORKER_KIND, type WorkerData } from './logs-worker.ts';

const IN_FLIGHT_PER_WORKER = 3;

export interface ChunkPool {
  /** Queues the job, or runs it inline; resolves when there is room for another. */
  submit(job: ChunkJob): Promise<void>;
  /** Waits for every result, then returns each processor's totals and stops the workers. */
  finish(): Promise<ProcessorTotals[]>;
  /** Stops the workers at once (after an error). */
  destroy(): void;
}

/**
 * Worker threads need this module as JavaScript: true in the built CLI, false when the
 * TypeScript sources run under a test runner (which then processes inline).
 */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

const DEDICATED_SCRIPT = new URL('./logs-worker.js', import.meta.url);

/**
 * The small dedicated worker bundle when the build made one (it loads in milliseconds),
 * else this very bundle, which holds the worker entry too (and everything else the CLI loads).
 */
function workerScript(): URL {
  return existsSync(fileURLToPath(DEDICATED_SCRIPT)) ? DEDICATED_SCRIPT : new URL(import.meta.url);
}

/**
 * Workers for inputs big enough to repay their start: one per core besides the reading
 * thread, which processes chunks too. A worker that must load the whole CLI bundle costs
 * about 0.2 s of CPU before its first line, measured to pay off only past ~128 MB here.
 */
export function autoThreadCount(logBytes: number): number {
  const worthIt = existsSync(fileURLToPath(DEDICATED_SCRIPT)) ? 8 << 20 : 128 << 20;
  return logBytes >= worthIt ? Math.max(1, Math.min(availableParallelism() - 1, 7)) : 0;
}

interface PoolWorker {
  thread: Worker;
  ready: boolean;
  /** Failed before taking any job: the others (and the reading thread) carry on without it. */
  dead: boolean;
  inFlight: number;
}

export function createChunkPool(
  threads: number,
  settings: ProcessorSettings,
  onResult: (result: ChunkResult) => void,
): ChunkPool {
  const inline = new ChunkProcessor(settings, threads);
  const totals: ProcessorTotals[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const deliver = (result: ChunkResult): void => {
    try {
      onResult(result);
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  };
  const script = threads > 0 ? workerScript() : null;
  const workers: PoolWorker[] = Array.from({ length: threads }, (_, index) => {
    const data: WorkerData = { kind: WORKER_KIND, index, settings };
    const worker: PoolWorker = {
      thread: new Worker(script as URL, { workerData: data }),
      ready: false,
      dead: false,
      inFlight: 0,
    };
    worker.thread.on('message', (message: FromWorker) => {
      if (message.type === 'ready') worker.ready = true;
      else if (message.type === 'result') {
        worker.inFlight--;
        deliver(message.result);
      } else totals.push(message.totals);
      notify();
    });
    worker.thread.on('error', (error) => {
      // A worker that cannot start loses nothing; one that dies holding chunks loses lines.
      if (worker.ready) failure ??= error;
      else worker.dead = true;
      notify();
    });
    worker.thread.on('exit', () => {
      if (worker.inFlight > 0)
        failure ??= new Error(`logs worker ${index} stopped with chunks unprocessed`);
      notify();
    });
    return worker;
  });
  const waitForChange = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    if (failure) throw failure;
  };
  const roomiest = (): PoolWorker | null => {
    let best: PoolWorker | null = null;
    for (const w of workers)
      if (w.ready && w.inFlight < IN_FLIGHT_PER_WORKER && (!best || w.inFlight < best.inFlight))
        best = w;
    return best;
  };

  return {
    async submit(job) {
      if (failure) throw failure;
      const worker = roomiest();
      if (worker === null) {
        deliver(inline.process(job));
        // Let worker messages in before the next chunk.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return;
      }
      worker.inFlight++;
      const message: ToWorker = { type: 'job', job };
      worker.thread.postMessage(message, [job.bytes.buffer as ArrayBuffer]);
    },
    async finish() {
      while (workers.some((w) => w.inFlight > 0)) await waitForChange();
      const started = workers.filter((w) => w.ready && !w.dead);
      const finish: ToWorker = { type: 'finish' };
      for (const worker of started) worker.thread.postMessage(finish);
      while (totals.length < started.length) await waitForChange();
      await Promise.all(workers.map((w) => w.thread.terminate()));
      if (failure) throw failure;
      return [...totals, inline.totals()];
    },
    destroy() {
      for (const worker of workers) void worker.thread.terminate();
    },
  };
}

/** Re-sequences results that complete out of order; `deliver` sees seq 0, 1, 2… */
export class OrderedResults<T extends { seq: number }> {
  private readonly waiting = new Map<number, T>();
  private next = 0;

  constructor(private readonly deliver: (item: T) => void) {}

  add(item: T): void {
    this.waiting.set(item.seq, item);
    for (let ready = this.waiting.get(this.next); ready; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next++;
      this.deliver(ready);
    }
  }
}
