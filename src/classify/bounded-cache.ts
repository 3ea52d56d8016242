/**
 * A tiny FIFO-bounded memo: real traffic has few distinct user agents and referrers, so a plain
 * Map with oldest-first eviction keeps hot entries without LRU bookkeeping on every hit.
 */
export function createBoundedCache<V>(limit: number, compute: (key: string) => V) {
  const entries = new Map<string, V>();
  return (key: string): V => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (limit <= 0) return value;
    if (entries.size >= limit) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, value);
    return value;
  };
}
