/**
 * How friends arrive after someone shared a page in a chat: through the app's in-app browser,
 * an `android-app://` or web-client referrer, or with no referrer at all — the dark social the
 * benchmark log is about.
 */
import type { Prng } from './prng.ts';
import type { Page } from './traffic-model.ts';
import { SOCIAL_REFERRERS } from './traffic-model.ts';
import type { PreviewKind, UserAgentPools } from './user-agents.ts';

export interface Visitor {
  ip: string;
  ua: string;
}

export interface Arrival {
  visitor: Visitor;
  referrer: string;
  page: Page;
  query: string;
}

export interface ArrivalTools {
  prng: Prng;
  agents: UserAgentPools;
  visitor(ua: string): Visitor;
  inAppArrival(page: Page): Arrival;
}

export function friendArrival(kind: PreviewKind, page: Page, tools: ArrivalTools): Arrival {
  const p = tools.prng;
  const viaBrowser = (referrer: string, ua = tools.agents.mobileBrowser()): Arrival => ({
    visitor: tools.visitor(ua),
    referrer,
    page,
    query: '',
  });
  switch (kind) {
    case 'whatsapp':
      return p.chance(0.6)
        ? {
            ...tools.inAppArrival(page),
            visitor: tools.visitor(tools.agents.inAppBrowser('whatsapp')),
          }
        : viaBrowser('-');
    case 'telegram':
      return viaBrowser(p.chance(0.5) ? 'android-app://org.telegram.messenger/' : '-');
    case 'slack':
      return viaBrowser(
        p.chance(0.5) ? 'https://app.slack.com/' : '-',
        tools.agents.desktopOrMobile(),
      );
    case 'discord':
      return viaBrowser(
        p.chance(0.5) ? 'https://discord.com/' : '-',
        tools.agents.desktopOrMobile(),
      );
    case 'facebook':
      return viaBrowser(p.pick(SOCIAL_REFERRERS));
    case 'x':
      return viaBrowser('https://t.co/');
    case 'imessage':
      return viaBrowser('-');
  }
}
