import { describe, expect, test } from 'vitest';
import { BufferPool } from './buffer-pool.ts';
import { LineSplitter, type SplitUnit } from './line-splitter.ts';

function split(inputs: string[], chunkBytes = 16, maxLine = 8): string[] {
  const units: SplitUnit[] = [];
  const splitter = new LineSplitter(
    new BufferPool(chunkBytes),
    (unit) => units.push(unit),
    maxLine,
  );
  for (const input of inputs) splitter.push(Buffer.from(input, 'latin1'));
  splitter.end();
  return units.map((u) =>
    u.kind === 'lines'
      ? Buffer.from(u.bytes).toString('latin1')
      : `<oversized ${Buffer.from(u.start).toString('latin1')}>`,
  );
}

describe('LineSplitter', () => {
  test('cuts chunks after their last newline and carries the partial line', () => {
    expect(split(['aaa\nbbb\ncc', 'c\ndddd\neeee\nff'])).toEqual([
      'aaa\nbbb\nccc\n',
      'dddd\neeee\nff',
    ]);
  });

  test('a line longer than the limit is dropped while it streams, and reported once', () => {
    const chunks = split(['ok\n0123456789', 'abcdefghijklmnopqrstuvwxyz', 'tail\nnext\n']);
    expect(chunks).toEqual(['ok\n', '<oversized 0123456789abc>', 'next\n']);
  });

  test('an oversized last line without newline is reported at the end', () => {
    expect(split(['a\n', 'x'.repeat(40)])).toEqual(['a\n', `<oversized ${'x'.repeat(14)}>`]);
  });

  test('drops a UTF-8 byte-order mark', () => {
    expect(split(['\u00ef\u00bb\u00bfa\nb\n'])).toEqual(['a\nb\n']);
  });

  test('reading straight into the chunk (space/commit) gives the same chunks', () => {
    const units: string[] = [];
    const splitter = new LineSplitter(new BufferPool(16), (u) => {
      if (u.kind === 'lines') units.push(Buffer.from(u.bytes).toString());
    });
    const source = Buffer.from('line one\nline two\nline three\n');
    let at = 0;
    while (at < source.length) {
      const space = splitter.space();
      const n = Math.min(space.length, 5, source.length - at);
      space.set(source.subarray(at, at + n));
      splitter.commit(n);
      at += n;
    }
    splitter.end();
    expect(units.join('')).toBe(source.toString());
    expect(units.every((u) => u.endsWith('\n'))).toBe(true);
  });
});
