import { describe, expect, it } from 'vitest';
import { importCatalogue } from './import-catalogue.ts';
import { isoDurationMinutes } from './json-ld-recipe.ts';

const good = {
  id: 'tomato-toast',
  title: 'Tomato toast',
  language: 'en',
  ingredients: ['2 slices bread', '2 tomatoes', 'olive oil', 'basil (optional)'],
  steps: ['Toast the bread.', 'Top with sliced tomatoes and oil.'],
  prepMinutes: 5,
  cookMinutes: 3,
  servings: 1,
  tags: ['quick'],
  diet: ['vegan'],
  image: 'https://brand.example/img/tomato-toast.jpg',
  url: 'https://brand.example/recipes/tomato-toast',
};

describe('importCatalogue', () => {
  it('imports JSON records with lexicon ids, optional lines, total time and diets', () => {
    const { recipes, errors, warnings } = importCatalogue(JSON.stringify([good]));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(recipes[0]).toMatchObject({
      id: 'tomato-toast',
      ingredients: ['bread', 'tomato', 'olive-oil'],
      optional: ['basil'],
      totalMinutes: 8,
      url: 'https://brand.example/recipes/tomato-toast',
    });
    expect(recipes[0]?.diets).toEqual(['vegetarian', 'vegan', 'dairy-free', 'egg-free']);
  });

  it('reports each bad record with its position, id and how to fix it, and keeps the good ones', () => {
    const records = [
      good,
      { ...good, id: 'No Spaces', language: 'de' },
      { ...good, id: 'no-steps', steps: [] },
      { ...good, id: 'tomato-toast' },
      { ...good, id: 'fake-veggie', ingredients: ['chicken', 'rice'], diet: ['vegetarian'] },
      { ...good, id: 'nothing-known', ingredients: ['zorglub', 'blorp'] },
      { ...good, id: 'bad-url', url: 'brand.example/x', servings: 0 },
      { title: 'no id' },
    ];
    const { recipes, errors } = importCatalogue(JSON.stringify({ recipes: records }));
    expect(recipes.map((r) => r.id)).toEqual(['tomato-toast']);
    expect(errors).toEqual([
      {
        record: 2,
        id: 'No Spaces',
        message: expect.stringMatching(/^id: use lower-case.*; language: use "fr", "en" or "es"$/),
      },
      { record: 3, id: 'no-steps', message: 'steps: give at least one step' },
      {
        record: 4,
        id: 'tomato-toast',
        message: 'duplicate id "tomato-toast": ids must be unique in a catalogue',
      },
      {
        record: 5,
        id: 'fake-veggie',
        message: 'diet: claims vegetarian but lists chicken; remove the claim or the ingredient',
      },
      {
        record: 6,
        id: 'nothing-known',
        message: expect.stringMatching(/^no ingredient line matched the lexicon/),
      },
      {
        record: 7,
        id: 'bad-url',
        message:
          'servings: at least 1; url: give the canonical absolute http(s) URL of the recipe page',
      },
      { record: 8, message: expect.stringMatching(/add an "id"/) },
    ]);
  });

  it('warns about lines the lexicon does not know without refusing the recipe', () => {
    const { recipes, warnings } = importCatalogue(
      JSON.stringify([{ ...good, ingredients: [...good.ingredients, '1 pinch of zorglub'] }]),
    );
    expect(recipes).toHaveLength(1);
    expect(warnings).toEqual([
      {
        record: 1,
        id: 'tomato-toast',
        message: 'ingredient "1 pinch of zorglub" is not in the lexicon: it will not be matched',
      },
    ]);
  });

  it('reads schema.org Recipe JSON-LD from an HTML page, with HowToSteps, ISO durations and diets', () => {
    const jsonLd = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'ignored' },
        {
          '@type': ['Recipe'],
          '@id': 'https://brand.example/recettes/gratin#recipe',
          name: 'Gratin de courgettes',
          inLanguage: 'fr-FR',
          recipeIngredient: ['3 courgettes', '20 cl de crème', '80 g de gruyère râpé'],
          recipeInstructions: [
            {
              '@type': 'HowToSection',
              itemListElement: [{ '@type': 'HowToStep', text: 'Couper les courgettes.' }],
            },
            { '@type': 'HowToStep', text: 'Couvrir de crème et de gruyère, cuire 30 min.' },
          ],
          prepTime: 'PT10M',
          cookTime: 'PT30M',
          recipeYield: ['4', '4 personnes'],
          keywords: 'légumes, four',
          recipeCategory: 'Plat',
          suitableForDiet: 'https://schema.org/VegetarianDiet',
          image: { '@type': 'ImageObject', url: 'https://brand.example/gratin.jpg' },
          mainEntityOfPage: { '@id': 'https://brand.example/recettes/gratin' },
        },
      ],
    };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head></html>`;
    const { recipes, errors } = importCatalogue(html, { fileName: 'gratin.html' });
    expect(errors).toEqual([]);
    expect(recipes[0]).toMatchObject({
      id: 'gratin',
      title: 'Gratin de courgettes',
      language: 'fr',
      ingredients: ['zucchini', 'cream', 'gruyere'],
      steps: ['Couper les courgettes.', 'Couvrir de crème et de gruyère, cuire 30 min.'],
      totalMinutes: 40,
      servings: 4,
      tags: ['légumes', 'four', 'Plat'],
      image: 'https://brand.example/gratin.jpg',
      url: 'https://brand.example/recettes/gratin',
    });
    expect(recipes[0]?.diets).toContain('vegetarian');
  });

  it('reads CSV with quoted multi-line cells and reports bad rows', () => {
    const csv = [
      'id,title,language,ingredients,steps,totalMinutes,servings,tags',
      'arroz-blanco,Arroz blanco,es,"200 g de arroz|1 diente de ajo","Sofreír el ajo.\nAñadir arroz y agua, cocer 18 minutos.",25,2,"rápido|arroz"',
      'sopa,"Sopa, sin más",es,agua,"Hervir.",muchos,2,',
    ].join('\n');
    const { recipes, errors } = importCatalogue(csv, { fileName: 'recetas.csv' });
    expect(recipes[0]).toMatchObject({
      id: 'arroz-blanco',
      ingredients: ['rice', 'garlic'],
      steps: ['Sofreír el ajo.', 'Añadir arroz y agua, cocer 18 minutos.'],
      totalMinutes: 25,
      tags: ['rápido', 'arroz'],
    });
    expect(errors).toEqual([
      { record: 2, id: 'sopa', message: 'totalMinutes: expected a number of minutes, e.g. 20' },
    ]);
    expect(importCatalogue('id,name\nx,y', { format: 'csv' }).errors[0]?.message).toMatch(
      /^unknown CSV column\(s\) name; expected id, title/,
    );
  });

  it('decodes HTML entities and tags left in JSON-LD strings', () => {
    const node = {
      '@type': 'Recipe',
      name: 'Cr&egrave;me br&#xFB;l&eacute;e',
      inLanguage: 'fr',
      url: 'https://brand.example/creme-brulee',
      recipeIngredient: [
        '50 cl de cr&egrave;me',
        '<b>5</b> jaunes d&#39;&oelig;uf',
        '100 g de sucre',
      ],
      recipeInstructions: 'Chauffer la cr&egrave;me.\nCuire au four.',
    };
    const { recipes, errors } = importCatalogue(JSON.stringify(node), { format: 'jsonld' });
    expect(errors).toEqual([]);
    expect(recipes[0]).toMatchObject({
      id: 'creme-brulee',
      title: 'Crème brûlée',
      ingredients: ['cream', 'egg-yolk', 'sugar'],
      steps: ['Chauffer la crème.', 'Cuire au four.'],
    });
  });

  it('reads ISO 8601 durations', () => {
    expect(isoDurationMinutes('PT1H20M')).toBe(80);
    expect(isoDurationMinutes('P0DT45M')).toBe(45);
    expect(isoDurationMinutes('PT90S')).toBe(2);
    expect(isoDurationMinutes('20 minutes')).toBeUndefined();
  });
});
