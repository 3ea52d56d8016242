/**
 * One nginx `combined` line as the generator writes it, stamped in a +01:00 zone so the
 * parser's offset handling is exercised, and the day-night rhythm of a site's traffic.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Logged in a +01:00 zone so the parser's offset handling is exercised. */
const ZONE_OFFSET_S = 3600;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatTime(epochS: number): string {
  const d = new Date((epochS + ZONE_OFFSET_S) * 1000);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0100`;
}

export function combinedLine(
  ip: string,
  epochS: number,
  request: string,
  status: number,
  bytes: number,
  referrer: string,
  ua: string,
): string {
  return `${ip} - - [${formatTime(epochS)}] "${request}" ${status} ${bytes} "${referrer}" "${ua}"\n`;
}

/** Day-night rhythm: about 4× more sessions in the evening than at night. */
export function diurnalRate(epochS: number): number {
  const hour = ((epochS + ZONE_OFFSET_S) % 86400) / 3600;
  return 0.35 + 1.3 * Math.sin((Math.PI * (hour - 5)) / 24) ** 2;
}
