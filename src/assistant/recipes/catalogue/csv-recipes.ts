import type { RecipeRecord } from './recipe-schema.ts';

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = source.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export const CSV_COLUMNS = [
  'id',
  'title',
  'language',
  'ingredients',
  'steps',
  'prepMinutes',
  'cookMinutes',
  'totalMinutes',
  'servings',
  'tags',
  'diet',
  'image',
  'url',
] as const;

// Lists inside one cell: one item a line, or separated by "|" (commas occur in ingredients).
const list = (cell: string) =>
  cell
    .split(/\r?\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean);
const LIST_COLUMNS = new Set(['ingredients', 'steps', 'tags', 'diet']);
const NUMBER_COLUMNS = new Set(['prepMinutes', 'cookMinutes', 'totalMinutes', 'servings']);

/**
 * Reads a CSV catalogue with a header row (columns in `CSV_COLUMNS`, any order, unknown ones
 * reported); returns raw records for validation, or a header error.
 */
export function recordsFromCsv(source: string): {
  records: Record<string, unknown>[];
  error?: string;
} {
  const [header, ...rows] = parseCsv(source);
  if (!header) return { records: [], error: 'the CSV is empty: put a header row first' };
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0)
    return {
      records: [],
      error: `unknown CSV column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(', ')}`,
    };
  const records = rows.map((cells) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const cell = (cells[i] ?? '').trim();
      if (cell === '') return;
      if (LIST_COLUMNS.has(name)) record[name] = list(cell);
      else if (NUMBER_COLUMNS.has(name))
        record[name] = Number.isNaN(Number(cell)) ? cell : Number(cell);
      else record[name] = cell;
    });
    return record;
  });
  return { records };
}

export type { RecipeRecord };
