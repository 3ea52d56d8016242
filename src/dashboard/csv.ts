/**
 * CSV built in the browser from a panel's JSON (RFC 4180 quoting). Cells a spreadsheet would
 * read as a formula (starting with = + - @, or a tab/carriage return) get a leading `'`, so a
 * referrer or UTM value chosen by a visitor can never run in the reader's spreadsheet (OWASP
 * "CSV injection"). Numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header row + rows, CRLF line ends (what spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** `pages` + site + range → `example.com-pages-2026-11-01-2026-11-29.csv` (safe characters only). */
export function csvFileName(site: string, table: string, from: number, to: number): string {
  const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
  const safe = `${site}-${table}-${day(from)}-${day(to - 1)}`.replace(/[^a-zA-Z0-9._-]+/g, '_');
  return `${safe}.csv`;
}

/** Saves `text` as a file through a temporary blob link (no server round trip). */
export function downloadCsv(fileName: string, text: string): void {
  // The BOM makes Excel read UTF-8; other readers skip it.
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
