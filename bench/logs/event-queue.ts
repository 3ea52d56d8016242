/**
 * A binary min-heap of log lines by time. Sessions schedule their requests ahead of time;
 * popping in time order keeps the log sorted while only the live sessions sit in memory.
 */
interface QueuedLine {
  time: number;
  seq: number;
  text: string;
}

export class EventQueue {
  private readonly heap: QueuedLine[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, text: string): void {
    const item = { time, seq: this.seq++, text };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(item, heap[parent] as QueuedLine)) break;
      heap[i] = heap[parent] as QueuedLine;
      i = parent;
    }
    heap[i] = item;
  }

  peekTime(): number {
    return this.heap[0]?.time ?? Number.POSITIVE_INFINITY;
  }

  pop(): QueuedLine | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && this.less(heap[right] as QueuedLine, heap[left] as QueuedLine)
          ? right
          : left;
      if (!this.less(heap[child] as QueuedLine, last)) break;
      heap[i] = heap[child] as QueuedLine;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  private less(a: QueuedLine, b: QueuedLine): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }
}
