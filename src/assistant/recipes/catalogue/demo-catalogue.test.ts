import { describe, expect, it } from 'vitest';
import { extractIngredients } from '../extract-ingredients.ts';
import { defaultLexicon } from '../lexicon/lexicon.ts';
import { rankRecipes } from '../ranking/rank-recipes.ts';
import { DEFAULT_SUBSTITUTIONS } from '../ranking/substitutions.ts';
import { demoCatalogue } from './demo-catalogue.ts';

describe('demo catalogue', () => {
  it('has at least 60 recipes, at least 20 in each of fr, en and es, all with lexicon ids', () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(60);
    for (const language of ['fr', 'en', 'es'])
      expect(demoCatalogue.filter((r) => r.language === language).length).toBeGreaterThanOrEqual(
        20,
      );
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

  it('gives the same ranking in fr, en and es for more fridges, related credits included', () => {
    const fridges = [
      [
        "du poulet, du riz, des poivrons et de l'ail",
        'chicken, rice, peppers and garlic',
        'pollo, arroz, pimientos y ajo',
      ],
      [
        'courgettes, aubergine, tomates, pas de fromage',
        'zucchini, eggplant, tomatoes, no cheese',
        'calabacín, berenjena, tomates, sin queso',
      ],
      ['pâtes, crème, saumon, citron', 'pasta, cream, salmon, lemon', 'pasta, nata, salmón, limón'],
      [
        'lentilles, carottes, oignon, cumin',
        'lentils, carrots, onion, cumin',
        'lentejas, zanahorias, cebolla, comino',
      ],
    ];
    for (const texts of fridges) {
      const rankings = texts.map((text) => {
        const { have, without } = extractIngredients(text);
        return rankRecipes(demoCatalogue, have, {
          exclude: without,
          substitutions: DEFAULT_SUBSTITUTIONS,
        }).map((s) => s.recipe.id);
      });
      expect(rankings[0]?.length, texts[0]).toBeGreaterThan(3);
      expect(rankings[1], texts[1]).toEqual(rankings[0]);
      expect(rankings[2], texts[2]).toEqual(rankings[0]);
    }
  });

  it('filters diets with 100% precision against hand labels', () => {
    // Labelled by reading each recipe, not derived from the lexicon flags under test.
    const notVegetarian = [
      'quiche-lorraine',
      'croque-monsieur',
      'salade-nicoise',
      'hachis-parmentier',
      'poulet-basquaise',
      'lentilles-saucisse',
      'blanquette-express',
      'pates-au-saumon',
      'moules-marinieres',
      'spaghetti-carbonara',
      'chicken-fried-rice',
      'beef-chili',
      'salmon-broccoli-traybake',
      'blt-sandwich',
      'chicken-caesar-salad',
      'pork-stir-fry',
      'tuna-pasta-bake',
      'honey-garlic-chicken',
      'arroz-con-pollo',
      'lentejas-estofadas',
      'gambas-al-ajillo',
      'pollo-al-ajillo',
      'merluza-en-salsa-verde',
      'chili-con-carne',
      'tacos-de-pollo',
      'salmorejo',
    ];
    const notVegan = [
      ...notVegetarian,
      'omelette-au-fromage',
      'crepes',
      'riz-au-lait',
      'mac-and-cheese',
      'flan-de-huevo',
      'tortilla-de-patatas',
      'greek-salad',
      'shakshuka',
    ];
    const vegetarian = new Set(
      demoCatalogue.filter((r) => r.diets.includes('vegetarian')).map((r) => r.id),
    );
    const vegan = new Set(demoCatalogue.filter((r) => r.diets.includes('vegan')).map((r) => r.id));
    for (const id of notVegetarian) expect(vegetarian.has(id), id).toBe(false);
    for (const id of notVegan) expect(vegan.has(id), id).toBe(false);
    for (const id of [
      'ratatouille',
      'gazpacho',
      'guacamole',
      'lentil-soup',
      'vegetable-curry',
      'paella-de-verduras',
    ])
      expect(vegan.has(id), id).toBe(true);
    const quick = rankRecipes(demoCatalogue, ['egg', 'tomato', 'onion'], { maxMinutes: 20 });
    for (const s of quick) expect(s.recipe.totalMinutes ?? 99).toBeLessThanOrEqual(20);
    expect(quick.length).toBeGreaterThan(0);
  });
});
