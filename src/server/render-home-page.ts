import { escapeHtml } from '../core/index.ts';
import type { Site, SummaryRow } from '../store/index.ts';

interface HomePageInput {
  version: string;
  demoSite: Site | null;
  rows: SummaryRow[] | null;
}

const CLASS_COLOURS: Record<string, string> = {
  dark_social: '#5b21b6',
  social: '#2563eb',
  search: '#059669',
  ai: '#0891b2',
  paid: '#d97706',
  campaign: '#ca8a04',
  referral: '#64748b',
  internal: '#94a3b8',
  direct: '#cbd5e1',
};

function overview(site: Site, rows: SummaryRow[]): string {
  const pageviews = rows.filter((row) => row.name === 'pageview');
  const total = pageviews.reduce((sum, row) => sum + row.visitors, 0) || 1;
  const dark = pageviews
    .filter((row) => row.class === 'dark_social')
    .reduce((sum, row) => sum + row.visitors, 0);
  const sorted = [...pageviews].sort((a, b) => b.visitors - a.visitors);
  const bars = sorted
    .map((row) => {
      const width = Math.max(1, Math.round((row.visitors / total) * 100));
      const colour = CLASS_COLOURS[row.class] ?? '#475569';
      return `<tr><th scope="row">${escapeHtml(row.class)} / ${escapeHtml(row.channel)}</th>
<td><span class="bar" style="width:${width}%;background:${colour}"></span></td>
<td class="n">${row.visitors}</td><td class="n">${row.events}</td></tr>`;
    })
    .join('\n');
  const other = rows
    .filter((row) => row.name !== 'pageview')
    .map((row) => `<li>${escapeHtml(row.name)} · ${escapeHtml(row.channel)}: ${row.events}</li>`)
    .join('');
  return `<h2>${escapeHtml(site.domain)} <small>(demo traffic)</small></h2>
<p class="headline"><strong>${Math.round((dark / total) * 100)}%</strong> of visitors came through private channels (dark social).</p>
<table><thead><tr><th scope="col">class / channel</th><th scope="col">share of visitors</th><th scope="col">visitors</th><th scope="col">page views</th></tr></thead>
<tbody>${bars}</tbody></table>
<h3>Shares and other events</h3><ul>${other || '<li>none yet</li>'}</ul>
<p>Refresh to watch the numbers grow. <a href="/app">Open the dashboard</a> (log in with the
demo account printed by <code>penumbra demo</code>), see the <a href="/public/penumbra-demo">read-only public
dashboard</a>, or <a href="/webchat/try">talk to the recipe assistant</a>.</p>`;
}

/** The server's home page: the demo overview in demo mode, set-up help otherwise. */
export function renderHomePage({ version, demoSite, rows }: HomePageInput): string {
  const body =
    demoSite && rows
      ? overview(demoSite, rows)
      : `<h2>Penumbra is running</h2>
<p><a href="/app">Open the dashboard</a> (the first visit creates the first account), add a
site there or with <code>penumbra sites add example.com</code>, then put this tag on its pages:</p>
<pre>&lt;script defer src="https://YOUR-PENUMBRA-HOST/p.js" data-site="example.com"&gt;&lt;/script&gt;</pre>
<p>API: <a href="/api/openapi.json">/api/openapi.json</a> · health: <a href="/health">/health</a></p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Penumbra</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .5rem;text-align:left;border-bottom:1px solid #e2e8f0}
td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{display:inline-block;height:.8rem;border-radius:2px}
.headline{font-size:1.3rem}pre{background:#f1f5f9;padding:1rem;overflow:auto}small{color:#475569}</style></head>
<body><h1>Penumbra <small>${escapeHtml(version)}</small></h1>${body}</body></html>`;
}
