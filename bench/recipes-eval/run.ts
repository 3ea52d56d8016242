/**
 * Offline recovery test of the recipe ranker on based.cooking (public domain; issue 8):
 * for each recipe, drop 2 of its ingredients, add 5 unrelated ones, rank the whole catalogue
 * and check the original comes first. Bar: top-1 ≥ 90%.
 *   npx tsx bench/recipes-eval/run.ts [../shared/data/based-cooking.json] [runs]
 * Each run uses its own seed (1..runs, default 20); the mean is the figure to quote. Every
 * recipe draws from its own stream (seed, recipe index), so a change to one recipe's mapping
 * leaves every other recipe's trial as it was (one shared stream made the 5-seed mean swing by
 * two points when a single line mapped differently).
 * Ties count against the target (it must beat every other recipe outright).
 * RECIPES_EVAL_MISSES=1 lists each miss with the fridge and the recipe ranked first.
 */
import { rankRecipes } from '../../src/assistant/recipes/ranking/rank-recipes.ts';
import { drawFridge, loadRecoveryCatalogue } from './recovery-trials.ts';

const path = process.argv[2] ?? '../shared/data/based-cooking.json';
const runs = Number(process.argv[3] ?? 20);
const protocol = loadRecoveryCatalogue(path);
const { catalogue, staples, idf } = protocol;

function evaluate(seed: number) {
  let trials = 0;
  let top1 = 0;
  let top5 = 0;
  let reciprocal = 0;
  // Hits by how many non-staple ids the recipe has: with 3, one survives the drop.
  const bySize = new Map<string, { trials: number; top1: number }>();
  for (const [index, recipe] of catalogue.entries()) {
    const fridge = drawFridge(protocol, index, seed);
    if (!fridge) continue;
    const own = recipe.ingredients.filter((id) => !staples.has(id));
    const ranked = rankRecipes(catalogue, [...fridge], { idf });
    const target = ranked.find((s) => s.recipe.id === recipe.id);
    const score = target?.score ?? Number.NEGATIVE_INFINITY;
    const rank = 1 + ranked.filter((s) => s.recipe.id !== recipe.id && s.score >= score).length;
    trials++;
    const size = own.length >= 6 ? '6+' : String(own.length);
    const bucket = bySize.get(size) ?? { trials: 0, top1: 0 };
    bucket.trials++;
    if (rank === 1) bucket.top1++;
    bySize.set(size, bucket);
    if (rank === 1) top1++;
    else if (process.env.RECIPES_EVAL_MISSES)
      console.log(
        `miss ${recipe.id}: fridge ${[...fridge].join(',')}; first ${ranked[0]?.recipe.id}`,
      );
    if (rank <= 5) top5++;
    reciprocal += 1 / rank;
  }
  return { trials, top1: top1 / trials, top5: top5 / trials, mrr: reciprocal / trials, bySize };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`recipes: ${protocol.recipes}, mapped to ≥1 lexicon id: ${catalogue.length}`);
console.log(
  `ingredient lines mapped: ${protocol.mappedLines}/${protocol.lines} (${pct(protocol.mappedLines / protocol.lines)})`,
);
const results: ReturnType<typeof evaluate>[] = [];
for (let seed = 1; seed <= runs; seed++) {
  const r = evaluate(seed);
  results.push(r);
  console.log(
    `seed ${seed}: ${r.trials} trials, top-1 ${pct(r.top1)}, top-5 ${pct(r.top5)}, MRR ${r.mrr.toFixed(3)}`,
  );
}
const sizes = new Map<string, { trials: number; top1: number }>();
for (const r of results)
  for (const [size, b] of r.bySize) {
    const total = sizes.get(size) ?? { trials: 0, top1: 0 };
    sizes.set(size, { trials: total.trials + b.trials, top1: total.top1 + b.top1 });
  }
console.log(
  `top-1 by non-staple ingredients per recipe: ${[...sizes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([size, b]) => `${size}: ${pct(b.top1 / b.trials)} of ${b.trials}`)
    .join(', ')}`,
);
const mean = (key: 'top1' | 'top5' | 'mrr') =>
  results.reduce((sum, r) => sum + r[key], 0) / results.length;
console.log(
  `mean of ${runs}: top-1 ${pct(mean('top1'))} (bar ≥ 90%), top-5 ${pct(mean('top5'))}, MRR ${mean('mrr').toFixed(3)}`,
);
