import { type Classifier, createClassifier } from '../../classify/index.ts';
import type { Classification, Hit } from '../../core/index.ts';
import type { Command } from '../command.ts';
import { openInputs } from '../open-inputs.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';
import { type LineOrTooLong, readLineBatches, TOO_LONG } from '../read-line-batches.ts';
import { writeAll } from '../write-all.ts';

const HELP = `Usage: penumbra classify [FILE...] [options]

Classifies hits given as JSON Lines (stdin, or FILEs; - is stdin) and writes one JSON line
per input line, in the same order: {"class","channel","confidence","rule","evidence","ga4"}.

Input fields: url (required), referrer, user_agent, method (default GET),
client (object of tracker flags, e.g. {"telegram_webview":true}), time, share_self.
A line that is not a JSON object with a string url yields {"error":"<reason>","line":N}.

Options:
  --summary              print counts per class and class/channel (JSON) instead of lines
  --site-host HOST       a host of the site, for internal referrers (repeatable)
  --deep-link-depth N    path segments from which a referrer-less hit is dark social (default 2, 0 = off)
  --section-path PATH    a section page that is never a deep link (repeatable; /news/* = prefix)
  -h, --help             show this help
`;

/** A 1 MB hit is already absurd; past 8 MiB we refuse the line without buffering it. */
const MAX_LINE_LENGTH = 8 * 1024 * 1024;

type LineResult = Classification | { error: string; line: number };

function classifyLine(line: LineOrTooLong, lineNumber: number, classify: Classifier): LineResult {
  if (line === TOO_LONG) return { error: 'line longer than 8 MiB', line: lineNumber };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: line.trim() === '' ? 'empty line' : 'invalid JSON', line: lineNumber };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'expected a JSON object', line: lineNumber };
  }
  const hit = value as Partial<Hit>;
  if (typeof hit.url !== 'string' || hit.url === '') {
    return { error: 'missing "url" (a non-empty string)', line: lineNumber };
  }
  return classify(hit as Hit);
}

/**
 * Results that depend only on a user agent or referrer are shared frozen objects (see
 * make-result.ts), so their JSON is cached by identity: most lines then cost one lookup.
 */
const jsonOfResult = new WeakMap<object, string>();
function toJsonLine(result: LineResult): string {
  let json = jsonOfResult.get(result);
  if (json === undefined) {
    json = `${JSON.stringify(result)}\n`;
    if (Object.isFrozen(result)) jsonOfResult.set(result, json);
  }
  return json;
}

interface Summary {
  lines: number;
  errors: number;
  by_class: Record<string, number>;
  by_channel: Record<string, number>;
}

function addToSummary(summary: Summary, result: LineResult): void {
  summary.lines++;
  if ('error' in result) {
    summary.errors++;
    return;
  }
  summary.by_class[result.class] = (summary.by_class[result.class] ?? 0) + 1;
  const key = `${result.class}/${result.channel}`;
  summary.by_channel[key] = (summary.by_channel[key] ?? 0) + 1;
}

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'classify hits (JSON Lines in, JSON Lines out)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      summary: { type: 'boolean' },
      'site-host': { type: 'string', multiple: true },
      'deep-link-depth': { type: 'string' },
      'section-path': { type: 'string', multiple: true },
    });
    const classify = createClassifier({
      siteHosts: values['site-host'] ?? [],
      deepLinkDepth: parseIntegerFlag('deep-link-depth', values['deep-link-depth'], 2),
      sectionPaths: values['section-path'] ?? [],
    });
    const summary: Summary = { lines: 0, errors: 0, by_class: {}, by_channel: {} };
    let lineNumber = 0;
    for (const [, stream] of openInputs(positionals, io.stdin)) {
      for await (const batch of readLineBatches(stream, { maxLineLength: MAX_LINE_LENGTH })) {
        let out = '';
        for (const line of batch) {
          const result = classifyLine(line, ++lineNumber, classify);
          if (values.summary) addToSummary(summary, result);
          else out += toJsonLine(result);
        }
        await writeAll(io.stdout, out);
      }
    }
    if (values.summary) await writeAll(io.stdout, `${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  },
};
