import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  analyzeLogs,
  computeReport,
  type ImportPlan,
  ImportTargetError,
  importLogs,
  LOG_FORMAT_NAMES,
  type LogFormatName,
  type LogsAggregates,
  LogsInputError,
  type LogsOptions,
  type LogsProgress,
  type OpenImportTarget,
  openImportTarget,
  parseFieldsOption,
  planImport,
  renderHtml,
  renderTerminal,
  startProgressBar,
} from '../../logs/index.ts';
import type { Command, CommandIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';
import { writeAll } from '../write-all.ts';
import { dataDirFrom } from './sites.ts';

const HELP = `Usage: penumbra logs FILE... [options]

Reads web-server access logs and tells how much of the traffic is dark social: visits from
WhatsApp, Messenger, Telegram, email, Slack… that other tools file under "Direct", and the
link-preview fetches that show the moment a page was pasted into a chat.

FILE may be plain or gzip-compressed, or - for stdin. Several files and rotated sets
(access.log access.log.1 access.log.2.gz …) are read oldest first.
Formats (detected from the first lines): nginx/Apache combined and common, Caddy JSON, and
JSON lines (map fields with --fields).

Output (default: a summary on the terminal):
  --json                 print the report as one JSON object
  --html FILE            also write a self-contained HTML report to FILE
  --top N                length of the top lists (default 10)
  --quiet                no progress bar and no notes on stderr

Options:
  --site-host HOST       a host of the site, for internal referrers (repeatable; guessed
                         from asset requests when absent)
  --since DATE           ignore lines before DATE (ISO: 2026-11-01 or 2026-11-01T12:00Z)
  --until DATE           ignore lines from DATE on (a date alone includes that day)
  --exclude-path GLOB    ignore paths matching GLOB (repeatable; * within a segment,
                         ** across segments: /admin/**, /api/*)
  --deep-link-depth N    path segments from which a referrer-less visit counts as dark
                         social (default 2; 0 turns the heuristic off)
  --section-path PATH    a section page never counted as a deep link (repeatable; /news/*)
  --format NAME          combined, common, caddy or json (skip detection)
  --fields MAP           JSON field names, e.g. url=path,referrer=ref,user_agent=ua,ip=client,time=ts
                         (fields: url time referrer user_agent ip status method host)
  --threads N            worker threads besides the reading thread (default: one per extra
                         core for large inputs; 0 = none)
  -h, --help             show this help

Import (so the dashboard shows the history):
  --import               also store the page views and preview fetches in the event store,
                         for the site named by the first --site-host (or the guessed host),
                         which must be registered (penumbra sites add DOMAIN). Importing a
                         file again adds only its new lines. Needs files, not stdin, and the
                         server stopped (it holds the store).
  --data DIR             data directory (default: $PENUMBRA_DATA or ~/.penumbra)

See docs/logs.md for what is counted and how.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  html: { type: 'string' },
  top: { type: 'string' },
  quiet: { type: 'boolean' },
  'site-host': { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  'exclude-path': { type: 'string', multiple: true },
  'deep-link-depth': { type: 'string' },
  'section-path': { type: 'string', multiple: true },
  format: { type: 'string' },
  fields: { type: 'string' },
  threads: { type: 'string' },
  import: { type: 'boolean' },
  data: { type: 'string' },
} as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch seconds of an ISO date or date-time (UTC unless it names a zone). */
export function parseDateFlag(
  name: string,
  value: string | undefined,
  endOfDay: boolean,
): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  let ms: number;
  if (DATE_ONLY.test(text)) ms = Date.parse(`${text}T00:00:00Z`) + (endOfDay ? 86_400_000 : 0);
  else ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--${name} expects an ISO date like 2026-11-01 or 2026-11-01T12:00Z, got "${value}"`,
    );
  }
  return ms / 1000;
}

function formatFlag(value: string | undefined): LogFormatName | null {
  if (value === undefined) return null;
  if ((LOG_FORMAT_NAMES as readonly string[]).includes(value)) return value as LogFormatName;
  throw new UsageError(`--format must be one of ${LOG_FORMAT_NAMES.join(', ')}, got "${value}"`);
}

