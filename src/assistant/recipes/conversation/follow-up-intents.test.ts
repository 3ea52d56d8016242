import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';
import { readFollowUp } from './follow-up-intents.ts';

describe('readFollowUp', () => {
  it('reads "another one" in fr, en and es', () => {
    for (const text of [
      'another one',
      'une autre',
      'otra',
      'something else please',
      'encore une idée',
      'otra receta',
    ])
      expect(readFollowUp(text).another, text).toBe(true);
    expect(readFollowUp('eggs and cheese').another).toBe(false);
  });

  it('reads diets and time limits in fr, en and es', () => {
    expect(readFollowUp('vegetarian please')).toMatchObject({ diets: ['vegetarian'] });
    expect(readFollowUp('végétarien')).toMatchObject({ diets: ['vegetarian'] });
    expect(readFollowUp('algo vegano')).toMatchObject({ diets: ['vegan'] });
    expect(readFollowUp('sans gluten')).toMatchObject({ diets: ['gluten-free'] });
    expect(readFollowUp('under 20 minutes').maxMinutes).toBe(20);
    expect(readFollowUp('en moins de 15 min').maxMinutes).toBe(15);
    expect(readFollowUp('menos de 30 minutos').maxMinutes).toBe(30);
    expect(readFollowUp('something quick').maxMinutes).toBe(20);
    expect(readFollowUp('3 eggs').maxMinutes).toBeUndefined();
  });

  it('reads yes, no, restart and a bare list number', () => {
    expect(readFollowUp('oui').yes).toBe(true);
    expect(readFollowUp('sí, correcto').yes).toBe(true);
    expect(readFollowUp('no').no).toBe(true);
    expect(readFollowUp('no eggs').no).toBe(false);
    expect(readFollowUp('recommencer').restart).toBe(true);
    expect(readFollowUp(' 2 ').pick).toBe(2);
    expect(readFollowUp('2 eggs').pick).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it('tells fr, en and es apart from function words and ingredient names', () => {
    expect(detectLanguage("j'ai des oeufs et du lait")).toBe('fr');
    expect(detectLanguage('I have eggs and milk')).toBe('en');
    expect(detectLanguage('tengo huevos y leche')).toBe('es');
    expect(detectLanguage('huevos, cebolla')).toBe('es');
    expect(detectLanguage('oeufs, poireaux')).toBe('fr');
    expect(detectLanguage('2')).toBeUndefined();
  });
});
