import { z } from 'zod';
import { DIETS, type Diet } from '../ranking/rank-recipes.ts';

export const LANGUAGES = ['fr', 'en', 'es'] as const;

const minutes = z
  .number({ error: 'expected a number of minutes, e.g. 20' })
  .int('use whole minutes, e.g. 20')
  .min(0, 'minutes cannot be negative')
  .max(7 * 24 * 60, 'more than a week: give minutes, not seconds');

/**
 * One catalogue record as a brand gives it (JSON, or what the CSV and JSON-LD readers
 * produce). Ingredients are the lines as written; the importer maps them to lexicon ids.
 */
export const recipeRecordSchema = z.object({
  id: z
    .string({ error: 'add an "id" (letters, digits and dashes, unique in the catalogue)' })
    .regex(
      /^[a-z0-9][a-z0-9-]{0,99}$/,
      'id: use lower-case letters, digits and dashes, e.g. "tortilla-de-patatas"',
    ),
  title: z.string({ error: 'add a "title"' }).trim().min(1, 'title is empty'),
  language: z.enum(LANGUAGES, { error: 'language: use "fr", "en" or "es"' }),
  ingredients: z
    .array(z.string().trim().min(1, 'an ingredient line is empty'), {
      error: 'ingredients: give a list of lines such as "3 eggs"',
    })
    .min(1, 'ingredients: give at least one line'),
  steps: z
    .array(z.string().trim().min(1, 'a step is empty'), {
      error: 'steps: give a list of sentences',
    })
    .min(1, 'steps: give at least one step'),
  prepMinutes: minutes.optional(),
  cookMinutes: minutes.optional(),
  totalMinutes: minutes.optional(),
  servings: z
    .number({ error: 'servings: a number of people, e.g. 4' })
    .int('servings: a whole number')
    .positive('servings: at least 1')
    .optional(),
  tags: z.array(z.string().trim().min(1)).default([]),
  /** Diets the brand vouches for; the lexicon still checks every ingredient. */
  diet: z.array(z.enum(DIETS, { error: `diet: use ${DIETS.join(', ')}` })).default([]),
  image: z.url({ error: 'image: give an absolute http(s) URL' }).optional(),
  url: z
    .url({ error: 'url: give the canonical absolute http(s) URL of the recipe page' })
    .optional(),
  /** Swaps the recipe allows: ingredient id → ids that can stand in ("cream": ["yogurt"]). */
  substitutions: z.record(z.string(), z.array(z.string())).optional(),
});

export type RecipeRecord = z.input<typeof recipeRecordSchema>;
export type ValidRecipeRecord = z.output<typeof recipeRecordSchema>;
export type RecipeLanguage = (typeof LANGUAGES)[number];
export type { Diet };
