import { readFile, writeFile } from 'node:fs/promises';
import type { Command, CommandIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';

const HELP = `Usage: penumbra recipes suggest "TEXT" [options]
       penumbra recipes import FILE [options]

suggest: reads what you have, in French, English or Spanish ("j'ai 3 oeufs et des
tomates", "tengo pollo y arroz", "eggs, cheese, no milk"), and suggests recipes, each
with what you have and what is missing. Salt, pepper, oil and water are assumed;
anything you say you lack ("sans oeufs", "no milk") is excluded.

import: reads a recipe catalogue and checks every record: JSON (an array of records or
{"recipes": [...]}), CSV with a header row (id,title,language,ingredients,steps,
prepMinutes,cookMinutes,totalMinutes,servings,tags,diet,image,url; lists separated by |
or line breaks), schema.org Recipe JSON-LD, or HTML pages that embed it. Prints each
refused record with how to fix it; exits 1 when any record was refused.

Options for suggest:
  --catalogue FILE    rank this catalogue (any format import reads) instead of the demo
  --diet LIST         comma-separated: vegetarian, vegan, gluten-free, dairy-free, egg-free
  --max-minutes N     only recipes that take at most N minutes
  --staples LIST      comma-separated ingredient ids assumed in every kitchen, never missing
                      (default salt,black-pepper,oil,olive-oil,peanut-oil,water)
  --limit N           how many suggestions (default 5)
  --lang fr|en|es     language of ingredient names in the output (default en)

Options for import:
  --out FILE          write the valid recipes as a JSON catalogue (for --catalogue)
  --lang fr|en|es     language of JSON-LD recipes that do not declare inLanguage

Common:
  --json              print JSON
  -h, --help          show this help
`;

const DIETS = ['vegetarian', 'vegan', 'gluten-free', 'dairy-free', 'egg-free'] as const;
type DietName = (typeof DIETS)[number];
const isDiet = (value: string): value is DietName => (DIETS as readonly string[]).includes(value);
const LANGS = ['fr', 'en', 'es'] as const;
type LangName = (typeof LANGS)[number];
const isLang = (value: string): value is LangName => (LANGS as readonly string[]).includes(value);

type Values = Record<string, string | boolean | undefined>;

function langFlag(value: string | boolean | undefined): LangName | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!isLang(value)) throw new UsageError(`--lang expects fr, en or es, got "${value}"`);
  return value;
}

async function readCatalogueFile(file: string, language: LangName | undefined) {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const { importCatalogue } = await import('../../assistant/index.ts');
  return importCatalogue(content, {
    fileName: file,
    ...(language ? { defaultLanguage: language } : {}),
  });
}

async function runImport(file: string, values: Values, io: CommandIo): Promise<number> {
  const loaded = await readCatalogueFile(file, langFlag(values.lang));
  const out = typeof values.out === 'string' ? values.out : undefined;
  if (out) {
    const { toRecord } = await import('../../assistant/index.ts');
    await writeFile(out, `${JSON.stringify(loaded.recipes.map(toRecord), null, 2)}\n`);
  }
  if (values.json) {
    const summary = {
      imported: loaded.recipes.length,
      refused: loaded.errors.length,
      errors: loaded.errors,
      warnings: loaded.warnings,
      recipes: loaded.recipes.map((r) => ({
        id: r.id,
        language: r.language,
        ingredients: r.ingredients,
        optional: r.optional,
        diets: r.diets,
      })),
    };
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const where = (p: { record: number; id?: string }) =>
      p.record === 0 ? file : `record ${p.record}${p.id ? ` (${p.id})` : ''}`;
    for (const problem of loaded.errors)
      io.stderr.write(`error: ${where(problem)}: ${problem.message}\n`);
    for (const problem of loaded.warnings)
      io.stderr.write(`warning: ${where(problem)}: ${problem.message}\n`);
    io.stdout.write(
      `${loaded.recipes.length} recipes imported, ${loaded.errors.length} refused${out ? `; written to ${out}` : ''}\n`,
    );
  }
  return loaded.errors.length > 0 ? 1 : 0;
}

