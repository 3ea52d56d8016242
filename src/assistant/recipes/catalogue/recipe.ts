import { defaultLexicon, type Lexicon } from '../lexicon/lexicon.ts';
import { type IngredientLine, idsOfLines, parseIngredientLine } from '../parse-ingredient-line.ts';
import { type CatalogueRecipe, DIETS, type Diet, fitsDiet } from '../ranking/rank-recipes.ts';
import type { RecipeLanguage, ValidRecipeRecord } from './recipe-schema.ts';

/** A catalogue recipe ready to rank and to show as a card. */
export interface Recipe extends CatalogueRecipe {
  language: RecipeLanguage;
  /** The lines as written, each with the lexicon ids found in it. */
  lines: IngredientLine[];
  steps: string[];
  prepMinutes?: number;
  cookMinutes?: number;
  servings?: number;
  tags: string[];
  /** Diets the recipe fits, checked ingredient by ingredient against the lexicon. */
  diets: Diet[];
  image?: string;
  url?: string;
}

export type RecipeResult =
  | { ok: true; recipe: Recipe; warnings: string[] }
  | { ok: false; error: string };

/**
 * Turns a validated record into a `Recipe`: maps each line to lexicon ids, derives the total
 * time and the diets, and refuses claims the ingredients contradict (a "vegetarian" recipe
 * listing chicken), since a wrong diet filter is worse than none.
 */
export function toRecipe(
  record: ValidRecipeRecord,
  lexicon: Lexicon = defaultLexicon,
): RecipeResult {
  const lines = record.ingredients.map((line) => parseIngredientLine(line, lexicon));
  const { ingredients, optional } = idsOfLines(lines);
  if (ingredients.length + optional.length === 0)
    return {
      ok: false,
      error:
        'no ingredient line matched the lexicon: write ingredients as plain names in French, English or Spanish ("3 eggs", "200 g de riz")',
    };
  for (const need of Object.keys(record.substitutions ?? {}))
    if (!lexicon.get(need))
      return {
        ok: false,
        error: `substitutions: "${need}" is not a lexicon id (see penumbra recipes --help)`,
      };
  const recipe: Recipe = {
    id: record.id,
    title: record.title,
    language: record.language,
    ingredients,
    optional,
    lines,
    steps: record.steps,
    tags: record.tags,
    diets: [],
  };
  const total =
    record.totalMinutes ??
    (record.prepMinutes !== undefined || record.cookMinutes !== undefined
      ? (record.prepMinutes ?? 0) + (record.cookMinutes ?? 0)
      : undefined);
  if (total !== undefined) recipe.totalMinutes = total;
  if (record.prepMinutes !== undefined) recipe.prepMinutes = record.prepMinutes;
  if (record.cookMinutes !== undefined) recipe.cookMinutes = record.cookMinutes;
  if (record.servings !== undefined) recipe.servings = record.servings;
  if (record.image !== undefined) recipe.image = record.image;
  if (record.url !== undefined) recipe.url = record.url;
  if (record.substitutions) recipe.substitutions = record.substitutions;
  recipe.diets = DIETS.filter((diet) => fitsDiet(recipe, diet, lexicon));
  for (const claim of record.diet)
    if (!recipe.diets.includes(claim)) {
      const culprit = recipe.ingredients.find(
        (id) => !fitsDiet({ ...recipe, ingredients: [id], optional: [] }, claim, lexicon),
      );
      return {
        ok: false,
        error: `diet: claims ${claim} but lists ${culprit ?? 'an ingredient that is not'}; remove the claim or the ingredient`,
      };
    }
  recipe.diet = Object.fromEntries(DIETS.map((diet) => [diet, recipe.diets.includes(diet)]));
  const warnings = lines
    .filter((line) => line.ids.length === 0)
    .map((line) => `ingredient "${line.text}" is not in the lexicon: it will not be matched`);
  return { ok: true, recipe, warnings };
}

/** Back to the plain record form (what `penumbra recipes import --out` writes). */
export function toRecord(recipe: Recipe): ValidRecipeRecord {
  const record: ValidRecipeRecord = {
    id: recipe.id,
    title: recipe.title,
    language: recipe.language,
    ingredients: recipe.lines.map((line) => line.text),
    steps: recipe.steps,
    tags: recipe.tags,
    diet: recipe.diets,
  };
  if (recipe.prepMinutes !== undefined) record.prepMinutes = recipe.prepMinutes;
  if (recipe.cookMinutes !== undefined) record.cookMinutes = recipe.cookMinutes;
  if (recipe.totalMinutes !== undefined) record.totalMinutes = recipe.totalMinutes;
  if (recipe.servings !== undefined) record.servings = recipe.servings;
  if (recipe.image !== undefined) record.image = recipe.image;
  if (recipe.url !== undefined) record.url = recipe.url;
  if (recipe.substitutions !== undefined) record.substitutions = recipe.substitutions;
  return record;
}
