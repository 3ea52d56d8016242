/**
 * Fixed-size chunk buffers that go to a worker and come back with its result. Reusing them
 * keeps the reading thread from allocating a megabyte per chunk, which would make V8 collect
 * garbage for memory it never needed.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(readonly bytes: number) {}

  acquire(): Uint8Array {
    const reused = this.free.pop();
    return new Uint8Array(reused ?? new ArrayBuffer(this.bytes));
  }

  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.bytes) this.free.push(buffer);
  }
}
