import { editDistance } from './edit-distance.ts';
import { defaultLexicon, type Lexicon } from './lexicon/lexicon.ts';
import { normalizeText } from './lexicon/normalize-text.ts';

export interface IngredientMention {
  id: string;
  /** The folded words that matched. */
  text: string;
  negated: boolean;
  /** True when matched through a typo (bounded edit distance), so a UI can confirm it. */
  fuzzy: boolean;
  quantity?: number;
}

export interface Extraction {
  /** Ingredient ids the person has, in the order first mentioned. */
  have: string[];
  /** Ingredient ids the person said they do not have or do not want. */
  without: string[];
  mentions: IngredientMention[];
}

// Clause boundaries: a negation covers the rest of its clause ("no eggs or milk", "pas de
// lait ni d'oeufs") but not what follows "and"/"but" ("no milk but eggs").
const CLAUSE_BREAK = new Set(['and', 'but', 'et', 'mais', 'y', 'e', 'pero', 'also', 'aussi']);
const NEGATION = new Set(['no', 'not', 'without', 'dont', 'sans', 'pas', 'aucun', 'aucune']);
NEGATION.add('sin').add('ni').add('nor').add('ningun').add('ninguna').add('none').add('jamais');
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
};
const UNITS = new Set(['g', 'gr', 'kg', 'ml', 'cl', 'l', 'cup', 'cups', 'tasse', 'tasses']);
UNITS.add('taza').add('tazas').add('lb').add('oz').add('gramos').add('grammes').add('litre');
// Spoons, cans and pieces, as recipe lines write them ("2 tbsp", "1 boîte de", "2 latas de").
for (const unit of 'tbsp tsp tablespoon tablespoons teaspoon teaspoons cuillere cuilleres cucharada cucharadas cucharadita cucharaditas can cans tin tins boite boites lata latas bote botes slice slices tranche tranches rebanada rebanadas pinch pincee pizca clove cloves gousse gousses diente dientes'.split(
  ' ',
))
  UNITS.add(unit);
// Frequent chat words of five letters or more that sit within typo distance of a food name.
const NOT_FOOD = new Set(['there', 'leche', 'reste', 'restes', 'tengo', 'tienes', 'quiero']);
for (const w of ['frigo', 'fridge', 'nevera', 'heladera', 'recette', 'recipe', 'receta'])
  NOT_FOOD.add(w);
for (const w of ['minutes', 'minutos', 'about', 'would', 'could', 'please', 'thanks', 'merci'])
  NOT_FOOD.add(w);
for (const w of ['gracias', 'quelques', 'algunos', 'algunas', 'leftover', 'leftovers', 'avoir'])
  NOT_FOOD.add(w);
// Preparation words of recipe lines ("minced" is one letter from "mince", "paste" from "pasta").
for (const w of ['minced', 'chopped', 'sliced', 'diced', 'grated', 'peeled', 'sauce', 'paste'])
  NOT_FOOD.add(w);
for (const w of ['sticks', 'better', 'creamy', 'pearls', 'fresh', 'frais', 'fresca', 'liters'])
  NOT_FOOD.add(w);
// More recipe-line words one typo from a food of another language ("pieces" → "peces", fish;
// "cracked" → "cracker"; "dashes" → "dashi"; "floury" potatoes are not flour).
for (const w of ['pieces', 'cracked', 'dashes', 'whisked', 'floury', 'organs', 'pickled'])
  NOT_FOOD.add(w);
for (const w of ['marrow', 'bonito', 'sprinkle', 'sprinkled']) NOT_FOOD.add(w);

// Kitchen tools a food word can name ("cheese mould", "bread pan", "pastry brush"): a food
// right before one of them is not an ingredient.
const TOOLS = new Set(['recipient', 'recipients', 'mould', 'moulds', 'mold', 'molds', 'grater']);
for (const w of ['thermometer', 'stone', 'pan', 'pans', 'dish', 'dishes', 'tray', 'trays'])
  TOOLS.add(w);
