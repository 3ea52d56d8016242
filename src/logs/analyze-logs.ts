/**
 * `penumbra logs` end to end, minus the rendering: peek every input, choose formats, order a
 * rotated set, then stream each file through the line splitter to the workers, and merge
 * their results in file order into the aggregates the report is computed from.
 */
import type { Readable } from 'node:stream';
import type { LogsAggregates } from './aggregates.ts';
import { BufferPool } from './buffer-pool.ts';
import type { ChunkResult, ProcessorSettings } from './chunk-types.ts';
import { chooseFormat, type FieldsOption, sampleLines } from './detect-format.ts';
import { guessSiteHost } from './guess-site-host.ts';
import { lineParserFor } from './line-parser.ts';
import { LineSplitter, type SplitUnit } from './line-splitter.ts';
import type { FieldMapping, LogFormat, LogFormatName } from './log-format.ts';
import { describeFormat, JSON_FIELD_NAMES } from './log-format.ts';
import { type LogSource, peekSources, readPlainFile, streamSource } from './log-sources.ts';
import { orderSources } from './order-sources.ts';
import { createParsedLine, type ParsedLine } from './parsed-line.ts';
import { sampleText } from './sample-text.ts';
import { VisitAggregator } from './visit-aggregator.ts';
import { createVisitorSalt } from './visitor-hash.ts';
import {
  autoThreadCount,
  type ChunkPool,
  createChunkPool,
  OrderedResults,
  workersAvailable,
} from './worker-pool.ts';

export interface LogsOptions {
  files: readonly string[];
  /** Forced format; null = detect per file. */
  format: LogFormatName | null;
  fields: FieldsOption;
  siteHosts: readonly string[];
  since: number | null;
  until: number | null;
  excludePaths: readonly string[];
  deepLinkDepth?: number;
  sectionPaths: readonly string[];
  /** Worker threads; 0 = in this thread; null = automatic (workers for inputs over 8 MB). */
  threads: number | null;
}

/** Updated while running; the progress bar polls it. */
export interface LogsProgress {
  bytesRead: number;
  /** Sum of the file sizes, or null when reading stdin. */
  totalBytes: number | null;
  lines: number;
}

export interface AnalyzeIo {
  stdin: Readable;
  progress?: LogsProgress;
  /** One-line notes for the user: chosen formats, guessed site host. */
  notice?: (message: string) => void;
}

const MAX_LINE_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;

export interface PreparedSource {
  source: LogSource;
  name: string;
  format: LogFormat;
  firstTime: number | null;
  parsed: ParsedLine[];
}

function parseSample(format: LogFormat, lines: readonly string[]): ParsedLine[] {
  const parse = lineParserFor(format);
  const parsed: ParsedLine[] = [];
  for (const line of lines) {
    const out = createParsedLine();
    if (parse(line, out) === null) parsed.push(out);
  }
  return parsed;
}

/** For a file whose head holds no complete line (empty, or a giant first line). */
function fallbackFormat(forced: LogFormatName | null): LogFormat {
  if (forced !== 'json') return { name: forced ?? 'combined' };
  const fields = Object.fromEntries(
    JSON_FIELD_NAMES.map((name) => [name, [name]]),
  ) as unknown as FieldMapping;
  return { name: 'json', fields };
}

export function prepare(
  sources: LogSource[],
  options: LogsOptions,
  notice: (m: string) => void,
): PreparedSource[] {
  let previous: LogFormat | null = null;
  const prepared = sources.map((source) => {
    const lines = sampleLines(source.head, source.headIsWhole);
    const chosen = chooseFormat(source.name, lines, options.format, options.fields);
    const format: LogFormat = chosen ?? previous ?? fallbackFormat(options.format);
    previous = format;
    if (chosen !== null) {
      notice(
        `${source.name}: ${describeFormat(format)}${options.format ? '' : ' (auto-detected)'}`,
      );
    }
    const parsed = parseSample(format, lines);
    return { source, name: source.name, format, firstTime: parsed[0]?.time ?? null, parsed };
  });
  return orderSources(prepared);
}

