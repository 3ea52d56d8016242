/**
 * Simulates a week of a news site's traffic as an nginx `combined` access log: sessions of
 * people arriving from search, social, webmail, in-app browsers, tagged links or nowhere, each
 * loading pages and their assets; people sharing pages (a preview fetch, then friends arriving
 * through the chat); crawlers and scanners. Same seed ⇒ same bytes.
 */

import { combinedLine, diurnalRate } from './combined-line.ts';
import { EventQueue } from './event-queue.ts';
import type { Prng } from './prng.ts';
import { createPrng, createZipf } from './prng.ts';
import { type Arrival, type ArrivalTools, friendArrival, type Visitor } from './share-arrivals.ts';
import type { Page } from './traffic-model.ts';
import {
  AI_REFERRERS,
  ASSETS,
  BOT_PROBES,
  buildPages,
  CAMPAIGN_TAGS,
  PRIVATE_REFERRERS,
  randomIp,
  referralReferrer,
  SEARCH_REFERRERS,
  SITE_HOST,
  SOCIAL_REFERRERS,
} from './traffic-model.ts';
import type { InAppKind, PreviewKind } from './user-agents.ts';
import { BOT_USER_AGENTS, PREVIEW_USER_AGENTS, UserAgentPools } from './user-agents.ts';

export interface GenerateOptions {
  lines: number;
  seed: number;
  /** First second of the log (epoch ms). */
  startMs: number;
  /** Span the sessions are spread over. */
  days: number;
}

const AVERAGE_LINES_PER_SESSION = 8.3;

export class LogGenerator {
  private readonly prng: Prng;
  private readonly queue = new EventQueue();
  private readonly pages: Page[];
  private readonly pickPage: () => number;
  private readonly returning: Visitor[] = [];
  private readonly meanGapS: number;
  private readonly agents: UserAgentPools;
  private readonly arrivalTools: ArrivalTools;

  constructor(private readonly options: GenerateOptions) {
    this.prng = createPrng(options.seed);
    this.pages = buildPages(this.prng, 4000);
    this.pickPage = createZipf(this.prng, this.pages.length);
    this.agents = new UserAgentPools(this.prng);
    this.arrivalTools = {
      prng: this.prng,
      agents: this.agents,
      visitor: (ua) => this.visitor(ua),
      inAppArrival: (page) => this.inAppArrival(page),
    };
    const sessions = options.lines / AVERAGE_LINES_PER_SESSION;
    this.meanGapS = (options.days * 86400) / sessions;
  }

  /** Emits exactly `options.lines` lines, in time order, through `write`. */
  run(write: (text: string) => void): void {
    let clock = this.options.startMs / 1000;
    let emitted = 0;
    let buffer: string[] = [];
    const flushEvery = 4096;
    while (emitted < this.options.lines) {
      clock += this.prng.exponential(this.meanGapS / diurnalRate(clock));
      this.startSomething(clock);
      while (this.queue.peekTime() <= clock && emitted < this.options.lines) {
        buffer.push((this.queue.pop() as { text: string }).text);
        emitted++;
        if (buffer.length === flushEvery) {
          write(buffer.join(''));
          buffer = [];
        }
      }
    }
    if (buffer.length > 0) write(buffer.join(''));
  }

  private startSomething(t: number): void {
    const r = this.prng.next();
    if (r < 0.1) this.botVisit(t);
    else if (r < 0.115) this.strayPreview(t);
    else this.session(t, this.arrival());
  }

  private page(): Page {
    return this.pages[this.pickPage()] as Page;
  }

  private deepPage(): Page {
    for (;;) {
      const page = this.page();
      if (page.path.split('/').filter(Boolean).length >= 2) return page;
    }
  }

  private visitor(ua: string): Visitor {
    return { ip: randomIp(this.prng), ua };
  }

  private arrival(): Arrival {
    const p = this.prng;
    if (this.returning.length > 0 && p.chance(0.12)) {
      const visitor = this.returning[p.int(this.returning.length)] as Visitor;
      return { visitor, referrer: '-', page: this.pages[0] as Page, query: '' };
    }
    const r = p.next();
    const plain = (referrer: string, page = this.page(), query = ''): Arrival => ({
      visitor: this.visitor(this.agents.desktopOrMobile()),
      referrer,
      page,
      query,
    });
    if (r < 0.3) return plain(p.pick(SEARCH_REFERRERS));
    if (r < 0.4) return plain('-', p.chance(0.6) ? (this.pages[0] as Page) : this.page());
    if (r < 0.5)
      return { ...plain('-', this.deepPage()), visitor: this.visitor(this.agents.mobileBrowser()) };
    if (r < 0.62) return this.inAppArrival();
    if (r < 0.7) return plain(p.pick(SOCIAL_REFERRERS));
    if (r < 0.75) return plain(p.pick(PRIVATE_REFERRERS));
    if (r < 0.81)
      return plain(
        p.chance(0.5) ? '-' : p.pick(SOCIAL_REFERRERS),
        this.page(),
        p.pick(CAMPAIGN_TAGS),
      );
    if (r < 0.83) return plain(p.pick(AI_REFERRERS));
    return plain(referralReferrer(p));
  }

