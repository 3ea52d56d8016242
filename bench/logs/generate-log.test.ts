import { describe, expect, test } from 'vitest';
import { parseCombinedLine } from '../../src/logs/parse-combined.ts';
import { completeLine, createParsedLine } from '../../src/logs/parsed-line.ts';
import { LogGenerator } from './generate-log.ts';

function generate(lines: number, seed: number): string {
  let text = '';
  new LogGenerator({ lines, seed, startMs: Date.UTC(2026, 10, 2), days: 1 }).run((chunk) => {
    text += chunk;
  });
  return text;
}

describe('benchmark log generator', () => {
  test('is reproducible: same seed, same bytes; another seed, another log', () => {
    expect(generate(3000, 7)).toBe(generate(3000, 7));
    expect(generate(3000, 8)).not.toBe(generate(3000, 7));
  });

  test('writes exactly the lines asked for, all valid combined lines in time order', () => {
    const lines = generate(5000, 42).trimEnd().split('\n');
    expect(lines).toHaveLength(5000);
    const out = createParsedLine();
    let previous = 0;
    for (const line of lines) {
      expect(parseCombinedLine(line, out, true), line).toBeNull();
      expect(out.time).toBeGreaterThanOrEqual(previous);
      previous = out.time;
      completeLine(out);
    }
  });

  test('mixes the traffic the benchmark is about', () => {
    const text = generate(20000, 42);
    for (const marker of [
      '[WAiOS/',
      'FB_IAB/Orca-Android',
      'FBAN/FBIOS',
      'Instagram ',
      ' Line/',
      '"WhatsApp/2.',
      'TelegramBot (like TwitterBot)',
      'Slackbot-LinkExpanding',
      'Discordbot/2.0',
      'facebookexternalhit/1.1 Facebot Twitterbot/1.0',
      'Googlebot/2.1',
      'android-app://com.google.android.gm',
      'utm_source=whatsapp',
      'https://www.google.com/',
      'https://mail.google.com/',
      '"HEAD ',
      '" 404 ',
    ]) {
      expect(text, marker).toContain(marker);
    }
  });
});
