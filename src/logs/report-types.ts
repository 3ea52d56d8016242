/**
 * The computed report: one plain, JSON-ready object that the terminal, JSON and HTML
 * renderers all read, so the three outputs can never disagree. Keys are snake_case because
 * `--json` prints this object as is.
 */
import type { Confidence, TrafficClass } from '../core/index.ts';
import type { FileSummary, InvalidExample } from './aggregates.ts';
import type { SkippedCounts } from './chunk-types.ts';

export type HumanClass = Exclude<TrafficClass, 'preview' | 'bot'>;

export interface PreviewPage {
  page: string;
  fetches: number;
  by_channel: Record<string, number>;
}

export interface DarkPage {
  page: string;
  dark_social_visits: number;
  visits: number;
  /** Dark-social share of the visits landing on this page. */
  share: number;
  by_channel: Record<string, number>;
}

export interface TimelinePoint {
  /** ISO time of the bucket start (UTC). */
  start: string;
  visits: Record<HumanClass, number>;
  previews: Record<string, number>;
}

export interface LogsReport {
  /** The format of every file, or `mixed`. */
  format: string;
  files: FileSummary[];
  site_hosts: string[];
  site_host_guessed: boolean;
  /** First and last line inside --since/--until, ISO UTC; null without any. */
  time_range: { first: string | null; last: string | null };
  lines: number;
  invalid: number;
  invalid_examples: InvalidExample[];
  skipped: SkippedCounts;
  /** Page requests classified (every class, previews and bots included). */
  hits: number;
  by_class: Record<TrafficClass, number>;
  /** `class/channel` → hits, most first. */
  by_channel: Record<string, number>;
  /** Human page requests (hits minus previews and bots). */
  page_views: number;
  visits: number;
  visits_by_class: Record<HumanClass, number>;
  visits_by_channel: Record<string, number>;
  dark_social_visits: number;
  /** Dark-social visits / human visits; null without visits. */
  dark_social_share: number | null;
  dark_social_by_confidence: Record<Confidence, number>;
  previews: {
    /** De-duplicated preview fetches: links pasted into a chat or post. */
    fetches: number;
    /** Raw preview requests (before de-duplication). */
    hits: number;
    /** Fetches made on the sharer's own phone (WhatsApp, iMessage, Signal). */
    sender_device: number;
    by_channel: Record<string, number>;
    top_pages: PreviewPage[];
  };
  top_dark_pages: DarkPage[];
  /** "Of what GA4 would call Direct, X% is dark social." */
  ga4_direct_reclassified: {
    ga4_direct_visits: number;
    dark_social_visits: number;
    share: number | null;
  };
  timeline: { bucket: 'hour' | 'day' | 'week'; points: TimelinePoint[] };
  warnings: string[];
}
