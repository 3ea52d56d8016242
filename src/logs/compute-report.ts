/**
 * Aggregates → report: totals, shares, top lists and the timeline. A pure function, so every
 * renderer shows the same numbers and tests can check the report without running a pipeline.
 */
import { isSenderDevicePreview } from '../classify/index.ts';
import { CONFIDENCES, type Confidence, TRAFFIC_CLASSES, type TrafficClass } from '../core/index.ts';
import type { LogsAggregates, TimelineBucket } from './aggregates.ts';
import { displayText } from './display-text.ts';
import type {
  DarkPage,
  HumanClass,
  LogsReport,
  PreviewPage,
  TimelinePoint,
} from './report-types.ts';

export interface ReportOptions {
  /** Length of the top lists. */
  top: number;
}

const HUMAN_CLASSES = TRAFFIC_CLASSES.filter(
  (c): c is HumanClass => c !== 'preview' && c !== 'bot',
);
const HOUR = 3600;
const DAY = 86400;

/** Shares keep four decimals: 0.2345 = 23.45 %. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Entries sorted by count (most first), then by key, as a plain object. */
function sortedRecord(counts: Map<string, number>): Record<string, number> {
  const entries = [...counts].filter(([, n]) => n > 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}

function sumBy(counts: number[], key: (id: number) => string | null): Map<string, number> {
  const sums = new Map<string, number>();
  counts.forEach((count, id) => {
    const name = count ? key(id) : null;
    if (name !== null) sums.set(name, (sums.get(name) ?? 0) + count);
  });
  return sums;
}

function total(counts: number[]): number {
  return counts.reduce((sum, n) => sum + (n ?? 0), 0);
}

function byClass(a: LogsAggregates, counts: number[]): Record<TrafficClass, number> {
  const result = zeros(TRAFFIC_CLASSES);
  counts.forEach((count, id) => {
    const verdict = a.verdicts[id];
    if (verdict && count) result[verdict.class] += count;
  });
  return result;
}

function channelKey(a: LogsAggregates, id: number): string | null {
  const verdict = a.verdicts[id];
  return verdict ? `${verdict.class}/${verdict.channel}` : null;
}

function topDarkPages(a: LogsAggregates, top: number): DarkPage[] {
  const pages: DarkPage[] = [];
  for (const [id, counters] of a.pageCounters) {
    if (counters.dark === null) continue;
    const dark = total([...counters.dark.values()]);
    pages.push({
      page: displayText(a.pages[id] ?? ''),
      dark_social_visits: dark,
      visits: counters.visits,
      share: share(dark, counters.visits) ?? 0,
      by_channel: sortedRecord(counters.dark),
    });
  }
  pages.sort((x, y) => y.dark_social_visits - x.dark_social_visits || (x.page < y.page ? -1 : 1));
  return pages.slice(0, top);
}

function topPreviewPages(a: LogsAggregates, top: number): PreviewPage[] {
  const pages: PreviewPage[] = [];
  for (const [id, counters] of a.pageCounters) {
    if (counters.previews === null) continue;
    const fetches = total([...counters.previews.values()]);
    pages.push({
      page: displayText(a.pages[id] ?? ''),
      fetches,
      by_channel: sortedRecord(counters.previews),
    });
  }
  pages.sort((x, y) => y.fetches - x.fetches || (x.page < y.page ? -1 : 1));
  return pages.slice(0, top);
}

function bucketSize(a: LogsAggregates): { name: 'hour' | 'day' | 'week'; seconds: number } {
  const span = a.lastTime - a.firstTime;
  if (!(span > 3 * DAY)) return { name: 'hour', seconds: HOUR };
  if (span <= 400 * DAY) return { name: 'day', seconds: DAY };
  return { name: 'week', seconds: 7 * DAY };
}

function timeline(a: LogsAggregates): LogsReport['timeline'] {
  const size = bucketSize(a);
  const merged = new Map<number, TimelineBucket>();
  for (const [hour, bucket] of a.timeline) {
    // Weeks start on Monday: the epoch began on a Thursday.
    const offset = size.name === 'week' ? 4 * DAY : 0;
    const start = Math.floor((hour + offset) / size.seconds) * size.seconds - offset;
    let target = merged.get(start);
    if (!target) {
      target = { visits: new Array(TRAFFIC_CLASSES.length).fill(0), previews: new Map() };
      merged.set(start, target);
    }
    bucket.visits.forEach((n, i) => {
      target.visits[i] = (target.visits[i] ?? 0) + n;
    });
    for (const [channel, n] of bucket.previews) {
      target.previews.set(channel, (target.previews.get(channel) ?? 0) + n);
    }
  }
  const starts = [...merged.keys()].sort((x, y) => x - y);
  const points: TimelinePoint[] = [];
  const first = starts[0];
  const last = starts[starts.length - 1];
  if (first === undefined || last === undefined) return { bucket: size.name, points };
  // Buckets without any visit are kept as zeros so charts show gaps as gaps.
  for (let start = first; start <= last; start += size.seconds) {
    const bucket = merged.get(start);
    const visits = zeros(HUMAN_CLASSES);
    for (const c of HUMAN_CLASSES) visits[c] = bucket?.visits[TRAFFIC_CLASSES.indexOf(c)] ?? 0;
    points.push({
      start: new Date(start * 1000).toISOString(),
      visits,
      previews: bucket ? sortedRecord(bucket.previews) : {},
    });
  }
  return { bucket: size.name, points };
}

function isoOrNull(seconds: number): string | null {
  return Number.isFinite(seconds) ? new Date(Math.floor(seconds) * 1000).toISOString() : null;
}

function previewsOf(a: LogsAggregates, top: number): LogsReport['previews'] {
  const byChannel = sumBy(a.previews, (id) => a.verdicts[id]?.channel ?? null);
  let senderDevice = 0;
  for (const [channel, n] of byChannel) if (isSenderDevicePreview(channel)) senderDevice += n;
  return {
    fetches: total(a.previews),
    hits: byClass(a, a.hits).preview,
    sender_device: senderDevice,
    by_channel: sortedRecord(byChannel),
    top_pages: topPreviewPages(a, top),
  };
}

export function computeReport(a: LogsAggregates, options: ReportOptions): LogsReport {
  const formats = new Set(a.files.map((f) => f.format));
  const hitsByClass = byClass(a, a.hits);
  const visitsAll = byClass(a, a.visits);
  const visitsByClass = zeros(HUMAN_CLASSES);
  for (const c of HUMAN_CLASSES) visitsByClass[c] = visitsAll[c];
  const visits = total(a.visits);
  const darkByConfidence = zeros<Confidence>(CONFIDENCES);
  a.visits.forEach((count, id) => {
    const verdict = a.verdicts[id];
    if (verdict?.class === 'dark_social' && count) darkByConfidence[verdict.confidence] += count;
  });
  return {
    format: formats.size === 1 ? ([...formats][0] as string) : 'mixed',
    files: a.files,
    site_hosts: a.siteHosts,
    site_host_guessed: a.siteHostGuessed,
    time_range: { first: isoOrNull(a.firstTime), last: isoOrNull(a.lastTime) },
    lines: a.lines,
    invalid: a.invalid,
    invalid_examples: a.invalidExamples,
    skipped: a.skipped,
    hits: total(a.hits),
    by_class: hitsByClass,
    by_channel: sortedRecord(sumBy(a.hits, (id) => channelKey(a, id))),
    page_views: total(a.pageViews),
    visits,
    visits_by_class: visitsByClass,
    visits_by_channel: sortedRecord(sumBy(a.visits, (id) => channelKey(a, id))),
    dark_social_visits: visitsAll.dark_social,
    dark_social_share: share(visitsAll.dark_social, visits),
    dark_social_by_confidence: darkByConfidence,
    previews: previewsOf(a, options.top),
    top_dark_pages: topDarkPages(a, options.top),
    ga4_direct_reclassified: {
      ga4_direct_visits: a.ga4Direct.visits,
      dark_social_visits: a.ga4Direct.darkSocial,
      share: share(a.ga4Direct.darkSocial, a.ga4Direct.visits),
    },
    timeline: timeline(a),
    warnings: a.warnings,
  };
}
