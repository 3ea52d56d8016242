/**
 * The per-thread half of `penumbra logs`: turns a chunk of whole lines into counts and
 * visit tuples. Runs inside each worker, and on the reading thread when it has time to spare.
 */
import { type Classifier, createClassifier } from '../classify/index.ts';
import type {
  ChunkJob,
  ChunkResult,
  InvalidSample,
  ProcessorSettings,
  ProcessorTotals,
  SkippedCounts,
} from './chunk-types.ts';
import { emptySkipped } from './chunk-types.ts';
import { type LineParser, lineParserFor } from './line-parser.ts';
import { isAssetTarget, pagePath } from './page-path.ts';
import type { ParsedLine } from './parsed-line.ts';
import { completeLine, createParsedLine } from './parsed-line.ts';
import { compilePathGlobs } from './path-globs.ts';
import { type AgentEntry, ProcessorDictionary } from './processor-dictionary.ts';
import { sampleText } from './sample-text.ts';
import { TupleBuffer } from './tuple-buffer.ts';
import { VisitorHasher } from './visitor-hash.ts';

/** Lines longer than this are invalid: no real request line needs 64 KiB. */
export const MAX_LINE_LENGTH = 64 * 1024;
const NEWLINE = 10;
const MAX_SAMPLES_PER_CHUNK = 5;
function isPageMethod(method: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}

export class ChunkProcessor {
  private readonly classify: Classifier;
  private readonly excluded: ((path: string) => boolean) | null;
  private readonly since: number;
  private readonly until: number;
  private readonly parsed = createParsedLine();
  private readonly hasher: VisitorHasher;
  private readonly dictionary: ProcessorDictionary;
  private readonly tuples = new TupleBuffer();
  private readonly hitsByVerdict: number[] = [];
  private readonly skipped: SkippedCounts = emptySkipped();
  private chunk = this.emptyChunkState();

  constructor(
    settings: ProcessorSettings,
    private readonly worker = 0,
  ) {
    this.classify = createClassifier({ uaCacheSize: 50_000, ...settings.classifier });
    this.excluded = compilePathGlobs(settings.excludePaths);
    this.since = settings.since ?? Number.NEGATIVE_INFINITY;
    this.until = settings.until ?? Number.POSITIVE_INFINITY;
    this.hasher = new VisitorHasher(settings.salt);
    this.dictionary = new ProcessorDictionary(this.hasher);
  }

  process(job: ChunkJob): ChunkResult {
    const { bytes, format } = job;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Combined/common logs are ASCII (servers escape other bytes): latin1 decodes at memcpy
    // speed. JSON may carry raw UTF-8.
    const encoding = format.name === 'combined' || format.name === 'common' ? 'latin1' : 'utf8';
    const parse = lineParserFor(format);
    this.chunk = this.emptyChunkState();
    // Looked up once per chunk on the bytes: a per-window String indexOf('\u0000') here
    // made V8's optimised loop ten times slower.
    const hasNul = buffer.indexOf(0) !== -1;
    let start = 0;
    let index = 0;
    // Decoded a window at a time: strings under 64 KiB die young, where garbage is cheap,
    // and a line that does not fit in a window is too long by definition.
    while (start < buffer.length) {
      const end = buffer.lastIndexOf(NEWLINE, start + MAX_LINE_LENGTH);
      if (end >= start) {
        index = this.processText(buffer.toString(encoding, start, end + 1), index, parse, hasNul);
        start = end + 1;
      } else if (buffer.length - start <= MAX_LINE_LENGTH) {
        index = this.processText(buffer.toString(encoding, start), index, parse, hasNul);
        start = buffer.length;
      } else {
        const newline = buffer.indexOf(NEWLINE, start);
        this.chunk.lines++;
        const sample = buffer.toString('latin1', start, start + 200);
        this.invalidLine(index++, `line longer than ${MAX_LINE_LENGTH / 1024} KiB`, sample);
        start = newline === -1 ? buffer.length : newline + 1;
      }
    }
    return this.chunkResult(job, index);
  }

