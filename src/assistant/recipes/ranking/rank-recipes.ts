import { type DietFlags, defaultLexicon, type Lexicon } from '../lexicon/lexicon.ts';
import { type Credit, ingredientCredits } from './ingredient-credit.ts';

/** What ranking needs to know about a recipe; the full catalogue record extends it. */
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
  /** Diets the recipe declares; a declared `false` filters it out even if the lexicon agrees. */
  diet?: Partial<Record<Diet, boolean>>;
  /** Swaps the recipe itself allows: needed id → ids that can stand in for it. */
  substitutions?: Record<string, string[]>;
}

export const DIETS = ['vegetarian', 'vegan', 'gluten-free', 'dairy-free', 'egg-free'] as const;
export type Diet = (typeof DIETS)[number];

export interface RankOptions {
  /** Assumed to be in every kitchen: never missing, never credited. */
  staples?: readonly string[];
  diet?: readonly Diet[];
  maxMinutes?: number;
  /** Recipes needing any of these are dropped ("without eggs"). */
  exclude?: readonly string[];
  /** Recipes already shown ("another one"). */
  skip?: readonly string[];
  /** Only recipes written in one of these languages (recipes without one always pass). */
  languages?: readonly string[];
  /** Weight of a missing ingredient against a used one (0.5 measured best, research §3.2). */
  missingPenalty?: number;
  /**
   * Credit related ingredients too: kinds (cheddar serves "cheese"), and these groups of
   * interchangeable ids at partial credit, shown as swaps. Off unless given; pass
   * `DEFAULT_SUBSTITUTIONS` for the curated table.
   */
  substitutions?: readonly (readonly string[])[];
  limit?: number;
  lexicon?: Lexicon;
  /** Precomputed by `inverseDocumentFrequency` when ranking the same catalogue many times. */
  idf?: Map<string, number>;
}

export interface Suggestion<R extends CatalogueRecipe = CatalogueRecipe> {
  recipe: R;
  score: number;
  /** Recipe ingredients the person has (or has a kind of). */
  have: string[];
  /** Recipe ingredients the person can replace with something they have. */
  swaps: { need: string; use: string }[];
  /** What the recipe needs that the person lacks (staples and optional ones excluded). */
  missing: string[];
  /** Staples the recipe uses that were assumed present. */
  assumed: string[];
}

// Every kind of cooking oil counts: they sit in nearly every kitchen (research §3.3).
export const DEFAULT_STAPLES: readonly string[] = [
  'salt',
  'black-pepper',
  'oil',
  'olive-oil',
  'peanut-oil',
  'water',
];
export const DEFAULT_MISSING_PENALTY = 0.5;

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

/** Whether a recipe fits a diet by every ingredient it lists, optional ones included. */
export function fitsDiet(recipe: CatalogueRecipe, diet: Diet, lexicon: Lexicon): boolean {
  if (recipe.diet?.[diet] === false) return false;
  for (const id of [...recipe.ingredients, ...(recipe.optional ?? [])]) {
    const flags = lexicon.get(id)?.diet;
    if (flags && VIOLATES[diet](flags)) return false;
  }
  return true;
}

export function passesFilters(
  recipe: CatalogueRecipe,
  options: RankOptions,
  lexicon: Lexicon,
): boolean {
  if (options.maxMinutes !== undefined) {
    // An unknown time cannot be promised to fit, so it is filtered out too.
    if (recipe.totalMinutes === undefined || recipe.totalMinutes > options.maxMinutes) return false;
  }
  if (options.skip?.includes(recipe.id)) return false;
  if (options.languages && recipe.language && !options.languages.includes(recipe.language))
    return false;
  const exclude = options.exclude ?? [];
  if (recipe.ingredients.some((id) => exclude.includes(id))) return false;
  return (options.diet ?? []).every((diet) => fitsDiet(recipe, diet, lexicon));
}

/** The shared scoring rule: the brute-force ranker and the index both call it. */
export function scoreRecipe<R extends CatalogueRecipe>(
  recipe: R,
  have: readonly string[],
  credits: Map<string, Credit>,
  context: {
    staples: ReadonlySet<string>;
    idf: Map<string, number>;
    penalty: number;
    lexicon: Lexicon;
  },
  substitutions: readonly (readonly string[])[] | undefined,
): Suggestion<R> | undefined {
  const own = recipe.substitutions
    ? ingredientCredits(have, context.lexicon, substitutions, recipe.substitutions)
    : credits;
  const optional = new Set(recipe.optional ?? []);
  const suggestion: Suggestion<R> = {
    recipe,
    score: 0,
    have: [],
    swaps: [],
    missing: [],
    assumed: [],
  };
  for (const id of new Set([...recipe.ingredients, ...optional])) {
    const weight = context.idf.get(id) ?? 0;
    const credit = own.get(id);
    if (context.staples.has(id)) suggestion.assumed.push(id);
    else if (credit) {
      suggestion.score += credit.factor * weight;
      if (credit.factor === 1) suggestion.have.push(id);
      else suggestion.swaps.push({ need: id, use: credit.from });
    } else if (!optional.has(id)) {
      suggestion.missing.push(id);
      suggestion.score -= context.penalty * weight;
    }
  }
  return suggestion.have.length + suggestion.swaps.length === 0 ? undefined : suggestion;
}

/** Best first: score, then fewer missing, then shorter, then id (so results are stable). */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return (
    b.score - a.score ||
    a.missing.length - b.missing.length ||
    (a.recipe.totalMinutes ?? Number.POSITIVE_INFINITY) -
      (b.recipe.totalMinutes ?? Number.POSITIVE_INFINITY) ||
    (a.recipe.id < b.recipe.id ? -1 : a.recipe.id > b.recipe.id ? 1 : 0)
  );
}

/**
 * Ranks a catalogue for what a person has: Σ credit · idf(used) − penalty · Σ idf(missing),
 * after hard filters on diet, time and exclusions. Scores every recipe (brute force); use
 * `RecipeIndex` for large catalogues, which returns the same ranking.
 */
export function rankRecipes<R extends CatalogueRecipe>(
  catalogue: readonly R[],
  have: readonly string[],
  options: RankOptions = {},
): Suggestion<R>[] {
  const lexicon = options.lexicon ?? defaultLexicon;
  const substitutions = options.substitutions;
  const context = {
    staples: new Set(options.staples ?? DEFAULT_STAPLES),
    idf: options.idf ?? inverseDocumentFrequency(catalogue),
    penalty: options.missingPenalty ?? DEFAULT_MISSING_PENALTY,
    lexicon,
  };
  const credits = ingredientCredits(have, lexicon, substitutions);
  const suggestions: Suggestion<R>[] = [];
  for (const recipe of catalogue) {
    if (!passesFilters(recipe, options, lexicon)) continue;
    const suggestion = scoreRecipe(recipe, have, credits, context, substitutions);
    if (suggestion) suggestions.push(suggestion);
  }
  suggestions.sort(compareSuggestions);
  return options.limit === undefined ? suggestions : suggestions.slice(0, options.limit);
}
