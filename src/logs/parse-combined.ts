/**
 * Index-based parser for the NCSA common and combined formats (nginx's default `combined`,
 * Apache's `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`). One pass of indexOf
 * calls per line, no regular expression: this is the hottest code in `penumbra logs`.
 * Extra fields after the user agent (nginx `"$http_x_forwarded_for"` and the like) are ignored.
 */
import { CLF_TIME_LENGTH, parseClfTime } from './clf-time.ts';
import type { InvalidReason, ParsedLine } from './parsed-line.ts';

const QUOTE = 34;
const SPACE = 32;
const BACKSLASH = 92;

/** Index of the closing `"` at or after `from` (Apache escapes `"` as `\"`), or -1. */
export function closingQuote(line: string, from: number): number {
  let q = line.indexOf('"', from);
  if (q !== -1 && line.charCodeAt(q - 1) !== BACKSLASH) return q;
  while (q !== -1) {
    let backslashes = 0;
    while (line.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = line.indexOf('"', q + 1);
  }
  return -1;
}

function statusAt(line: string, at: number): number {
  const a = line.charCodeAt(at) - 48;
  const b = line.charCodeAt(at + 1) - 48;
  const c = line.charCodeAt(at + 2) - 48;
  if (a < 1 || a > 5 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
}

/** Fills method and target from the quoted request line `GET /a?b HTTP/1.1`. */
function readRequest(line: string, start: number, end: number, out: ParsedLine): void {
  let space: number;
  // Constant strings for the usual methods: no allocation per line.
  if (
    line.charCodeAt(start) === 71 &&
    line.charCodeAt(start + 1) === 69 &&
    line.charCodeAt(start + 2) === 84 &&
    line.charCodeAt(start + 3) === SPACE
  ) {
    out.method = 'GET';
    space = start + 3;
  } else if (line.startsWith('HEAD ', start)) {
    out.method = 'HEAD';
    space = start + 4;
  } else {
    space = line.indexOf(' ', start);
    if (space === -1 || space > end) {
      // `"-"` (nginx logs a request it could not read this way) or HTTP/0.9 without a target.
      out.method = line.slice(start, end);
      out.target = '';
      return;
    }
    out.method = line.slice(start, space);
  }
  const next = line.indexOf(' ', space + 1);
  out.target = line.slice(space + 1, next === -1 || next > end ? end : next);
}

/**
 * Parses one line (without its newline) into `out`. With `requireAgent` (combined) a line
 * must carry the referrer and user agent; without it (common) anything after the size is
 * ignored. Returns null on success, or why the line is invalid.
 */
export function parseCombinedLine(
  line: string,
  out: ParsedLine,
  requireAgent: boolean,
): InvalidReason | null {
  const firstSpace = line.indexOf(' ');
  if (firstSpace <= 0) return 'not an access-log line';
  // Usually `ip - - [`: look there before searching.
  const open =
    line.charCodeAt(firstSpace + 5) === 91 ? firstSpace + 5 : line.indexOf('[', firstSpace);
  if (open === -1) return 'no [timestamp]';
  const time = parseClfTime(line, open + 1);
  const close = open + 1 + CLF_TIME_LENGTH;
  if (Number.isNaN(time) || line.charCodeAt(close) !== 93) return 'bad timestamp';
  const requestOpen = close + 2;
  if (line.charCodeAt(close + 1) !== SPACE || line.charCodeAt(requestOpen) !== QUOTE) {
    return 'no "request"';
  }
  const requestClose = closingQuote(line, requestOpen + 1);
  if (requestClose === -1) return 'truncated request';
  const status = statusAt(line, requestClose + 2);
  const afterStatus = requestClose + 5;
  if (line.charCodeAt(requestClose + 1) !== SPACE || status === -1) return 'bad status';
  if (line.charCodeAt(afterStatus) !== SPACE) return 'truncated line (no size)';
  const sizeEnd = line.indexOf(' ', afterStatus + 1);

  out.source = line;
  out.pending = true;
  out.ipEnd = firstSpace;
  out.time = time;
  out.status = status;
  out.host = '';
  readRequest(line, requestOpen + 1, requestClose, out);
  out.referrerStart = -1;
  if (!requireAgent) return null;

  if (sizeEnd === -1) return 'truncated line (no referrer and user agent)';
  const referrerOpen = sizeEnd + 1;
  if (line.charCodeAt(referrerOpen) !== QUOTE) return 'no "referrer"';
  const referrerClose = closingQuote(line, referrerOpen + 1);
  if (referrerClose === -1) return 'truncated referrer';
  const agentOpen = referrerClose + 2;
  if (line.charCodeAt(referrerClose + 1) !== SPACE || line.charCodeAt(agentOpen) !== QUOTE) {
    return 'truncated line (no user agent)';
  }
  const agentClose = closingQuote(line, agentOpen + 1);
  if (agentClose === -1) return 'truncated user agent';
  out.referrerStart = referrerOpen + 1;
  out.referrerEnd = referrerClose;
  out.agentStart = agentOpen + 1;
  out.agentEnd = agentClose;
  return null;
}
