/**
 * `penumbra logs --import`: writes the report's human page views and preview fetches into the
 * event store, so the dashboard shows the history the logs hold. A sequential pass of its own,
 * after the (unchanged, parallel) report: it needs each line's number, address, agent and query,
 * which the report's workers never send back.
 *
 * Exactly once: each input file is one checkpoint stream, named after its content (not its
 * path, so a rotated `access.log` → `access.log.1` → `access.log.2.gz` stays the same stream),
 * and each batch is stored with the number of its last line in the same transaction. A second
 * import skips the lines up to the checkpoint; a grown file adds only its new lines. Event ids
 * are derived from (stream, line number) as well, so equal lines always mean equal ids.
 */
import { createHash } from 'node:crypto';
import { type Classifier, createClassifier, isSenderDevicePreview } from '../classify/index.ts';
import type { Classification } from '../core/index.ts';
import { describeDevice } from '../ingest/describe-device.ts';
import type { EventStore, StoredEvent } from '../store/index.ts';
import type { AnalyzeIo, LogsOptions, LogsProgress, PreparedSource } from './analyze-logs.ts';
import { prepare, siteHostsFor } from './analyze-logs.ts';
import { MAX_LINE_LENGTH } from './chunk-processor.ts';
import { ImportVisitors } from './import-visitors.ts';
import { lineParserFor } from './line-parser.ts';
import type { LogFormat } from './log-format.ts';
import { type LogSource, peekSources, streamSource } from './log-sources.ts';
import { isAssetTarget, pagePath } from './page-path.ts';
import { completeLine, createParsedLine, type ParsedLine } from './parsed-line.ts';
import { compilePathGlobs } from './path-globs.ts';
import { ProcessorDictionary } from './processor-dictionary.ts';
import { isPageMethod, NO_UTM, targetHost, utmOf } from './request-target.ts';
import { createVisitorSalt, VisitorHasher } from './visitor-hash.ts';

export const IMPORT_BATCH_SIZE = 5000;
/** How much of a file's start names its stream (the first lines, at most this many bytes). */
const IDENTITY_LINES = 8;
const IDENTITY_BYTES = 64 * 1024;
const NEWLINE = 10;
const WINDOW_BYTES = 64 * 1024;

/** What the report pass decided before reading: file order, formats and site hosts. */
export interface ImportPlan {
  sources: PreparedSource[];
  /** The --site-host values, or the guessed host; empty when neither is known. */
  siteHosts: string[];
}

/** Peeks the inputs as `analyzeLogs` does (same order, formats and guessed host), silently. */
export async function planImport(options: LogsOptions, io: AnalyzeIo): Promise<ImportPlan> {
  const sources = await peekSources(options.files, io.stdin);
  const prepared = prepare(sources, options, () => {});
  return { sources: prepared, siteHosts: siteHostsFor(prepared, options, () => {}).hosts };
}

export interface ImportTarget {
  events: EventStore;
  siteId: string;
}

export interface ImportSummary {
  /** Stored by this run (lines imported before are not counted again). */
  pageViews: number;
  previews: number;
  /** Lines skipped because an earlier import stored them already. */
  alreadyImported: number;
}

/** The checkpoint stream of a file: its first lines (the same file at any path, any size). */
export function streamOfHead(head: Uint8Array): string {
  let end = 0;
  for (let n = 0; n < IDENTITY_LINES && end < head.length; n++) {
    const newline = head.indexOf(NEWLINE, end);
    end = newline === -1 ? head.length : newline + 1;
  }
  const bytes = head.subarray(0, Math.min(end, IDENTITY_BYTES));
  return `logs:${createHash('sha256').update('penumbra-logs-v1\n').update(bytes).digest('hex')}`;
}

interface FileState {
  stream: string;
  checkpoint: number;
  /** Physical line number of the last line handled (1-based). */
  line: number;
}

/**
 * Reads each planned file again, line by line, applies the report's rules (the same parser,
 * filters and classifier settings as `ChunkProcessor`) and stores the page views and previews.
 */
