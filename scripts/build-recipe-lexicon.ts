/**
 * Builds src/assistant/recipes/lexicon/ingredients.json from the Open Food Facts ingredients
 * taxonomy (ODbL 1.0). Run from the project root:
 *   npx tsx scripts/build-recipe-lexicon.ts [../shared/data/off-ingredients-taxonomy.json.gz]
 * The allowlist (scripts/recipe-lexicon-allowlist.tsv) is hand-curated (the taxonomy is built for packaged food, so most of
 * its 5k nodes are additives and processing terms); names and synonyms in en/fr/es come from
 * OFF, plus hand additions where OFF lacks a common kitchen word. Output is deterministic; run
 * `npx biome format --write src/assistant/recipes/lexicon/ingredients.json` after it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { normalizeText } from '../src/assistant/recipes/lexicon/normalize-text.ts';

type Lang = 'en' | 'fr' | 'es';
type Extra = Partial<Record<Lang, string[]>>;
type Row = [id: string, off: string, category: string, contains: string, names: Extra];
// The allowlist: one ingredient a line, tab-separated: our id, OFF id ('-' when OFF has no
// usable node), category, what it contains (m meat, f fish, d dairy, e egg, g gluten,
// h honey; '-' for none), then hand-added en, fr and es names separated by '|'.
const ROWS: Row[] = readFileSync(new URL('./recipe-lexicon-allowlist.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line): Row => {
    const [id = '', off = '-', category = '', flags = '-', en = '-', fr = '-', es = '-'] =
      line.split('\t');
    const names = (cell: string) => (cell === '-' ? [] : cell.split('|'));
    return [
      id,
      off === '-' ? '' : off,
      category,
      flags === '-' ? '' : flags,
      { en: names(en), fr: names(fr), es: names(es) },
    ];
  });

const contains = (flags: string, letter: string) => flags.includes(letter);

/** Naive plural rules; only used to pre-expand names so matching stays a table lookup. */
function plural(lang: Lang, name: string): string {
  const words = name.split(' ');
  if (lang === 'en') {
    const w = words.at(-1) ?? '';
    if (w.endsWith('s')) return name;
    words[words.length - 1] = /[^aeiou]y$/.test(w)
      ? `${w.slice(0, -1)}ies`
      : /(x|ch|sh|o)$/.test(w)
        ? `${w}es`
        : `${w}s`;
    return words.join(' ');
  }
  // FR/ES inflect the head noun and its adjectives, which come before any "de" complement.
  const stop = words.findIndex((w) => ['de', 'd', 'a', 'del', 'au'].includes(w));
  const end = stop === -1 ? words.length : stop;
  for (let i = 0; i < end; i++) {
    const w = words[i] ?? '';
    if (lang === 'fr')
      words[i] = /(s|x|z)$/.test(w)
        ? w
        : /(eau|eu|au)$/.test(w)
          ? `${w}x`
          : /al$/.test(w)
            ? `${w.slice(0, -2)}aux`
            : `${w}s`;
    else
      words[i] = /z$/.test(w)
        ? `${w.slice(0, -1)}ces`
        : /s$/.test(w)
          ? w
          : /[aeiou]$/.test(w)
            ? `${w}s`
            : `${w}es`;
  }
  return words.join(' ');
}

// Names that fold to an everyday word of another language ("thé" → "the").
const NEVER = new Set(['the', 'lait ribot']);
const usable = (s: string) =>
  !NEVER.has(normalizeText(s)) &&
  !/\d/.test(s) &&
  s.split(' ').length <= 4 &&
  s.length >= 3 &&
  !/^e\d/.test(s);

interface TaxonomyNode {
  name?: Record<string, string>;
  synonyms?: Record<string, string[]>;
}

const source = process.argv[2] ?? '../shared/data/off-ingredients-taxonomy.json.gz';
const taxonomy = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8')) as Record<
  string,
  TaxonomyNode
>;
const owner = new Map<string, string>();
const entries = [];
const langs: Lang[] = ['en', 'fr', 'es'];
let dropped = 0;
// Hand names claim their keys first so an OFF synonym never steals them.
for (const [id, , , , extra] of ROWS)
  for (const lang of langs)
    for (const n of extra?.[lang] ?? []) {
      for (const key of [normalizeText(n), normalizeText(plural(lang, n))])
        if (!owner.has(key)) owner.set(key, id);
    }
for (const [id, off, category, flags, extra] of ROWS) {
  const node = off ? taxonomy[off] : undefined;
  if (off && !node) throw new Error(`${off} is not in the taxonomy`);
  const names: Record<Lang, string[]> = { en: [], fr: [], es: [] };
  for (const lang of langs) {
    const raw = [
      ...(extra?.[lang] ?? []),
      ...(node?.name?.[lang] ? [node.name[lang]] : []),
      ...(node?.synonyms?.[lang] ?? []),
    ].map((s) => s.toLowerCase().trim());
    const seen = new Set<string>();
    for (const n of raw.filter(usable)) {
      for (const form of [n, plural(lang, n)]) {
        const key = normalizeText(form);
        if (seen.has(key)) continue;
        const taken = owner.get(key);
        if (taken && taken !== id) {
          dropped++;
          continue;
        }
        owner.set(key, id);
        seen.add(key);
        names[lang].push(form);
      }
    }
  }
  entries.push({
    id,
    off: off || null,
    category,
    names,
    diet: {
      vegetarian: !contains(flags, 'm') && !contains(flags, 'f'),
      vegan: !/[mfdeh]/.test(flags),
      gluten: contains(flags, 'g'),
      dairy: contains(flags, 'd'),
      egg: contains(flags, 'e'),
    },
  });
}
const out = new URL('../src/assistant/recipes/lexicon/ingredients.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(entries, null, 2)}\n`);
console.log(`${entries.length} ingredients written; ${dropped} conflicting names dropped`);
