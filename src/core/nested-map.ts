/**
 * The map under `key` in `map`, created empty when missing. Hot-path memos nest their keys with
 * it rather than joining them into one string: a joined key is a new string to flatten and hash
 * on every call, while the parts (header values, ids, codes) are strings V8 hashes once and keeps.
 */
export function nestedMap<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
