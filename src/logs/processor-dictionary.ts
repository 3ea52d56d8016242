/**
 * A worker's interned strings: user agents (with their visitor-hash half), referrers, pages
 * and classification outcomes, each under a bound so memory stays flat however long the log.
 * Every kept string is copied first: a slice of a chunk's text would keep the whole chunk
 * alive. Verdicts and pages are numbered; the new ones travel with each chunk result.
 */
import type { Classification } from '../core/index.ts';
import type { VerdictInfo } from './chunk-types.ts';
import type { PairHash, VisitorHasher } from './visitor-hash.ts';

const MAX_CACHED_STRINGS = 100_000;
const MAX_PAGES = 100_000;
/** Page id 0 collects every page beyond MAX_PAGES. */
export const OTHER_PAGES = '(other pages)';

export interface AgentEntry {
  text: string | null;
  hash: PairHash;
}

/** A copy that shares no memory with the chunk it was sliced from. */
function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export class ProcessorDictionary {
  private readonly agents = new Map<string, AgentEntry>();
  private readonly noAgent: AgentEntry;
  private readonly referrers = new Map<string, string>();
  private readonly verdicts: VerdictInfo[] = [];
  private readonly verdictsByChannel = new Map<string, number[]>();
  /** The classifier shares frozen results between hits: most lookups end here. */
  private readonly verdictOfResult = new WeakMap<Classification, number>();
  private readonly pageIds = new Map<string, number>([[OTHER_PAGES, 0]]);
  private readonly pages: string[] = [OTHER_PAGES];
  private shippedVerdicts = 0;
  private shippedPages = 0;

  constructor(private readonly hasher: VisitorHasher) {
    this.noAgent = { text: null, hash: hasher.agent(null) };
  }

  agent(text: string | null): AgentEntry {
    if (text === null) return this.noAgent;
    const cached = this.agents.get(text);
    if (cached !== undefined) return cached;
    if (this.agents.size >= MAX_CACHED_STRINGS) this.agents.clear();
    const own = detach(text);
    const entry = { text: own, hash: this.hasher.agent(own) };
    this.agents.set(own, entry);
    return entry;
  }

  referrer(text: string | null): string | null {
    if (text === null) return null;
    const cached = this.referrers.get(text);
    if (cached !== undefined) return cached;
    if (this.referrers.size >= MAX_CACHED_STRINGS) this.referrers.clear();
    const own = detach(text);
    this.referrers.set(own, own);
    return own;
  }

  verdictOf(result: Classification): number {
    let id = this.verdictOfResult.get(result);
    if (id === undefined) {
      id = this.verdictId(result);
      if (Object.isFrozen(result)) this.verdictOfResult.set(result, id);
    }
    return id;
  }

  verdict(id: number): VerdictInfo {
    return this.verdicts[id] as VerdictInfo;
  }

  pageId(page: string): number {
    const known = this.pageIds.get(page);
    if (known !== undefined) return known;
    if (this.pages.length >= MAX_PAGES) return 0;
    const own = detach(page);
    const id = this.pages.length;
    this.pages.push(own);
    this.pageIds.set(own, id);
    return id;
  }

  /** Verdicts and pages numbered since the last call. */
  takeNew(): { verdicts: VerdictInfo[]; pages: string[] } {
    const verdicts = this.verdicts.slice(this.shippedVerdicts);
    const pages = this.pages.slice(this.shippedPages);
    this.shippedVerdicts = this.verdicts.length;
    this.shippedPages = this.pages.length;
    return { verdicts, pages };
  }

  private verdictId(c: Classification): number {
    const candidates = this.verdictsByChannel.get(c.channel);
    for (const id of candidates ?? []) {
      const known = this.verdicts[id] as VerdictInfo;
      if (known.class === c.class && known.ga4 === c.ga4 && known.confidence === c.confidence) {
        return id;
      }
    }
    const id = this.verdicts.length;
    const channel = detach(c.channel);
    this.verdicts.push({ class: c.class, channel, ga4: c.ga4, confidence: c.confidence });
    if (candidates !== undefined) candidates.push(id);
    else this.verdictsByChannel.set(channel, [id]);
    return id;
  }
}
