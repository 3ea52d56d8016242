import type { OutboundPart } from '../types.ts';

/** Turns a URL into a tracked share link for one recipient (injected: the links module). */
export type ShareLinker = (
  url: string,
  context: { conversation: string; channel: string; campaign: string },
) => Promise<string>;

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`)\]]+/g;

async function rewrite(text: string, link: (url: string) => Promise<string>): Promise<string> {
  const found = text.match(URL_IN_TEXT) ?? [];
  if (found.length === 0) return text;
  // Trailing sentence punctuation is not part of the link.
  const split = (url: string) => {
    const clean = url.replace(/[.,;:!?]+$/, '');
    return [clean, url.slice(clean.length)] as const;
  };
  const links = new Map<string, string>();
  for (const url of found) {
    const [clean] = split(url);
    if (!links.has(clean)) links.set(clean, await link(clean));
  }
  return text.replace(URL_IN_TEXT, (url) => {
    const [clean, tail] = split(url);
    return `${links.get(clean) ?? clean}${tail}`;
  });
}

/**
 * Every link in a broadcast becomes a share link per recipient, so a forward of it shows up as a
 * dark-social cascade on the dashboard (DESIGN.md, "the loop"). Text, captions and template
 * parameters are rewritten; media URLs are files, not links people click, and stay as they are.
 */
export async function rewriteLinks(
  parts: OutboundPart[],
  params: Record<string, string>,
  link: (url: string) => Promise<string>,
): Promise<{ parts: OutboundPart[]; params: Record<string, string> }> {
  const outParts: OutboundPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') outParts.push({ ...part, text: await rewrite(part.text, link) });
    else if (part.type === 'media' && part.caption)
      outParts.push({ ...part, caption: await rewrite(part.caption, link) });
    else if (part.type === 'choices')
      outParts.push({ ...part, prompt: await rewrite(part.prompt, link) });
    else outParts.push(part);
  }
  const outParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) outParams[name] = await rewrite(value, link);
  return { parts: outParts, params: outParams };
}
