import type { Collector } from '../../ingest/index.ts';
import {
  ARRIVAL_AGENT,
  BOT_AGENTS,
  PAGES,
  PREVIEW_AGENTS,
  SCENARIOS,
  type Scenario,
  SHALLOW_PAGES,
  SHARE_BUTTONS,
} from './demo-scenarios.ts';

interface SharedLink {
  token: string;
  channel: string;
  path: string;
  generation: number;
}

/** A small seeded PRNG (xorshift32): the same seed gives the same demo every time. */
function createRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const token = () =>
    Array.from({ length: 10 }, () =>
      pick([...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789']),
    ).join('');
  return { next, pick, token };
}

/**
 * Simulated visitors for `penumbra demo`, sent through the real collector pipeline (same
 * validation, classification, hashing and durable log as tracker traffic): every channel,
 * shares by button, preview fetches when a link is pasted, bots, and cascades several
 * generations deep as recipients share again.
 */
export function createTrafficSimulator(collector: Collector, domain: string, seed = 42) {
  const random = createRandom(seed);
  const pool: SharedLink[] = [];
  const totalWeight = SCENARIOS.reduce((sum, s) => sum + s.weight, 0);
  let ipCounter = 0;

  const chooseScenario = (): Scenario => {
    let roll = random.next() * totalWeight;
    for (const scenario of SCENARIOS) {
      roll -= scenario.weight;
      if (roll <= 0) return scenario;
    }
    return SCENARIOS[0]!;
  };

  async function send(
    payload: Record<string, unknown>,
    userAgent: string,
    ip: string,
    now: number,
  ) {
    await collector.collect(JSON.stringify(payload), { ip, userAgent, doNotTrack: false, now });
  }

  async function visit(now: number): Promise<void> {
    const ip = `203.0.113.${ipCounter++ % 250}|${Math.floor(random.next() * 1e6)}`;
    const parent = pool.length > 0 && random.next() < 0.35 ? random.pick(pool) : null;
    const scenario = parent ? ARRIVAL_AGENT[parent.channel]! : chooseScenario();
    const path = parent?.path ?? (scenario.deep ? random.pick(PAGES) : random.pick(SHALLOW_PAGES));
    const token = random.token();
    const base = { d: domain, u: `https://${domain}${path}${scenario.query ?? ''}`, k: token };
    await send(
      {
        n: 'pageview',
        ...base,
        r: scenario.referrer ?? '',
        ...(scenario.client ? { c: scenario.client } : {}),
        ...(parent ? { a: parent.token, ac: parent.channel } : {}),
      },
      scenario.userAgent,
      ip,
      now,
    );
    await send(
      { n: 'engagement', ...base, e: Math.floor(5000 + random.next() * 180_000) },
      scenario.userAgent,
      ip,
      now + 60_000,
    );
    // Some people read on: same-site navigation makes visits of several pages (and real bounce
    // rates and durations); the classifier files these page views as internal.
    let previous = base.u;
    for (let page = 0; random.next() < (page === 0 ? 0.45 : 0.35) && page < 4; page++) {
      const next = `https://${domain}${random.pick(PAGES)}`;
      const at = now + (page + 1) * Math.floor(20_000 + random.next() * 100_000);
      await send(
        { n: 'pageview', d: domain, u: next, r: previous, k: random.token() },
        scenario.userAgent,
        ip,
        at,
      );
      previous = next;
    }
    // A paid subscription goal: people sent by a friend convert more often than strangers.
    if (random.next() < (parent ? 0.09 : 0.04)) {
      await send(
        { n: 'subscribe', ...base, p: { revenue: '4.99' } },
        scenario.userAgent,
        ip,
        now + 90_000,
      );
    }
    const generation = (parent?.generation ?? 0) + 1;
    if (random.next() < (parent ? 0.45 : 0.15) && generation < 6) {
      const channel = random.pick(SHARE_BUTTONS);
      await send({ n: 'share', ...base, ch: channel }, scenario.userAgent, ip, now + 30_000);
      pool.push({ token, channel, path, generation });
      if (pool.length > 400) pool.shift();
      // Pasting the link into the chat makes the app fetch a preview (from the sender's IP for WhatsApp/iMessage).
      await collector.collectPreview(domain, {
        url: `https://${domain}${path}`,
        userAgent: PREVIEW_AGENTS[channel]!,
        ip,
        now: now + 31_000,
      });
    }
    if (random.next() < 0.08)
      await send({ n: 'pageview', ...base, k: random.token() }, random.pick(BOT_AGENTS), ip, now);
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    /** Fills the past `days` with `visitsPerDay` visits each, oldest first. */
    async backfill(days: number, visitsPerDay: number, now = Date.now()): Promise<number> {
      const total = days * visitsPerDay;
      const start = now - days * 86_400_000;
      for (let i = 0; i < total; i++)
        await visit(start + Math.floor((i / total) * days * 86_400_000));
      return total;
    },
    /** Keeps visitors coming, a few per second, until stop(). */
    start(intervalMs = 1000): void {
      const tick = async () => {
        const count = 1 + Math.floor(random.next() * 4);
        for (let i = 0; i < count; i++) await visit(Date.now());
        if (timer) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, intervalMs);
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
