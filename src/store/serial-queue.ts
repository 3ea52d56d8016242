/** Runs `task` after every task enqueued before it has settled; resolves with its result. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * One-at-a-time execution. A DuckDB connection must not run two statements at once, and the
 * statements of one append (BEGIN … COMMIT) must not interleave with another caller's.
 * A failed task does not stop the tasks queued after it.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
