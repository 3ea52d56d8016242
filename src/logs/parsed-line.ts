/**
 * One access-log line reduced to what Penumbra reads. Parsers fill one reused object instead
 * of allocating one per line: the hot loop runs a million times per second. Most lines are
 * asset requests that are dropped after a look at the target, so the text parsers leave the
 * client address, referrer and user agent as offsets until `completeLine` needs them.
 */
export interface ParsedLine {
  /** Client address as logged; only ever hashed, never stored or printed. */
  ip: string;
  /** Epoch seconds (UTC). */
  time: number;
  method: string;
  /** Request target as sent: path plus query, or an absolute URL. */
  target: string;
  status: number;
  /** Host the request was sent to, when the format logs it ('' otherwise). */
  host: string;
  /** Null when the format does not log it (common log format). */
  referrer: string | null;
  userAgent: string | null;
  /** Whether ip/referrer/userAgent are still offsets into `source`. */
  pending: boolean;
  source: string;
  ipEnd: number;
  /** -1 when the line has no referrer and user agent. */
  referrerStart: number;
  referrerEnd: number;
  agentStart: number;
  agentEnd: number;
}

export function createParsedLine(): ParsedLine {
  return {
    ip: '',
    time: 0,
    method: '',
    target: '',
    status: 0,
    host: '',
    referrer: null,
    userAgent: null,
    pending: false,
    source: '',
    ipEnd: 0,
    referrerStart: -1,
    referrerEnd: -1,
    agentStart: -1,
    agentEnd: -1,
  };
}

/** Materialises the fields a text parser left as offsets. */
export function completeLine(line: ParsedLine): void {
  if (!line.pending) return;
  const source = line.source;
  line.ip = source.slice(0, line.ipEnd);
  if (line.referrerStart === -1) {
    line.referrer = null;
    line.userAgent = null;
  } else {
    line.referrer = source.slice(line.referrerStart, line.referrerEnd);
    line.userAgent = source.slice(line.agentStart, line.agentEnd);
  }
  line.pending = false;
}

/** Why a line was rejected; shown next to its line number. */
export type InvalidReason = string;
