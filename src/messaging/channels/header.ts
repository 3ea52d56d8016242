import type { RawRequest } from '../types.ts';

/** One header value, case-insensitive; a repeated header counts as absent (ambiguous). */
export function header(request: RawRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}
