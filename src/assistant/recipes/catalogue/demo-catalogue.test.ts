import { describe, expect, it } from 'vitest';
import { extractIngredients } from '../extract-ingredients.ts';
import { defaultLexicon } from '../lexicon/lexicon.ts';
import { rankRecipes } from '../rank-recipes.ts';
import { demoCatalogue } from './demo-catalogue.ts';

describe('demo catalogue', () => {
  it('has at least 12 recipes across fr, en and es, all with lexicon ids', () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demoCatalogue.map((r) => r.language))).toEqual(new Set(['fr', 'en', 'es']));
    expect(new Set(demoCatalogue.map((r) => r.id)).size).toBe(demoCatalogue.length);
    for (const recipe of demoCatalogue)
      for (const id of [...recipe.ingredients, ...(recipe.optional ?? [])])
        expect(defaultLexicon.get(id), `${recipe.id}: ${id}`).toBeDefined();
  });

  it('gives the same ranking for the same fridge written in fr, en and es', () => {
    const fridges = [
      "j'ai 3 oeufs, des pommes de terre et un oignon",
      'I have 3 eggs, potatoes and an onion',
      'tengo 3 huevos, patatas y una cebolla',
    ];
    const rankings = fridges.map((text) =>
      rankRecipes(demoCatalogue, extractIngredients(text).have).map((s) => s.recipe.id),
    );
    expect(rankings[0]?.[0]).toBe('tortilla-de-patatas');
    expect(rankings[1]).toEqual(rankings[0]);
    expect(rankings[2]).toEqual(rankings[0]);
  });
});
