/**
 * The HTML page that loads the dashboard: no inline script or style (the server's CSP forbids
 * both), the mode and API base as data attributes on the root element. Pure, so the server
 * route and tests call it directly. Imports nothing (it runs on the server, the app in browsers).
 */
export interface DashboardShellInput {
  mode: 'app' | 'public';
  /** `/api` for the app; `/api/public/:slug` for a public read-only dashboard. */
  apiBase: string;
  /** The page title (in public mode also the site's name shown in the heading). */
  title: string;
  version: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
// C0 controls (but tab, LF, CR), DEL and C1 controls cannot appear in HTML text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

const escapeText = (text: string): string =>
  String(text)
    .replace(CONTROL, '\ufffd')
    .replace(/[&<>"']/g, (char) => ENTITIES[char] as string);

export function renderDashboardShell({
  mode,
  apiBase,
  title,
  version,
}: DashboardShellInput): string {
  const assetQuery = `?v=${encodeURIComponent(version)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${escapeText(title)}</title>
<link rel="stylesheet" href="/app/dashboard.css${escapeText(assetQuery)}">
<script defer src="/app/dashboard.js${escapeText(assetQuery)}"></script>
</head>
<body>
<div id="penumbra" data-mode="${mode === 'public' ? 'public' : 'app'}" data-api-base="${escapeText(apiBase)}" data-title="${escapeText(title)}" data-version="${escapeText(version)}">
<noscript><p>The Penumbra dashboard needs JavaScript. The same numbers are in the API: <a href="/api/openapi.json">/api/openapi.json</a>.</p></noscript>
</div>
</body>
</html>
`;
}
