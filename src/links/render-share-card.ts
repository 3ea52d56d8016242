import { escapeHtml } from '../core/index.ts';
import type { OpenGraphCard } from './fetch-open-graph.ts';

/**
 * The page a link-preview fetcher gets for `/s/<code>`: the target's card as Open Graph and
 * Twitter tags (escaped, nothing executable), so the chat shows the real article, not a
 * shortener; and a plain link, should a person ever land here.
 */
export function renderShareCard(card: OpenGraphCard, target: string): string {
  const title = escapeHtml(card.title || target);
  const tags: [string, string][] = [
    ['og:title', card.title || target],
    ['og:description', card.description],
    ['og:image', card.image],
    ['og:site_name', card.siteName],
    ['og:url', target],
    ['twitter:card', card.image ? 'summary_large_image' : 'summary'],
  ];
  const meta = tags
    .filter(([, value]) => value)
    .map(([property, value]) => `<meta property="${property}" content="${escapeHtml(value)}">`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
${meta}
<meta name="robots" content="noindex"></head>
<body><p><a href="${escapeHtml(target)}">${title}</a></p></body></html>`;
}
