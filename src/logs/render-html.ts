/**
 * `--html FILE`: one self-contained page (inline CSS and SVG, no script, no external
 * request, enforced by its Content-Security-Policy) that shows the report as charts. Every
 * visitor-controlled string is escaped (core's escapeHtml); colours come from fixed palettes.
 */
import { escapeHtml as esc, TRAFFIC_CLASSES, type TrafficClass } from '../core/index.ts';
import { type Series, stackedColumnChart, stackedShareChart } from './html-charts.ts';
import { HTML_STYLE } from './html-style.ts';
import { appColor, CLASS_COLORS } from './palette.ts';
import type { HumanClass, LogsReport } from './report-types.ts';

const HUMAN_ORDER = TRAFFIC_CLASSES.filter(
  (cls): cls is HumanClass => cls !== 'preview' && cls !== 'bot',
);
const TOP_CHANNELS = 15;
const PREVIEW_SERIES = 6;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const int = (n: number): string => n.toLocaleString('en-US');
const pct = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1)}%`;
const className = (c: string): string => c.replace('_', ' ');

function bucketLabel(iso: string, bucket: LogsReport['timeline']['bucket']): string {
  const month = MONTHS[Number(iso.slice(5, 7)) - 1] ?? '';
  const day = `${month} ${Number(iso.slice(8, 10))}`;
  return bucket === 'hour' ? `${day} ${iso.slice(11, 16)}` : day;
}

function legend(items: Array<[string, string]>): string {
  const entries = items.map(
    ([name, color]) => `<li><i style="background:${color}"></i>${name}</li>`,
  );
  return `<ul class="legend">${entries.join('')}</ul>`;
}

function header(r: LogsReport): string {
  const range = r.time_range.first
    ? `${esc(r.time_range.first.slice(0, 16).replace('T', ' '))} → ${esc((r.time_range.last ?? '').slice(0, 16).replace('T', ' '))} UTC`
    : 'no dated lines';
  const files = r.files.map((f) => esc(f.name)).join(', ');
  const site =
    r.site_hosts.length > 0
      ? ` · site ${r.site_hosts.map(esc).join(', ')}${r.site_host_guessed ? ' (guessed)' : ''}`
      : '';
  return `<header><p class="kicker">penumbra logs</p><h1>Dark social in your logs</h1><p class="sub">${int(r.lines)} lines from ${files} (${esc(r.format)}) · ${range}${site}</p></header>`;
}

function cards(r: LogsReport): string {
  const c = r.dark_social_by_confidence;
  const card = (cls: string, label: string, value: string, note: string): string =>
    `<div class="card ${cls}"><p class="label">${label}</p><p class="value">${value}</p><p class="note">${note}</p></div>`;
  return `<section class="cards">${[
    card(
      'hero',
      'Dark social',
      pct(r.dark_social_share),
      `of ${int(r.visits)} human visits · ${int(r.dark_social_visits)} visits<br>confirmed ${int(c.confirmed)} · tagged ${int(c.strong)} · deep-link guess ${int(c.heuristic)}`,
    ),
    card('', 'Human visits', int(r.visits), `${int(r.page_views)} page views`),
    card(
      '',
      'Link previews',
      int(r.previews.fetches),
      `pages pasted into chats and posts · ${int(r.previews.sender_device)} from the sharer’s phone`,
    ),
    card('', 'Bot hits', int(r.by_class.bot), 'crawlers, scanners and scripts: not visits'),
  ].join('')}</section>`;
}

function ga4(r: LogsReport): string {
  const g = r.ga4_direct_reclassified;
  if (g.ga4_direct_visits === 0) return '';
  const dark = g.share ?? 0;
  return `<section class="ga4"><h2>What GA4 calls “Direct”</h2><p class="big">Of what GA4 would call Direct (${int(g.ga4_direct_visits)} visits), <strong>${pct(g.share)}</strong> is dark social.</p><div class="split" title="${int(g.dark_social_visits)} of ${int(g.ga4_direct_visits)}"><span style="width:${(dark * 100).toFixed(2)}%;background:${CLASS_COLORS.dark_social}"></span><span style="width:${((1 - dark) * 100).toFixed(2)}%;background:${CLASS_COLORS.direct}"></span></div>${legend(
    [
      [`dark social (${int(g.dark_social_visits)})`, CLASS_COLORS.dark_social],
      [
        `really direct, as far as the logs tell (${int(g.ga4_direct_visits - g.dark_social_visits)})`,
        CLASS_COLORS.direct,
      ],
    ],
  )}</section>`;
}

function overTime(r: LogsReport): string {
  const { bucket, points } = r.timeline;
  const labels = points.map((p) => esc(bucketLabel(p.start, bucket)));
  const series: Series[] = HUMAN_ORDER.map((c) => ({
    name: className(c),
    color: CLASS_COLORS[c],
    values: points.map((p) => p.visits[c]),
  })).filter((s) => s.values.some((v) => v > 0));
  const chart = stackedShareChart(`Share of visits by class per ${bucket}`, labels, series);
  return `<section><h2>Where visits came from, per ${bucket}</h2>${legend(series.map((s) => [s.name, s.color]))}${chart}</section>`;
}

function barList(
  rows: Array<{ label: string; value: number; note: string; color: string }>,
): string {
  if (rows.length === 0) return '<p class="empty">Nothing to show.</p>';
  const max = Math.max(...rows.map((row) => row.value));
  const items = rows.map(
    (row) =>
      `<li><span class="name" title="${row.label}">${row.label}</span><span class="bar"><i style="width:${((row.value / max) * 100).toFixed(2)}%;background:${row.color}"></i></span><span class="num">${int(row.value)}</span><span class="num dim">${row.note}</span></li>`,
  );
  return `<ul class="bars">${items.join('')}</ul>`;
}

function channels(r: LogsReport): string {
  const rows = Object.entries(r.visits_by_channel)
    .slice(0, TOP_CHANNELS)
    .map(([key, value]) => {
      const cls = key.slice(0, key.indexOf('/')) as TrafficClass;
      return {
        label: esc(key.replace('_', ' ').replace('/', ' · ')),
        value,
        note: pct(value / Math.max(1, r.visits)),
        color: CLASS_COLORS[cls] ?? '#888',
      };
    });
  return `<div><h2>Visits by channel</h2>${barList(rows)}</div>`;
}

function classes(r: LogsReport): string {
  const rows = HUMAN_ORDER.map((c) => ({
    label: className(c),
    value: r.visits_by_class[c],
    note: pct(r.visits_by_class[c] / Math.max(1, r.visits)),
    color: CLASS_COLORS[c],
  })).filter((row) => row.value > 0);
  return `<div><h2>Visits by class</h2>${barList(rows)}</div>`;
}

function chips(byChannel: Record<string, number>, total: number): string {
  return Object.entries(byChannel)
    .slice(0, 3)
    .map(
      ([channel, n]) =>
        `<span class="chip" style="border-color:${appColor(channel)}">${esc(channel)} ${Math.round((n / total) * 100)}%</span>`,
    )
    .join('');
}

function darkPages(r: LogsReport): string {
  if (r.top_dark_pages.length === 0)
    return '<section><h2>Top dark-shared pages</h2><p class="empty">No dark-social visits.</p></section>';
  const rows = r.top_dark_pages.map(
    (p) =>
      `<tr><td class="page" title="${esc(p.page)}">${esc(p.page)}</td><td class="num">${int(p.dark_social_visits)}</td><td class="num">${pct(p.share)}</td><td>${chips(p.by_channel, p.dark_social_visits)}</td></tr>`,
  );
  return `<section><h2>Top dark-shared pages</h2><table><thead><tr><th>page</th><th>dark visits</th><th>of its visits</th><th class="apps">channels</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function previews(r: LogsReport): string {
  const p = r.previews;
  const { bucket, points } = r.timeline;
  const apps = Object.keys(p.by_channel).slice(0, PREVIEW_SERIES);
  const series: Series[] = apps.map((app) => ({
    name: esc(app),
    color: appColor(app),
    values: points.map((pt) => pt.previews[app] ?? 0),
  }));
  const others = points.map((pt) =>
    Object.entries(pt.previews).reduce((sum, [app, n]) => (apps.includes(app) ? sum : sum + n), 0),
  );
  if (others.some((v) => v > 0))
    series.push({ name: 'other apps', color: '#94a3b8', values: others });
  const chart =
    p.fetches > 0
      ? stackedColumnChart(
          `Link previews per ${bucket}`,
          points.map((pt) => esc(bucketLabel(pt.start, bucket))),
          series,
        )
      : '<p class="empty">No link previews in these logs.</p>';
  const byApp = barList(
    Object.entries(p.by_channel).map(([app, n]) => ({
      label: esc(app),
      value: n,
      note: pct(n / Math.max(1, p.fetches)),
      color: appColor(app),
    })),
  );
  const pages = p.top_pages.map(
    (page) =>
      `<tr><td class="page" title="${esc(page.page)}">${esc(page.page)}</td><td class="num">${int(page.fetches)}</td><td>${chips(page.by_channel, page.fetches)}</td></tr>`,
  );
  const table =
    pages.length > 0
      ? `<table><thead><tr><th>page</th><th>previews</th><th class="apps">apps</th></tr></thead><tbody>${pages.join('')}</tbody></table>`
      : '';
  return `<section><h2>Link previews: the moment a page was pasted into a chat</h2><p class="note">Preview fetchers run no JavaScript, so only server logs see them. Repeated fetches of one page by one fetcher within 10 minutes count once.</p>${legend(series.map((s) => [s.name, s.color]))}${chart}<div class="two"><div><h3>By app</h3>${byApp}</div><div><h3>Most previewed pages</h3>${table}</div></div></section>`;
}

