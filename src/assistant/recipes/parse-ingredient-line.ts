import { extractIngredients } from './extract-ingredients.ts';
import { defaultLexicon, type Lexicon } from './lexicon/lexicon.ts';
import { normalizeText } from './lexicon/normalize-text.ts';

export interface IngredientLine {
  /** The line as the recipe wrote it, for the recipe card. */
  text: string;
  /** Lexicon ids found in it ("salt and pepper" gives two), alternatives included. */
  ids: string[];
  /** Marked optional, as garnish or "to serve": never counts as missing. */
  optional: boolean;
  quantity?: number;
  /**
   * The ids of `ids` the line offers instead of its first choice ("butter or oil": oil): the
   * recipe needs one of them, not all, so they never count as missing either.
   */
  alternatives?: string[];
}

// How recipe sites mark a line that can be left out, in the three languages.
const OPTIONAL =
  /\b(optional|optionnel|facultatif|facultative|opcional|if desired|if you like|to serve|for serving|for garnish|garnish|pour servir|para servir|al gusto|au choix)\b/;

// Markdown links keep their text and lose their target; bare addresses go entirely. Link
// targets name brands and products ("…-Mozzarella-Cheese-Chunk-with-Whole-Milk-16-oz").
const MARKDOWN_LINK = /\[([^\]]*)\]\([^)]*\)/g;
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+/g;
// ", if using mayonnaise", "(if you have whole, toast in a dry pan)": a condition, not a need.
const CONDITION = /[,(]\s*if\b[^)]*\)?/gi;
// "(brown sugar works too)", "(you can replace it with mushrooms)": an alternative.
const SWAP_NOTE =
  /\(([^)]*\b(?:works|instead|also|substitute|substituted|replace|replaced|alternatively|suffice)\b[^)]*)\)?/gi;