  /** Handles the lines of a decoded window; returns the next physical line index. */
  private processText(
    text: string,
    firstIndex: number,
    parse: LineParser,
    hasNul: boolean,
  ): number {
    let index = firstIndex;
    let pos = 0;
    while (pos < text.length) {
      let newline = text.indexOf('\n', pos);
      if (newline === -1) newline = text.length;
      const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (end > pos) this.handleLine(text.slice(pos, end), index, parse, hasNul);
      index++;
      pos = newline + 1;
    }
    return index;
  }

  totals(): ProcessorTotals {
    return {
      worker: this.worker,
      hitsByVerdict: this.hitsByVerdict.slice(),
      skipped: { ...this.skipped },
    };
  }

  private emptyChunkState() {
    return {
      lines: 0,
      invalid: 0,
      samples: [] as InvalidSample[],
      firstTime: Number.NaN,
      lastTime: Number.NaN,
    };
  }

  private chunkResult(job: ChunkJob, physicalLines: number): ChunkResult {
    const added = this.dictionary.takeNew();
    return {
      seq: job.seq,
      file: job.file,
      worker: this.worker,
      physicalLines,
      lines: this.chunk.lines,
      invalid: this.chunk.invalid,
      invalidSamples: this.chunk.samples,
      firstTime: this.chunk.firstTime,
      lastTime: this.chunk.lastTime,
      tuples: this.tuples.take(),
      bytes: job.bytes,
      newVerdicts: added.verdicts,
      newPages: added.pages,
    };
  }

  private handleLine(line: string, index: number, parse: LineParser, hasNul: boolean): void {
    this.chunk.lines++;
    if (hasNul && line.includes('\u0000')) {
      this.invalidLine(index, 'binary data', line);
      return;
    }
    const reason = parse(line, this.parsed);
    if (reason !== null) {
      this.invalidLine(index, reason, line);
      return;
    }
    this.countLine(this.parsed);
  }

  private invalidLine(index: number, reason: string, line: string): void {
    this.chunk.invalid++;
    if (this.chunk.samples.length < MAX_SAMPLES_PER_CHUNK) {
      this.chunk.samples.push({ lineIndex: index, reason, text: sampleText(line) });
    }
  }

  private countLine(line: ParsedLine): void {
    const time = line.time;
    if (time < this.since || time >= this.until) {
      this.skipped.out_of_range++;
      return;
    }
    const chunk = this.chunk;
    if (!(time >= chunk.firstTime)) chunk.firstTime = time;
    if (!(time <= chunk.lastTime)) chunk.lastTime = time;
    if (!isPageMethod(line.method)) {
      this.skipped.method++;
      return;
    }
    if (line.status < 200 || line.status >= 400) {
      this.skipped.status++;
      return;
    }
    if (isAssetTarget(line.target)) {
      this.skipped.asset++;
      return;
    }
    const page = pagePath(line.target);
    if (this.excluded?.(page)) {
      this.skipped.excluded++;
      return;
    }
    completeLine(line);
    const agent = this.dictionary.agent(line.userAgent);
    const verdict = this.verdict(line, agent);
    this.hitsByVerdict[verdict] = (this.hitsByVerdict[verdict] ?? 0) + 1;
    if (this.dictionary.verdict(verdict).class === 'bot') return;
    const key = this.hasher.key(line.ip, agent.hash, Math.floor(time / 86400));
    this.tuples.push(key, time, verdict, this.dictionary.pageId(page));
  }

  private verdict(line: ParsedLine, agent: AgentEntry): number {
    const target = line.target;
    const url =
      line.host !== '' && target.charCodeAt(0) === 47 ? `//${line.host}${target}` : target;
    const result = this.classify({
      url,
      referrer: this.dictionary.referrer(line.referrer),
      user_agent: agent.text,
      method: line.method,
    });
    return this.dictionary.verdictOf(result);
  }
}
