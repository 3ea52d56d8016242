/**
 * Puts a rotated set in time order, oldest first: by the first timestamp of each file, and
 * for files without one (empty, unreadable head) by rotation suffix, where `access.log.3.gz`
 * is older than `access.log.1`, which is older than `access.log`.
 */

export interface Orderable {
  name: string;
  /** Epoch seconds of the first valid line, or null. */
  firstTime: number | null;
}

/** `access.log.2.gz` → 2, `access.log.1` → 1, `access.log` → 0. */
export function rotationNumber(name: string): number {
  const match = /\.(\d{1,4})(?:\.gz)?$/.exec(name);
  return match ? Number(match[1]) : 0;
}

export function orderSources<T extends Orderable>(sources: readonly T[]): T[] {
  return sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => {
      const ta = a.source.firstTime;
      const tb = b.source.firstTime;
      if (ta !== null && tb !== null && ta !== tb) return ta - tb;
      if (ta !== null && tb === null) return -1;
      if (ta === null && tb !== null) return 1;
      const byRotation = rotationNumber(b.source.name) - rotationNumber(a.source.name);
      return byRotation !== 0 ? byRotation : a.index - b.index;
    })
    .map(({ source }) => source);
}
