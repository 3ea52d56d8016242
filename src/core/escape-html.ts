/**
 * Escapes text for HTML and SVG (element content and quoted attributes alike), and replaces
 * control characters. Every string a visitor or sender could have chosen — paths, referrer
 * hosts, campaign tags, user agents, log samples, message text — goes through here.
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
