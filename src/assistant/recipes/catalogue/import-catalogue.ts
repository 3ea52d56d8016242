import { defaultLexicon, type Lexicon } from '../lexicon/lexicon.ts';
import { recordsFromCsv } from './csv-recipes.ts';
import { findRecipeNodes, recordFromJsonLd } from './json-ld-recipe.ts';
import { type Recipe, toRecipe } from './recipe.ts';
import { recipeRecordSchema } from './recipe-schema.ts';

export type CatalogueFormat = 'json' | 'csv' | 'jsonld' | 'html';

/** A problem with one record: `record` counts from 1 in file order. */
export interface RecordProblem {
  record: number;
  id?: string;
  message: string;
}

export interface CatalogueImport {
  recipes: Recipe[];
  /** Records refused, each with the reason and how to fix it. */
  errors: RecordProblem[];
  /** Records kept with a caveat (a line the lexicon does not know). */
  warnings: RecordProblem[];
}

export interface ImportOptions {
  /** Guessed from the file name, then from the content, when absent. */
  format?: CatalogueFormat;
  fileName?: string;
  lexicon?: Lexicon;
  /** Language for JSON-LD recipes that do not declare `inLanguage`. */
  defaultLanguage?: 'fr' | 'en' | 'es';
}

export function guessFormat(content: string, fileName = ''): CatalogueFormat {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'csv') return 'csv';
  if (extension === 'html' || extension === 'htm') return 'html';
  if (extension === 'jsonld') return 'jsonld';
  const start = content.trimStart();
  if (start.startsWith('<')) return 'html';
  if (start.startsWith('{') || start.startsWith('['))
    return /"@type"\s*:/.test(content) ? 'jsonld' : 'json';
  return 'csv';
}

// Recipe pages embed their JSON-LD in script tags; there may be several per page.
function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  for (const match of html.matchAll(
    /<script[^>]*type=["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi,
  ))
    blocks.push(match[1] ?? '');
  return blocks;
}

function rawRecords(content: string, format: CatalogueFormat, options: ImportOptions) {
  if (format === 'csv') return recordsFromCsv(content);
  const documents = format === 'html' ? jsonLdBlocks(content) : [content];
  const records: unknown[] = [];
  for (const [index, document] of documents.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      const where = format === 'html' ? `JSON-LD block ${index + 1}` : 'the file';
      return {
        records,
        error: `${where} is not valid JSON (${error instanceof Error ? error.message : error})`,
      };
    }
    if (format === 'json') {
      const list = Array.isArray(parsed) ? parsed : (parsed as { recipes?: unknown }).recipes;
      if (!Array.isArray(list))
        return { records, error: 'expected a JSON array of recipes or {"recipes": [...]}' };
      records.push(...list);
    } else
      records.push(
        ...findRecipeNodes(parsed as Parameters<typeof findRecipeNodes>[0]).map((node) =>
          recordFromJsonLd(node, options.defaultLanguage),
        ),
      );
  }
  if (format !== 'json' && records.length === 0)
    return { records, error: 'no schema.org Recipe found (expected "@type": "Recipe")' };
  return { records };
}

/**
 * Loads a brand's catalogue from JSON, CSV, schema.org Recipe JSON-LD or HTML pages that
 * embed it. Each record is validated on its own: good ones are kept, bad ones are reported
 * with their position, id and a message saying how to fix them.
 */
export function importCatalogue(content: string, options: ImportOptions = {}): CatalogueImport {
  const lexicon = options.lexicon ?? defaultLexicon;
  const format = options.format ?? guessFormat(content, options.fileName);
  const result: CatalogueImport = { recipes: [], errors: [], warnings: [] };
  const { records, error } = rawRecords(content, format, options);
  if (error) {
    result.errors.push({ record: 0, message: error });
    return result;
  }
  const seen = new Set<string>();
  records.forEach((raw, index) => {
    const record = index + 1;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
    const problem = (message: string) =>
      result.errors.push({ record, ...(id ? { id } : {}), message });
    const parsed = recipeRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const field = (path: PropertyKey[]) => path.map(String).join('.');
      // Prefix the field unless the message already starts with it.
      const messages = parsed.error.issues.map((issue) =>
        issue.path.length === 0 || issue.message.startsWith(String(issue.path[0]))
          ? issue.message
          : `${field(issue.path)}: ${issue.message}`,
      );
      problem(messages.join('; '));
      return;
    }
    if (seen.has(parsed.data.id)) {
      problem(`duplicate id "${parsed.data.id}": ids must be unique in a catalogue`);
      return;
    }
    const converted = toRecipe(parsed.data, lexicon);
    if (!converted.ok) {
      problem(converted.error);
      return;
    }
    seen.add(parsed.data.id);
    result.recipes.push(converted.recipe);
    for (const message of converted.warnings)
      result.warnings.push({ record, id: parsed.data.id, message });
  });
  return result;
}
