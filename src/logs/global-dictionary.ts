/**
 * Each worker numbers verdicts and pages in its own order; this maps (worker, local id) to one
 * global id so the aggregator can count across workers.
 */
import type { VerdictInfo } from './chunk-types.ts';

export class GlobalDictionary<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();
  private readonly perWorker: number[][] = [];

  constructor(private readonly keyOf: (value: T) => string) {}

  /** Appends a worker's new local entries (local ids are consecutive, in arrival order). */
  extend(worker: number, added: readonly T[]): void {
    let local = this.perWorker[worker];
    if (local === undefined) {
      local = [];
      this.perWorker[worker] = local;
    }
    for (const value of added) local.push(this.idOf(value));
  }

  idOf(value: T): number {
    const key = this.keyOf(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(key, id);
    }
    return id;
  }

  global(worker: number, local: number): number {
    const id = this.perWorker[worker]?.[local];
    if (id === undefined) throw new Error(`unknown id ${local} from worker ${worker}`);
    return id;
  }
}

export function verdictKey(verdict: VerdictInfo): string {
  return `${verdict.class}|${verdict.channel}|${verdict.ga4}|${verdict.confidence}`;
}
