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

  it('counts an id as needed when any line needs it', () => {
    const lines = ['1 lemon', 'lemon wedges to serve', 'basil (optional)'].map((l) =>
      parseIngredientLine(l),
    );
    expect(idsOfLines(lines)).toEqual({ ingredients: ['lemon'], optional: ['basil'] });
  });
});
