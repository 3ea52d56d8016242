import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStores } from '../src/server/index.ts';
import { BIN, exited, spawnPenumbra } from './support/spawn-penumbra.ts';

const SITE = 'durable.example';
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

const drops = new Map<string, number>();

/** 202 without a drop reason means "accepted and durable"; anything else is not an acknowledgement. */
async function post(url: string, seq: number): Promise<number> {
  const body = JSON.stringify({
    n: 'pageview',
    d: SITE,
    u: `https://${SITE}/a/b`,
    p: { seq: String(seq) },
  });
  try {
    const response = await fetch(`${url}/api/event`, {
      method: 'POST',
      body,
      headers: { 'user-agent': UA },
    });
    return response.status;
  } catch {
    return 0; // the connection died with the server: not acknowledged
  }
}

describe('kill -9 durability', () => {
  it('keeps every acknowledged event across kill -9 and restart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'penumbra-kill-'));
    execFileSync(BIN, ['sites', 'add', SITE, '--data', data]);
    const env = { PENUMBRA_RATE_LIMIT: '0' };
    const first = await spawnPenumbra(['serve', '--port', '0', '--data', data], env);
    const acknowledged: number[] = [];
    let seq = 0;
    let killed = false;
    const workers = Array.from({ length: 16 }, async () => {
      while (!killed) {
        const mine = seq++;
        if ((await post(first.url, mine)) === 202) acknowledged.push(mine);
      }
    });
    // Kill mid-stream, while requests are in flight and the store writer is busy.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(workers);
    await exited(first.child);
    expect(acknowledged.length).toBeGreaterThan(200);
    expect(Object.fromEntries(drops)).toEqual({});

    const second = await spawnPenumbra(['serve', '--port', '0', '--data', data], env);
    second.child.kill('SIGTERM'); // a graceful stop flushes the replayed events into the store
    await exited(second.child);

    const { events, state } = await openStores(data);
    const site = await state.findSiteByDomain(SITE);
    const stored = await events.list(site!.id, { limit: 1_000_000 });
    const seqs = new Set(stored.map((event) => Number(JSON.parse(event.props).seq)));
    const missing = acknowledged.filter((n) => !seqs.has(n));
    expect(missing).toEqual([]);
    expect(new Set(stored.map((event) => event.id)).size).toBe(stored.length); // no duplicates
    await events.close();
    await state.close();
  }, 60_000);
});
