/**
 * The ordered half of `penumbra logs`: consumes chunk results in file order and turns the hit
 * tuples into visits (same visitor key, gaps under 30 minutes; the entry hit decides the
 * class and channel) and de-duplicated preview fetches. State is swept as the log's clock
 * advances, so memory holds only the last half hour of visitors.
 */
import { TRAFFIC_CLASSES } from '../core/index.ts';
import type { FileSummary, LogsAggregates, PageCounters, TimelineBucket } from './aggregates.ts';
import type { ChunkResult, ProcessorTotals, VerdictInfo } from './chunk-types.ts';
import { emptySkipped, TUPLE_WIDTH } from './chunk-types.ts';
import { GlobalDictionary, verdictKey } from './global-dictionary.ts';

/** A new visit starts after 30 minutes without a page view (GA4 and Plausible use the same). */
export const VISIT_GAP_SECONDS = 30 * 60;
/** Repeated fetches of one page by one fetcher within 10 minutes are one preview. */
export const PREVIEW_WINDOW_SECONDS = 10 * 60;
const MAX_INVALID_EXAMPLES = 5;
const SWEEP_EVERY = 50_000;
/** Lines of a log are nearly but not exactly in time order. */
const SWEEP_SLACK_SECONDS = 5 * 60;
const CLASS_INDEX = new Map(TRAFFIC_CLASSES.map((name, index) => [name, index]));

const increment = (counts: number[], index: number, by = 1): void => {
  counts[index] = (counts[index] ?? 0) + by;
};
const incrementKey = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

export class VisitAggregator {
  private readonly verdicts = new GlobalDictionary<VerdictInfo>(verdictKey);
  private readonly pages = new GlobalDictionary<string>((page) => page);
  private readonly visitors = new Map<number, number>();
  private readonly recentPreviews = new Map<string, number>();
  private readonly out: LogsAggregates;
  private readonly lineNumbers: number[] = [];
  private watermark = Number.NEGATIVE_INFINITY;
  private currentFile = -1;
  private sinceSweep = 0;

  constructor(files: FileSummary[], siteHosts: string[], siteHostGuessed: boolean) {
    this.out = {
      files,
      lines: 0,
      invalid: 0,
      invalidExamples: [],
      skipped: emptySkipped(),
      verdicts: this.verdicts.values,
      hits: [],
      pageViews: [],
      visits: [],
      previews: [],
      ga4Direct: { visits: 0, darkSocial: 0 },
      pages: this.pages.values,
      pageCounters: new Map(),
      timeline: new Map(),
      firstTime: Number.NaN,
      lastTime: Number.NaN,
      siteHosts,
      siteHostGuessed,
      warnings: [],
    };
  }

  /** Chunk results must arrive in `seq` order. */
  consume(result: ChunkResult): void {
    this.enterFile(result.file);
    this.verdicts.extend(result.worker, result.newVerdicts);
    this.pages.extend(result.worker, result.newPages);
    this.countLines(result);
    const tuples = result.tuples;
    for (let at = 0; at < tuples.length; at += TUPLE_WIDTH) {
      const key = tuples[at] as number;
      const time = tuples[at + 1] as number;
      const verdict = this.verdicts.global(result.worker, tuples[at + 2] as number);
      const page = this.pages.global(result.worker, tuples[at + 3] as number);
      if (time > this.watermark) this.watermark = time;
      const info = this.verdicts.values[verdict] as VerdictInfo;
      if (info.class === 'preview') this.preview(key, time, verdict, info, page);
      else this.pageView(key, time, verdict, info, page);
      if (++this.sinceSweep === SWEEP_EVERY) this.sweep();
    }
  }

  /** A line the splitter dropped for its length (it never reached a worker). */
  consumeOversized(file: number, text: string, maxBytes: number): void {
    this.enterFile(file);
    this.countLines({
      file,
      physicalLines: 1,
      lines: 1,
      invalid: 1,
      invalidSamples: [{ lineIndex: 0, reason: `line longer than ${maxBytes / 1024} KiB`, text }],
      firstTime: Number.NaN,
      lastTime: Number.NaN,
    });
  }

  addTotals(totals: ProcessorTotals): void {
    totals.hitsByVerdict.forEach((count, local) => {
      if (count) increment(this.out.hits, this.verdicts.global(totals.worker, local), count);
    });
    for (const [name, count] of Object.entries(totals.skipped)) {
      this.out.skipped[name as keyof typeof totals.skipped] += count;
    }
  }

