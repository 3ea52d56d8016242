import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHubStoreConformance } from '../conformance/index.ts';
import type { HubStore } from '../hub-store.ts';
import { openPostgres } from './open-postgres.ts';
import { createPostgresHubStore } from './postgres-hub-store.ts';
import { createPostgresStateStore } from './postgres-state-store.ts';
import { startTestPostgres, type TestPostgres } from './test-postgres.ts';

// One real PostgreSQL for this file; every store gets a schema of its own in it.
let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

let schemas = 0;
const freshSchema = () => `hub_${++schemas}`;
const open = (schema: string) => createPostgresHubStore({ url: server.url, schema, max: 4 });

runHubStoreConformance('PostgreSQL', () => open(freshSchema()), {
  // Two pools on one schema: as two instances of Penumbra would be.
  openTwice: async () => {
    const schema = freshSchema();
    const a = await open(schema);
    await a.migrate();
    return [a, await open(schema)];
  },
});

describe('PostgreSQL hub store', () => {
  const opened: HubStore[] = [];
  afterAll(async () => {
    await Promise.allSettled(opened.map((store) => store.close()));
  });

  it('shares the state store’s schema version, on its own pool or the caller’s', async () => {
    const schema = freshSchema();
    const state = await createPostgresStateStore({ url: server.url, schema, max: 2 });
    const sql = await openPostgres({ url: server.url, schema, max: 2 });
    const hub = await createPostgresHubStore({ sql });
    opened.push(hub);
    try {
      const report = await state.migrate();
      expect(report.version).toBe(11);
      expect(await hub.migrate()).toEqual({ applied: [], version: 11 });
      const site = await state.createSite('acme.example');
      await hub.upsertContact(
        {
          brandId: site.id,
          channel: 'sms',
          provider: 'twilio',
          endpointId: '+1',
          userId: '+2',
          phone: '+2',
          username: null,
          email: null,
          displayName: null,
          language: null,
          timeZone: null,
        },
        1,
      );
      await hub.close();
      // The pool was the caller's: closing the hub leaves it working.
      const [row] = await sql<{ n: number }[]>`SELECT count(*) AS n FROM hub_contacts`;
      expect(row?.n).toBe(1);
    } finally {
      await state.close();
      await sql.end({ timeout: 1 });
    }
  });

  it('keeps a conversation to one worker while its first event is claimed elsewhere', async () => {
    const schema = freshSchema();
    const a = await open(schema);
    opened.push(a);
    await a.migrate();
    const b = await open(schema);
    opened.push(b);
    for (let i = 0; i < 40; i++) {
      await a.recordInbound({
        brandId: 'brand-1',
        provider: 'meta',
        providerEventId: `e${i}`,
        kind: 'message',
        conversationKey: `k${i % 4}`,
        event: { i },
        rawBody: Buffer.from([0, 255, i]),
        receivedAt: i,
      });
    }
    // Claims of one event at a time, racing on two pools: a conversation's later events must
    // wait while its earlier one is held, whichever pool holds it.
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).claimInbound({ now: 100, limit: 1, owner: `w${i}`, leaseMs: 30_000 }),
      ),
    );
    const events = claims.flat();
    expect(events.map((e) => e.conversationKey).sort()).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(events.map((e) => e.seq).sort((x, y) => x - y)).toEqual(events.map((_, i) => i + 1));
    expect([...(events.find((e) => e.seq === 3)?.rawBody ?? [])]).toEqual([0, 255, 2]);
  });
});