export function siteHostsFor(
  prepared: PreparedSource[],
  options: LogsOptions,
  notice: (m: string) => void,
): { hosts: string[]; guessed: boolean } {
  if (options.siteHosts.length > 0) return { hosts: [...options.siteHosts], guessed: false };
  const guess = guessSiteHost(prepared.flatMap((p) => p.parsed));
  if (guess === null) return { hosts: [], guessed: false };
  notice(
    `site host: ${guess} (guessed from the referrers of asset requests; set it with --site-host)`,
  );
  return { hosts: [guess], guessed: true };
}

function choosePool(
  options: LogsOptions,
  sources: readonly LogSource[],
  settings: ProcessorSettings,
  onResult: (result: ChunkResult) => void,
): ChunkPool {
  // Gzip shrinks access logs about tenfold; stdin may be endless.
  const logBytes = sources.reduce(
    (sum, s) =>
      sum + (s.size === null ? Number.POSITIVE_INFINITY : s.size * (s.compressed ? 10 : 1)),
    0,
  );
  const threads = workersAvailable() ? (options.threads ?? autoThreadCount(logBytes)) : 0;
  return createChunkPool(threads, settings, onResult);
}

type Ordered =
  | { seq: number; result: ChunkResult }
  | { seq: number; oversized: { file: number; text: string } };

export async function analyzeLogs(options: LogsOptions, io: AnalyzeIo): Promise<LogsAggregates> {
  const notice = io.notice ?? (() => {});
  const progress = io.progress ?? { bytesRead: 0, totalBytes: null, lines: 0 };
  const sources = await peekSources(options.files, io.stdin);
  const prepared = prepare(sources, options, notice);
  const site = siteHostsFor(prepared, options, notice);
  progress.totalBytes = sources.every((s) => s.size !== null)
    ? sources.reduce((sum, s) => sum + (s.size ?? 0), 0)
    : null;
  const files = prepared.map((p) => ({
    name: p.name,
    format: describeFormat(p.format),
    compressed: p.source.compressed,
    lines: 0,
    invalid: 0,
  }));
  const aggregator = new VisitAggregator(files, site.hosts, site.guessed);
  const ordered = new OrderedResults<Ordered>((item) => {
    if ('result' in item) aggregator.consume(item.result);
    else aggregator.consumeOversized(item.oversized.file, item.oversized.text, MAX_LINE_BYTES);
    progress.lines = aggregator.result().lines;
  });
  const settings: ProcessorSettings = {
    classifier: {
      siteHosts: site.hosts,
      sectionPaths: [...options.sectionPaths],
      ...(options.deepLinkDepth === undefined ? {} : { deepLinkDepth: options.deepLinkDepth }),
    },
    since: options.since,
    until: options.until,
    excludePaths: options.excludePaths,
    salt: createVisitorSalt(),
  };
  const buffers = new BufferPool(CHUNK_BYTES);
  const pool = choosePool(options, sources, settings, (result) => {
    buffers.release(result.bytes.buffer as ArrayBuffer);
    ordered.add({ seq: result.seq, result });
  });
  try {
    let seq = 0;
    for (const [file, { source, format }] of prepared.entries()) {
      const units: SplitUnit[] = [];
      const splitter = new LineSplitter(buffers, (unit) => units.push(unit), MAX_LINE_BYTES);
      const dispatch = async (): Promise<void> => {
        for (const unit of units.splice(0)) {
          if (unit.kind === 'lines') {
            await pool.submit({ seq: seq++, file, format, bytes: unit.bytes });
          } else {
            const text = sampleText(Buffer.from(unit.start).toString('latin1'));
            ordered.add({ seq: seq++, oversized: { file, text } });
          }
        }
      };
      const afterRead = (bytes: number): Promise<void> => {
        progress.bytesRead += bytes;
        return dispatch();
      };
      if (source.path !== null && !source.compressed) {
        await readPlainFile(source.path, splitter, afterRead);
      } else {
        const warn = (warning: string): void => aggregator.warn(warning);
        for await (const data of streamSource(source, (n) => (progress.bytesRead += n), warn)) {
          splitter.push(data);
          await dispatch();
        }
      }
      splitter.end();
      await dispatch();
    }
    for (const totals of await pool.finish()) aggregator.addTotals(totals);
  } catch (error) {
    pool.destroy();
    throw error;
  }
  return aggregator.result();
}
