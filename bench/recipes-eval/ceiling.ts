/**
 * How far the issue 8 recovery bar (top-1 ≥ 90%) is from what a ranker can reach on this
 * protocol at all. Same trials as run.ts (recovery-trials.ts), scored by:
 *   - Penumbra's rule, Σ idf(used) − 0.5 · Σ idf(missing) (must print run.ts's figure);
 *   - a constant penalty per missing ingredient;
 *   - a missing-count model: a person lacks m ~ Poisson(2) of a recipe's ingredients, any m of
 *     them equally likely, so a recipe scores Σ (idf + 0.5) over what is used
 *     + log P(m) − log C(n, m) (the best of the ranker families tried);
 *   - the protocol's own posterior: the fridge is exactly the recipe minus 2 uniformly chosen
 *     ingredients plus 5 popularity-drawn others, so only recipes with ≥ 3 ingredients missing
 *     exactly 2 can have produced it, weighted by the likelihood of those 5 draws. This is the
 *     Bayes-optimal ranker for the test (no ranker can do better on average), up to one
 *     approximation: each draw is renormalised over the recipe's ids, not also over the
 *     distractors drawn before it.
 *   npx tsx bench/recipes-eval/ceiling.ts [../shared/data/based-cooking.json] [runs]
 */
import { DISTRACTORS, DROPPED, drawFridge, loadRecoveryCatalogue } from './recovery-trials.ts';

const path = process.argv[2] ?? '../shared/data/based-cooking.json';
const runs = Number(process.argv[3] ?? 20);
const protocol = loadRecoveryCatalogue(path);
const { catalogue, staples, idf, pool } = protocol;

type Scorer = (used: readonly string[], missing: readonly string[]) => number;

const idfSum = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (idf.get(id) ?? 0), 0);
const logFactorial = (n: number) => {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
};
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

const draws = new Map<string, number>();
for (const id of pool) draws.set(id, (draws.get(id) ?? 0) + 1);
const share = (id: string) => (draws.get(id) ?? 0) / pool.length;

const scorers: Record<string, Scorer> = {
  'Penumbra: Σ idf(used) − 0.5 · Σ idf(missing)': (used, missing) =>
    idfSum(used) - 0.5 * idfSum(missing),
  'constant penalty: Σ idf(used) − 1 per missing': (used, missing) => idfSum(used) - missing.length,
  'missing count ~ Poisson(2), any of them': (used, missing) => {
    const n = used.length + missing.length;
    const m = missing.length;
    return idfSum(used) + 0.5 * used.length + m * Math.log(2) - logFactorial(m) - logChoose(n, m);
  },
  "the protocol's posterior (Bayes-optimal)": (used, missing) => {
    const n = used.length + missing.length;
    if (n < 3 || missing.length !== DROPPED) return Number.NEGATIVE_INFINITY;
    // P(fridge | recipe) ∝ 1/C(n, 2) · Π over distractors of their draw probability, each draw
    // renormalised over the ids the recipe excludes; the fridge's own Π is common to all recipes.
    const mass = [...used, ...missing].reduce((sum, id) => sum + share(id), 0);
    const usedDraws = used.reduce((sum, id) => sum + Math.log(share(id)), 0);
    return -logChoose(n, DROPPED) - usedDraws - DISTRACTORS * Math.log(1 - mass);
  },
};

const own = catalogue.map((recipe) => recipe.ingredients.filter((id) => !staples.has(id)));
const hits = new Map<string, number[]>(Object.keys(scorers).map((name) => [name, []]));
for (let seed = 1; seed <= runs; seed++) {
  const won = new Map<string, number>();
  let trials = 0;
  for (const index of catalogue.keys()) {
    const fridge = drawFridge(protocol, index, seed);
    if (!fridge) continue;
    trials++;
    for (const [name, score] of Object.entries(scorers)) {
      let target = Number.NEGATIVE_INFINITY;
      let best = Number.NEGATIVE_INFINITY;
      for (const [other, ids] of own.entries()) {
        const used = ids.filter((id) => fridge.has(id));
        if (used.length === 0) continue; // as rankRecipes: nothing in common, not a suggestion
        const value = score(
          used,
          ids.filter((id) => !fridge.has(id)),
        );
        if (other === index) target = value;
        else best = Math.max(best, value);
      }
      // Ties count against the target, as in run.ts.
      if (target > best) won.set(name, (won.get(name) ?? 0) + 1);
    }
  }
  for (const [name, list] of hits) list.push((won.get(name) ?? 0) / trials);
}

console.log(`top-1 over ${runs} seeds, the same trials as run.ts:`);
for (const [name, list] of hits) {
  const mean = list.reduce((sum, x) => sum + x, 0) / list.length;
  console.log(`  ${name.padEnd(48)} ${(100 * mean).toFixed(1)}%`);
}
