import type { CatalogueRecipe } from '../../src/assistant/recipes/ranking/rank-recipes.ts';

/** mulberry32: small, seeded, reproducible. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Grows real catalogues to `count` recipes: each synthetic recipe is a real one with one to
 * three ingredients replaced by others drawn by popularity (so ingredient frequencies stay
 * realistic), a random time and, one time in five, an optional garnish.
 */
export function synthesize(
  sources: readonly CatalogueRecipe[],
  count: number,
  seed: number,
): CatalogueRecipe[] {
  const random = prng(seed);
  const pool = sources.flatMap((r) => r.ingredients);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const out: CatalogueRecipe[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(sources);
    const ingredients = [...source.ingredients];
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++)
      ingredients[Math.floor(random() * ingredients.length)] = pick(pool);
    const recipe: CatalogueRecipe = {
      id: `${source.id}-${i}`,
      title: source.title,
      ingredients: [...new Set(ingredients)],
      totalMinutes: 5 + Math.floor(random() * 115),
    };
    if (random() < 0.2)
      recipe.optional = [pick(pool)].filter((id) => !recipe.ingredients.includes(id));
    out.push(recipe);
  }
  return out;
}
