import { describe, expect, it } from 'vitest';
import { idsOfLines, parseIngredientLine } from './parse-ingredient-line.ts';

describe('parseIngredientLine', () => {
  it('reads ids, quantities and optional markers in fr, en and es', () => {
    expect(parseIngredientLine('2 tbsp olive oil')).toMatchObject({
      ids: ['olive-oil'],
      optional: false,
      quantity: 2,
    });
    expect(parseIngredientLine('Parmesan, to serve')).toMatchObject({
      ids: ['parmesan'],
      optional: true,
    });
    expect(parseIngredientLine('ciboulette (facultatif)')).toMatchObject({
      ids: ['chives'],
      optional: true,
    });
    expect(parseIngredientLine('aguacate (opcional)')).toMatchObject({
      ids: ['avocado'],
      optional: true,
    });
    expect(parseIngredientLine('sel et poivre')).toMatchObject({ ids: ['salt', 'black-pepper'] });
    // A line is a description, not a refusal: "without skin" keeps the salmon.
    expect(parseIngredientLine('2 salmon fillets without skin').ids).toEqual(['salmon']);
  });

  it('ignores link targets and addresses, keeping the link text', () => {
    // The target of a brand link spells "…-Mozzarella-Cheese-Chunk-with-Whole-Milk-…".
    const brand =
      '~8 oz shredded Mozzarella Cheese ([Poly-O](https://www.walmart.com/ip/Polly-O-Mozzarella-Cheese-Chunk-with-Whole-Milk-16-oz-Pack/10448265))';
    expect(parseIngredientLine(brand).ids).toEqual(['mozzarella']);
    expect(parseIngredientLine('2 [chicken breasts](/pan-seared-chicken)').ids).toEqual([
      'chicken-breast',
    ]);
    expect(parseIngredientLine('see www.example.com/milk-bread for the loaf').ids).toEqual([]);
  });

  it('reads "juice of a lemon" and "zest of an orange" as the juice and the zest', () => {
    expect(parseIngredientLine('Lemon juice from half a lemon').ids).toEqual(['lemon-juice']);
    expect(parseIngredientLine('Juice of 2-3 Limes').ids).toEqual(['lime-juice']);
    expect(parseIngredientLine('Juice from whole Lemon').ids).toEqual(['lemon-juice']);
    expect(parseIngredientLine("le jus d'un citron").ids).toEqual(['lemon-juice']);
    expect(parseIngredientLine('zumo de 2 limones').ids).toEqual(['lemon-juice']);
    expect(parseIngredientLine('Zest of 3 oranges').ids).toEqual(['orange-zest']);
    expect(parseIngredientLine("zeste d'une orange").ids).toEqual(['orange-zest']);
    expect(parseIngredientLine('2 lemons, juiced').ids).toEqual(['lemon-juice']);
    expect(parseIngredientLine('1 lemon, sliced').ids).toEqual(['lemon']);
  });

  it('keeps alternatives apart from the first choice, and never counts them missing', () => {
    expect(parseIngredientLine('Oil or Crème Fraîche')).toMatchObject({
      ids: ['oil', 'creme-fraiche'],
      alternatives: ['creme-fraiche'],
    });
    expect(parseIngredientLine('mantequilla o aceite').alternatives).toEqual(['oil']);
    expect(parseIngredientLine('beurre ou huile').alternatives).toEqual(['oil']);
    // The first part naming nothing ("24 oz or 1 jar of…") leaves the choice to the next.
    expect(parseIngredientLine('24 oz or 1 jar of Fradiavolo Sauce')).toMatchObject({
      ids: ['tomato-sauce'],
    });
    expect(parseIngredientLine('24 oz or 1 jar of Fradiavolo Sauce').alternatives).toBeUndefined();
    // "And/or" keeps both as needed.
    expect(parseIngredientLine('olive oil and/or butter').alternatives).toBeUndefined();
    // A note that offers a swap is an alternative too.
    expect(parseIngredientLine('2 tablespoons of sugar (brown sugar works too)')).toMatchObject({
      ids: ['sugar', 'brown-sugar'],
      alternatives: ['brown-sugar'],
    });
    const lines = ['Potatoes', 'Oil or Crème Fraîche', 'crème fraîche, to serve'].map((l) =>
      parseIngredientLine(l),
    );
    expect(idsOfLines(lines)).toEqual({
      ingredients: ['potato', 'oil'],
      optional: ['creme-fraiche'],
    });
    const needed = ['Butter or margarine', 'margarine'].map((l) => parseIngredientLine(l));
    expect(idsOfLines(needed).ingredients).toEqual(['butter', 'margarine']);
  });

  it('shares the head of "wheat or rye flour" between both sides', () => {
    expect(parseIngredientLine('Wheat or rye flour')).toMatchObject({
      ids: ['flour', 'rye-flour'],
      alternatives: ['rye-flour'],
    });
    expect(parseIngredientLine('2 cups chicken or beef broth').ids).toEqual([
      'chicken-stock',
      'beef-stock',
    ]);
    expect(parseIngredientLine('3-5 tbsp black (or green) tea').ids).toEqual([
      'black-tea',
      'green-tea',
    ]);
  });

  it('lets a kind named in brackets say which one, and drops conditions', () => {
    expect(parseIngredientLine('500g flour (Wholemeal Wheat Flour)').ids).toEqual([
      'whole-wheat-flour',
    ]);
    expect(parseIngredientLine('chili sauce (e.g Sriracha)').ids).toEqual(['sriracha']);
    expect(parseIngredientLine('1 pound spaghetti (or similarly shaped pasta)').ids).toEqual([
      'spaghetti',
    ]);
    // Named side by side, both are needed.
    expect(parseIngredientLine('sugar and brown sugar').ids).toEqual(['sugar', 'brown-sugar']);
    expect(
      parseIngredientLine('1 clove garlic, if using mayonnaise and not aioli (optional)'),
    ).toMatchObject({ ids: ['garlic'], optional: true });
  });

  it('counts an id as needed when any line needs it', () => {
    const lines = ['1 lemon', 'lemon wedges to serve', 'basil (optional)'].map((l) =>
      parseIngredientLine(l),
    );
    expect(idsOfLines(lines)).toEqual({ ingredients: ['lemon'], optional: ['basil'] });
  });
});
