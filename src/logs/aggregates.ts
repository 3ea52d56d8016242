/**
 * Everything the report is computed from: counts merged from the workers plus the visit-level
 * aggregates built in file order. The report is a pure function of this object.
 */
import type { SkippedCounts, VerdictInfo } from './chunk-types.ts';

export interface FileSummary {
  name: string;
  format: string;
  compressed: boolean;
  lines: number;
  invalid: number;
}

export interface InvalidExample {
  file: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
  reason: string;
  text: string;
}

/** Per landing page; the maps exist only once needed (most pages see neither). */
export interface PageCounters {
  visits: number;
  /** Dark-social visits landing here, by channel. */
  dark: Map<string, number> | null;
  /** De-duplicated preview fetches of this page, by channel. */
  previews: Map<string, number> | null;
}

export interface TimelineBucket {
  /** Visits by traffic class, indexed like TRAFFIC_CLASSES. */
  visits: number[];
  previews: Map<string, number>;
}

export interface LogsAggregates {
  files: FileSummary[];
  lines: number;
  invalid: number;
  invalidExamples: InvalidExample[];
  skipped: SkippedCounts;
  /** Global verdict table; the arrays below are indexed by verdict id. */
  verdicts: VerdictInfo[];
  hits: number[];
  pageViews: number[];
  visits: number[];
  previews: number[];
  ga4Direct: { visits: number; darkSocial: number };
  pages: string[];
  pageCounters: Map<number, PageCounters>;
  /** By start of the UTC hour (epoch seconds). */
  timeline: Map<number, TimelineBucket>;
  /** Epoch seconds of the first and last line inside --since/--until (NaN when none). */
  firstTime: number;
  lastTime: number;
  siteHosts: string[];
  siteHostGuessed: boolean;
  warnings: string[];
}
