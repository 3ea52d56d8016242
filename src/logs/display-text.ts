/**
 * Combined logs are decoded as Latin-1 for speed, so a page path with raw UTF-8 bytes reads
 * as mojibake (`cafÃ©`). Before showing it, re-read such a string as UTF-8 when it is valid.
 */
const NON_ASCII = /[\u0080-\uffff]/;
const ABOVE_LATIN1 = /[\u0100-\uffff]/;

export function displayText(text: string): string {
  if (!NON_ASCII.test(text) || ABOVE_LATIN1.test(text)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}