const BRACKETS = /\([^)]*\)?/g;
// "Juice of half a lemon", "zest of 2 oranges", "jus d'un citron", "zumo de 2 limones": the
// juice or the zest, not the fruit.
const JUICE_OF =
  /(?:\b([\p{L}]+)\s+)?\b(juice|jus|zumo|jugo|zest|zeste|ralladura)\s+(?:(?:from|of|the|half|a|an|one|two|three|de|du|un|une|la|moiti[ée]|medio|media|mitad|del|whole|entire|\d+(?:[.,/\-–]\d+)?|½|small|large|medium|big|fresh|freshly|squeezed)(?![\p{L}])\s*|d['’]\s*)+([\p{L}]+)/giu;
// "2 lemons, juiced", "1/2 lime, juice squeezed": the juice as well.
const JUICED = /\b([\p{L}]+)\s*,\s*(?:juiced|juice squeezed|squeezed)(?![\p{L}])/giu;
const JUICE_NAME: Record<string, (fruit: string) => string[]> = {
  juice: (fruit) => [`${fruit} juice`],
  jus: (fruit) => [`jus de ${fruit}`, `jus d ${fruit}`],
  zumo: (fruit) => [`zumo de ${fruit}`],
  jugo: (fruit) => [`jugo de ${fruit}`],
  zest: (fruit) => [`${fruit} zest`],
  zeste: (fruit) => [`zeste de ${fruit}`, `zeste d ${fruit}`],
  ralladura: (fruit) => [`ralladura de ${fruit}`],
};

// "And/or" keeps both; a plain "or" starts an alternative ("butter or oil", "sel ou sucre",
// "mantequilla o aceite", "(or similarly shaped pasta)").
const AND_OR = /\b(and|et|y)\s*\/\s*(or|ou|o)\b/giu;
const OR = /[\s(]\b(?:or|ou|o|u)\b[\s)]/iu;
// "Wheat or rye flour", "chicken or beef broth", "black (or green) tea": each side is the
// whole name, when both sides are names.
const SHARED_HEAD =
  /\b([\p{L}]+)\s*(\(?)\s*\b(or|ou|o)\s+((?:[\p{L}]+\s+)?[\p{L}]+?)\s*(\)?)\s+([\p{L}]+)\b/giu;

function distributeAlternatives(text: string, lexicon: Lexicon): string {
  return text.replace(
    SHARED_HEAD,
    (match, a: string, _open, or: string, b: string, _close, head) => {
      const named = (modifier: string) => lexicon.byName.has(normalizeText(`${modifier} ${head}`));
      return named(a) && named(b) ? `${a} ${head} ${or} ${b} ${head}` : match;
    },
  );
}

/** Drops link targets, addresses and conditions; names "juice of a lemon" as lemon juice. */
function cleanLine(text: string, lexicon: Lexicon): string {
  return text
    .replace(MARKDOWN_LINK, ' $1 ')
    .replace(ADDRESS, ' ')
    .replace(CONDITION, ' ')
    .replace(SWAP_NOTE, ' or $1 ')
    .replace(JUICE_OF, (match, before: string | undefined, juice: string, fruit: string) => {
      const name = JUICE_NAME[juice.toLowerCase()];
      const folded = normalizeText(fruit);
      const forms = [folded, folded.replace(/e?s$/, ''), folded.replace(/s$/, '')];
      for (const form of forms) {
        const key = (name?.(form) ?? []).find((candidate) => lexicon.byName.has(candidate));
        if (key === undefined) continue;
        // "Lemon juice from half a lemon": the fruit was already named before "juice".
        const lead = before === undefined ? '' : normalizeText(before);
        return lead === '' || lead === form || lead === folded ? key : `${before} ${key}`;
      }
      return match;
    })
    .replace(JUICED, (match, fruit: string) => {
      const folded = normalizeText(fruit);
      const forms = [folded, folded.replace(/e?s$/, ''), folded.replace(/s$/, '')];
      const key = forms.map((form) => `${form} juice`).find((name) => lexicon.byName.has(name));
      return key ?? match;
    });
}

/**
 * Reads one ingredient line of a recipe ("2 tbsp olive oil", "Parmesan (optional)") into
 * lexicon ids, using the same matcher as chat messages so both sides meet on the same ids.
 * Negation does not apply here: "without skin" describes the ingredient, it is not a refusal.
 */
export function parseIngredientLine(
  text: string,
  lexicon: Lexicon = defaultLexicon,
): IngredientLine {
  const cleaned = distributeAlternatives(cleanLine(text, lexicon), lexicon).replace(AND_OR, '$1');
  // The first part that names something is what the line needs; later parts are alternatives.
  const parts = cleaned.split(OR).map((part) => extractIngredients(part, lexicon).mentions);
  const primary = parts.findIndex((mentions) => mentions.length > 0);
  const mentions = parts[primary] ?? [];
  // "Flour (wholemeal wheat flour)", "chili sauce (e.g. Sriracha)": a kind named in brackets
  // says which one ("sugar and brown sugar" names both).
  const named = [...new Set(parts.flat().map((m) => m.id))];
  const outside = new Set(
    extractIngredients(cleaned.replace(BRACKETS, ' '), lexicon).mentions.map((m) => m.id),
  );
  const ids = named.filter(
    (id) =>
      !named.some(
        (kind) => lexicon.ancestors(kind).includes(id) && !(outside.has(kind) && outside.has(id)),
      ),
  );
  const line: IngredientLine = { text, ids, optional: OPTIONAL.test(normalizeText(text)) };
  const quantity = mentions[0]?.quantity;
  if (quantity !== undefined) line.quantity = quantity;
  const first = new Set(mentions.map((m) => m.id));
  const alternatives = ids.filter((id) => !first.has(id));
  if (alternatives.length > 0) line.alternatives = alternatives;
  return line;
}

/**
 * Splits the ids of a recipe's lines into needed and optional (needed wins on a tie). An
 * alternative ("or crème fraîche") is optional: credited when present, never missing.
 */
export function idsOfLines(lines: readonly IngredientLine[]) {
  const isNeeded = (l: IngredientLine, id: string) =>
    !l.optional && !(l.alternatives ?? []).includes(id);
  const needed = new Set(lines.flatMap((l) => l.ids.filter((id) => isNeeded(l, id))));
  const optional = new Set(lines.flatMap((l) => l.ids.filter((id) => !isNeeded(l, id))));
  for (const id of needed) optional.delete(id);
  return { ingredients: [...needed], optional: [...optional] };
}
