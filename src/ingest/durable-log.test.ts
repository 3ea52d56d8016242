import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/index.ts';
import { openDurableLog, replayLog, toPosition } from './durable-log.ts';

const event = (id: string): StoredEvent =>
  ({ id, site_id: 's', ts: 1, name: 'pageview', path: '/é', props: '' }) as StoredEvent;

describe('durable log', () => {
  it('acknowledges each append with its position and replays everything after a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-log-'));
    const log = await openDurableLog({ dir });
    const logged = await Promise.all(['a', 'b', 'c'].map((id) => log.append(event(id))));
    await log.close();
    expect(logged.map((entry) => entry.event.id)).toEqual(['a', 'b', 'c']);
    expect(logged[0]!.position).toBeLessThan(logged[2]!.position);
    expect(replayLog(dir, 0).map((entry) => entry.event.id)).toEqual(['a', 'b', 'c']);
    expect(replayLog(dir, logged[1]!.position).map((entry) => entry.event.id)).toEqual(['c']);
    expect(replayLog(dir, logged[2]!.position)).toEqual([]);
  });

  it('group-commits concurrent appends into few writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-log-'));
    const log = await openDurableLog({ dir });
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(event(`e${i}`))));
    await log.close();
    const lines = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[499]!).id).toBe('e499');
  });

  it('cuts a torn last record and skips corrupt lines on replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-log-'));
    const log = await openDurableLog({ dir });
    await log.append(event('whole'));
    await log.close();
    const file = join(dir, readdirSync(dir)[0]!);
    appendFileSync(file, 'not json at all\n{"id":"torn","si');
    expect(replayLog(dir, 0).map((entry) => entry.event.id)).toEqual(['whole']);
    expect(readFileSync(file, 'utf8').endsWith('not json at all\n')).toBe(true);
  });

  it('starts a new segment on reopen and past the size limit, and prunes stored segments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-log-'));
    const first = await openDurableLog({ dir, segmentBytes: 200 });
    for (let i = 0; i < 6; i++) await first.append(event(`x${i}`));
    await first.close();
    const second = await openDurableLog({ dir });
    const last = await second.append(event('after-restart'));
    expect(readdirSync(dir).length).toBeGreaterThan(2);
    expect(replayLog(dir, 0).map((entry) => entry.event.id)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `x${i}`),
      'after-restart',
    ]);
    second.pruneBefore(last.position);
    expect(readdirSync(dir)).toHaveLength(1);
    await second.close();
    expect(toPosition(2, 10)).toBe(2 * 2 ** 32 + 10);
  });
});
