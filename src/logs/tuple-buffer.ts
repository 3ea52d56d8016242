/** A growable Float64Array of hit tuples (see TUPLE_WIDTH), sent as one transferable. */
import { TUPLE_WIDTH } from './chunk-types.ts';

export class TupleBuffer {
  private data = new Float64Array(TUPLE_WIDTH * 16_384);
  private count = 0;

  push(key: number, time: number, verdict: number, page: number): void {
    let at = this.count * TUPLE_WIDTH;
    if (at + TUPLE_WIDTH > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    data[at++] = key;
    data[at++] = time;
    data[at++] = verdict;
    data[at] = page;
    this.count++;
  }

  /** The tuples so far, as a copy that owns its memory; then starts over. */
  take(): Float64Array {
    const tuples = this.data.slice(0, this.count * TUPLE_WIDTH);
    this.count = 0;
    return tuples;
  }
}
