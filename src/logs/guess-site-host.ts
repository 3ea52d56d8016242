/**
 * Without `--site-host`, same-site navigation would look like referrals from the site itself.
 * The site's own host is easy to spot: pages load their stylesheets, scripts and images with
 * the page as referrer, so the dominant referrer host of asset requests is the site.
 */
import { isAssetTarget } from './page-path.ts';
import type { ParsedLine } from './parsed-line.ts';
import { completeLine } from './parsed-line.ts';

const MIN_SAMPLES = 3;

function referrerHost(referrer: string | null): string | null {
  if (!referrer) return null;
  const match = /^https?:\/\/([^/:?#]+)/i.exec(referrer);
  return match ? (match[1] as string).toLowerCase() : null;
}

/** The host that referred most asset requests (more than half of them), or null. */
export function guessSiteHost(lines: Iterable<ParsedLine>): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of lines) {
    if (!isAssetTarget(line.target)) continue;
    completeLine(line);
    const host = referrerHost(line.referrer);
    if (host === null) continue;
    counts.set(host, (counts.get(host) ?? 0) + 1);
    total++;
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [host, count] of counts) {
    if (count > bestCount) {
      best = host;
      bestCount = count;
    }
  }
  return best !== null && bestCount >= MIN_SAMPLES && bestCount * 2 > total ? best : null;
}
