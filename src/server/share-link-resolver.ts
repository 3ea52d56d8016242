import { classify } from '../classify/index.ts';
import { type Classification, nestedMap } from '../core/index.ts';
import type { ShareLink, StateStore } from '../store/index.ts';

const LINK_CACHE_MS = 60_000;
const MAX_CACHED = 10_000;

/** What a share-link request is, as far as its link and its verdict go. */
export interface ShareLinkHit {
  userAgent: string;
  referrer: string;
}

/**
 * The look-ups `/s/:code` makes on every request, shared by the Fastify route and the fast path
 * in front of it: the link by code (cached; links never change once made, and the TTL bounds how
 * long a deleted site's links keep working) and the verdict per browser (a link is clicked again
 * and again from the same few browsers).
 */
export function createShareLinkResolver(state: StateStore) {
  const links = new Map<string, { at: number; link: ShareLink | null }>();
  // Nested by method, target, referrer and browser (see nestedMap): joined keys here and in the
  // visitor and click memos were a tenth of a redirect's CPU, flattening and hashing.
  let verdicts = new Map<string, Map<string, Map<string, Map<string, Classification>>>>();
  let remembered = 0;
  return {
    /** The cached link, null when cached as unknown, undefined when it must be looked up. */
    cachedLink(code: string): ShareLink | null | undefined {
      const cached = links.get(code);
      return cached && Date.now() - cached.at < LINK_CACHE_MS ? cached.link : undefined;
    },
    async findLink(code: string): Promise<ShareLink | null> {
      const link = await state.findShareLink(code);
      if (links.size >= MAX_CACHED) links.clear();
      links.set(code, { at: Date.now(), link });
      return link;
    },
    classify(target: string, hit: ShareLinkHit, method: string): Classification {
      const known = verdicts.get(method)?.get(target)?.get(hit.referrer)?.get(hit.userAgent);
      if (known) return known;
      const verdict = classify({
        url: target,
        user_agent: hit.userAgent,
        referrer: hit.referrer,
        method,
      });
      if (remembered >= MAX_CACHED) {
        verdicts = new Map();
        remembered = 0;
      }
      nestedMap(nestedMap(nestedMap(verdicts, method), target), hit.referrer).set(
        hit.userAgent,
        verdict,
      );
      remembered++;
      return verdict;
    },
  };
}

export type ShareLinkResolver = ReturnType<typeof createShareLinkResolver>;
