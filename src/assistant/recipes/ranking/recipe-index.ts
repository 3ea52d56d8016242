import { defaultLexicon, type Lexicon } from '../lexicon/lexicon.ts';
import { ingredientCredits } from './ingredient-credit.ts';
import {
  type CatalogueRecipe,
  compareSuggestions,
  DEFAULT_MISSING_PENALTY,
  DEFAULT_STAPLES,
  inverseDocumentFrequency,
  passesFilters,
  type RankOptions,
  type Suggestion,
  scoreRecipe,
} from './rank-recipes.ts';

// Sums in a different order can differ in the last bits; anything this close to the cut-off
// is rescored exactly so the index returns what brute force returns.
const EPSILON = 1e-9;

/**
 * An inverted index (ingredient id → recipes using it) over a catalogue, for suggestions at
 * 100k recipes. Scores accumulate only over the recipes that share an ingredient with the
 * person, then the few near the top are rescored with the same `scoreRecipe` as
 * `rankRecipes`, so both give the same ranking. Staples, penalty and lexicon are fixed when
 * the index is built.
 */
export class RecipeIndex<R extends CatalogueRecipe = CatalogueRecipe> {
  readonly idf: Map<string, number>;
  private readonly postings = new Map<string, { recipes: Int32Array; optional: Uint8Array }>();
  /** λ · Σ idf of what each recipe needs (its score when the person has nothing). */
  private readonly baseline: Float64Array;
  /** Recipes with their own swaps cannot be accumulated; they are always rescored. */
  private readonly withSwaps: number[] = [];
  private readonly staples: ReadonlySet<string>;
  private readonly penalty: number;
  private readonly lexicon: Lexicon;

  constructor(
    readonly recipes: readonly R[],
    options: Pick<RankOptions, 'staples' | 'missingPenalty' | 'lexicon' | 'idf'> = {},
  ) {
    this.idf = options.idf ?? inverseDocumentFrequency(recipes);
    this.staples = new Set(options.staples ?? DEFAULT_STAPLES);
    this.penalty = options.missingPenalty ?? DEFAULT_MISSING_PENALTY;
    this.lexicon = options.lexicon ?? defaultLexicon;
    this.baseline = new Float64Array(recipes.length);
    this.score = new Float64Array(recipes.length);
    this.seen = new Uint8Array(recipes.length);
    const lists = new Map<string, { recipes: number[]; optional: number[] }>();
    recipes.forEach((recipe, index) => {
      if (recipe.substitutions) this.withSwaps.push(index);
      const optional = new Set(recipe.optional ?? []);
      for (const id of new Set([...recipe.ingredients, ...optional])) {
        if (this.staples.has(id)) continue;
        const list = lists.get(id) ?? { recipes: [], optional: [] };
        list.recipes.push(index);
        list.optional.push(optional.has(id) ? 1 : 0);
        lists.set(id, list);
        if (!optional.has(id))
          this.baseline[index] =
            (this.baseline[index] as number) - this.penalty * (this.idf.get(id) ?? 0);
      }
    });
    for (const [id, list] of lists)
      this.postings.set(id, {
        recipes: Int32Array.from(list.recipes),
        optional: Uint8Array.from(list.optional),
      });
  }

  // Scratch space reused across queries (JavaScript runs one query at a time); only the
  // touched entries are reset, so a query costs what it touches, not the catalogue size.
  private readonly score: Float64Array;
  private readonly seen: Uint8Array;

  /** Same contract as `rankRecipes(catalogue, have, options)`; staples etc. come from the index. */
  rank(
    have: readonly string[],
    options: Omit<RankOptions, 'staples' | 'missingPenalty' | 'lexicon' | 'idf'> = {},
  ): Suggestion<R>[] {
    const credits = ingredientCredits(have, this.lexicon, options.substitutions);
    const context = {
      staples: this.staples,
      idf: this.idf,
      penalty: this.penalty,
      lexicon: this.lexicon,
    };
    const { score, seen } = this;
    const touched: number[] = [];
    for (const [id, credit] of credits) {
      const list = this.postings.get(id);
      if (!list) continue;
      const weight = this.idf.get(id) ?? 0;
      const gain = credit.factor * weight;
      const recovered = this.penalty * weight;
      for (let i = 0; i < list.recipes.length; i++) {
        const r = list.recipes[i] as number;
        if (!seen[r]) {
          seen[r] = 1;
          score[r] = this.baseline[r] as number;
          touched.push(r);
        }
        score[r] = (score[r] as number) + (list.optional[i] ? gain : gain + recovered);
      }
    }
    // Recipes with their own swaps are scored exactly up front (they are few).
    for (const r of this.withSwaps) {
      const exact = scoreRecipe(
        this.recipes[r] as R,
        have,
        credits,
        context,
        options.substitutions,
      );
      if (!exact) continue;
      if (!seen[r]) {
        seen[r] = 1;
        touched.push(r);
      }
      score[r] = exact.score;
    }
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const passes = (r: number) => passesFilters(this.recipes[r] as R, options, this.lexicon);
    // Pass 1: the limit-th best score among recipes that pass the filters, found with a
    // small min-heap; filters are only checked for recipes that could enter it.
    let threshold = Number.NEGATIVE_INFINITY;
    if (Number.isFinite(limit)) {
      const heap: number[] = [];
      for (const r of touched) {
        const value = score[r] as number;
        if (heap.length >= limit && value < (heap[0] as number) - EPSILON) continue;
        if (!passes(r)) continue;
        pushBounded(heap, value, limit);
      }
      if (heap.length >= limit) threshold = (heap[0] as number) - EPSILON;
    }
    // Pass 2: everything at or above it is rescored exactly, ties included, then sorted.
    const kept: Suggestion<R>[] = [];
    for (const r of touched) {
      seen[r] = 0;
      if ((score[r] as number) < threshold || !passes(r)) continue;
      const suggestion = scoreRecipe(
        this.recipes[r] as R,
        have,
        credits,
        context,
        options.substitutions,
      );
      if (suggestion) kept.push(suggestion);
    }
    kept.sort(compareSuggestions);
    return Number.isFinite(limit) ? kept.slice(0, limit) : kept;
  }
}

/** Min-heap of at most `size` numbers: keeps the largest ones, smallest at the root. */
function pushBounded(heap: number[], value: number, size: number) {
  if (heap.length < size) {
    heap.push(value);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= (heap[i] as number)) break;
      [heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number];
      i = parent;
    }
    return;
  }
  if (value <= (heap[0] as number)) return;
  heap[0] = value;
  for (let i = 0; ; ) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && (heap[left] as number) < (heap[smallest] as number)) smallest = left;
    if (right < heap.length && (heap[right] as number) < (heap[smallest] as number))
      smallest = right;
    if (smallest === i) break;
    [heap[smallest], heap[i]] = [heap[i] as number, heap[smallest] as number];
    i = smallest;
  }
}
