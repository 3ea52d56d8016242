import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHubStoreConformance } from '../conformance/index.ts';
import { createSqliteHubStore } from './sqlite-hub-store.ts';
import { createSqliteStateStore } from './sqlite-state-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'penumbra-hub-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `hub-${++files}.sqlite`);

runHubStoreConformance(':memory: SQLite', () => createSqliteHubStore({ path: ':memory:' }));
runHubStoreConformance('SQLite file', () => createSqliteHubStore({ path: freshPath() }), {
  openTwice: async () => {
    const path = freshPath();
    const a = await createSqliteHubStore({ path });
    await a.migrate();
    return [a, await createSqliteHubStore({ path })];
  },
});

describe('SQLite hub store', () => {
  it('shares the state store’s file and schema version', async () => {
    const path = freshPath();
    const state = await createSqliteStateStore({ path });
    const hub = await createSqliteHubStore({ path });
    try {
      const report = await state.migrate();
      expect(await hub.migrate()).toEqual({ applied: [], version: report.version });
      const site = await state.createSite('acme.example');
      const { record } = await hub.enqueueOutbox(
        {
          brandId: site.id,
          idempotencyKey: 'k',
          conversationKey: 'c',
          contactId: 'x',
          channel: 'sms',
          provider: 'twilio',
          endpointId: '+1',
          purpose: 'service',
          message: {},
          notBefore: 0,
          expiresAt: null,
          correlation: null,
          broadcastId: null,
        },
        1,
      );
      expect(record.brandId).toBe(site.id);
    } finally {
      await hub.close();
      await state.close();
    }
  });
});
