/**
 * CSV of a table panel for spreadsheets. Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) get a leading quote: visitors control page paths and
 * referrers, and a CSV opened in Excel must not execute what they wrote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
