import type { CatalogueRecipe, Suggestion } from '../ranking/rank-recipes.ts';

function jaccard(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const shared = b.filter((id) => setA.has(id)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : shared / union;
}

/**
 * Maximal marginal relevance for "another one": picks, one at a time, the suggestion whose
 * score is highest once its ingredient overlap with what was already shown is penalised, so
 * the next ideas differ from the last ones instead of being three omelettes.
 */
export function diversify<R extends CatalogueRecipe>(
  ranked: readonly Suggestion<R>[],
  alreadyShown: readonly CatalogueRecipe[],
  count: number,
  similarityWeight = 0.7,
): Suggestion<R>[] {
  const pool = [...ranked];
  const picked: Suggestion<R>[] = [];
  const top = Math.max(...pool.map((s) => Math.abs(s.score)), 1);
  while (picked.length < count && pool.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    pool.forEach((candidate, index) => {
      const others = [...alreadyShown, ...picked.map((p) => p.recipe)];
      const similarity = Math.max(
        0,
        ...others.map((o) => jaccard(candidate.recipe.ingredients, o.ingredients)),
      );
      // Scores are scaled to the best one so the similarity penalty means the same everywhere.
      const value =
        (1 - similarityWeight) * (candidate.score / top) - similarityWeight * similarity;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    const [chosen] = pool.splice(bestIndex, 1);
    if (chosen) picked.push(chosen);
  }
  return picked;
}
