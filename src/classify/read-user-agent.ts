import { isbotMatch } from 'isbot';
import type { Confidence, TrafficClass } from '../core/index.ts';
import { IN_APP_MARKERS } from './tables/in-app-markers.ts';
import { PREVIEW_FETCHERS } from './tables/preview-fetchers.ts';

/** Everything the rules need from a user agent alone; computed once per distinct UA. */
export interface UserAgentFacts {
  preview: { channel: string; confidence: Confidence; evidence: string } | null;
  /** The isbot match, or `-` for an empty UA; null for people and unknown UAs. */
  bot: string | null;
  inApp: { class: TrafficClass; channel: string; evidence: string } | null;
  /** Looks like a person's browser: `Mozilla/5.0 (…` and not a bot. */
  human: boolean;
}

/** Bot patterns scan the whole string; nothing human is longer than this. */
export const MAX_USER_AGENT_LENGTH = 1024;
const MAX_EVIDENCE_LENGTH = 80;
const SHORT_USER_AGENT = 40;

const UNKNOWN: UserAgentFacts = { preview: null, bot: null, inApp: null, human: false };
const EMPTY: UserAgentFacts = { preview: null, bot: '-', inApp: null, human: false };

function evidenceOf(text: string): string {
  return text.length > MAX_EVIDENCE_LENGTH ? text.slice(0, MAX_EVIDENCE_LENGTH) : text;
}

function findPreview(ua: string): UserAgentFacts['preview'] {
  for (const fetcher of PREVIEW_FETCHERS) {
    const match = fetcher.pattern.exec(ua);
    if (match) {
      // Short fetcher UAs (`WhatsApp/2.23.20.0 A`) are their own best evidence.
      const evidence = ua.length <= SHORT_USER_AGENT ? ua : match[0];
      return {
        channel: fetcher.channel,
        confidence: fetcher.confidence,
        evidence: evidenceOf(evidence),
      };
    }
  }
  return null;
}

function findInApp(ua: string): UserAgentFacts['inApp'] {
  for (const marker of IN_APP_MARKERS) {
    const match = marker.pattern.exec(ua);
    if (match)
      return { class: marker.class, channel: marker.channel, evidence: evidenceOf(match[0]) };
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
  if (preview) return { preview, bot: null, inApp: null, human: false };
  const botMatch = isbotMatch(ua);
  if (botMatch) return { preview: null, bot: evidenceOf(botMatch), inApp: null, human: false };
  const inApp = findInApp(ua);
  return { preview: null, bot: null, inApp, human: ua.startsWith('Mozilla/5.0 (') };
}
