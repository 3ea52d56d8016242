import { createShareCode } from '../links/index.ts';
import type { ShareLinker } from '../messaging/index.ts';
import { type StateStore, StoreError } from '../store/index.ts';

/**
 * The share-link maker broadcasts use: a URL on one of our sites becomes `<base>/s/<code>`,
 * one code per (site, target, channel, campaign, conversation), the same record
 * `POST /api/links` makes, so a forward shows up on the dashboard as a dark-social cascade. A URL
 * on any other host is left as it is: share links never redirect off our sites.
 */
export function createStateShareLinker(state: StateStore, publicBaseUrl: string): ShareLinker {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return async (url, context) => {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return url;
    }
    const site = await state.findSiteByDomain(host);
    if (!site) return url;
    for (let attempt = 0; ; attempt++) {
      try {
        const link = await state.createShareLink(
          {
            code: createShareCode(),
            siteId: site.id,
            target: url,
            channel: context.channel,
            campaign: context.campaign,
            conversation: context.conversation.slice(0, 100),
            utm: true,
          },
          Date.now(),
        );
        return `${base}/s/${link.code}`;
      } catch (error) {
        // A code drawn twice is rare; three times in a row does not happen.
        if (!(error instanceof StoreError && error.code === 'conflict') || attempt >= 4)
          throw error;
      }
    }
  };
}
