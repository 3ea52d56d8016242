/**
 * `--exclude-path` globs: `*` matches within one path segment, `**` across segments, and a
 * trailing `/**` also matches the directory itself (`/admin/**` excludes `/admin`).
 */
const SPECIAL = /[.+^${}()|[\]\\]/g;

function globSource(glob: string): string {
  const anchored = glob.startsWith('/') || glob.startsWith('*') ? glob : `/${glob}`;
  let source = '';
  for (let i = 0; i < anchored.length; i++) {
    const char = anchored[i] as string;
    if (char === '*' && anchored[i + 1] === '*') {
      const rest = anchored.slice(i + 2);
      const trailingDirectory = rest === '' && source.endsWith('/');
      source = trailingDirectory ? `${source.slice(0, -1)}(?:/.*)?` : `${source}.*`;
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(SPECIAL, '\\$&');
    }
  }
  return source;
}

/** One predicate for all globs, or null when there are none (the hot loop skips the call). */
export function compilePathGlobs(globs: readonly string[]): ((path: string) => boolean) | null {
  if (globs.length === 0) return null;
  const pattern = new RegExp(`^(?:${globs.map(globSource).join('|')})$`);
  return (path) => pattern.test(path);
}
