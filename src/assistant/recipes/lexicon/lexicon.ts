import data from './ingredients.json' with { type: 'json' };
import { normalizeText } from './normalize-text.ts';

export type Language = 'en' | 'fr' | 'es';

export interface DietFlags {
  vegetarian: boolean;
  vegan: boolean;
  gluten: boolean;
  dairy: boolean;
  egg: boolean;
}

export interface Ingredient {
  id: string;
  /** The Open Food Facts taxonomy node it was derived from, when there is one. */
  off: string | null;
  category: string;
  /** Ids this one is a kind of (cheddar → cheese), from the OFF hierarchy plus hand links. */
  parents: string[];
  /** Names, plurals and synonyms; the first of each language is the display name. */
  names: Record<Language, string[]>;
  diet: DietFlags;
}

/**
 * The ingredient lexicon with its lookup tables: folded name → id, and the single words long
 * enough for typo matching (short words get too many false friends at edit distance 1).
 */
export class Lexicon {
  readonly byId = new Map<string, Ingredient>();
  readonly byName = new Map<string, string>();
  readonly fuzzyWords: string[] = [];
  /** Two-word names by their first word, for a typo in the second ("sweet potatos"). */
  readonly pairsByFirstWord = new Map<string, string[]>();
  readonly maxWords: number;
  private readonly childrenOf = new Map<string, string[]>();

  constructor(entries: readonly Ingredient[]) {
    let maxWords = 1;
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      for (const name of [...entry.names.en, ...entry.names.fr, ...entry.names.es]) {
        const key = normalizeText(name);
        if (!key || this.byName.has(key)) continue;
        this.byName.set(key, entry.id);
        const words = key.split(' ').length;
        maxWords = Math.max(maxWords, words);
        if (words === 1 && key.length >= 5) this.fuzzyWords.push(key);
        const [first = '', second = ''] = key.split(' ');
        if (words === 2 && second.length >= 5)
          this.pairsByFirstWord.set(first, [...(this.pairsByFirstWord.get(first) ?? []), key]);
      }
    }
    this.maxWords = maxWords;
    for (const entry of entries)
      for (const parent of entry.parents ?? [])
        this.childrenOf.set(parent, [...(this.childrenOf.get(parent) ?? []), entry.id]);
  }

  /** Every id above this one (cheddar → cheese), nearest first. */
  ancestors(id: string): string[] {
    const found: string[] = [];
    const queue = [...(this.byId.get(id)?.parents ?? [])];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (found.includes(next)) continue;
      found.push(next);
      queue.push(...(this.byId.get(next)?.parents ?? []));
    }
    return found;
  }

  /** Every id below this one (cheese → cheddar, parmesan…). */
  descendants(id: string): string[] {
    const found: string[] = [];
    const queue = [...(this.childrenOf.get(id) ?? [])];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (found.includes(next)) continue;
      found.push(next);
      queue.push(...(this.childrenOf.get(next) ?? []));
    }
    return found;
  }

  get(id: string): Ingredient | undefined {
    return this.byId.get(id);
  }

  /**
   * Display name in a language, falling back to English, then the id. In English the name that
   * spells the id wins: the synonym lists come from Open Food Facts in no particular order, and
   * "garlic" must not be shown as "clove".
   */
  label(id: string, language: Language = 'en'): string {
    const entry = this.byId.get(id);
    if (!entry) return id;
    const spelled = id.replaceAll('-', ' ');
    if (language === 'en' && entry.names.en.includes(spelled)) return spelled;
    return entry.names[language][0] ?? entry.names.en[0] ?? id;
  }
}

/** The shipped lexicon (ODbL data derived from Open Food Facts; see README.md). */
export const defaultLexicon = new Lexicon(data as Ingredient[]);
