/** Campaign parameters found in a landing URL's query; each field is '' when absent. */
export interface CampaignParams {
  /** `utm_source`, else Plausible's `source` or `ref` (lower-cased, trimmed). */
  source: string;
  /** Which parameter gave `source`: `utm_source`, `source` or `ref`. */
  sourceParam: string;
  medium: string;
  campaign: string;
  /** Ad-platform click id parameter present, e.g. `gclid`. */
  clickId: string;
  /** `fbclid` present (organic or paid Facebook: only used behind a flag). */
  fbclid: boolean;
}

const NONE: CampaignParams = {
  source: '',
  sourceParam: '',
  medium: '',
  campaign: '',
  clickId: '',
  fbclid: false,
};

/** Auto-tagging click ids that GA4 and ad platforms treat as paid traffic. */
const PAID_CLICK_IDS = new Set(['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid']);

const MAX_VALUE_LENGTH = 200;

function decode(value: string): string {
  const capped = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
  const spaced = capped.includes('+') ? capped.replaceAll('+', ' ') : capped;
  if (!spaced.includes('%')) return spaced.trim().toLowerCase();
  try {
    return decodeURIComponent(spaced).trim().toLowerCase();
  } catch {
    return spaced.trim().toLowerCase();
  }
}

/**
 * Reads campaign tags from a raw query string in one pass, without URLSearchParams
 * (which allocates a map per hit). Parameter names are matched case-insensitively.
 */
export function readCampaign(query: string): CampaignParams {
  if (query === '') return NONE;
  let utmSource = '';
  let plainSource = '';
  let ref = '';
  let medium = '';
  let campaign = '';
  let clickId = '';
  let fbclid = false;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    const eq = query.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = query.slice(start, eq).toLowerCase();
      const raw = query.slice(eq + 1, end);
      if (name === 'utm_source') utmSource = decode(raw);
      else if (name === 'utm_medium') medium = decode(raw);
      else if (name === 'utm_campaign') campaign = decode(raw);
      else if (name === 'source') plainSource = decode(raw);
      else if (name === 'ref') ref = decode(raw);
      else if (PAID_CLICK_IDS.has(name) && raw !== '') clickId ||= name;
      else if (name === 'fbclid' && raw !== '') fbclid = true;
    }
    start = end + 1;
  }
  const source = utmSource || plainSource || ref;
  if (!source && !medium && !campaign && !clickId && !fbclid) return NONE;
  const sourceParam = utmSource ? 'utm_source' : plainSource ? 'source' : ref ? 'ref' : '';
  return { source, sourceParam, medium, campaign, clickId, fbclid };
}
