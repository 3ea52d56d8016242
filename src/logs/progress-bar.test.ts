import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { renderProgress, startProgressBar } from './progress-bar.ts';

describe('progress bar', () => {
  test('shows the percentage when the size is known, the rate always', () => {
    expect(renderProgress({ bytesRead: 50, totalBytes: 200, lines: 250_000 }, 0.5)).toBe(
      '██████░░░░░░░░░░░░░░░░░░  25%  250,000 lines  500k lines/s',
    );
    expect(renderProgress({ bytesRead: 50, totalBytes: null, lines: 1_500_000 }, 1)).toBe(
      'reading… 1,500,000 lines  1.5M lines/s',
    );
  });

  test('redraws in place, prints notes above itself and clears the line when stopped', async () => {
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk) => {
      written += chunk;
    });
    const bar = startProgressBar(stream, { bytesRead: 1, totalBytes: 2, lines: 10 }, 5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    bar.note('stdin: combined (auto-detected)');
    bar.stop();
    expect(written).toContain('\r\u001b[K█');
    expect(written).toContain('\r\u001b[Kstdin: combined (auto-detected)\n');
    expect(written.endsWith('\r\u001b[K')).toBe(true);
  });
});
