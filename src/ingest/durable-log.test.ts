import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/index.ts';
import { clickVariantLine } from '../store/log-lines.ts';
import { openDurableLog, readLogPiece, recoverLog, toPosition } from './durable-log.ts';

const event = (id: string): StoredEvent =>
  ({ id, site_id: 's', ts: 1, name: 'pageview', path: '/é', props: '' }) as StoredEvent;
const ids = (records: { event: StoredEvent }[]) => records.map((record) => record.event.id);
const newDir = () => mkdtempSync(join(tmpdir(), 'penumbra-log-'));

describe('durable log', () => {
  it('acknowledges appends with growing positions and seals them into one piece', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir });
    const a = await log.append(event('a'));
    const [b, c] = await Promise.all([log.append(event('b')), log.append(event('c'))]);
    expect(a).toBeLessThan(b!);
    expect(b).toBe(c);
    const pieces = await log.seal();
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ from: 0, records: 3, position: c });
    expect(ids(readLogPiece(pieces[0]!))).toEqual(['a', 'b', 'c']);
    expect(await log.seal()).toEqual([]);
    await log.close();
    expect(recoverLog(dir, 0).map((piece) => piece.records)).toEqual([3]);
    expect(recoverLog(dir, pieces[0]!.position)).toEqual([]);
  });

  it('group-commits concurrent appends into few writes', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir });
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(event(`e${i}`))));
    await log.close();
    const lines = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[499]!).id).toBe('e499');
  });

  it('cuts a torn last record at recovery and skips corrupt lines when read', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir });
    await log.append(event('whole'));
    await log.close();
    const file = join(dir, readdirSync(dir)[0]!);
    appendFileSync(file, 'not json at all\n{"id":"torn","si');
    const [piece] = recoverLog(dir, 0);
    expect(piece!.records).toBe(2);
    expect(ids(readLogPiece(piece!))).toEqual(['whole']);
    expect(readFileSync(file, 'utf8').endsWith('not json at all\n')).toBe(true);
  });

  it('recovers the unstored tail of a segment from a checkpoint inside it', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir });
    const first = await log.append(event('stored'));
    await log.append(event('not-yet'));
    await log.close();
    const reopened = await openDurableLog({ dir, checkpoint: first });
    expect(reopened.recovered).toHaveLength(1);
    expect(ids(readLogPiece(reopened.recovered[0]!))).toEqual(['not-yet']);
    const [piece] = await reopened.seal();
    expect(piece).toMatchObject({ records: 1, from: first % 2 ** 32 });
    await reopened.close();
  });

  it('hands out recovered, size-limited and current segments in order, then releases them', async () => {
    const dir = newDir();
    const first = await openDurableLog({ dir, segmentBytes: 200 });
    for (let i = 0; i < 6; i++) await first.append(event(`x${i}`));
    await first.close();
    const second = await openDurableLog({ dir, segmentBytes: 200 });
    for (let i = 0; i < 4; i++) await second.append(event(`y${i}`));
    const pieces = await second.seal();
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.flatMap((piece) => ids(readLogPiece(piece)))).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `x${i}`),
      ...Array.from({ length: 4 }, (_, i) => `y${i}`),
    ]);
    for (const piece of pieces) second.release(piece);
    await second.close();
    expect(readdirSync(dir)).toEqual([]);
    // Every stored file is gone: numbering must still go on past the checkpoint, or the next
    // records would sit "before" it and never be replayed.
    const third = await openDurableLog({ dir, checkpoint: pieces.at(-1)!.position });
    const next = await third.append(event('z'));
    expect(next).toBeGreaterThan(pieces.at(-1)!.position);
    await third.close();
    expect(toPosition(2, 10)).toBe(2 * 2 ** 32 + 10);
  });

  it('seals while fsync-acknowledged appends keep coming, losing and repeating none', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir, fsync: 'always' });
    const acknowledged: Promise<number>[] = [];
    const pieces: Awaited<ReturnType<typeof log.seal>> = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 25; i++) acknowledged.push(log.append(event(`r${round}-${i}`)));
      if (round % 4 === 0) pieces.push(...(await log.seal()));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(acknowledged);
    pieces.push(...(await log.seal()));
    await log.close();
    const stored = pieces.flatMap((piece) => ids(readLogPiece(piece)));
    expect(stored).toHaveLength(500);
    expect(new Set(stored).size).toBe(500);
    expect(pieces.length).toBeGreaterThan(3);
  });

  it('syncs an awaited append at once, and unawaited records within the gap', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir, fsync: 'always', syncGapMs: 60_000 });
    await log.append(event('first')); // starts the gap
    log.writeRecord(JSON.stringify(event('detached')));
    const started = performance.now();
    await log.append(event('awaited'));
    expect(performance.now() - started).toBeLessThan(5_000);
    const [piece] = await log.seal();
    expect(ids(readLogPiece(piece!))).toEqual(['first', 'detached', 'awaited']);
    await log.close();
  });

  it('writes a preamble once per segment, before the first record that needs it', async () => {
    const dir = newDir();
    const log = await openDurableLog({ dir, fsync: 'never', segmentBytes: 300 });
    const variant = (key: string) => ({ key, line: JSON.stringify({ click_variant: key }) });
    const click = (key: string, id: string) => JSON.stringify({ click: key, id });
    const pieces: Awaited<ReturnType<typeof log.seal>> = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 4; i++)
        log.writeRecord(click(`k${i % 2}`, `c${round}-${i}`), variant(`k${i % 2}`));
      log.writeRecord(JSON.stringify(event(`e${round}`)));
      await new Promise((resolve) => setImmediate(resolve));
      if (round === 2) pieces.push(...(await log.seal()));
    }
    pieces.push(...(await log.seal()));
    await log.close();
    expect(pieces.length).toBeGreaterThan(2);
    // Preamble lines are not records.
    expect(pieces.reduce((sum, piece) => sum + piece.records, 0)).toBe(30);
    for (const piece of pieces) {
      const lines = readFileSync(piece.path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      for (const key of ['k0', 'k1']) {
        const variants = lines.flatMap((line, at) => (line.click_variant === key ? [at] : []));
        const firstClick = lines.findIndex((line) => line.click === key);
        if (firstClick === -1) continue;
        expect(variants).toHaveLength(1);
        expect(variants[0]).toBeLessThan(firstClick);
      }
      expect(lines.filter((line) => 'click' in line || 'id' in line)).toHaveLength(piece.records);
    }
  });

  it('reads clicks whole, with variants from before the piece, skipping what it cannot complete', async () => {
    const dir = newDir();
    const full = { ...event('x'), ts: 9, visitor_id: 'v', view_token: 't' } as StoredEvent;
    const variant = clickVariantLine(full, { unique: 'U', repeat: 'R' });
    const click = (id: string, key = variant.key) =>
      `${JSON.stringify({ click: key, id, ts: 9, visitor_id: 'v', view_token: 't', is_unique: false })}\n`;
    const stored = `${variant.line}\n${click('a')}`;
    const text = `${stored}${click('b')}${click('lost', 'unknown')}not json\n${click('c')}`;
    const path = join(dir, 'events-00000001.log');
    writeFileSync(path, text);
    const from = Buffer.byteLength(stored);
    const to = Buffer.byteLength(text);
    const piece = { segment: 1, path, from, to, records: 4, position: toPosition(1, to) };
    const records = readLogPiece(piece);
    expect(ids(records)).toEqual(['b', 'c']);
    expect(records[0]!.event).toEqual({ ...full, id: 'b', props: 'R' });
    expect(records.map((record) => record.position)).toEqual([
      toPosition(1, from + click('b').length),
      toPosition(1, to),
    ]);
  });
});
