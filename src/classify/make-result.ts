import type { Classification, Confidence, Ga4Channel, TrafficClass } from '../core/index.ts';

/**
 * Builds a frozen result with a fixed key order. Results that depend only on a user agent or a
 * referrer are built once and shared by every hit that has them, so callers must not (and
 * cannot) mutate them; serialisers may cache their JSON by identity.
 */
export function makeResult(
  cls: TrafficClass,
  channel: string,
  confidence: Confidence,
  rule: string,
  evidence: string,
  ga4: Ga4Channel | null,
): Classification {
  return Object.freeze({ class: cls, channel, confidence, rule, evidence, ga4 });
}

/** The same result with another GA4 channel (when campaign tags change what GA4 sees). */
export function withGa4(result: Classification, ga4: Ga4Channel | null): Classification {
  if (result.ga4 === ga4) return result;
  return makeResult(
    result.class,
    result.channel,
    result.confidence,
    result.rule,
    result.evidence,
    ga4,
  );
}
