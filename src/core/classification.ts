/** The taxonomy of research/measurement.md §5.1. Order = report order. */
export const TRAFFIC_CLASSES = [
  'preview',
  'bot',
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
export type TrafficClass = (typeof TRAFFIC_CLASSES)[number];

/**
 * - `confirmed`: the channel itself left the evidence (app referrer, in-app marker, preview
 *   fetcher, verified share token, referrer host).
 * - `strong`: a human-set or unverified signal (campaign tags, unverified token).
 * - `heuristic`: an inference that over-counts (deep link with no referrer, Signal's borrowed UA).
 */
export const CONFIDENCES = ['confirmed', 'strong', 'heuristic'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** GA4 default channel groups (support.google.com/analytics/answer/9756891). */
export type Ga4Channel =
  | 'Direct'
  | 'Cross-network'
  | 'Paid Shopping'
  | 'Paid Search'
  | 'Paid Social'
  | 'Paid Video'
  | 'Display'
  | 'Paid Other'
  | 'Organic Shopping'
  | 'Organic Social'
  | 'Organic Video'
  | 'Organic Search'
  | 'Referral'
  | 'Email'
  | 'Affiliates'
  | 'Audio'
  | 'SMS'
  | 'Mobile Push'
  | 'Unassigned';

export interface Classification {
  class: TrafficClass;
  /** e.g. `whatsapp`, `google`, `app:de.idealo.android`, `news.example.org`, `none`. */
  channel: string;
  confidence: Confidence;
  /** Stable id of the rule that decided (see docs/classifier.md). */
  rule: string;
  /** What matched: the UA token, package, host or parameter. */
  evidence: string;
  /**
   * What GA4's default channel grouping would have called this hit; `null` when GA4 would not
   * count it as a session source at all (previews and bots run no JavaScript; internal navigation).
   */
  ga4: Ga4Channel | null;
}
