import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWhatsApp } from '../src/messaging/fakes/fake-whatsapp.ts';
import { startTestPostgres, type TestPostgres } from '../src/store/postgres/test-postgres.ts';
import { exited } from './support/spawn-penumbra.ts';
import {
  openTwoInstanceHub,
  queueTwoInstanceBroadcast,
  TWO_BRAND,
} from './support/two-instance-hub.ts';

const CHILD = join(import.meta.dirname, 'support', 'outbox-two-instances-child.ts');
const MEMBERS = 200;
const SCHEMA = 'two_instances';

interface Instance {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

function startInstance(url: string, fakeUrl: string): Instance {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, url, SCHEMA, fakeUrl, String(MEMBERS)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
}

async function until(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

describe('two outbox workers on one PostgreSQL hub store', () => {
  it('send a 200-recipient broadcast exactly once between them, within the provider limits', async () => {
    // The WhatsApp Cloud API fake referees: 80/s per number, pair rate, duplicate detection.
    const fake = await startFakeWhatsApp();
    const instances: Instance[] = [];
    try {
      // Both workers poll the shared outbox before anything is queued.
      instances.push(startInstance(pg.url, fake.url), startInstance(pg.url, fake.url));
      await until(
        () => instances.every((i) => i.stderr().includes('ready')),
        30_000,
        () => instances.map((i) => i.stderr()).join('\n'),
      );
      // The broadcast is queued once, by a third party (as the dashboard would).
      const hub = await openTwoInstanceHub(pg.url, SCHEMA, fake.url);
      try {
        expect(await queueTwoInstanceBroadcast(hub, MEMBERS)).toBe(MEMBERS);
      } finally {
        await hub.hub.close();
      }
      await Promise.all(instances.map((i) => exited(i.child)));
      for (const i of instances) expect(i.child.exitCode, i.stderr()).toBe(0);

      const reports = instances.map(
        (i) =>
          JSON.parse(i.stdout().trim()) as Record<'sent' | 'errors' | 'dead' | 'failed', number>,
      );
      // Both instances did part of the work, and together all of it.
      expect(reports.every((r) => r.sent > 0)).toBe(true);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(MEMBERS);
      expect(reports.map((r) => [r.errors, r.dead, r.failed])).toEqual([
        [0, 0, 0],
        [0, 0, 0],
      ]);

      const perRecipient = new Map<string, number>();
      for (const message of fake.sent()) {
        perRecipient.set(message.to, (perRecipient.get(message.to) ?? 0) + 1);
      }
      expect(perRecipient.size).toBe(MEMBERS);
      expect([...perRecipient].filter(([, n]) => n > 1)).toEqual([]);
      expect(fake.sent()).toHaveLength(MEMBERS);
      expect(fake.stats()).toMatchObject({ accepted: MEMBERS, duplicates: 0, violations: 0 });

      const check = await openTwoInstanceHub(pg.url, SCHEMA, fake.url);
      try {
        const rows = await check.hub.listOutbox(TWO_BRAND, {
          states: ['queued', 'sending', 'sent', 'unknown', 'dead', 'failed', 'cancelled'],
        });
        expect(rows.map((r) => r.state)).toEqual(Array.from({ length: MEMBERS }, () => 'sent'));
      } finally {
        await check.hub.close();
      }
    } finally {
      for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL');
      await fake.stop();
    }
  }, 120_000);
});
