import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command.ts';
import { recipesCommand } from './recipes.ts';

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const io: CommandIo = { stdin: new PassThrough(), stdout, stderr, stderrIsTty: false };
  const code = await recipesCommand.run(argv, io);
  return { code, out };
}

describe('penumbra recipes suggest', () => {
  it('suggests recipes with what is had and missing', async () => {
    const { code, out } = await run(['suggest', 'tengo 3 huevos, patatas y una cebolla']);
    expect(code).toBe(0);
    expect(out).toContain('Understood: egg, potato, onion');
    expect(out).toMatch(/^1\. Tortilla de patatas \(es, 40 min\)$/m);
  });

  it('prints JSON, honours negation and filters', async () => {
    const { out } = await run([
      'suggest',
      "j'ai des tomates, du riz, du poulet, pas d'oeufs",
      '--json',
      '--max-minutes',
      '60',
    ]);
    const parsed = JSON.parse(out) as {
      have: string[];
      without: string[];
      suggestions: { id: string; missing: string[] }[];
    };
    expect(parsed.have).toEqual(['tomato', 'rice', 'chicken']);
    expect(parsed.without).toEqual(['egg']);
    expect(parsed.suggestions[0]?.id).toBe('arroz-con-pollo');
    expect(parsed.suggestions.map((s) => s.id)).not.toContain('chicken-fried-rice');
    const veg = await run(['suggest', 'tomatoes, rice, chicken', '--json', '--diet', 'vegan']);
    expect(JSON.parse(veg.out).suggestions.map((s: { id: string }) => s.id)).not.toContain(
      'arroz-con-pollo',
    );
  });

  it('rejects bad usage', async () => {
    await expect(run(['suggest'])).rejects.toThrow(/expected "suggest TEXT"/);
    await expect(run(['suggest', 'eggs', '--diet', 'paleo'])).rejects.toThrow(/unknown diet/);
    await expect(run(['suggest', 'eggs', '--lang', 'de'])).rejects.toThrow(/--lang/);
  });
});
