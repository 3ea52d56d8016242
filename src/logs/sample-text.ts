/**
 * The start of an invalid line, safe to print: control bytes (binary garbage, terminal escape
 * sequences someone put in a user agent) become `\xNN`, and long lines are cut.
 */
import { hexEscape, replaceControlChars } from '../core/index.ts';

const MAX_SAMPLE_LENGTH = 120;

export function sampleText(line: string): string {
  const cut = line.length > MAX_SAMPLE_LENGTH ? `${line.slice(0, MAX_SAMPLE_LENGTH)}…` : line;
  return replaceControlChars(cut, hexEscape);
}
