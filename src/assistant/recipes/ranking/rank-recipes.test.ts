import { describe, expect, it } from 'vitest';
import { type CatalogueRecipe, rankRecipes } from './rank-recipes.ts';
import { DEFAULT_SUBSTITUTIONS } from './substitutions.ts';

const CATALOGUE: CatalogueRecipe[] = [
  {
    id: 'omelette',
    title: 'Cheese omelette',
    ingredients: ['egg', 'cheese', 'butter', 'salt'],
    totalMinutes: 10,
  },
  {
    id: 'carbonara',
    title: 'Carbonara',
    ingredients: ['spaghetti', 'egg', 'bacon', 'parmesan', 'black-pepper'],
    totalMinutes: 25,
  },
  {
    id: 'tomato-salad',
    title: 'Tomato salad',
    ingredients: ['tomato', 'onion', 'olive-oil', 'basil'],
    optional: ['basil'],
    totalMinutes: 5,
  },
  {
    id: 'chicken-rice',
    title: 'Chicken and rice',
    ingredients: ['chicken', 'rice', 'onion', 'bell-pepper', 'oil'],
    totalMinutes: 40,
  },
  {
    id: 'shakshuka',
    title: 'Shakshuka',
    ingredients: ['egg', 'tomato', 'onion', 'bell-pepper', 'cumin'],
  },
];

const ids = (have: string[], options = {}) =>
  rankRecipes(CATALOGUE, have, options).map((s) => s.recipe.id);

describe('rankRecipes', () => {
  it('puts the recipe using the most distinctive ingredients first', () => {
    expect(ids(['chicken', 'rice', 'bell-pepper'])[0]).toBe('chicken-rice');
    expect(ids(['spaghetti', 'bacon', 'egg'])[0]).toBe('carbonara');
    expect(ids(['egg', 'tomato', 'bell-pepper', 'onion'])[0]).toBe('shakshuka');
  });

  it('drops recipes that use nothing the person has', () => {
    expect(ids(['rice'])).toEqual(['chicken-rice']);
  });

  it('explains each suggestion: have, missing, staples assumed', () => {
    const [top] = rankRecipes(CATALOGUE, ['chicken', 'rice']);
    expect(top).toMatchObject({
      have: ['chicken', 'rice'],
      missing: ['onion', 'bell-pepper'],
      assumed: ['oil'],
    });
  });

  it('never counts staples or optional ingredients as missing, and staples are configurable', () => {
    const [salad] = rankRecipes(CATALOGUE, ['tomato', 'onion'], { staples: ['olive-oil'] });
    expect(salad).toMatchObject({ have: ['tomato', 'onion'], missing: [] });
    const [plain] = rankRecipes(CATALOGUE, ['tomato', 'onion'], { staples: [] });
    expect(plain?.missing).toEqual(['olive-oil']);
  });

  it('applies the diet filters with 100% precision', () => {
    const all = ['egg', 'cheese', 'tomato', 'onion', 'chicken', 'bacon', 'spaghetti', 'rice'];
    expect(ids(all, { diet: ['vegetarian'] }).sort()).toEqual([
      'omelette',
      'shakshuka',
      'tomato-salad',
    ]);
    expect(ids(all, { diet: ['vegan'] })).toEqual(['tomato-salad']);
    expect(ids(all, { diet: ['egg-free'] }).sort()).toEqual(['chicken-rice', 'tomato-salad']);
    expect(ids(all, { diet: ['gluten-free', 'dairy-free'] })).not.toContain('carbonara');
  });

  it('filters by time (unknown times excluded) and by excluded ingredients', () => {
    const all = ['egg', 'tomato', 'onion', 'chicken', 'bell-pepper'];
    expect(ids(all, { maxMinutes: 20 }).sort()).toEqual(['omelette', 'tomato-salad']);
    expect(ids(all, { exclude: ['egg'] }).sort()).toEqual(['chicken-rice', 'tomato-salad']);
  });

  it('breaks ties on fewer missing, then time, and honours the limit', () => {
    const ranked = rankRecipes(CATALOGUE, ['onion'], { limit: 2 });
    expect(ranked).toHaveLength(2);
    expect(ranked[0]?.recipe.id).toBe('tomato-salad');
  });
});

describe('rankRecipes with related credits', () => {
  const catalogue: CatalogueRecipe[] = [
    { id: 'cheese-toast', title: 'Cheese toast', ingredients: ['bread', 'cheese'] },
    { id: 'parmesan-pasta', title: 'Parmesan pasta', ingredients: ['pasta', 'parmesan'] },
    { id: 'shallot-tart', title: 'Shallot tart', ingredients: ['shortcrust', 'shallot'] },
    {
      id: 'yogurt-cake',
      title: 'Yogurt cake',
      ingredients: ['yogurt', 'flour'],
      substitutions: { yogurt: ['cream'] },
    },
  ];

  it('is exact by default: a kind, a swap or a more general item earns nothing', () => {
    expect(rankRecipes(catalogue, ['cheddar', 'onion']).map((s) => s.recipe.id)).toEqual([]);
  });

  it('credits a kind fully and a more general item or a curated swap by half, shown as swaps', () => {
    const related = { substitutions: DEFAULT_SUBSTITUTIONS };
    const [toast] = rankRecipes(catalogue, ['cheddar', 'bread'], related);
    expect(toast).toMatchObject({
      recipe: { id: 'cheese-toast' },
      have: ['bread', 'cheese'],
      missing: [],
    });
    const [pasta] = rankRecipes(catalogue, ['cheese', 'pasta'], related);
    expect(pasta).toMatchObject({
      recipe: { id: 'parmesan-pasta' },
      have: ['pasta'],
      swaps: [{ need: 'parmesan', use: 'cheese' }],
    });
    const [tart] = rankRecipes(catalogue, ['onion'], related);
    expect(tart).toMatchObject({
      recipe: { id: 'shallot-tart' },
      swaps: [{ need: 'shallot', use: 'onion' }],
      missing: ['shortcrust'],
    });
    const full = rankRecipes(catalogue, ['cheddar', 'bread'], related)[0]?.score ?? 0;
    const half = rankRecipes(catalogue, ['cheese', 'pasta'], related)[0]?.score ?? 0;
    expect(half).toBeLessThan(full);
  });

  it('uses the swaps a recipe allows even without the curated table', () => {
    const [cake] = rankRecipes(catalogue, ['cream', 'flour']);
    expect(cake).toMatchObject({
      recipe: { id: 'yogurt-cake' },
      have: ['flour'],
      swaps: [{ need: 'yogurt', use: 'cream' }],
      missing: [],
    });
  });
});
