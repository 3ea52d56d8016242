import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hit } from '../core/index.ts';
import { classify, PRIVATE_CHANNELS } from './index.ts';

interface CorpusRow {
  id: string;
  hit: Hit;
  expect: { class: string; channel: string; confidence?: string };
  source: string;
}

/** Real hits from public sources, each labelled by hand under research/measurement.md §5. */
const rows: CorpusRow[] = readFileSync(join(import.meta.dirname, 'corpus', 'hits.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusRow);

describe('labelled corpus', () => {
  it('is large and broad enough to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    const classes = new Set(rows.map((row) => row.expect.class));
    for (const cls of ['preview', 'bot', 'dark_social', 'social', 'search', 'ai', 'paid']) {
      expect(classes).toContain(cls);
    }
    for (const cls of ['campaign', 'referral', 'internal', 'direct'])
      expect(classes).toContain(cls);
    const privateChannels = new Set(
      rows
        .filter((row) => row.expect.class === 'dark_social' || row.expect.class === 'preview')
        .filter((row) => PRIVATE_CHANNELS.has(row.expect.channel))
        .map((row) => row.expect.channel),
    );
    expect(privateChannels.size).toBeGreaterThanOrEqual(18);
    for (const row of rows) expect(row.source, row.id).not.toBe('');
  });

  it.each(rows.map((row) => [row.id, row] as const))('%s', (_id, row) => {
    const result = classify(row.hit);
    const got = { class: result.class, channel: result.channel, confidence: result.confidence };
    const want = { confidence: result.confidence, ...row.expect };
    expect(got, `${row.source} → ${result.rule} (${result.evidence})`).toEqual(want);
  });
});
