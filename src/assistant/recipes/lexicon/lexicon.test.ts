import { describe, expect, it } from 'vitest';
import { defaultLexicon } from './lexicon.ts';
import { normalizeText } from './normalize-text.ts';

describe('the shipped lexicon', () => {
  const entries = [...defaultLexicon.byId.values()];

  it('has names in the three languages for common ingredients, one owner per name', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
    const owners = new Map<string, string>();
    for (const entry of entries)
      for (const name of [...entry.names.en, ...entry.names.fr, ...entry.names.es]) {
        const key = normalizeText(name);
        const owner = owners.get(key);
        expect(owner === undefined || owner === entry.id, `${key}: ${owner} and ${entry.id}`).toBe(
          true,
        );
        owners.set(key, entry.id);
      }
    for (const id of ['egg', 'tomato', 'chicken', 'rice', 'milk', 'potato', 'onion'])
      for (const language of ['en', 'fr', 'es'] as const)
        expect(defaultLexicon.get(id)?.names[language].length, `${id} ${language}`).toBeGreaterThan(
          0,
        );
  });

  it('links kinds to what they are a kind of, within the lexicon', () => {
    for (const entry of entries)
      for (const parent of entry.parents)
        expect(defaultLexicon.get(parent), `${entry.id} → ${parent}`).toBeDefined();
    expect(defaultLexicon.ancestors('lardon')).toEqual(['bacon']);
    expect(defaultLexicon.ancestors('smoked-salmon')).toEqual(['salmon', 'fish']);
    expect(defaultLexicon.descendants('cheese')).toEqual(
      expect.arrayContaining(['cheddar', 'parmesan', 'feta']),
    );
    // "Made from" is not "a kind of": tomato paste is not a tomato, kale is not a cabbage.
    expect(defaultLexicon.ancestors('tomato-paste')).toEqual([]);
    expect(defaultLexicon.ancestors('kale')).toEqual([]);
  });

  it('shows names with their accents and flags diets', () => {
    expect(defaultLexicon.label('pasta', 'fr')).toBe('pâtes');
    expect(defaultLexicon.label('egg', 'fr')).toBe('œuf');
    expect(defaultLexicon.label('zucchini', 'es')).toBe('calabacín');
    expect(defaultLexicon.label('garlic', 'en')).toBe('garlic');
    expect(defaultLexicon.get('chicken-stock')?.diet.vegetarian).toBe(false);
    expect(defaultLexicon.get('vegetable-stock')?.diet.vegan).toBe(true);
    expect(defaultLexicon.get('mayonnaise')?.diet).toMatchObject({
      vegetarian: true,
      vegan: false,
      egg: true,
    });
  });
  it('gives kinds recipes name apart their own entry, each named in the three languages', () => {
    const idOf = (name: string) => defaultLexicon.byName.get(normalizeText(name));
    expect(idOf('red pepper flakes')).toBe('chili-flakes');
    expect(idOf('piment en flocons')).toBe('chili-flakes');
    expect(idOf('pancetta')).toBe('pancetta');
    expect(idOf('raisins')).toBe('raisin');
    expect(idOf('thé vert')).toBe('green-tea');
    expect(idOf('corn oil')).toBe('oil');
    for (const id of ['chili-flakes', 'sriracha', 'bechamel', 'chicken-wing', 'pancetta', 'cognac'])
      for (const language of ['en', 'fr', 'es'] as const)
        expect(defaultLexicon.get(id)?.names[language].length, `${id} ${language}`).toBeGreaterThan(
          0,
        );
    expect(defaultLexicon.ancestors('sriracha')).toEqual(['hot-sauce']);
    expect(defaultLexicon.ancestors('chorizo')).toEqual(['sausage']);
    expect(defaultLexicon.get('bechamel')?.diet).toMatchObject({ vegan: false, gluten: true });
  });
});
