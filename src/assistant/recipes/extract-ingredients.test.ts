import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.ts';
import { extractIngredients } from './extract-ingredients.ts';

const have = (text: string) => extractIngredients(text).have;
const without = (text: string) => extractIngredients(text).without;

describe('extractIngredients', () => {
  it('reads the three examples of the issue', () => {
    expect(have("j'ai 3 oeufs, un reste de gruyère et des tomates")).toEqual([
      'egg',
      'gruyere',
      'tomato',
    ]);
    expect(have('tengo pollo, arroz y pimientos')).toEqual(['chicken', 'rice', 'bell-pepper']);
    expect(have('eggs cheese tomatoes')).toEqual(['egg', 'cheese', 'tomato']);
  });

  it('parses leading quantities in digits and words', () => {
    const [egg] = extractIngredients("j'ai 3 oeufs").mentions;
    expect(egg?.quantity).toBe(3);
    expect(extractIngredients('dos tazas de arroz').mentions[0]?.quantity).toBe(2);
    expect(extractIngredients('200 g of spinach').mentions[0]?.quantity).toBe(200);
  });

  it('understands negation in each language, scoped to its clause', () => {
    expect(without('pas de lait')).toEqual(['milk']);
    expect(without("sans oeufs, mais j'ai des pâtes")).toEqual(['egg']);
    expect(have("sans oeufs, mais j'ai des pâtes")).toEqual(['pasta']);
    expect(without("pas de lait ni d'oeufs")).toEqual(['milk', 'egg']);
    expect(without('no eggs')).toEqual(['egg']);
    expect(without('without milk')).toEqual(['milk']);
    expect(without("I don't have butter")).toEqual(['butter']);
    expect(extractIngredients('rice, no milk and eggs')).toMatchObject({
      have: ['rice', 'egg'],
      without: ['milk'],
    });
    expect(without('sin huevo')).toEqual(['egg']);
    expect(extractIngredients('sin gluten ni leche, tengo arroz')).toMatchObject({
      have: ['rice'],
      without: ['milk'],
    });
  });

  it('ends a negation where a new "have" statement starts, but not right after a negation', () => {
    expect(extractIngredients('sin huevos ni leche: tengo harina y plátanos')).toMatchObject({
      have: ['flour', 'banana'],
      without: ['egg', 'milk'],
    });
    expect(extractIngredients('no tengo leche pero sí huevos')).toMatchObject({
      have: ['egg'],
      without: ['milk'],
    });
    expect(without("je n'ai pas de beurre")).toEqual(['butter']);
    expect(extractIngredients("I haven't got milk, only rice")).toMatchObject({
      have: ['rice'],
      without: ['milk'],
    });
    expect(extractIngredients('I have no cream, but I have spinach')).toMatchObject({
      have: ['spinach'],
      without: ['cream'],
    });
  });

  it('keeps specific kinds apart from the general ingredient', () => {
    expect(have('des épinards, de la crème fraîche et du saumon fumé')).toEqual([
      'spinach',
      'creme-fraiche',
      'smoked-salmon',
    ]);
    expect(have('cebollas moradas, ajos, pimientos rojos')).toEqual([
      'red-onion',
      'garlic',
      'bell-pepper',
    ]);
    expect(have('chicken stock, baking soda, egg yolks')).toEqual([
      'chicken-stock',
      'baking-soda',
      'egg-yolk',
    ]);
  });

  it('folds accents and case, with or without them', () => {
    expect(have('ŒUFS, Crème, GRUYÈRE')).toEqual(['egg', 'cream', 'gruyere']);
    expect(have('oeufs creme gruyere')).toEqual(['egg', 'cream', 'gruyere']);
    expect(have('Calabacín y champiñones')).toEqual(['zucchini', 'mushroom']);
    expect(have('calabacin y champinones')).toEqual(['zucchini', 'mushroom']);
    expect(have('JALAPEÑOS')).toEqual(['jalapeno']);
  });

  it('handles plurals and multi-word names', () => {
    expect(have('pommes de terre, poireaux, carottes')).toEqual(['potato', 'leek', 'carrot']);
    expect(have('pechuga de pollo, cebollas, pimientos')).toEqual([
      'chicken-breast',
      'onion',
      'bell-pepper',
    ]);
    expect(have('potatoes, cherries, peppers')).toEqual(['potato', 'cherry', 'bell-pepper']);
    expect(have('pâtes et patates douces')).toEqual(['pasta', 'sweet-potato']);
  });

  it('tolerates typos on longer words only', () => {
    expect(have('chiken, brocoli, tomatos')).toEqual(['chicken', 'broccoli', 'tomato']);
    expect(have('courgetes, champigons')).toEqual(['zucchini', 'mushroom']);
    expect(have('zanahorais, berenjna')).toEqual(['carrot', 'eggplant']);
    expect(have('sweet potatos, cebolla morda')).toEqual(['sweet-potato', 'red-onion']);
    expect(extractIngredients('chiken').mentions[0]?.fuzzy).toBe(true);
    // Short words are never guessed: "rix" is not rice.
    expect(have('rix')).toEqual([]);
  });

  it('ignores chat words that are not food', () => {
    expect(have("j'ai un reste dans le frigo")).toEqual([]);
    expect(have('what can I cook tonight?')).toEqual([]);
  });

  it('skips recipe-line words one typo from a food ("pieces" is not "peces", fish)', () => {
    expect(have('1 cup broccoli pieces')).toEqual(['broccoli']);
    expect(have('2 cups cracked wheat')).toEqual([]);
    expect(have('a few dashes of nutmeg')).toEqual(['nutmeg']);
    expect(have('1 egg yolk, whisked')).toEqual(['egg-yolk']);
    expect(have('600 g floury potatoes')).toEqual(['potato']);
    expect(have('heavy sprinkle of oregano')).toEqual(['oregano']);
  });

  it('reads a food naming a kitchen tool or a blend as no ingredient', () => {
    expect(have('1 cheese recipient')).toEqual([]);
    expect(have('a bread pan and flour')).toEqual(['flour']);
    expect(have('2 tbsp Nashville hot chicken seasoning')).toEqual([]);
    // A spice before "spice blend" is the spice itself.
    expect(have("2 tbsp za'atar spice blend")).toEqual(['zaatar']);
  });

  it('reads "pan" as the tool in English and as bread in Spanish', () => {
    expect(have('heat in a dry pan')).toEqual([]);
    expect(have('oven-safe pan')).toEqual([]);
    expect(have('peanut oil (1 inch in the pan)')).toEqual(['peanut-oil']);
    expect(have('tengo pan y queso')).toEqual(['bread', 'cheese']);
  });

  it('takes the kind a name is followed by as part of it ("pecorino romano cheese")', () => {
    expect(have('50 g grated pecorino romano cheese')).toEqual(['pecorino']);
    expect(have('chorizo sausage')).toEqual(['chorizo']);
    expect(have('cheddar and cheese')).toEqual(['cheddar', 'cheese']);
  });
});

describe('editDistance', () => {
  it('counts swaps as one edit and stops past the bound', () => {
    expect(editDistance('tomate', 'toamte', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
