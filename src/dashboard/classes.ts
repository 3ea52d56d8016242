/** The traffic classes (research/measurement.md §5), in the order charts stack them. */
export const VISIT_CLASSES = [
  'dark_social',
  'social',
  'search',
  'ai',
  'paid',
  'campaign',
  'referral',
  'internal',
  'direct',
] as const;

const LABELS: Record<string, string> = {
  dark_social: 'Dark social',
  social: 'Social',
  search: 'Search',
  ai: 'AI assistants',
  paid: 'Paid',
  campaign: 'Campaign',
  referral: 'Referral',
  internal: 'Internal',
  direct: 'Direct',
  preview: 'Link previews',
  bot: 'Bots',
};

export const classLabel = (name: string): string => LABELS[name] ?? name;

/** A CSS class for a series' colour: known classes have their own, others share a palette. */
export function seriesColourClass(name: string, index: number): string {
  return name in LABELS ? `c-${name}` : `p-${index % 8}`;
}

/** Human names of filterable dimensions (the API's `PanelFilter.dimension`). */
const DIMENSIONS: Record<string, string> = {
  channel: 'Channel',
  class: 'Class',
  confidence: 'Confidence',
  page: 'Page',
  entry_page: 'Entry page',
  referrer_host: 'Referrer',
  utm_source: 'Source',
  utm_medium: 'Medium',
  utm_campaign: 'Campaign',
  device: 'Device',
  browser: 'Browser',
  os: 'OS',
  country: 'Country',
  share_channel: 'Shared via',
  ga4: 'GA4 channel',
  generation: 'Share generation',
};

export const dimensionLabel = (name: string): string => DIMENSIONS[name] ?? name;

export const OP_LABELS = { is: 'is', is_not: 'is not', contains: 'contains' } as const;
