import { isbotMatch } from 'isbot';
import type { Classification } from '../core/index.ts';
import { makeResult } from './make-result.ts';
import { IN_APP_MARKERS } from './tables/in-app-markers.ts';
import { PREVIEW_FETCHERS } from './tables/preview-fetchers.ts';

/**
 * Everything the rules need from a user agent alone; computed once per distinct UA, with the
 * results of the UA-only rules (R1a, R1b, R5) prebuilt so a repeated UA allocates nothing.
 */
export interface UserAgentFacts {
  /** R1a: this UA is a link-preview fetcher. */
  preview: Classification | null;
  /** R1b: an isbot match or an empty UA. */
  bot: Classification | null;
  /** R5: an in-app browser marker (GA4: Direct, as it arrives without referrer). */
  inApp: Classification | null;
  /** Looks like a person's browser: `Mozilla/5.0 (…` and not a bot. */
  human: boolean;
  /** A UA was reported at all (absent means "unknown", never "bot"). */
  reported: boolean;
}

/** Bot patterns scan the whole string; nothing human is longer than this. */
export const MAX_USER_AGENT_LENGTH = 1024;
const MAX_EVIDENCE_LENGTH = 80;
const SHORT_USER_AGENT = 40;

const UNKNOWN: UserAgentFacts = {
  preview: null,
  bot: null,
  inApp: null,
  human: false,
  reported: false,
};
const EMPTY: UserAgentFacts = {
  preview: null,
  bot: makeResult('bot', 'crawler', 'strong', 'R1b.empty_ua', 'empty user agent', null),
  inApp: null,
  human: false,
  reported: true,
};

function evidenceOf(text: string): string {
  return text.length > MAX_EVIDENCE_LENGTH ? text.slice(0, MAX_EVIDENCE_LENGTH) : text;
}

function findPreview(ua: string): Classification | null {
  for (const fetcher of PREVIEW_FETCHERS) {
    const match = fetcher.pattern.exec(ua);
    if (match) {
      // Short fetcher UAs (`WhatsApp/2.23.20.0 A`) are their own best evidence.
      const evidence = evidenceOf(ua.length <= SHORT_USER_AGENT ? ua : match[0]);
      return makeResult(
        'preview',
        fetcher.channel,
        fetcher.confidence,
        'R1a.preview',
        evidence,
        null,
      );
    }
  }
  return null;
}

function findInApp(ua: string): Classification | null {
  for (const marker of IN_APP_MARKERS) {
    const match = marker.pattern.exec(ua);
    if (match) {
      const evidence = evidenceOf(match[0]);
      return makeResult(marker.class, marker.channel, 'confirmed', 'R5.in_app', evidence, 'Direct');
    }
  }
  return null;
}

/**
 * Reads the user agent: preview fetchers first (every one of them is also a "bot" to isbot),
 * then isbot, then in-app markers. `undefined`/`null` means "not reported" and yields no facts;
 * an empty or `-` UA is a script.
 */
export function readUserAgent(userAgent: string | null | undefined): UserAgentFacts {
  if (userAgent === undefined || userAgent === null) return UNKNOWN;
  const ua = (
    userAgent.length > MAX_USER_AGENT_LENGTH ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : userAgent
  ).trim();
  if (ua === '' || ua === '-') return EMPTY;
  const preview = findPreview(ua);
  if (preview) return { preview, bot: null, inApp: null, human: false, reported: true };
  const botMatch = isbotMatch(ua);
  if (botMatch) {
    const bot = makeResult('bot', 'crawler', 'confirmed', 'R1b.bot_ua', evidenceOf(botMatch), null);
    return { preview: null, bot, inApp: null, human: false, reported: true };
  }
  const human = ua.startsWith('Mozilla/5.0 (');
  return { preview: null, bot: null, inApp: findInApp(ua), human, reported: true };
}
