/**
 * Offline recovery test of the recipe ranker on based.cooking (public domain; issue 8):
 * for each recipe, drop 2 of its ingredients, add 5 unrelated ones, rank the whole catalogue
 * and check the original comes first. Bar: top-1 ≥ 90%.
 *   npx tsx bench/recipes-eval/run.ts [../shared/data/based-cooking.json] [runs]
 * Each run uses its own seed (1..runs, default 5); the mean is the figure to quote.
 * Ties count against the target (it must beat every other recipe outright).
 * RECIPES_EVAL_MISSES=1 lists each miss with the fridge and the recipe ranked first.
 */
import { readFileSync } from 'node:fs';
import { extractIngredients } from '../../src/assistant/recipes/extract-ingredients.ts';
import {
  type CatalogueRecipe,
  DEFAULT_STAPLES,
  inverseDocumentFrequency,
  rankRecipes,
} from '../../src/assistant/recipes/rank-recipes.ts';

interface BasedRecipe {
  id: string;
  title: string;
  ingredients: string[] | null;
}

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const path = process.argv[2] ?? '../shared/data/based-cooking.json';
const runs = Number(process.argv[3] ?? 5);
const raw = JSON.parse(readFileSync(path, 'utf8')) as BasedRecipe[];

let lines = 0;
let mappedLines = 0;
const catalogue: CatalogueRecipe[] = [];
for (const recipe of raw) {
  const ids = new Set<string>();
  for (const line of recipe.ingredients ?? []) {
    lines++;
    const found = extractIngredients(line).mentions.map((m) => m.id);
    if (found.length > 0) mappedLines++;
    for (const id of found) ids.add(id);
  }
  if (ids.size > 0) catalogue.push({ id: recipe.id, title: recipe.title, ingredients: [...ids] });
}

const staples = new Set(DEFAULT_STAPLES);
const idf = inverseDocumentFrequency(catalogue);
// Distractors are drawn by popularity, as a real fridge holds common things more often.
const pool = catalogue.flatMap((r) => r.ingredients.filter((id) => !staples.has(id)));
function evaluate(seed: number) {
  const random = prng(seed);
  let trials = 0;
  let top1 = 0;
  let top5 = 0;
  let reciprocal = 0;
  for (const recipe of catalogue) {
    const own = recipe.ingredients.filter((id) => !staples.has(id));
    if (own.length < 3) continue;
    const kept = [...own];
    for (let k = 0; k < 2; k++) kept.splice(Math.floor(random() * kept.length), 1);
    const fridge = new Set(kept);
    let added = 0;
    while (added < 5) {
      const id = pool[Math.floor(random() * pool.length)] ?? '';
      if (recipe.ingredients.includes(id) || fridge.has(id)) continue;
      fridge.add(id);
      added++;
    }
    const ranked = rankRecipes(catalogue, [...fridge], { idf });
    const target = ranked.find((s) => s.recipe.id === recipe.id);
    const score = target?.score ?? Number.NEGATIVE_INFINITY;
    const rank = 1 + ranked.filter((s) => s.recipe.id !== recipe.id && s.score >= score).length;
    trials++;
    if (rank === 1) top1++;
    else if (process.env.RECIPES_EVAL_MISSES)
      console.log(
        `miss ${recipe.id}: fridge ${[...fridge].join(',')}; first ${ranked[0]?.recipe.id}`,
      );
    if (rank <= 5) top5++;
    reciprocal += 1 / rank;
  }
  return { trials, top1: top1 / trials, top5: top5 / trials, mrr: reciprocal / trials };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`recipes: ${raw.length}, mapped to ≥1 lexicon id: ${catalogue.length}`);
console.log(`ingredient lines mapped: ${mappedLines}/${lines} (${pct(mappedLines / lines)})`);
const results: ReturnType<typeof evaluate>[] = [];
for (let seed = 1; seed <= runs; seed++) {
  const r = evaluate(seed);
  results.push(r);
  console.log(
    `seed ${seed}: ${r.trials} trials, top-1 ${pct(r.top1)}, top-5 ${pct(r.top5)}, MRR ${r.mrr.toFixed(3)}`,
  );
}
const mean = (key: 'top1' | 'top5' | 'mrr') =>
  results.reduce((sum, r) => sum + r[key], 0) / results.length;
console.log(
  `mean of ${runs}: top-1 ${pct(mean('top1'))} (bar ≥ 90%), top-5 ${pct(mean('top5'))}, MRR ${mean('mrr').toFixed(3)}`,
);
