/**
 * Fills chunk buffers with whole lines for the workers, with bounded memory. Plain files are
 * read straight into the chunk (`space` + `commit`); decompressed data is copied in (`push`).
 * When a chunk is full it is cut after its last newline and the partial line moves to the
 * next one. A line that outgrows the limit is dropped as it streams (its start is kept, to
 * show it) and reported as one invalid line. A UTF-8 byte-order mark at the start is dropped.
 */
import type { BufferPool } from './buffer-pool.ts';

export type SplitUnit =
  | { kind: 'lines'; bytes: Uint8Array }
  | { kind: 'oversized'; start: Uint8Array };

const NEWLINE = 10;
const SAMPLE_BYTES = 120;

export class LineSplitter {
  private current: Uint8Array;
  private used = 0;
  /** Set while dropping an oversized line: its first bytes, for the invalid-line sample. */
  private dropping: Uint8Array | null = null;
  private atStart = true;

  constructor(
    private readonly pool: BufferPool,
    private readonly emit: (unit: SplitUnit) => void,
    private readonly maxLineBytes = 64 * 1024,
  ) {
    this.current = pool.acquire();
  }

  /** Free space of the current chunk: read into it, then `commit` what was read. */
  space(): Uint8Array {
    return this.current.subarray(this.used);
  }

  commit(count: number): void {
    const from = this.used;
    this.used += count;
    if (this.atStart) this.dropByteOrderMark();
    if (this.dropping !== null) this.skipDroppedLine(from);
    if (this.used === this.current.length) this.cut();
  }

  push(data: Uint8Array): void {
    let rest = data;
    while (rest.length > 0) {
      const space = this.space();
      const count = Math.min(space.length, rest.length);
      space.set(rest.subarray(0, count));
      rest = rest.subarray(count);
      this.commit(count);
    }
  }

  /** Emits what is left (a last line without newline included). */
  end(): void {
    if (this.dropping !== null) {
      this.emit({ kind: 'oversized', start: this.dropping });
      this.dropping = null;
    }
    if (this.used > 0) {
      this.emit({ kind: 'lines', bytes: this.current.subarray(0, this.used) });
      this.current = this.pool.acquire();
      this.used = 0;
    }
  }

  private dropByteOrderMark(): void {
    if (this.used < 3) return;
    this.atStart = false;
    const c = this.current;
    if (c[0] === 0xef && c[1] === 0xbb && c[2] === 0xbf) {
      c.copyWithin(0, 3, this.used);
      this.used -= 3;
    }
  }

  /** While dropping, discard bytes up to the newline that ends the oversized line. */
  private skipDroppedLine(from: number): void {
    const newline = this.current.subarray(from, this.used).indexOf(NEWLINE);
    if (newline === -1) {
      this.used = from;
      return;
    }
    this.emit({ kind: 'oversized', start: this.dropping as Uint8Array });
    this.dropping = null;
    this.current.copyWithin(from, from + newline + 1, this.used);
    this.used -= newline + 1;
  }

  private cut(): void {
    const full = this.current;
    const lastNewline = full.lastIndexOf(NEWLINE);
    const tail = full.subarray(lastNewline + 1, this.used);
    const next = this.pool.acquire();
    this.used = 0;
    if (tail.length > this.maxLineBytes) {
      this.dropping = tail.slice(0, SAMPLE_BYTES);
    } else {
      next.set(tail);
      this.used = tail.length;
    }
    this.current = next;
    if (lastNewline >= 0) this.emit({ kind: 'lines', bytes: full.subarray(0, lastNewline + 1) });
    else this.pool.release(full.buffer as ArrayBuffer);
  }
}
