/**
 * bench/recipes: suggestion latency at 100,000 recipes, inverted index (`RecipeIndex`) vs
 * brute-force scoring of the same ranking (`rankRecipes`), same fridges, same run. Checks that
 * every top 10 is identical. Bar: identical top 10, index ≥ 10× faster.
 *   npx tsx bench/recipes/run.ts [recipes=100000] [fridges=200] [../shared/data/based-cooking.json]
 * The catalogue is synthesised from the demo catalogue plus based.cooking when that file is
 * present (it is not needed by the tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { demoCatalogue } from '../../src/assistant/recipes/catalogue/demo-catalogue.ts';
import { parseIngredientLine } from '../../src/assistant/recipes/parse-ingredient-line.ts';
import {
  type CatalogueRecipe,
  DEFAULT_STAPLES,
  inverseDocumentFrequency,
  type RankOptions,
  rankRecipes,
} from '../../src/assistant/recipes/ranking/rank-recipes.ts';
import { RecipeIndex } from '../../src/assistant/recipes/ranking/recipe-index.ts';
import { prng, synthesize } from './synthesize.ts';

const count = Number(process.argv[2] ?? 100_000);
const fridges = Number(process.argv[3] ?? 200);
const basedPath = process.argv[4] ?? '../shared/data/based-cooking.json';

const sources: CatalogueRecipe[] = [...demoCatalogue];
if (existsSync(basedPath))
  for (const recipe of JSON.parse(readFileSync(basedPath, 'utf8')) as {
    id: string;
    title: string;
    ingredients: string[] | null;
  }[]) {
    const ingredients = [
      ...new Set((recipe.ingredients ?? []).flatMap((line) => parseIngredientLine(line).ids)),
    ];
    if (ingredients.length > 0) sources.push({ id: recipe.id, title: recipe.title, ingredients });
  }
const catalogue = synthesize(sources, count, 42);
const idf = inverseDocumentFrequency(catalogue);
let started = performance.now();
const index = new RecipeIndex(catalogue, { idf });
const buildMs = performance.now() - started;

const staples = new Set(DEFAULT_STAPLES);
const popular = catalogue
  .slice(0, 20_000)
  .flatMap((r) => r.ingredients.filter((id) => !staples.has(id)));
const random = prng(1);
const queries: { have: string[]; options: Omit<RankOptions, 'idf'> }[] = [];
for (let q = 0; q < fridges; q++) {
  const have = [
    ...new Set(
      Array.from(
        { length: 3 + Math.floor(random() * 6) },
        () => popular[Math.floor(random() * popular.length)] ?? 'egg',
      ),
    ),
  ];
  // One query in four carries the follow-up filters of the chat.
  const options: Omit<RankOptions, 'idf'> =
    q % 4 === 3 ? { limit: 10, diet: ['vegetarian'], maxMinutes: 30 } : { limit: 10 };
  queries.push({ have, options });
}

const signature = (list: { recipe: { id: string }; score: number }[]) =>
  list.map((s) => `${s.recipe.id}:${s.score.toFixed(9)}`).join(' ');
const bruteMs: number[] = [];
const indexMs: number[] = [];
let identical = 0;
// Alternate the two in one loop so both see the same machine state.
for (const { have, options } of queries) {
  started = performance.now();
  const brute = rankRecipes(catalogue, have, { ...options, idf });
  bruteMs.push(performance.now() - started);
  started = performance.now();
  const indexed = index.rank(have, options);
  indexMs.push(performance.now() - started);
  if (signature(brute) === signature(indexed)) identical++;
  else
    console.log(
      `DIFFERENT for ${have.join(',')}:\n  brute ${signature(brute)}\n  index ${signature(indexed)}`,
    );
}
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ??
  0;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(
  `recipes: ${catalogue.length} (synthesised from ${sources.length}); fridges: ${queries.length}; index built in ${ms(buildMs)}`,
);
console.log(
  `brute force: mean ${ms(mean(bruteMs))}, p50 ${ms(quantile(bruteMs, 0.5))}, p95 ${ms(quantile(bruteMs, 0.95))}`,
);
console.log(
  `index:       mean ${ms(mean(indexMs))}, p50 ${ms(quantile(indexMs, 0.5))}, p95 ${ms(quantile(indexMs, 0.95))}`,
);
console.log(
  `identical top 10: ${identical}/${queries.length}; speed-up (mean): ${(mean(bruteMs) / mean(indexMs)).toFixed(1)}× (bar: identical, ≥ 10×)`,
);
process.exitCode = identical === queries.length ? 0 : 1;
