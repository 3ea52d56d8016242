import { extractIngredients } from './extract-ingredients.ts';
import { defaultLexicon, type Lexicon } from './lexicon/lexicon.ts';
import { normalizeText } from './lexicon/normalize-text.ts';

export interface IngredientLine {
  /** The line as the recipe wrote it, for the recipe card. */
  text: string;
  /** Lexicon ids found in it ("salt and pepper" gives two). */
  ids: string[];
  /** Marked optional, as garnish or "to serve": never counts as missing. */
  optional: boolean;
  quantity?: number;
}

// How recipe sites mark a line that can be left out, in the three languages.
const OPTIONAL =
  /\b(optional|optionnel|facultatif|facultative|opcional|if desired|if you like|to serve|for serving|for garnish|garnish|pour servir|para servir|al gusto|au choix)\b/;

/**
 * Reads one ingredient line of a recipe ("2 tbsp olive oil", "Parmesan (optional)") into
 * lexicon ids, using the same matcher as chat messages so both sides meet on the same ids.
 * Negation does not apply here: "without skin" describes the ingredient, it is not a refusal.
 */
export function parseIngredientLine(
  text: string,
  lexicon: Lexicon = defaultLexicon,
): IngredientLine {
  const { mentions } = extractIngredients(text, lexicon);
  const line: IngredientLine = {
    text,
    ids: [...new Set(mentions.map((m) => m.id))],
    optional: OPTIONAL.test(normalizeText(text)),
  };
  const quantity = mentions[0]?.quantity;
  if (quantity !== undefined) line.quantity = quantity;
  return line;
}

/** Splits the ids of a recipe's lines into needed and optional (needed wins on a tie). */
export function idsOfLines(lines: readonly IngredientLine[]) {
  const needed = new Set(lines.filter((l) => !l.optional).flatMap((l) => l.ids));
  const optional = new Set(lines.filter((l) => l.optional).flatMap((l) => l.ids));
  for (const id of needed) optional.delete(id);
  return { ingredients: [...needed], optional: [...optional] };
}
