import { type DietFlags, defaultLexicon, type Lexicon } from './lexicon/lexicon.ts';

export interface CatalogueRecipe {
  id: string;
  title: string;
  language?: string;
  /** Lexicon ids of what the recipe needs. */
  ingredients: string[];
  /** Lexicon ids that never count as missing (garnish, "optional"). */
  optional?: string[];
  /** Prep plus cook time, when known. */
  totalMinutes?: number;
}

export type Diet = 'vegetarian' | 'vegan' | 'gluten-free' | 'dairy-free' | 'egg-free';

export interface RankOptions {
  /** Assumed to be in every kitchen: never missing, never credited. */
  staples?: readonly string[];
  diet?: readonly Diet[];
  maxMinutes?: number;
  /** Recipes needing any of these are dropped ("without eggs"). */
  exclude?: readonly string[];
  /** Weight of a missing ingredient against a used one (0.5 measured best, research §3.2). */
  missingPenalty?: number;
  limit?: number;
  lexicon?: Lexicon;
  /** Precomputed by `inverseDocumentFrequency` when ranking the same catalogue many times. */
  idf?: Map<string, number>;
}

export interface Suggestion {
  recipe: CatalogueRecipe;
  score: number;
  /** What the person has that the recipe uses. */
  have: string[];
  /** What the recipe needs that the person lacks (staples and optional ones excluded). */
  missing: string[];
  /** Staples the recipe uses that were assumed present. */
  assumed: string[];
}

// Olive oil counts as cooking oil: both sit in nearly every kitchen (research §3.3).
export const DEFAULT_STAPLES: readonly string[] = [
  'salt',
  'black-pepper',
  'oil',
  'olive-oil',
  'water',
];

/** log(N / df): rare ingredients (guanciale) say more about a recipe than common ones (egg). */
export function inverseDocumentFrequency(catalogue: readonly CatalogueRecipe[]) {
  const df = new Map<string, number>();
  for (const recipe of catalogue)
    for (const id of new Set(recipe.ingredients)) df.set(id, (df.get(id) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [id, count] of df) idf.set(id, Math.log((catalogue.length + 1) / count));
  return idf;
}

const VIOLATES: Record<Diet, (flags: DietFlags) => boolean> = {
  vegetarian: (f) => !f.vegetarian,
  vegan: (f) => !f.vegan,
  'gluten-free': (f) => f.gluten,
  'dairy-free': (f) => f.dairy,
  'egg-free': (f) => f.egg,
};

function passesFilters(recipe: CatalogueRecipe, options: RankOptions, lexicon: Lexicon): boolean {
  if (options.maxMinutes !== undefined) {
    // An unknown time cannot be promised to fit, so it is filtered out too.
    if (recipe.totalMinutes === undefined || recipe.totalMinutes > options.maxMinutes) return false;
  }
  const exclude = options.exclude ?? [];
  for (const id of recipe.ingredients) {
    if (exclude.includes(id)) return false;
    const flags = lexicon.get(id)?.diet;
    if (flags && options.diet?.some((diet) => VIOLATES[diet](flags))) return false;
  }
  return true;
}

/**
 * Ranks a catalogue for what a person has: Σ idf(used) − penalty · Σ idf(missing), after hard
 * filters on diet, time and exclusions; ties go to fewer missing, then shorter, then id.
 */
export function rankRecipes(
  catalogue: readonly CatalogueRecipe[],
  have: readonly string[],
  options: RankOptions = {},
): Suggestion[] {
  const lexicon = options.lexicon ?? defaultLexicon;
  const staples = new Set(options.staples ?? DEFAULT_STAPLES);
  const penalty = options.missingPenalty ?? 0.5;
  const idf = options.idf ?? inverseDocumentFrequency(catalogue);
  const owned = new Set(have);
  const suggestions: Suggestion[] = [];
  for (const recipe of catalogue) {
    if (!passesFilters(recipe, options, lexicon)) continue;
    const optional = new Set(recipe.optional ?? []);
    const used: string[] = [];
    const missing: string[] = [];
    const assumed: string[] = [];
    let score = 0;
    for (const id of new Set(recipe.ingredients)) {
      const weight = idf.get(id) ?? 0;
      if (staples.has(id)) assumed.push(id);
      else if (owned.has(id)) {
        used.push(id);
        score += weight;
      } else if (!optional.has(id)) {
        missing.push(id);
        score -= penalty * weight;
      }
    }
    if (used.length === 0) continue;
    suggestions.push({ recipe, score, have: used, missing, assumed });
  }
  suggestions.sort(
    (a, b) =>
      b.score - a.score ||
      a.missing.length - b.missing.length ||
      (a.recipe.totalMinutes ?? Number.POSITIVE_INFINITY) -
        (b.recipe.totalMinutes ?? Number.POSITIVE_INFINITY) ||
      a.recipe.id.localeCompare(b.recipe.id),
  );
  return options.limit === undefined ? suggestions : suggestions.slice(0, options.limit);
}
