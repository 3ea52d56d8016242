import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrationConformance, runStateStoreConformance } from '../conformance/index.ts';
import type { StateStore } from '../state-store.ts';
import { openPostgres, type Sql } from './open-postgres.ts';
import { createPostgresSession } from './postgres-session.ts';
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
const freshSchema = () => `t_${++schemas}`;
const open = (schema: string) => createPostgresStateStore({ url: server.url, schema, max: 4 });

runStateStoreConformance('PostgreSQL', () => open(freshSchema()), {
  reopenable: () => {
    const schema = freshSchema();
    return () => open(schema);
  },
});

runMigrationConformance('PostgreSQL', async () => {
  const sql: Sql = await openPostgres({ url: server.url, schema: freshSchema(), max: 1 });
  const connection = await sql.reserve();
  return {
    session: createPostgresSession(connection),
    async close() {
      connection.release();
      await sql.end({ timeout: 1 });
    },
  };
});

describe('PostgreSQL state store', () => {
  const opened: StateStore[] = [];
  afterAll(async () => {
    await Promise.allSettled(opened.map((store) => store.close()));
  });
  const track = async (schema: string) => {
    const store = await open(schema);
    opened.push(store);
    return store;
  };

  it('lets two instances migrate at once: one applies, the other finds it done', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([track(schema), track(schema)]);
    const reports = await Promise.all([a.migrate(), b.migrate()]);
    // Versions 1–3 (state) and 10–11 (the messaging hub).
    expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 5]);
    expect(reports.every((r) => r.version === 11)).toBe(true);
  });

  it('agrees across instances on one salt per day and one code per share link', async () => {
    const schema = freshSchema();
    const a = await track(schema);
    await a.migrate();
    const b = await track(schema);
    const salts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).saltForDay('2026-05-01', i)),
    );
    expect(new Set(salts.map((s) => s.salt)).size).toBe(1);
    const site = await a.createSite('example.com');
    const input = {
      siteId: site.id,
      target: 'https://example.com/x',
      channel: 'whatsapp',
      campaign: '',
      conversation: '',
      utm: false,
    };
    const links = await Promise.all(
      ['Aaaaaa1', 'Bbbbbb2', 'Cccccc3', 'Dddddd4'].map((code, i) =>
        (i % 2 ? a : b).createShareLink({ ...input, code }, i),
      ),
    );
    expect(new Set(links.map((link) => link.code)).size).toBe(1);
    expect(await b.findShareLink(links[0]?.code ?? '')).toEqual(links[0]);
  });

  it('says which server it could not reach', async () => {
    await expect(
      createPostgresStateStore({ url: 'postgres://nobody:x@127.0.0.1:1/none' }),
    ).rejects.toMatchObject({ code: 'invalid', message: /cannot reach PostgreSQL/ });
  });
});