  warn(message: string): void {
    this.out.warnings.push(message);
  }

  result(): LogsAggregates {
    return this.out;
  }

  private enterFile(file: number): void {
    if (file === this.currentFile) return;
    this.currentFile = file;
    // Rotated files continue each other; unrelated files may overlap in time.
    this.watermark = Number.NEGATIVE_INFINITY;
  }

  private countLines(
    result: Pick<
      ChunkResult,
      'file' | 'physicalLines' | 'lines' | 'invalid' | 'invalidSamples' | 'firstTime' | 'lastTime'
    >,
  ): void {
    const out = this.out;
    const summary = out.files[result.file] as FileSummary;
    const firstLine = this.lineNumbers[result.file] ?? 0;
    for (const sample of result.invalidSamples) {
      if (out.invalidExamples.length >= MAX_INVALID_EXAMPLES) break;
      out.invalidExamples.push({
        file: summary.name,
        line: firstLine + sample.lineIndex + 1,
        reason: sample.reason,
        text: sample.text,
      });
    }
    this.lineNumbers[result.file] = firstLine + result.physicalLines;
    summary.lines += result.lines;
    summary.invalid += result.invalid;
    out.lines += result.lines;
    out.invalid += result.invalid;
    // A chunk without in-range lines reports NaN, which must not replace a real bound.
    if (!Number.isNaN(result.firstTime) && !(result.firstTime >= out.firstTime)) {
      out.firstTime = result.firstTime;
    }
    if (!Number.isNaN(result.lastTime) && !(result.lastTime <= out.lastTime)) {
      out.lastTime = result.lastTime;
    }
  }

  private pageView(
    key: number,
    time: number,
    verdict: number,
    info: VerdictInfo,
    page: number,
  ): void {
    increment(this.out.pageViews, verdict);
    const last = this.visitors.get(key);
    if (last !== undefined && Math.abs(time - last) < VISIT_GAP_SECONDS) {
      if (time > last) this.visitors.set(key, time);
      return;
    }
    this.visitors.set(key, time);
    this.startVisit(time, verdict, info, page);
  }

  private startVisit(time: number, verdict: number, info: VerdictInfo, page: number): void {
    const out = this.out;
    increment(out.visits, verdict);
    const counters = this.pageCounters(page);
    counters.visits++;
    if (info.class === 'dark_social') {
      counters.dark ??= new Map();
      incrementKey(counters.dark, info.channel);
    }
    if (info.ga4 === 'Direct') {
      out.ga4Direct.visits++;
      if (info.class === 'dark_social') out.ga4Direct.darkSocial++;
    }
    increment(this.bucket(time).visits, CLASS_INDEX.get(info.class) ?? 0);
  }

  private preview(
    key: number,
    time: number,
    verdict: number,
    info: VerdictInfo,
    page: number,
  ): void {
    const dedupeKey = `${key}:${page}`;
    const last = this.recentPreviews.get(dedupeKey);
    if (last !== undefined && Math.abs(time - last) < PREVIEW_WINDOW_SECONDS) return;
    this.recentPreviews.set(dedupeKey, time);
    increment(this.out.previews, verdict);
    const counters = this.pageCounters(page);
    counters.previews ??= new Map();
    incrementKey(counters.previews, info.channel);
    incrementKey(this.bucket(time).previews, info.channel);
  }

  private pageCounters(page: number): PageCounters {
    let counters = this.out.pageCounters.get(page);
    if (counters === undefined) {
      counters = { visits: 0, dark: null, previews: null };
      this.out.pageCounters.set(page, counters);
    }
    return counters;
  }

  private bucket(time: number): TimelineBucket {
    const hour = Math.floor(time / 3600) * 3600;
    let bucket = this.out.timeline.get(hour);
    if (bucket === undefined) {
      bucket = { visits: new Array(TRAFFIC_CLASSES.length).fill(0), previews: new Map() };
      this.out.timeline.set(hour, bucket);
    }
    return bucket;
  }

  private sweep(): void {
    this.sinceSweep = 0;
    const visitorHorizon = this.watermark - VISIT_GAP_SECONDS - SWEEP_SLACK_SECONDS;
    for (const [key, last] of this.visitors) {
      if (last < visitorHorizon) this.visitors.delete(key);
    }
    const previewHorizon = this.watermark - PREVIEW_WINDOW_SECONDS - SWEEP_SLACK_SECONDS;
    for (const [key, last] of this.recentPreviews) {
      if (last < previewHorizon) this.recentPreviews.delete(key);
    }
  }
}