for (const w of ['skillet', 'skillets', 'cloth', 'cutter', 'cutters', 'brush', 'knife', 'bowl'])
  TOOLS.add(w);
// A food before a blend word names a flavouring ("chicken seasoning", "pork rub"), not the
// food; a spice or herb before one is the spice itself ("za'atar spice blend").
const BLENDS = new Set(['seasoning', 'seasonings', 'rub', 'rubs', 'spice', 'spices']);
const FLAVOURINGS = new Set(['spice', 'herb', 'condiment']);
function namesTool(words: readonly string[], next: number, id: string, lexicon: Lexicon) {
  const word = words[next] ?? '';
  if (TOOLS.has(word)) return true;
  return BLENDS.has(word) && !FLAVOURINGS.has(lexicon.get(id)?.category ?? '');
}
// "Pan" is bread in Spanish and a tool in English: after an English word ("the pan", "a dry
// pan", "oven-safe pan") or before one ("pan-seared") it is the tool.
const PAN_BEFORE = new Set(['the', 'a', 'in', 'into', 'on', 'safe', 'frying', 'baking', 'sheet']);
for (const w of ['dry', 'hot', 'large', 'small', 'oven', 'cake', 'loaf', 'roasting', 'greased'])
  PAN_BEFORE.add(w);
for (const w of ['nonstick', 'stick', 'same', 'your', 'heavy', 'deep', 'shallow', 'sauce'])
  PAN_BEFORE.add(w);
const PAN_AFTER = new Set(['seared', 'fried', 'fry', 'roasted', 'sear', 'pizza', 'juices']);
function isCookware(words: readonly string[], i: number): boolean {
  const word = words[i];
  if (word !== 'pan' && word !== 'pans') return false;
  return PAN_BEFORE.has(words[i - 1] ?? '') || PAN_AFTER.has(words[i + 1] ?? '');
}

// English contractions fold to two words: "don't" → "don t".
const CONTRACTED = new Set(['don', 'doesn', 'didn', 'haven', 'hasn', 'aren']);
// "Have" verbs open a new positive statement ("sin huevos, tengo harina") unless a negation
// sits right before them ("no tengo leche", "I don't have butter").
const HAVE = new Set(['tengo', 'tenemos', 'hay', 'have', 'got', 'ai', 'avons']);
function negates(words: readonly string[], i: number): boolean {
  const word = words[i] ?? '';
  return NEGATION.has(word) || (word === 't' && CONTRACTED.has(words[i - 1] ?? ''));
}

function splitClauses(text: string): string[][] {
  const clauses: string[][] = [];
  for (const part of text.split(/[,;:.!?\n/+&]+/)) {
    let current: string[] = [];
    for (const word of normalizeText(part).split(' ')) {
      if (!word) continue;
      if (CLAUSE_BREAK.has(word)) {
        clauses.push(current);
        current = [];
      } else current.push(word);
    }
    clauses.push(current);
  }
  return clauses.filter((c) => c.length > 0);
}

function fuzzyMatch(word: string, lexicon: Lexicon): string | undefined {
  if (word.length < 6 || NOT_FOOD.has(word)) return undefined;
  // One typo from 6 letters, two from 11: shorter words have too many false friends across
  // three languages ("fresh" is one edit from "fresa", "sauce" from "sauge").
  const max = word.length >= 11 ? 2 : 1;
  let bestId: string | undefined;
  let best = max + 1;
  let tie = false;
  for (const candidate of lexicon.fuzzyWords) {
    if (candidate[0] !== word[0]) continue;
    const d = editDistance(word, candidate, max);
    const id = lexicon.byName.get(candidate);
    if (d < best) {
      best = d;
      bestId = id;
      tie = false;
    } else if (d === best && id !== bestId) tie = true;
  }
  return best <= max && !tie ? bestId : undefined;
}