function optionsFrom(argv: string[]): {
  logs: LogsOptions;
  flags: ReturnType<typeof parseArgs<typeof OPTIONS>>['values'];
} {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (positionals.length === 0) throw new UsageError('give at least one log FILE (or - for stdin)');
  const since = parseDateFlag('since', values.since, false);
  const until = parseDateFlag('until', values.until, true);
  if (since !== null && until !== null && until <= since) {
    throw new UsageError('--until must be after --since');
  }
  const depth = values['deep-link-depth'];
  let fields: LogsOptions['fields'] = {};
  try {
    fields = values.fields === undefined ? {} : parseFieldsOption(values.fields);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const logs: LogsOptions = {
    files: positionals,
    format: formatFlag(values.format),
    fields,
    siteHosts: values['site-host'] ?? [],
    since,
    until,
    excludePaths: values['exclude-path'] ?? [],
    sectionPaths: values['section-path'] ?? [],
    threads: values.threads === undefined ? null : parseIntegerFlag('threads', values.threads, 0),
    ...(depth === undefined
      ? {}
      : { deepLinkDepth: parseIntegerFlag('deep-link-depth', depth, 2) }),
  };
  return { logs, flags: values };
}

/** Fails before reading gigabytes of logs when the report could not be written anyway. */
function checkHtmlTarget(file: string | undefined): void {
  if (file === undefined) return;
  const directory = dirname(resolve(file));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`--html: directory ${directory} does not exist`);
  }
}

export const logsCommand: Command = {
  name: 'logs',
  summary: 'dark social from web-server access logs (nginx, Apache, Caddy, JSON)',
  help: HELP,
  async run(argv, io) {
    const { logs, flags } = optionsFrom(argv);
    const top = parseIntegerFlag('top', flags.top, 10);
    checkHtmlTarget(flags.html);
    if (flags.data !== undefined && flags.import !== true) {
      throw new UsageError('--data goes with --import');
    }
    const quiet = flags.quiet === true;
    const note = (message: string): void => {
      if (!quiet) io.stderr.write(`${message}\n`);
    };
    const importing = flags.import === true ? await prepareImport(logs, flags.data, io) : null;
    try {
      await report(logs, flags, top, io, note);
      if (importing === null) return 0;
      const { plan, target, dataDir } = importing;
      const sizes = plan.sources.map((p) => p.source.size ?? 0);
      const total = sizes.reduce((sum, size) => sum + size, 0);
      const progress: LogsProgress = { bytesRead: 0, totalBytes: total, lines: 0 };
      const bar = !quiet && io.stderrIsTty ? startProgressBar(io.stderr, progress) : null;
      let summary: Awaited<ReturnType<typeof importLogs>>;
      try {
        summary = await importLogs(
          plan,
          logs,
          { events: target.events, siteId: target.site.id },
          progress,
        );
      } finally {
        bar?.stop();
      }
      note(
        `imported ${summary.pageViews} page views and ${summary.previews} previews into ${dataDir} (site ${target.site.domain})`,
      );
      return 0;
    } finally {
      await importing?.target.close();
    }
  },
};

/** Everything --import needs, checked before the logs are read: files, site, a free store. */
async function prepareImport(
  logs: LogsOptions,
  data: string | undefined,
  io: CommandIo,
): Promise<{ plan: ImportPlan; target: OpenImportTarget; dataDir: string }> {
  if (logs.files.includes('-')) {
    throw new UsageError('--import reads files, not stdin (-): save the log to a file first');
  }
  const dataDir = dataDirFrom(data);
  let plan: ImportPlan;
  try {
    plan = await planImport(logs, { stdin: io.stdin });
  } catch (error) {
    if (error instanceof LogsInputError) throw new UsageError(error.message);
    throw error;
  }
  const domain = plan.siteHosts[0];
  if (domain === undefined) {
    throw new UsageError(
      '--import needs the site: name it with --site-host DOMAIN (registered with `penumbra sites add DOMAIN`)',
    );
  }
  try {
    return { plan, target: await openImportTarget(dataDir, domain), dataDir };
  } catch (error) {
    if (error instanceof ImportTargetError) throw new UsageError(error.message);
    throw error;
  }
}

async function report(
  logs: LogsOptions,
  flags: ReturnType<typeof optionsFrom>['flags'],
  top: number,
  io: CommandIo,
  note: (message: string) => void,
): Promise<void> {
  const quiet = flags.quiet === true;
  const progress: LogsProgress = { bytesRead: 0, totalBytes: null, lines: 0 };
  const bar = !quiet && io.stderrIsTty ? startProgressBar(io.stderr, progress) : null;
  let aggregates: LogsAggregates;
  try {
    aggregates = await analyzeLogs(logs, {
      stdin: io.stdin,
      progress,
      notice: (message) => (bar ? bar.note(message) : note(message)),
    });
  } catch (error) {
    if (error instanceof LogsInputError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar?.stop();
  }
  const report = computeReport(aggregates, { top });
  for (const warning of report.warnings) note(`warning: ${warning}`);
  if (flags.html !== undefined) {
    await writeFile(flags.html, renderHtml(report));
    note(`HTML report written to ${flags.html}`);
  }
  const text = flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderTerminal(report, top);
  await writeAll(io.stdout, text);
}
