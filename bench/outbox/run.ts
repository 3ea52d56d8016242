/**
 * The durable outbox against every provider fake, at once, through the real channel adapters:
 *
 *   npx tsx bench/outbox/run.ts [--count 10000] [--channels whatsapp,telegram,messenger,sms]
 *
 * Per channel: `count` members join a community (marketing consent recorded), one broadcast
 * queues a message to each, and the worker (one, as `penumbra serve` runs it) sends them all.
 * Channels run one after the other. The fakes referee: they enforce the documented limits and count violations and duplicates.
 * Reported: achieved rate (accepted sends over the time from first to last) against the fake's
 * allowed rate, violations, duplicates and any row not `sent`. Twilio runs as a short code
 * (100 segments/s, both sides configured so): a long code's 1/s would take 3 hours for 10,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMessengerAdapter } from '../../src/messaging/channels/messenger.ts';
import { createTelegramAdapter } from '../../src/messaging/channels/telegram.ts';
import { createTwilioSmsAdapter } from '../../src/messaging/channels/twilio-sms.ts';
import { createWhatsAppAdapter } from '../../src/messaging/channels/whatsapp.ts';
import { createMessagingHub } from '../../src/messaging/create-messaging-hub.ts';
import { startAllFakes } from '../../src/messaging/fakes/index.ts';
import { RATE_LIMITS } from '../../src/messaging/outbox/rate-limits.ts';
import type { ChannelAdapter, ChannelKind } from '../../src/messaging/types.ts';
import { createSqliteHubStore } from '../../src/store/index.ts';
import { type ChannelPlan, prepareChannel } from './prepare-channel.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    channels: { type: 'string', default: 'whatsapp,telegram,messenger,sms' },
  },
});
const count = Number(values.count);
const wanted = new Set(values.channels.split(','));
const SHORT_CODE = 100;

const fakes = await startAllFakes({
  whatsapp: { enforceWindow: false },
  messenger: { enforceWindow: false },
  twilio: { perSender: { perSecond: SHORT_CODE, burst: SHORT_CODE } },
});
const dir = mkdtempSync(join(tmpdir(), 'penumbra-bench-outbox-'));
const store = await createSqliteHubStore({ path: join(dir, 'state.sqlite') });
await store.migrate();

const plans: ChannelPlan[] = [
  {
    kind: 'whatsapp',
    endpointId: fakes.whatsapp.phoneNumberId,
    userId: (i: number) => `3361${String(i).padStart(7, '0')}`,
    allowed: fakes.whatsapp.limits.throughput.perSecond,
    stats: () => fakes.whatsapp.stats(),
    adapter: createWhatsAppAdapter({
      baseUrl: fakes.urls.whatsapp,
      apiVersion: 'v21.0',
      phoneNumberId: fakes.whatsapp.phoneNumberId,
      accessToken: fakes.whatsapp.accessToken,
      appSecret: fakes.whatsapp.appSecret,
      verifyToken: 'bench-verify-token',
    }),
  },
  {
    kind: 'telegram',
    endpointId: String(fakes.telegram.token.split(':')[0]),
    userId: (i: number) => String(1_000_000 + i),
    allowed: fakes.telegram.limits.global.perSecond,
    stats: () => fakes.telegram.stats(),
    adapter: createTelegramAdapter({
      baseUrl: fakes.urls.telegram,
      botToken: fakes.telegram.token,
      secretToken: 'bench-secret-token-0123',
    }),
  },
  {
    kind: 'messenger',
    endpointId: fakes.messenger.pageId,
    userId: (i: number) => String(7_000_000_000 + i),
    allowed: fakes.messenger.limits.text.perSecond,
    stats: () => fakes.messenger.stats(),
    adapter: createMessengerAdapter({
      baseUrl: fakes.urls.messenger,
      apiVersion: 'v21.0',
      pageId: fakes.messenger.pageId,
      pageAccessToken: fakes.messenger.pageAccessToken,
      appSecret: fakes.messenger.appSecret,
      verifyToken: 'bench-verify-token',
    }),
  },
  {
    kind: 'sms',
    endpointId: '+15550000000',
    userId: (i: number) => `+1555${String(1_000_000 + i)}`,
    allowed: SHORT_CODE,
    stats: () => fakes.twilio.stats(),
    adapter: createTwilioSmsAdapter({
      baseUrl: fakes.urls.twilio,
      accountSid: fakes.twilio.accountSid,
      authToken: fakes.twilio.authToken,
      from: '+15550000000',
    }),
  },
].filter((plan) => wanted.has(plan.kind)) as ChannelPlan[];

// Accepted sends per channel, timed where the hub sees the provider's answer.
const times = new Map<ChannelKind, number[]>(plans.map((p) => [p.kind, []]));
const timed = (adapter: ChannelAdapter): ChannelAdapter => ({
  ...adapter,
  send: async (payload) => {
    const result = await adapter.send(payload);
    if (result.ok) times.get(adapter.kind)!.push(performance.now());
    return result;
  },
});

const hub = createMessagingHub({
  hub: store,
  adapters: plans.map((p) => timed(p.adapter)),
  suppressionSecret: 'bench',
  policy: { caps: [], quietHours: { purposes: [] } },
  worker: {
    onEvent: (event) => {
      if (event.type === 'error' || event.type === 'dead' || event.type === 'failed') {
        process.stderr.write(
          `${JSON.stringify(event, (_k, v) => (v instanceof Error ? v.stack : v))}\n`,
        );
      }
    },
    concurrency: 64,
    limits: {
      ...RATE_LIMITS,
      sms: {
        ...RATE_LIMITS.sms!,
        endpoint: { perSecond: SHORT_CODE, burst: SHORT_CODE, source: 'short code' },
      },
    },
  },
});

// One channel at a time: each provider's number is then its own, not a share of two cores
// that the others also use.
const broadcasts = [];
let setupS = 0;
for (const plan of plans) {
  const prepared = performance.now();
  broadcasts.push(await prepareChannel(hub, plan, count));
  setupS += (performance.now() - prepared) / 1000;
  process.stderr.write(
    `${plan.kind}: queued ${count} in ${((performance.now() - prepared) / 1000).toFixed(1)} s\n`,
  );
  const started = performance.now();
  await hub.worker.start();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const open = await store.listOutbox(null, {
      states: ['queued', 'sending', 'unknown'],
      limit: 1,
    });
    const done = times.get(plan.kind)!.length;
    process.stderr.write(
      `  ${((performance.now() - started) / 1000).toFixed(0)} s: ${done} sent\n`,
    );
    if (open.length === 0) break;
  }
  await hub.worker.stop();
}

const rows = [];
for (const [i, plan] of plans.entries()) {
  const sent = times.get(plan.kind)!;
  const seconds = (sent.at(-1)! - sent[0]!) / 1000;
  const achieved = (sent.length - 1) / seconds;
  const stats = plan.stats();
  const states = await store.countBroadcastStates(broadcasts[i]!.id);
  rows.push({
    channel: plan.kind,
    messages: sent.length,
    seconds: Number(seconds.toFixed(1)),
    achieved: Number(achieved.toFixed(1)),
    allowed: plan.allowed,
    share: `${((achieved / plan.allowed) * 100).toFixed(1)}%`,
    violations: stats.violations,
    duplicates: stats.duplicates,
    rejected: stats.rejected,
    states,
  });
}
console.log(JSON.stringify({ count, setupSeconds: Number(setupS.toFixed(1)), rows }, null, 2));
console.log(
  '\n| channel | messages | time (s) | achieved /s | allowed /s | share | violations | duplicates |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.channel} | ${r.messages} | ${r.seconds} | ${r.achieved} | ${r.allowed} | ${r.share} | ${r.violations} | ${r.duplicates} |`,
  );
}
await store.close();
await fakes.stop();
rmSync(dir, { recursive: true, force: true });