function details(r: LogsReport): string {
  const classes = Object.entries(r.by_class).map(
    ([c, n]) =>
      `<tr><td><i class="dot" style="background:${CLASS_COLORS[c as TrafficClass]}"></i>${esc(className(c))}</td><td class="num">${int(n)}</td></tr>`,
  );
  const s = r.skipped;
  const invalid = r.invalid_examples.map(
    (e) =>
      `<li><code>${esc(e.file)}:${e.line}</code> ${esc(e.reason)}: <code>${esc(e.text)}</code></li>`,
  );
  const warnings = r.warnings.map((w) => `<li>${esc(w)}</li>`);
  return `<section class="details"><h2>Details</h2><div class="two"><div><h3>Hits by class</h3><table><tbody>${classes.join('')}</tbody></table></div><div><h3>Not counted as hits</h3><ul class="plain"><li>${int(s.asset)} asset requests (stylesheets, scripts, images, fonts…)</li><li>${int(s.status)} responses outside 200–399</li><li>${int(s.method)} requests other than GET and HEAD</li><li>${int(s.excluded)} excluded by --exclude-path</li><li>${int(s.out_of_range)} outside --since/--until</li></ul><h3>Invalid lines: ${int(r.invalid)}</h3>${invalid.length > 0 ? `<ul class="plain">${invalid.join('')}</ul>` : ''}${warnings.length > 0 ? `<h3>Warnings</h3><ul class="plain">${warnings.join('')}</ul>` : ''}</div></div></section>`;
}

export function renderHtml(r: LogsReport): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>Dark social in your logs · penumbra</title>
<style>${HTML_STYLE}</style></head>
<body><main>
${header(r)}
${cards(r)}
${ga4(r)}
${overTime(r)}
<section class="two">${classes(r)}${channels(r)}</section>
${darkPages(r)}
${previews(r)}
${details(r)}
<footer>Made by <strong>penumbra logs</strong>. Visits group a visitor’s page views (same IP and user agent on one day, kept only as a salted hash) with gaps under 30 minutes; the first page view decides the channel.</footer>
</main></body></html>
`;
}
