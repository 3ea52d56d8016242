/**
 * The default output: a summary that reads top-down like the answer to "how much of my
 * traffic is dark social?". Every visitor-controlled string (pages, channels named after
 * referrer hosts or campaign tags) is stripped of control characters first: a log line must
 * not be able to move the cursor or recolour the terminal.
 */
import { replaceControlChars } from '../core/index.ts';
import type { LogsReport } from './report-types.ts';

const BAR_WIDTH = 20;
const LABEL_WIDTH = 28;

const int = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number | null): string =>
  fraction === null ? '–' : `${(fraction * 100).toFixed(1)}%`;

function safe(text: string, max = 60): string {
  const clean = replaceControlChars(text, () => '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Paths keep their end (the file name) when cut. */
function safeTail(text: string, max = 40): string {
  const clean = replaceControlChars(text, () => '?');
  return clean.length > max ? `…${clean.slice(clean.length - max + 1)}` : clean;
}

function bar(value: number, max: number): string {
  return max > 0
    ? '█'.repeat(Math.max(value > 0 ? 1 : 0, Math.round((value / max) * BAR_WIDTH)))
    : '';
}

function day(iso: string | null): string {
  return iso === null ? '?' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `whatsapp 60% · unknown 30%`: the channel mix of a count. */
function mix(byChannel: Record<string, number>, total: number, limit = 3): string {
  const parts = Object.entries(byChannel)
    .slice(0, limit)
    .map(([channel, n]) => `${safe(channel, 20)} ${Math.round((n / total) * 100)}%`);
  return parts.join(' · ');
}

function header(r: LogsReport): string[] {
  const files = r.files.length === 1 ? '1 file' : `${r.files.length} files`;
  const lines = [
    `penumbra logs · ${int(r.lines)} lines · ${files} (${safe(r.format, 80)}) · ${day(r.time_range.first)} → ${day(r.time_range.last)} UTC`,
  ];
  if (r.site_hosts.length > 0) {
    const how = r.site_host_guessed ? ' (guessed; set it with --site-host)' : '';
    lines.push(`site: ${r.site_hosts.map((h) => safe(h)).join(', ')}${how}`);
  }
  return lines;
}

function totals(r: LogsReport): string[] {
  const c = r.dark_social_by_confidence;
  const row = (label: string, value: number, note: string): string =>
    `  ${label.padEnd(16)}${int(value).padStart(11)}   ${note}`;
  const lines = [
    row('Human visits', r.visits, `from ${int(r.page_views)} page views`),
    row('Dark social', r.dark_social_visits, `${percent(r.dark_social_share)} of human visits`),
  ];
  if (r.dark_social_visits > 0) {
    lines.push(
      `${' '.repeat(32)}confirmed ${int(c.confirmed)} · tagged ${int(c.strong)} · deep-link guess ${int(c.heuristic)}`,
    );
  }
  lines.push(
    row(
      'Link previews',
      r.previews.fetches,
      `links pasted into chats and posts (${int(r.previews.sender_device)} from the sharer's phone)`,
    ),
    row('Bot hits', r.by_class.bot, 'crawlers, scanners, scripts: not visits'),
    row('Invalid lines', r.invalid, r.invalid > 0 ? 'see below' : ''),
  );
  return lines.map((line) => line.trimEnd());
}

function ga4Sentence(r: LogsReport): string[] {
  const g = r.ga4_direct_reclassified;
  if (g.ga4_direct_visits === 0) return ['  GA4 would call none of these visits Direct.'];
  return [
    `  Of what GA4 would call Direct (${int(g.ga4_direct_visits)} visits), ${percent(g.share)} is dark social (${int(g.dark_social_visits)} visits).`,
  ];
}

function table(title: string, rows: Array<[string, number, string]>): string[] {
  if (rows.length === 0) return [];
  const max = Math.max(...rows.map(([, n]) => n));
  return [
    title,
    ...rows.map(
      ([label, n, note]) =>
        `  ${safe(label, LABEL_WIDTH).padEnd(LABEL_WIDTH)} ${int(n).padStart(9)}  ${note.padStart(6)}  ${bar(n, max)}`,
    ),
  ];
}

function channels(r: LogsReport, top: number): string[] {
  const rows = Object.entries(r.visits_by_channel)
    .slice(0, top)
    .map(([channel, n]): [string, number, string] => [
      channel,
      n,
      percent(n / Math.max(1, r.visits)),
    ]);
  return table('Visits by channel', rows);
}

function darkPages(r: LogsReport): string[] {
  if (r.top_dark_pages.length === 0) return [];
  return [
    'Top dark-shared pages (dark-social visits · share of the page’s visits · channels)',
    ...r.top_dark_pages.map(
      (p) =>
        `  ${int(p.dark_social_visits).padStart(7)}  ${percent(p.share).padStart(6)}  ${safe(p.page, 48).padEnd(48)}  ${mix(p.by_channel, p.dark_social_visits)}`,
    ),
  ];
}

function previews(r: LogsReport, top: number): string[] {
  const byChannel = Object.entries(r.previews.by_channel)
    .slice(0, top)
    .map(([channel, n]): [string, number, string] => [
      channel,
      n,
      percent(n / Math.max(1, r.previews.fetches)),
    ]);
  const lines = table('Link previews by app', byChannel);
  if (r.previews.top_pages.length > 0) {
    lines.push(
      '',
      'Most previewed pages',
      ...r.previews.top_pages.map(
        (p) =>
          `  ${int(p.fetches).padStart(7)}  ${safe(p.page, 48).padEnd(48)}  ${mix(p.by_channel, p.fetches)}`,
      ),
    );
  }
  return lines;
}

function footer(r: LogsReport): string[] {
  const hits = Object.entries(r.by_class)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${int(n)}`)
    .join(' · ');
  const s = r.skipped;
  const lines = [
    `Hits by class: ${hits || 'none'}`,
    `Not counted as hits: ${int(s.asset)} asset requests · ${int(s.status)} error statuses · ${int(s.method)} other methods · ${int(s.excluded)} excluded paths · ${int(s.out_of_range)} out of range`,
  ];
  if (r.invalid_examples.length > 0) {
    lines.push(`Invalid lines (first ${r.invalid_examples.length} of ${int(r.invalid)}):`);
    for (const e of r.invalid_examples) {
      lines.push(`  ${safeTail(e.file)}:${e.line}  ${e.reason}: ${safe(e.text, 100)}`);
    }
  }
  return lines;
}

export function renderTerminal(report: LogsReport, top = 12): string {
  const sections = [
    header(report),
    totals(report),
    ga4Sentence(report),
    channels(report, top),
    darkPages(report),
    previews(report, top),
    footer(report),
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}
