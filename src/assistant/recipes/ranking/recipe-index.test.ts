import { describe, expect, it } from 'vitest';
import { demoCatalogue } from '../catalogue/demo-catalogue.ts';
import {
  type CatalogueRecipe,
  inverseDocumentFrequency,
  type RankOptions,
  rankRecipes,
} from './rank-recipes.ts';
import { RecipeIndex } from './recipe-index.ts';
import { DEFAULT_SUBSTITUTIONS } from './substitutions.ts';

/** mulberry32, so the random fridges are the same on every run. */
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

const summary = (
  list: { recipe: CatalogueRecipe; score: number; have: string[]; missing: string[] }[],
) =>
  list.map(
    (s) => `${s.recipe.id} ${s.score.toFixed(9)} ${s.have.join(',')} / ${s.missing.join(',')}`,
  );

describe('RecipeIndex', () => {
  const random = prng(7);
  const ids = [...new Set(demoCatalogue.flatMap((r) => r.ingredients))];
  // A larger catalogue with many near-ties: every demo recipe copied with one ingredient swapped.
  const big: CatalogueRecipe[] = [...demoCatalogue];
  for (let copy = 0; copy < 20; copy++)
    for (const recipe of demoCatalogue) {
      const ingredients = [...recipe.ingredients];
      ingredients[Math.floor(random() * ingredients.length)] =
        ids[Math.floor(random() * ids.length)] ?? 'egg';
      big.push({ ...recipe, id: `${recipe.id}-${copy}`, ingredients: [...new Set(ingredients)] });
    }
  const idf = inverseDocumentFrequency(big);
  const index = new RecipeIndex(big, { idf });
  const variants: Omit<RankOptions, 'idf'>[] = [
    { limit: 10 },
    { limit: 3, diet: ['vegetarian'] },
    { limit: 10, maxMinutes: 25, exclude: ['egg'] },
    { limit: 10, substitutions: DEFAULT_SUBSTITUTIONS },
    { limit: 5, languages: ['fr'], substitutions: DEFAULT_SUBSTITUTIONS },
    {},
  ];

  it('returns exactly the brute-force ranking on random fridges, with and without filters', () => {
    for (let trial = 0; trial < 60; trial++) {
      const fridge = Array.from(
        { length: 2 + Math.floor(random() * 6) },
        () => ids[Math.floor(random() * ids.length)] ?? 'egg',
      );
      const options = variants[trial % variants.length] ?? {};
      expect(summary(index.rank(fridge, options))).toEqual(
        summary(rankRecipes(big, fridge, { ...options, idf })),
      );
    }
  });

  it('takes recipes with their own swaps into account', () => {
    const withSwap: CatalogueRecipe[] = [
      ...demoCatalogue,
      {
        id: 'yogurt-cake',
        title: 'Yogurt cake',
        ingredients: ['yogurt', 'flour', 'sugar'],
        substitutions: { yogurt: ['cream'] },
      },
    ];
    const swapIndex = new RecipeIndex(withSwap);
    const [top] = swapIndex.rank(['cream', 'flour', 'sugar'], { limit: 1 });
    expect(top).toMatchObject({
      recipe: { id: 'yogurt-cake' },
      swaps: [{ need: 'yogurt', use: 'cream' }],
      missing: [],
    });
    expect(summary(swapIndex.rank(['cream', 'flour', 'sugar']))).toEqual(
      summary(rankRecipes(withSwap, ['cream', 'flour', 'sugar'])),
    );
  });
});