export async function importLogs(
  plan: ImportPlan,
  options: LogsOptions,
  target: ImportTarget,
  progress?: LogsProgress,
): Promise<ImportSummary> {
  const classify: Classifier = createClassifier({
    uaCacheSize: 50_000,
    siteHosts: plan.siteHosts,
    sectionPaths: [...options.sectionPaths],
    ...(options.deepLinkDepth === undefined ? {} : { deepLinkDepth: options.deepLinkDepth }),
  });
  const excluded = compilePathGlobs(options.excludePaths);
  const since = options.since ?? Number.NEGATIVE_INFINITY;
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const defaultHost = plan.siteHosts[0] ?? '';
  const visitors = new ImportVisitors(target.siteId);
  const summary: ImportSummary = { pageViews: 0, previews: 0, alreadyImported: 0 };
  const parsed = createParsedLine();
  const strings = new ProcessorDictionary(new VisitorHasher(createVisitorSalt()));
  let batch: StoredEvent[] = [];
  let storing: Promise<void> = Promise.resolve();

  /** Stores the batch; the next one is built while this one is written. */
  const flush = async (file: FileState): Promise<void> => {
    if (file.line <= file.checkpoint) return;
    const events = batch;
    const checkpoint = { stream: file.stream, position: file.line };
    batch = [];
    await storing;
    storing = target.events.append(events, checkpoint);
    // Awaited before the next batch and at the end; until then a failure must not count as
    // unhandled.
    storing.catch(() => {});
    file.checkpoint = file.line;
  };

  const toEvent = (
    line: ParsedLine,
    file: FileState,
    result: Classification,
  ): StoredEvent | null => {
    const preview = result.class === 'preview';
    const path = pagePath(line.target);
    const visitor = visitors.visitorId(line.ip, line.userAgent, line.time);
    const id = createHash('sha256')
      .update(`${file.stream}:${file.line}`)
      .digest('hex')
      .slice(0, 32);
    // Grouping runs over every line, stored before or not, so a resumed import continues the
    // visits it had started.
    const session = preview ? '' : visitors.session(visitor, line.time, id);
    if (preview && !visitors.newPreview(visitor, path, line.time)) return null;
    if (file.line <= file.checkpoint) {
      summary.alreadyImported++;
      return null;
    }
    const userAgent = line.userAgent ?? '';
    const device = preview ? { device: '', browser: '', os: '' } : describeDevice(userAgent);
    return {
      id,
      site_id: target.siteId,
      ts: Math.round(line.time * 1000),
      name: preview ? 'preview' : 'pageview',
      hostname: (line.host || targetHost(line.target) || defaultHost).toLowerCase(),
      path: path.slice(0, 2048),
      referrer_host:
        !preview && result.rule.startsWith('R4')
          ? result.evidence.replace(/^android-app:\/\//, '')
          : '',
      class: result.class,
      channel: result.channel,
      confidence: result.confidence,
      rule: result.rule,
      ga4: result.ga4 ?? '',
      // As the collector does: only a preview built on the sharer's phone carries an identity.
      visitor_id: !preview || isSenderDevicePreview(result.channel) ? visitor : '',
      session_id: session,
      view_token: '',
      parent_token: '',
      // The collector files a preview's app as its share channel; page views cannot know one.
      share_channel: preview ? result.channel : '',
      engaged_ms: 0,
      ...device,
      country: '',
      ...(preview ? NO_UTM : utmOf(line.target)),
      props: '',
    };
  };

  try {
    for (const { source, format } of plan.sources) await importFile(source, format);
  } finally {
    await storing.catch(() => {});
  }
  await storing;
  return summary;

  async function importFile(source: LogSource, format: LogFormat): Promise<void> {
    if (source.path === null) throw new Error('--import reads files, not stdin');
    const parse = lineParserFor(format);
    const encoding = format.name === 'combined' || format.name === 'common' ? 'latin1' : 'utf8';
    visitors.newFile();
    let file: FileState | null = null;

    const handle = (text: string): void => {
      const state = file as FileState;
      state.line++;
      if (progress) progress.lines++;
      const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
      if (line === '' || line.includes('\u0000')) return;
      if (parse(line, parsed) !== null) return;
      const time = parsed.time;
      if (time < since || time >= until) return;
      if (!isPageMethod(parsed.method) || parsed.status < 200 || parsed.status >= 400) return;
      if (isAssetTarget(parsed.target)) return;
      if (excluded?.(pagePath(parsed.target))) return;
      completeLine(parsed);
      const t = parsed.target;
      const url = parsed.host !== '' && t.charCodeAt(0) === 47 ? `//${parsed.host}${t}` : t;
      // Interned copies: the classifier's caches keep them, and a slice would pin its window.
      parsed.userAgent = strings.agent(parsed.userAgent).text;
      parsed.referrer = strings.referrer(parsed.referrer);
      const result = classify({
        url,
        referrer: parsed.referrer,
        user_agent: parsed.userAgent,
        method: parsed.method,
      });
      if (result.class === 'bot') return;
      const event = toEvent(parsed, state, result);
      if (event === null) return;
      if (event.name === 'preview') summary.previews++;
      else summary.pageViews++;
      batch.push(event);
    };

    let rest: Buffer = Buffer.alloc(0);
    let dropping = false;
    /** Handles the complete lines of `chunk` (after what `rest` kept of the previous one). */
    const consume = async (chunk: Buffer): Promise<void> => {
      const state = file as FileState;
      const last = chunk.lastIndexOf(NEWLINE);
      if (last === -1) {
        if (!dropping) rest = Buffer.concat([rest, chunk]);
        if (rest.length > MAX_LINE_LENGTH) {
          dropping = true;
          rest = Buffer.alloc(0);
        }
        return;
      }
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, last + 1)]) : chunk;
      const end = rest.length > 0 ? bytes.length : last + 1;
      rest = Buffer.from(chunk.subarray(last + 1));
      // Decoded 64 KiB at a time: whole-megabyte strings land in V8's large-object space.
      let from = 0;
      while (from < end) {
        let to = bytes.lastIndexOf(NEWLINE, Math.min(from + WINDOW_BYTES, end - 1));
        if (to < from) to = bytes.indexOf(NEWLINE, from);
        const text = bytes.toString(encoding, from, to + 1);
        from = to + 1;
        let start = 0;
        while (start < text.length) {
          const newline = text.indexOf('\n', start);
          if (dropping || newline - start > MAX_LINE_LENGTH) {
            // Too long to be a request (the report counts it invalid): a line number, no event.
            dropping = false;
            state.line++;
          } else {
            handle(text.slice(start, newline));
          }
          start = newline + 1;
          if (batch.length >= IMPORT_BATCH_SIZE) await flush(state);
        }
      }
    };
    const onRead = (bytes: number): void => {
      if (progress) progress.bytesRead += bytes;
    };
    let head: Buffer = Buffer.alloc(0);
    for await (const data of streamSource(source, onRead, () => {})) {
      const chunk = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      if (file === null) {
        // The stream is named after the first lines; a tiny first read is rare but possible.
        head = Buffer.concat([head, chunk]);
        if (head.length < IDENTITY_BYTES && countNewlines(head) < IDENTITY_LINES) continue;
        file = await openFile(target.events, head);
        await consume(head);
        head = Buffer.alloc(0);
      } else {
        await consume(chunk);
      }
    }
    if (file === null) {
      file = await openFile(target.events, head);
      await consume(head);
    }
    // A plain file's unterminated last line may still be being written: it is left for the
    // next import. A compressed file is finished, so its last line counts.
    if (rest.length > 0 && !dropping && source.compressed && rest.length <= MAX_LINE_LENGTH) {
      handle(rest.toString(encoding));
    }
    await flush(file);
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

async function openFile(events: EventStore, head: Buffer): Promise<FileState> {
  const stream = streamOfHead(head);
  return { stream, checkpoint: await events.checkpoint(stream), line: 0 };
}
