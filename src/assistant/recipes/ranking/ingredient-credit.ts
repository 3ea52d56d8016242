import type { Lexicon } from '../lexicon/lexicon.ts';

/** How much a recipe ingredient is worth given what the person has, and through what. */
export interface Credit {
  /** 1 for the thing itself (or a kind of it), less for a stand-in. */
  factor: number;
  /** The person's own ingredient that earns the credit. */
  from: string;
}

// A more general item or a curated swap is only half the real thing (research §3.3).
export const PARTIAL_CREDIT = 0.5;

/**
 * Expands what a person has into every recipe ingredient it can serve as. Always: itself,
 * and swaps the recipe allows. With `related` (what a person expects in a chat): what it is
 * a kind of at full credit (cheddar serves "cheese"), its kinds and curated swaps at partial
 * credit ("cheese" half-serves "parmesan", onion half-serves shallot). `related` is off by
 * default because it blurs exact matches: on the based.cooking recovery test it costs about
 * seven points of top-1 (docs/benchmarks.md).
 */
export function ingredientCredits(
  have: readonly string[],
  lexicon: Lexicon,
  substitutions: readonly (readonly string[])[] | undefined,
  recipeSwaps: Readonly<Record<string, readonly string[]>> = {},
): Map<string, Credit> {
  const credits = new Map<string, Credit>();
  const offer = (id: string, factor: number, from: string) => {
    const current = credits.get(id);
    if (!current || current.factor < factor) credits.set(id, { factor, from });
  };
  for (const id of have) {
    offer(id, 1, id);
    if (!substitutions) continue;
    for (const parent of lexicon.ancestors(id)) offer(parent, 1, id);
    for (const child of lexicon.descendants(id)) offer(child, PARTIAL_CREDIT, id);
    for (const group of substitutions)
      if (group.includes(id)) for (const other of group) offer(other, PARTIAL_CREDIT, id);
  }
  // Swaps a recipe allows itself ("or use Greek yogurt") are offered only for that recipe.
  for (const [need, alternatives] of Object.entries(recipeSwaps))
    for (const alternative of alternatives)
      if (have.includes(alternative)) offer(need, PARTIAL_CREDIT, alternative);
  return credits;
}
