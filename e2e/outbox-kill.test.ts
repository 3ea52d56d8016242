import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsentLedger } from '../src/messaging/consent/consent-ledger.ts';
import { startFakeWhatsApp } from '../src/messaging/fakes/fake-whatsapp.ts';
import { reconcileStatus } from '../src/messaging/outbox/reconcile-status.ts';
import { createSqliteHubStore } from '../src/store/index.ts';
import { exited } from './support/spawn-penumbra.ts';

const CHILD = join(import.meta.dirname, 'support', 'outbox-broadcast-child.ts');
const MEMBERS = 300;

function runChild(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  return { child, stderr: () => stderr };
}

async function until(check: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('outbox kill -9 durability', () => {
  it('gives every recipient exactly one message across SIGKILL mid-broadcast and restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'penumbra-outbox-kill-')), 'state.sqlite');
    // The WhatsApp Cloud API fake referees: 80/s per number, pair rate, duplicate detection.
    const fake = await startFakeWhatsApp();
    // Every answer takes 150 ms, so sends are always in flight when the kill lands; the fake
    // still accepts those after the caller died (the "accepted, answer lost" case).
    fake.failNext({ delayMs: 150, times: 2 * MEMBERS });
    try {
      const first = runChild([db, fake.url, 'broadcast', String(MEMBERS)]);
      // Kill while sends are in flight: some rows are `sending` at that instant.
      await until(() => fake.sent().length >= MEMBERS / 3, 60_000, first.stderr);
      first.child.kill('SIGKILL');
      await exited(first.child);
      expect(first.child.signalCode).toBe('SIGKILL');
      const beforeRestart = fake.sent().length;
      expect(beforeRestart).toBeLessThan(MEMBERS);
      // Requests the dead process had fully written still land: let them.
      await new Promise((resolve) => setTimeout(resolve, 600));

      const hub = await createSqliteHubStore({ path: db });
      // The kill really cut sends off mid-call (rows left `sending`), which is the hard case.
      expect((await hub.listOutbox(null, { states: ['sending'] })).length).toBeGreaterThan(0);
      // The provider's status callbacks for what it accepted, carrying our correlation.
      const consent = createConsentLedger({ hub, suppressionSecret: 'kill-test' });
      for (const [i, message] of fake.sent().entries()) {
        const correlation = message.payload.biz_opaque_callback_data;
        expect(typeof correlation).toBe('string');
        await reconcileStatus(
          { hub, consent, now: Date.now },
          {
            kind: 'status',
            id: { provider: 'meta', value: `status-${i}` },
            at: Date.now(),
            providerMessageId: message.wamid,
            status: 'delivered',
            correlation: String(correlation),
          },
        );
      }
      await hub.close();

      const second = runChild([db, fake.url, 'resume']);
      await exited(second.child);
      expect(second.child.exitCode, second.stderr()).toBe(0);

      const perRecipient = new Map<string, number>();
      for (const message of fake.sent()) {
        perRecipient.set(message.to, (perRecipient.get(message.to) ?? 0) + 1);
      }
      expect([...perRecipient].filter(([, n]) => n > 1)).toEqual([]);
      expect(perRecipient.size).toBe(MEMBERS);
      expect(fake.sent().length).toBeGreaterThan(beforeRestart);
      expect(fake.stats()).toMatchObject({ accepted: MEMBERS, duplicates: 0, violations: 0 });

      const check = await createSqliteHubStore({ path: db });
      const open = await check.listOutbox(null, {
        states: ['queued', 'sending', 'unknown', 'dead', 'failed'],
      });
      await check.close();
      expect(open).toEqual([]);
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
