/**
 * The recovery protocol of issue 8, shared by run.ts (the ranker) and ceiling.ts (what any
 * ranker could reach): based.cooking mapped to lexicon ids, and for each recipe with ≥ 3
 * non-staple ids a fridge without 2 of them and with 5 others drawn by popularity.
 */
import { readFileSync } from 'node:fs';
import { parseIngredientLine } from '../../src/assistant/recipes/parse-ingredient-line.ts';
import {
  type CatalogueRecipe,
  DEFAULT_STAPLES,
  inverseDocumentFrequency,
} from '../../src/assistant/recipes/ranking/rank-recipes.ts';
import { prng } from '../recipes/synthesize.ts';

interface BasedRecipe {
  id: string;
  title: string;
  ingredients: string[] | null;
}

export const DROPPED = 2;
export const DISTRACTORS = 5;

export function loadRecoveryCatalogue(path: string) {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as BasedRecipe[];
  let lines = 0;
  let mappedLines = 0;
  const catalogue: CatalogueRecipe[] = [];
  for (const recipe of raw) {
    const parsed = (recipe.ingredients ?? []).map((line) => parseIngredientLine(line));
    lines += parsed.length;
    mappedLines += parsed.filter((line) => line.ids.length > 0).length;
    // Every id counts as needed, "(optional)" lines included: the importer reads those as
    // optional, but the protocol fixed in the first run of this test did not.
    const ingredients = [...new Set(parsed.flatMap((line) => line.ids))];
    if (ingredients.length > 0) catalogue.push({ id: recipe.id, title: recipe.title, ingredients });
  }
  const staples = new Set(DEFAULT_STAPLES);
  // Distractors are drawn by popularity, as a real fridge holds common things more often.
  const pool = catalogue.flatMap((r) => r.ingredients.filter((id) => !staples.has(id)));
  return {
    recipes: raw.length,
    lines,
    mappedLines,
    catalogue,
    staples,
    pool,
    idf: inverseDocumentFrequency(catalogue),
  };
}

export type RecoveryCatalogue = ReturnType<typeof loadRecoveryCatalogue>;

/**
 * The fridge of one trial, or undefined when the recipe has fewer than 3 non-staple ids. Every
 * recipe draws from its own stream (seed, recipe index), so a change to one recipe's mapping
 * leaves every other recipe's trial as it was.
 */
export function drawFridge(
  { catalogue, staples, pool }: RecoveryCatalogue,
  index: number,
  seed: number,
): Set<string> | undefined {
  const recipe = catalogue[index] as CatalogueRecipe;
  const random = prng(Math.imul(seed, 0x9e3779b1) ^ (index + 1));
  const own = recipe.ingredients.filter((id) => !staples.has(id));
  if (own.length < 3) return undefined;
  const kept = [...own];
  for (let k = 0; k < DROPPED; k++) kept.splice(Math.floor(random() * kept.length), 1);
  const fridge = new Set(kept);
  let added = 0;
  while (added < DISTRACTORS) {
    const id = pool[Math.floor(random() * pool.length)] ?? '';
    if (recipe.ingredients.includes(id) || fridge.has(id)) continue;
    fridge.add(id);
    added++;
  }
  return fridge;
}
