/**
 * Cut text into chunks of at most `max` characters (code points, so emoji are never split),
 * preferring a paragraph, line or word break in the last fifth of each chunk.
 */
export function splitText(text: string, max: number): string[] {
  const chars = Array.from(text);
  if (chars.length <= max) return [text];
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + max, chars.length);
    if (end < chars.length) end = breakPoint(chars, start, end, max);
    chunks.push(chars.slice(start, end).join('').trim());
    start = end;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

function breakPoint(chars: string[], start: number, end: number, max: number): number {
  const floor = start + Math.floor(max * 0.8);
  for (const separator of ['\n\n', '\n', ' ']) {
    for (let i = end; i > floor; i--) {
      const candidate = separator.length === 2 ? `${chars[i - 2]}${chars[i - 1]}` : chars[i - 1];
      if (candidate === separator) return i;
    }
  }
  return end;
}
