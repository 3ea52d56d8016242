// Fills a DuckDB event store with N generated events over 90 days, in SQL (seconds, not minutes).
// Three events per session: an entry page view classified by the session's channel, then a
// mix of same-site page views, engagement pings, shares, previews, clicks and a paid goal.
// As the collector records them, visitor ids are per UTC day (their salt rotates at midnight)
// and a session ends before midnight (a new visitor id starts a new session).
export const SITE = 'site-bench';
export const DAYS = 90;
const DAY_MS = 86_400_000;
export const END = Date.UTC(2026, 10, 1);
export const START = END - DAYS * DAY_MS;

/** One INSERT … SELECT over range(n); every choice is a hash of the row number (reproducible). */
export function generateSql(n: number): string {
  return `
INSERT INTO event_rows
WITH rows AS (
  SELECT i, i // 3 AS s, i % 3 AS step, hash(i) % 1000 AS r, hash(i // 3) % 100 AS c,
    hash((i // 3) * 31) % ${DAYS} AS day
  FROM range(${n}) t(i)
), typed AS (
  SELECT *,
    CASE WHEN step = 0 THEN 'pageview'
         WHEN step = 1 AND r < 600 THEN 'pageview'
         WHEN step = 1 AND r < 760 AND r >= 700 THEN 'share'
         WHEN step = 1 AND r < 820 AND r >= 760 THEN 'preview'
         WHEN step = 1 AND r < 860 AND r >= 820 THEN 'click'
         WHEN step = 1 AND r < 880 AND r >= 860 THEN 'subscribe'
         WHEN step = 2 AND r < 500 THEN 'pageview'
         ELSE 'engagement' END AS name,
    CASE WHEN c < 35 THEN 'dark_social' WHEN c < 50 THEN 'direct' WHEN c < 65 THEN 'search'
         WHEN c < 75 THEN 'social' WHEN c < 85 THEN 'referral' WHEN c < 90 THEN 'campaign'
         WHEN c < 95 THEN 'ai' ELSE 'paid' END AS entry_class,
    ['whatsapp', 'telegram', 'messenger', 'email', 'unknown', 'signal', 'sms'][1 + CAST(hash(s * 7) % 7 AS BIGINT)] AS dark_channel
  FROM rows
)
SELECT
  'e' || i,
  '${SITE}',
  make_timestamp(CAST((${START} + day * ${DAY_MS} + (hash(s * 29) % ${DAY_MS - 3 * 45_000}) + step * 45000) * 1000 AS BIGINT)),
  name,
  'bench.example',
  '/article/' || (hash(s * 13 + step) % 500),
  CASE WHEN entry_class IN ('search', 'social', 'referral') THEN 'ref' || (c % 20) || '.example' ELSE '' END,
  CASE WHEN name = 'preview' THEN 'preview' WHEN step > 0 AND name = 'pageview' THEN 'internal' ELSE entry_class END,
  CASE WHEN entry_class = 'dark_social' THEN dark_channel WHEN entry_class = 'search' THEN 'google'
       WHEN entry_class = 'social' THEN 'facebook' ELSE 'none' END,
  CASE WHEN entry_class = 'dark_social' AND dark_channel <> 'unknown' THEN 'confirmed' ELSE 'heuristic' END,
  'R0',
  CASE WHEN entry_class IN ('dark_social', 'direct') THEN 'Direct' WHEN entry_class = 'search' THEN 'Organic Search'
       WHEN entry_class = 'social' THEN 'Organic Social' ELSE 'Referral' END,
  CASE WHEN name = 'preview' THEN '' ELSE 'v' || day || '.' || (hash(s * 17) % ${Math.max(1, Math.floor(n / 5 / DAYS))}) END,
  CASE WHEN name IN ('preview', 'click') THEN '' ELSE 's' || s END,
  't' || i,
  CASE WHEN step = 0 AND r < 100 THEN 't' || (hash(i * 3) % ${n}) ELSE '' END,
  CASE WHEN name = 'share' THEN dark_channel ELSE '' END,
  CASE WHEN name = 'engagement' THEN 30000 ELSE 0 END,
  ['mobile', 'desktop', 'tablet'][1 + CAST(hash(s) % 3 AS BIGINT)],
  'Chrome', 'Android', '', '', '', '',
  CASE WHEN name = 'subscribe' THEN '{"revenue":"4.99"}' ELSE '' END
FROM typed
ORDER BY 3`;
}
