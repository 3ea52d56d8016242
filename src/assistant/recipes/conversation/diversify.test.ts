import { describe, expect, it } from 'vitest';
import type { CatalogueRecipe, Suggestion } from '../ranking/rank-recipes.ts';
import { diversify } from './diversify.ts';

const suggestion = (id: string, ingredients: string[], score: number): Suggestion => ({
  recipe: { id, title: id, ingredients },
  score,
  have: [],
  swaps: [],
  missing: [],
  assumed: [],
});

describe('diversify', () => {
  it('prefers a different dish over a near copy of what was shown', () => {
    const shown: CatalogueRecipe[] = [
      { id: 'omelette', title: 'omelette', ingredients: ['egg', 'cheese', 'butter'] },
    ];
    const ranked = [
      suggestion('cheese-omelette-2', ['egg', 'cheese', 'butter', 'chives'], 3),
      suggestion('tomato-pasta', ['pasta', 'tomato', 'garlic'], 2.6),
      suggestion('frittata', ['egg', 'cheese', 'potato'], 2.5),
    ];
    expect(diversify(ranked, shown, 2).map((s) => s.recipe.id)).toEqual([
      'tomato-pasta',
      'frittata',
    ]);
    expect(diversify(ranked, [], 1).map((s) => s.recipe.id)).toEqual(['cheese-omelette-2']);
  });
});
