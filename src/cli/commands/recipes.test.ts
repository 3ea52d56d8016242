import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command.ts';
import { recipesCommand } from './recipes.ts';

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const io: CommandIo = { stdin: new PassThrough(), stdout, stderr, stderrIsTty: false };
  const code = await recipesCommand.run(argv, io);
  return { code, out, err };
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

  it('takes the staples from --staples', async () => {
    const parse = (out: string) =>
      JSON.parse(out).suggestions.find((x: { id: string }) => x.id === 'banana-pancakes');
    const usual = parse((await run(['suggest', 'bananas and eggs', '--json'])).out);
    expect(usual.missing).toEqual(['flour', 'milk', 'baking-powder', 'butter']);
    const stocked = await run([
      'suggest',
      'bananas and eggs',
      '--json',
      '--staples',
      'flour,milk,butter',
    ]);
    expect(parse(stocked.out)).toMatchObject({
      missing: ['baking-powder'],
      assumed: ['flour', 'milk', 'butter'],
    });
    await expect(run(['suggest', 'eggs', '--staples', 'unicorn'])).rejects.toThrow(
      /--staples: "unicorn"/,
    );
  });

  it('rejects bad usage', async () => {
    await expect(run(['suggest'])).rejects.toThrow(/expected "suggest TEXT" or "import FILE"/);
    await expect(run(['import'])).rejects.toThrow(/expected "suggest TEXT" or "import FILE"/);
    await expect(run(['suggest', 'eggs', '--colour', 'red'])).rejects.toThrow(
      /Unknown option '--colour'/,
    );
    await expect(run(['import', 'x.json', '--diet', 'vegan'])).rejects.toThrow(
      /--diet belongs to recipes suggest/,
    );
    await expect(run(['import', '/nonexistent/x.json'])).rejects.toThrow(
      /^cannot read \/nonexistent\/x\.json/,
    );
    await expect(run(['suggest', 'eggs', '--diet', 'paleo'])).rejects.toThrow(/unknown diet/);
    await expect(run(['suggest', 'eggs', '--lang', 'de'])).rejects.toThrow(/--lang/);
  });
});

describe('penumbra recipes import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'penumbra-recipes-'));
  const csv = join(dir, 'brand.csv');
  writeFileSync(
    csv,
    [
      'id,title,language,ingredients,steps,totalMinutes,servings,url',
      'miso-salmon,Miso salmon,en,"2 salmon fillets|1 tbsp miso|1 tsp honey","Brush the salmon with miso and honey.|Roast 12 minutes.",15,2,https://brand.example/miso-salmon',
      'broken,Broken,xx,eggs,Cook.,10,1,',
    ].join('\n'),
  );

  it('reports refused records on stderr, exits 1, and writes the valid ones for --catalogue', async () => {
    const out = join(dir, 'catalogue.json');
    const result = await run(['import', csv, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(`1 recipes imported, 1 refused; written to ${out}\n`);
    expect(result.err).toBe('error: record 2 (broken): language: use "fr", "en" or "es"\n');
    expect(JSON.parse(readFileSync(out, 'utf8'))[0]).toMatchObject({
      id: 'miso-salmon',
      totalMinutes: 15,
    });
    const suggested = await run(['suggest', 'salmon and miso', '--catalogue', out, '--json']);
    expect(JSON.parse(suggested.out).suggestions[0]).toMatchObject({
      id: 'miso-salmon',
      url: 'https://brand.example/miso-salmon',
      missing: ['honey'],
    });
  });

  it('prints a JSON summary with --json', async () => {
    const result = await run(['import', csv, '--json']);
    const parsed = JSON.parse(result.out);
    expect(parsed).toMatchObject({
      imported: 1,
      refused: 1,
      errors: [{ record: 2, id: 'broken' }],
    });
    expect(parsed.recipes[0]).toMatchObject({
      id: 'miso-salmon',
      ingredients: ['salmon', 'miso', 'honey'],
    });
  });
});
