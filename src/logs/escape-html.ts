/**
 * Escapes text for HTML and SVG (element content and quoted attributes alike). Every string
 * in the report that a visitor could have chosen — paths, channels named after referrer hosts
 * or campaign tags, invalid-line samples — goes through here.
 */
import { replaceControlChars } from './control-chars.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  const visible = replaceControlChars(
    text,
    () => '\ufffd',
    (code) => code === 9 || code === 10 || code === 13,
  );
  return visible.replace(SPECIAL, (char) => ENTITIES[char] as string);
}
