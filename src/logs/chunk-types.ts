/**
 * What travels between the reading thread and the parsing workers. Workers parse, classify
 * and count; everything that needs time order per visitor (visits, preview de-duplication)
 * comes back as compact tuples and is done by one aggregator in file order.
 */
import type { ClassifierOptions } from '../classify/index.ts';
import type { Confidence, Ga4Channel, TrafficClass } from '../core/index.ts';
import type { LogFormat } from './log-format.ts';
import type { VisitorSalt } from './visitor-hash.ts';

export interface ProcessorSettings {
  classifier: ClassifierOptions;
  /** Epoch seconds, inclusive; null = open. */
  since: number | null;
  /** Epoch seconds, exclusive; null = open. */
  until: number | null;
  excludePaths: readonly string[];
  salt: VisitorSalt;
}

export interface ChunkJob {
  seq: number;
  /** Index of the source file, in processing order. */
  file: number;
  format: LogFormat;
  /** Whole lines (the last one may lack its newline at the end of a file). */
  bytes: Uint8Array;
}

/** One distinct classification outcome; hits refer to it by a small integer. */
export interface VerdictInfo {
  class: TrafficClass;
  channel: string;
  ga4: Ga4Channel | null;
  confidence: Confidence;
}

export interface InvalidSample {
  /** 0-based physical line index within the chunk. */
  lineIndex: number;
  reason: string;
  /** Start of the line with control bytes escaped. */
  text: string;
}

/** Tuple layout in `ChunkResult.tuples`: [visitorKey, epochSeconds, verdict, page] per hit. */
export const TUPLE_WIDTH = 4;

export interface ChunkResult {
  seq: number;
  file: number;
  worker: number;
  /** Lines in the chunk including blank ones: advances the line numbers of the file. */
  physicalLines: number;
  /** Non-blank lines. */
  lines: number;
  invalid: number;
  invalidSamples: InvalidSample[];
  /** Earliest and latest time of the lines inside --since/--until (NaN when none). */
  firstTime: number;
  lastTime: number;
  /** Previews and human page views, in line order. */
  tuples: Float64Array;
  /** The job's buffer, handed back so the reading thread can reuse it. */
  bytes: Uint8Array;
  /** Verdicts and pages first seen in this chunk, appended to the worker's dictionaries. */
  newVerdicts: VerdictInfo[];
  newPages: string[];
}

export interface SkippedCounts {
  /** Outside --since/--until. */
  out_of_range: number;
  /** Neither GET nor HEAD (form posts, API calls, OPTIONS…). */
  method: number;
  /** Status outside 200–399 (errors, probes of missing pages). */
  status: number;
  /** Stylesheets, scripts, images, fonts… (see page-path.ts). */
  asset: number;
  /** Matched --exclude-path. */
  excluded: number;
}

export function emptySkipped(): SkippedCounts {
  return { out_of_range: 0, method: 0, status: 0, asset: 0, excluded: 0 };
}

/** Counters that need no ordering, sent once when a worker is done. */
export interface ProcessorTotals {
  worker: number;
  /** Hits per verdict id of that worker's dictionary. */
  hitsByVerdict: number[];
  skipped: SkippedCounts;
}
