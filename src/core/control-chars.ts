/**
 * Replaces C0 and C1 control characters (NUL, ESC, DEL…) found in untrusted log text: they
 * can corrupt a terminal, and they mark binary garbage. A loop rather than a regular
 * expression, because the linter rightly flags control characters in patterns.
 */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function replaceControlChars(
  text: string,
  replace: (code: number) => string,
  keep: (code: number) => boolean = () => false,
): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) && !keep(code)) {
      out += text.slice(from, i) + replace(code);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `\x1b` for ESC: how the invalid-line samples show raw bytes. */
export function hexEscape(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}