async function runSuggest(text: string, values: Values, io: CommandIo): Promise<number> {
  const diet = String(values.diet ?? '')
    .split(',')
    .filter((d) => d !== '');
  const badDiet = diet.find((d) => !isDiet(d));
  if (badDiet !== undefined)
    throw new UsageError(`unknown diet "${badDiet}" (expected one of ${DIETS.join(', ')})`);
  const lang = langFlag(values.lang) ?? 'en';
  const limit = parseIntegerFlag('limit', values.limit as string | undefined, 5);
  const maxMinutes =
    values['max-minutes'] === undefined
      ? undefined
      : parseIntegerFlag('max-minutes', values['max-minutes'] as string, 0);
  // Loaded lazily so other commands do not pay for the lexicon at start-up.
  const { DEFAULT_SUBSTITUTIONS, defaultLexicon, demoCatalogue, extractIngredients, rankRecipes } =
    await import('../../assistant/index.ts');
  let catalogue = demoCatalogue;
  if (typeof values.catalogue === 'string') {
    const loaded = await readCatalogueFile(values.catalogue, undefined);
    const first = loaded.errors[0];
    if (first)
      throw new UsageError(
        `${values.catalogue}: record ${first.record}: ${first.message} (check it with penumbra recipes import)`,
      );
    catalogue = loaded.recipes;
  }
  const staples =
    typeof values.staples === 'string'
      ? values.staples.split(',').filter((id) => id !== '')
      : undefined;
  const unknownStaple = staples?.find((id) => !defaultLexicon.get(id));
  if (unknownStaple !== undefined)
    throw new UsageError(
      `--staples: "${unknownStaple}" is not an ingredient id (e.g. salt, butter)`,
    );
  const extraction = extractIngredients(text);
  const suggestions = rankRecipes(catalogue, extraction.have, {
    diet: diet.filter(isDiet),
    exclude: extraction.without,
    ...(staples ? { staples } : {}),
    // A person's "chicken" serves a recipe's chicken thighs; curated swaps are shown as such.
    substitutions: DEFAULT_SUBSTITUTIONS,
    limit,
    ...(maxMinutes === undefined ? {} : { maxMinutes }),
  });
  if (values.json) {
    const out = {
      have: extraction.have,
      without: extraction.without,
      suggestions: suggestions.map((s) => ({
        id: s.recipe.id,
        title: s.recipe.title,
        language: s.recipe.language,
        totalMinutes: s.recipe.totalMinutes ?? null,
        score: Number(s.score.toFixed(4)),
        have: s.have,
        swaps: s.swaps,
        missing: s.missing,
        assumed: s.assumed,
        url: s.recipe.url ?? null,
      })),
    };
    io.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const names = (ids: readonly string[]) =>
    ids.map((id) => defaultLexicon.label(id, lang)).join(', ') || '—';
  if (extraction.have.length === 0) {
    io.stdout.write(
      'No ingredients recognised. Try: "eggs, cheese, tomatoes" or "tengo pollo y arroz".\n',
    );
    return 1;
  }
  let line = `Understood: ${names(extraction.have)}`;
  if (extraction.without.length > 0) line += ` (without: ${names(extraction.without)})`;
  io.stdout.write(`${line}\n`);
  if (suggestions.length === 0) io.stdout.write('No recipe matches; try fewer filters.\n');
  suggestions.forEach((s, i) => {
    const time = s.recipe.totalMinutes === undefined ? '' : `, ${s.recipe.totalMinutes} min`;
    io.stdout.write(
      `${i + 1}. ${s.recipe.title} (${s.recipe.language ?? '?'}${time})\n` +
        `   have: ${names(s.have)}; missing: ${names(s.missing)}` +
        s.swaps.map((w) => `; use ${names([w.use])} for ${names([w.need])}`).join('') +
        '\n',
    );
  });
  return 0;
}

export const recipesCommand: Command = {
  name: 'recipes',
  summary: 'suggest recipes for what is in your fridge; import a recipe catalogue',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      diet: { type: 'string' },
      'max-minutes': { type: 'string' },
      limit: { type: 'string' },
      lang: { type: 'string' },
      catalogue: { type: 'string' },
      staples: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [action, argument, extra] = positionals;
    if (extra !== undefined)
      throw new UsageError(`unexpected argument "${extra}" (quote the text)`);
    if (action === 'suggest' && argument !== undefined) {
      if (values.out !== undefined) throw new UsageError('--out belongs to recipes import');
      return runSuggest(argument, values, io);
    }
    if (action === 'import' && argument !== undefined) {
      for (const flag of ['diet', 'max-minutes', 'limit', 'catalogue', 'staples'] as const)
        if (values[flag] !== undefined)
          throw new UsageError(`--${flag} belongs to recipes suggest`);
      return runImport(argument, values, io);
    }
    throw new UsageError('expected "suggest TEXT" or "import FILE"');
  },
};
