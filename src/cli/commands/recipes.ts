import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';

const HELP = `Usage: penumbra recipes suggest "TEXT" [options]

Reads what you have, in French, English or Spanish ("j'ai 3 oeufs et des tomates",
"tengo pollo y arroz", "eggs, cheese, no milk"), and suggests recipes from the demo
catalogue, each with what you have and what is missing. Salt, pepper, oil and water are
assumed; anything you say you lack ("sans oeufs", "no milk") is excluded.

Options:
  --diet LIST         comma-separated: vegetarian, vegan, gluten-free, dairy-free, egg-free
  --max-minutes N     only recipes that take at most N minutes
  --limit N           how many suggestions (default 5)
  --lang fr|en|es     language of ingredient names in the output (default en)
  --json              print JSON (the extraction and the suggestions)
  -h, --help          show this help
`;

const DIETS = ['vegetarian', 'vegan', 'gluten-free', 'dairy-free', 'egg-free'] as const;
type DietName = (typeof DIETS)[number];
const isDiet = (value: string): value is DietName => (DIETS as readonly string[]).includes(value);
const LANGS = ['fr', 'en', 'es'] as const;
type LangName = (typeof LANGS)[number];
const isLang = (value: string): value is LangName => (LANGS as readonly string[]).includes(value);

export const recipesCommand: Command = {
  name: 'recipes',
  summary: 'suggest recipes for what is in your fridge',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      diet: { type: 'string' },
      'max-minutes': { type: 'string' },
      limit: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [action, text, extra] = positionals;
    if (action !== 'suggest' || text === undefined) throw new UsageError('expected "suggest TEXT"');
    if (extra !== undefined)
      throw new UsageError(`unexpected argument "${extra}" (quote the text)`);
    const diet = (values.diet ?? '').split(',').filter((d) => d !== '');
    const badDiet = diet.find((d) => !isDiet(d));
    if (badDiet !== undefined)
      throw new UsageError(`unknown diet "${badDiet}" (expected one of ${DIETS.join(', ')})`);
    const lang = values.lang ?? 'en';
    if (!isLang(lang)) throw new UsageError(`--lang expects fr, en or es, got "${lang}"`);
    const limit = parseIntegerFlag('limit', values.limit, 5);
    const maxMinutes =
      values['max-minutes'] === undefined
        ? undefined
        : parseIntegerFlag('max-minutes', values['max-minutes'], 0);

    // Loaded lazily so other commands do not pay for the lexicon at start-up.
    const { defaultLexicon, demoCatalogue, extractIngredients, rankRecipes } = await import(
      '../../assistant/index.ts'
    );
    const extraction = extractIngredients(text);
    const suggestions = rankRecipes(demoCatalogue, extraction.have, {
      diet: diet.filter(isDiet),
      exclude: extraction.without,
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
          missing: s.missing,
          assumed: s.assumed,
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
          `   have: ${names(s.have)}; missing: ${names(s.missing)}\n`,
      );
    });
    return 0;
  },
};