  private inAppArrival(page = this.page()): Arrival {
    const kinds: InAppKind[] = [
      'whatsapp',
      'whatsapp',
      'messenger',
      'facebook',
      'facebook',
      'instagram',
      'line',
    ];
    const ua = this.agents.inAppBrowser(this.prng.pick(kinds));
    return { visitor: this.visitor(ua), referrer: '-', page, query: '' };
  }

  private session(t: number, arrival: Arrival): void {
    const p = this.prng;
    const { visitor } = arrival;
    const views = 1 + Math.min(7, Math.floor(p.exponential(1.1)));
    let time = t;
    let referrer = arrival.referrer;
    let page = arrival.page;
    for (let i = 0; i < views; i++) {
      const target = i === 0 && arrival.query ? `${page.path}?${arrival.query}` : page.path;
      this.pageView(time, visitor, target, referrer, page, i === 0);
      if (p.chance(0.03)) this.share(time + 20 + p.int(600), visitor, page);
      referrer = `https://${SITE_HOST}${page.path}`;
      page = this.page();
      time += 8 + p.exponential(90);
    }
    if (this.returning.length < 5000) this.returning.push(visitor);
    else if (p.chance(0.05)) this.returning[p.int(this.returning.length)] = visitor;
  }

  private pageView(
    t: number,
    v: Visitor,
    target: string,
    referrer: string,
    page: Page,
    first: boolean,
  ): void {
    const p = this.prng;
    const status = p.chance(0.04) ? 304 : p.chance(0.01) ? 404 : 200;
    this.queue.push(
      t,
      combinedLine(v.ip, t, `GET ${target} HTTP/2.0`, status, 8000 + p.int(60000), referrer, v.ua),
    );
    const self = `https://${SITE_HOST}${page.path}`;
    const assets = first ? ASSETS.filter(() => p.chance(0.8)) : ASSETS.filter(() => p.chance(0.1));
    let at = t;
    for (const asset of [...assets, page.image]) {
      at += p.int(2);
      const assetStatus = !first && p.chance(0.5) ? 304 : 200;
      this.queue.push(
        at,
        combinedLine(
          v.ip,
          at,
          `GET ${asset} HTTP/2.0`,
          assetStatus,
          500 + p.int(90000),
          self,
          v.ua,
        ),
      );
    }
  }

  /** One person shares a page: the preview fetch now, then friends arriving through the chat. */
  private share(t: number, sharer: Visitor, page: Page): void {
    const p = this.prng;
    const kinds: PreviewKind[] = [
      'whatsapp',
      'whatsapp',
      'whatsapp',
      'imessage',
      'telegram',
      'slack',
      'discord',
      'facebook',
      'x',
    ];
    const kind = p.pick(kinds);
    const senderDevice = kind === 'whatsapp' || kind === 'imessage';
    this.previewFetch(t, kind, senderDevice ? sharer.ip : randomIp(p), page);
    const friends = p.int(4);
    for (let i = 0; i < friends; i++) {
      this.session(t + 30 + p.exponential(3600), friendArrival(kind, page, this.arrivalTools));
    }
  }

  private previewFetch(t: number, kind: PreviewKind, ip: string, page: Page): void {
    const p = this.prng;
    const ua = p.pick(PREVIEW_USER_AGENTS[kind]);
    // WhatsApp asks for a byte range of the page, then fetches the og:image.
    const status = kind === 'whatsapp' ? 206 : 200;
    this.queue.push(
      t,
      combinedLine(ip, t, `GET ${page.path} HTTP/1.1`, status, 16000 + p.int(40000), '-', ua),
    );
    this.queue.push(
      t + 1,
      combinedLine(ip, t + 1, `GET ${page.image} HTTP/1.1`, 200, 30000 + p.int(90000), '-', ua),
    );
  }

  /** Shares made by people whose own visit is not in this log (seen on another device). */
  private strayPreview(t: number): void {
    const kinds: PreviewKind[] = [
      'whatsapp',
      'telegram',
      'slack',
      'discord',
      'imessage',
      'facebook',
    ];
    this.previewFetch(t, this.prng.pick(kinds), randomIp(this.prng), this.page());
  }

  private botVisit(t: number): void {
    const p = this.prng;
    const ua = p.pick(BOT_USER_AGENTS);
    const ip = randomIp(p);
    const requests = 1 + p.int(12);
    let time = t;
    for (let i = 0; i < requests; i++) {
      const probe = p.chance(0.25);
      const path = probe ? p.pick(BOT_PROBES) : this.page().path;
      const status = probe ? (path === '/robots.txt' || path === '/sitemap.xml' ? 200 : 404) : 200;
      const method = p.chance(0.03) ? 'HEAD' : 'GET';
      this.queue.push(
        time,
        combinedLine(ip, time, `${method} ${path} HTTP/1.1`, status, 200 + p.int(50000), '-', ua),
      );
      time += p.int(5);
    }
  }
}
