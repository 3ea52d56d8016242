import type { RecipeRecord } from './recipe-schema.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: Json | undefined): Json[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
// Recipe sites often leave HTML entities and tags in their JSON-LD strings ("Cr&egrave;me").
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  ccedil: 'ç',
  ntilde: 'ñ',
  aacute: 'á',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  oelig: 'œ',
  frac12: '½',
  frac14: '¼',
};
const decodeEntities = (value: string) =>
  value.replace(/&(#x[0-9a-f]+|#\d+|[a-z0-9]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
const text = (value: Json | undefined): string | undefined =>
  typeof value === 'string'
    ? decodeEntities(value.replace(/<[^>]*>/g, '')).trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;

/** ISO 8601 durations as recipe sites write them ("PT1H20M", "P0DT45M") → minutes. */
export function isoDurationMinutes(value: Json | undefined): number | undefined {
  const match =
    typeof value === 'string'
      ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim())
      : null;
  if (!match || value === 'P' || value === 'PT') return undefined;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Number(d) * 1440 + Number(h) * 60 + Number(m) + Math.round(Number(s) / 60);
}

/** Every node whose @type is (or includes) Recipe, in a document, an array or an @graph. */
export function findRecipeNodes(document: Json): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (asArray(node['@type']).includes('Recipe')) found.push(node);
      else if (node['@graph'] !== undefined) visit(node['@graph']);
    }
  };
  visit(document);
  return found;
}

function steps(instructions: Json | undefined): string[] {
  // recipeInstructions may be one text, a list of texts, HowToStep objects or HowToSections.
  return asArray(instructions).flatMap((item): string[] => {
    if (typeof item === 'string')
      return (text(item) ?? '')
        .split(/\n+/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (isObject(item)) {
      if (item.itemListElement !== undefined) return steps(item.itemListElement);
      const t = text(item.text) ?? text(item.name);
      return t ? [t] : [];
    }
    return [];
  });
}

const DIET_URLS: Record<string, string> = {
  VegetarianDiet: 'vegetarian',
  VeganDiet: 'vegan',
  GlutenFreeDiet: 'gluten-free',
};

function slug(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}

const lastSegment = (value: string | undefined) =>
  value?.split('#')[0]?.split('?')[0]?.split('/').filter(Boolean).pop() || undefined;

/**
 * Maps a schema.org `Recipe` node to our record; validation happens afterwards, so a
 * missing field becomes a clear per-record error rather than a guess.
 */
export function recordFromJsonLd(
  node: JsonObject,
  fallbackLanguage?: string,
): Partial<RecipeRecord> {
  const name = text(node.name);
  const url =
    text(node.url) ??
    (isObject(node.mainEntityOfPage)
      ? text(node.mainEntityOfPage['@id'])
      : text(node.mainEntityOfPage));
  const image = asArray(node.image)
    .map((item) => (isObject(item) ? text(item.url) : text(item)))
    .find((item) => item !== undefined);
  const yieldText = asArray(node.recipeYield)
    .map(text)
    .find((y) => y && /\d/.test(y));
  const language = (text(node.inLanguage) ?? fallbackLanguage)?.slice(0, 2).toLowerCase();
  const tags = [
    ...asArray(node.keywords).flatMap((k) => (text(k) ?? '').split(',')),
    ...asArray(node.recipeCategory).map(text),
    ...asArray(node.recipeCuisine).map(text),
  ]
    .map((t) => t?.trim() ?? '')
    .filter(Boolean);
  const diet = asArray(node.suitableForDiet)
    .map((d) => DIET_URLS[(text(d) ?? '').split('/').pop() ?? ''])
    .filter((d) => d !== undefined);
  const record: Partial<RecipeRecord> & Record<string, unknown> = {
    // The page's last path segment is the recipe's stable name on the site ("…/gratin#recipe").
    id: slug(lastSegment(text(node['@id'])) ?? lastSegment(url) ?? name ?? ''),
    title: name,
    language: language as RecipeRecord['language'],
    ingredients: asArray(node.recipeIngredient ?? node.ingredients).map((i) => text(i) ?? ''),
    steps: steps(node.recipeInstructions),
    prepMinutes: isoDurationMinutes(node.prepTime),
    cookMinutes: isoDurationMinutes(node.cookTime),
    totalMinutes: isoDurationMinutes(node.totalTime),
    servings: yieldText ? Number(/\d+/.exec(yieldText)?.[0]) : undefined,
    tags: [...new Set(tags)],
    diet: diet as RecipeRecord['diet'],
    image,
    url,
  };
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