/** A two-word name whose first word is exact and whose second has one typo ("sweet potatos"). */
function fuzzyPair(first: string, second: string | undefined, lexicon: Lexicon) {
  if (second === undefined || second.length < 5 || NOT_FOOD.has(second)) return undefined;
  const found = new Set<string>();
  let text = '';
  for (const name of lexicon.pairsByFirstWord.get(first) ?? []) {
    const candidate = name.slice(first.length + 1);
    if (editDistance(second, candidate, 1) <= 1) {
      found.add(lexicon.byName.get(name) ?? '');
      text = `${first} ${second}`;
    }
  }
  const [id] = found;
  return found.size === 1 && id ? { id, text } : undefined;
}

/**
 * How many words after a match only name what it is a kind of ("pecorino romano cheese",
 * "chorizo sausage"): those are part of the same ingredient.
 */
function kindWords(words: readonly string[], start: number, id: string, lexicon: Lexicon) {
  const ancestors = lexicon.ancestors(id);
  if (ancestors.length === 0) return 0;
  for (let n = Math.min(lexicon.maxWords, words.length - start); n >= 1; n--) {
    const found = lexicon.byName.get(words.slice(start, start + n).join(' '));
    if (found && ancestors.includes(found)) return n;
  }
  return 0;
}

function quantityBefore(words: string[], index: number): number | undefined {
  let i = index - 1;
  // Skip fillers between the number and the food ("3 g de", "2 cups of", "deux tasses de").
  while (i >= 0 && ['de', 'd', 'of', 'del', 'des', 'du'].includes(words[i] ?? '')) i--;
  if (i >= 0 && UNITS.has(words[i] ?? '')) i--;
  const word = words[i];
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/**
 * Finds the ingredients in a free-text message in French, English or Spanish: longest match
 * on folded names (so "pomme de terre" beats "pomme"), then a bounded-typo match for single
 * longer words, with negations scoped to their clause and leading quantities read.
 */
export function extractIngredients(text: string, lexicon: Lexicon = defaultLexicon): Extraction {
  const mentions: IngredientMention[] = [];
  for (const words of splitClauses(text)) {
    let negated = false;
    for (let i = 0; i < words.length; ) {
      const word = words[i] ?? '';
      if (negates(words, i)) negated = true;
      else if (HAVE.has(word) && i > 0 && !negates(words, i - 1)) negated = false;
      let matched = false;
      // A typo in a two-word name beats the exact first word ("cebolla morda" is a red onion).
      const pair = fuzzyPair(word, words[i + 1], lexicon);
      if (isCookware(words, i)) {
        i++;
        continue;
      }
      for (let n = Math.min(lexicon.maxWords, words.length - i); n >= 1; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const id = lexicon.byName.get(phrase);
        if (!id || (n === 1 && pair)) continue;
        if (namesTool(words, i + n, id, lexicon)) {
          // "cheese recipient": the food names the tool, skip both.
          i += n + 1;
          matched = true;
          break;
        }
        const mention: IngredientMention = { id, text: phrase, negated, fuzzy: false };
        const quantity = quantityBefore(words, i);
        if (quantity !== undefined) mention.quantity = quantity;
        mentions.push(mention);
        i += n + kindWords(words, i + n, id, lexicon);
        matched = true;
        break;
      }
      if (matched) continue;
      if (pair) {
        mentions.push({ id: pair.id, text: pair.text, negated, fuzzy: true });
        i += 2;
        continue;
      }
      const id = fuzzyMatch(word, lexicon);
      if (id) mentions.push({ id, text: word, negated, fuzzy: true });
      i++;
    }
  }
  const without = [...new Set(mentions.filter((m) => m.negated).map((m) => m.id))];
  const have = [...new Set(mentions.filter((m) => !m.negated).map((m) => m.id))].filter(
    (id) => !without.includes(id),
  );
  return { have, without, mentions };
}
