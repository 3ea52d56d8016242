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
import { ACCENTED } from './recipe-lexicon-accents.ts';

type Lang = 'en' | 'fr' | 'es';
type Extra = Partial<Record<Lang, string[]>>;
type Row = [
  id: string,
  off: string,
  category: string,
  contains: string,
  names: Extra,
  parents: string[],
];
// The allowlist: one ingredient a line, tab-separated: our id, OFF id ('-' when OFF has no
// usable node), category, what it contains (m meat, f fish, d dairy, e egg, g gluten,
// h honey, a another animal product such as shellac: not vegan; '-' for none), hand-added
// en, fr and es names separated by '|', then optional hand parents (our ids, '|'-separated)
// added to those found through the OFF hierarchy.
// In a names cell, each name also gets a generated plural, except:
//   =name  exactly as written: no generated plural, not held to the filters meant for OFF's
//          names (digits, more than four words), kept even when it folds to a name already
//          listed (a second spelling);
//   !name  drops that form (compared folded; e.g. a wrong generated plural of an OFF synonym)
//          from the entry, in that language;
//   *      where OFF's name and synonyms go among the hand names (by default, after them).
const ROWS: Row[] = readFileSync(new URL('./recipe-lexicon-allowlist.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line): Row => {
    const cells = line.split('\t');
    const [id = '', off = '-', category = '', flags = '-', en = '-', fr = '-', es = '-'] = cells;
    const names = (cell: string) => (cell === '-' ? [] : cell.split('|'));
    return [
      id,
      off === '-' ? '' : off,
      category,
      flags === '-' ? '' : flags,
      { en: names(en), fr: names(fr), es: names(es) },
      names(cells[7] ?? '-'),
    ];
  });

const contains = (flags: string, letter: string) => flags.includes(letter);
const handNames = (cell: string[]) => cell.filter((n) => !n.startsWith('!'));
const droppedForms = (cell: string[]) =>
  cell.filter((n) => n.startsWith('!')).map((n) => normalizeText(n.slice(1)));

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
const NEVER = new Set(['the', 'lait ribot', 'rape']);
const usable = (s: string) =>
  !NEVER.has(normalizeText(s)) &&
  !/\d/.test(s) &&
  s.split(' ').length <= 4 &&
  s.length >= 3 &&
  !/^e\d/.test(s);

interface TaxonomyNode {
  parents?: string[];
  name?: Record<string, string>;
  synonyms?: Record<string, string[]>;
}

const source = process.argv[2] ?? '../shared/data/off-ingredients-taxonomy.json.gz';
const taxonomy = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8')) as Record<
  string,
  TaxonomyNode
>;
const ourIdByOff = new Map(ROWS.filter((row) => row[1]).map((row) => [row[1], row[0]]));
/** Our ids above an OFF node: walks the OFF parents, keeping the nodes we also list. */
function ancestors(off: string, seen = new Set<string>()): string[] {
  const found: string[] = [];
  for (const parent of taxonomy[off]?.parents ?? []) {
    if (seen.has(parent)) continue;
    seen.add(parent);
    const ours = ourIdByOff.get(parent);
    if (ours) found.push(ours);
    found.push(...ancestors(parent, seen));
  }
  return found;
}
const ids = new Set(ROWS.map((row) => row[0]));
const categoryOf = new Map(ROWS.map((row) => [row[0], row[2]]));
// OFF parents mean "made from" (tomato paste → tomato, kale → cabbage); we want "is a kind
// of", so only parents of the same category are kept, minus these pairs that still are not.
const NOT_A_KIND_OF = new Set(
  (
    'kale>cabbage brussels-sprouts>cabbage sauerkraut>cabbage raisin>grape rice-flour>rice ' +
    'bacon>pork lardon>pork ham>pork chicken-liver>chicken tortilla>bread pita>bread ' +
    'peanut-butter>peanut condensed-milk>milk evaporated-milk>milk allspice>chili-pepper ' +
    'hake>cod bean-sprouts>beans sesame-oil>oil coconut-oil>oil'
  ).split(' '),
);
const owner = new Map<string, string>();
const entries = [];
const langs: Lang[] = ['en', 'fr', 'es'];
let dropped = 0;
// Hand names claim their keys first so an OFF synonym never steals them.
for (const [id, , , , extra] of ROWS)
  for (const lang of langs)
    for (const n of handNames(extra?.[lang] ?? [])) {
      if (n === '*') continue;
      const forms = n.startsWith('=') ? [n.slice(1)] : [n, plural(lang, n)];
      for (const key of forms.map(normalizeText)) if (!owner.has(key)) owner.set(key, id);
    }
for (const [id, off, category, flags, extra, handParents] of ROWS) {
  for (const parent of handParents)
    if (!ids.has(parent)) throw new Error(`${id}: parent ${parent} is not in the allowlist`);
  const fromOff = (off ? ancestors(off) : []).filter(
    (parent) => categoryOf.get(parent) === category && !NOT_A_KIND_OF.has(`${id}>${parent}`),
  );
  const parents = [...new Set([...handParents, ...fromOff])].filter((parent) => parent !== id);
  const node = off ? taxonomy[off] : undefined;
  if (off && !node) throw new Error(`${off} is not in the taxonomy`);
  const names: Record<Lang, string[]> = { en: [], fr: [], es: [] };
  for (const lang of langs) {
    const fromOffNames = [
      ...(node?.name?.[lang] ? [node.name[lang]] : []),
      ...(node?.synonyms?.[lang] ?? []),
    ];
    const cell = handNames(extra?.[lang] ?? []);
    if (!cell.includes('*')) cell.push('*');
    const raw = cell
      .flatMap((n) =>
        n === '*'
          ? fromOffNames.map((name) => ({ exact: false, name }))
          : [{ exact: n.startsWith('='), name: n.replace(/^=/, '') }],
      )
      .map(({ exact, name }) => ({ exact, name: name.toLowerCase().trim() }));
    // Hand names are mostly typed without accents; show OFF's spelling of the same word ("pâtes").
    const spelled = new Map<string, string>();
    for (const n of [...fromOffNames, ...ACCENTED[lang]])
      if (n !== normalizeText(n)) spelled.set(normalizeText(n), n.toLowerCase());
    for (const item of raw) item.name = spelled.get(normalizeText(item.name)) ?? item.name;
    const seen = new Set(droppedForms(extra?.[lang] ?? []));
    for (const { exact, name } of raw.filter((item) => item.exact || usable(item.name))) {
      for (const form of exact ? [name] : [name, plural(lang, name)]) {
        const key = normalizeText(form);
        if (exact ? names[lang].includes(form) : seen.has(key)) continue;
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
    parents,
    names,
    diet: {
      vegetarian: !contains(flags, 'm') && !contains(flags, 'f'),
      vegan: !/[mfdeha]/.test(flags),
      gluten: contains(flags, 'g'),
      dairy: contains(flags, 'd'),
      egg: contains(flags, 'e'),
    },
  });
}
const out = new URL('../src/assistant/recipes/lexicon/ingredients.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(entries, null, 2)}\n`);
console.log(`${entries.length} ingredients written; ${dropped} conflicting names dropped`);
