import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv } from './csv.ts';

describe('csv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses spreadsheet formulas in text cells, never in numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and CRLF rows', () => {
    expect(
      toCsv(
        ['key', 'n'],
        [
          ['/a', 1],
          ['<img src=x onerror=alert(1)>', 2],
        ],
      ),
    ).toBe('key,n\r\n/a,1\r\n<img src=x onerror=alert(1)>,2\r\n');
  });

  it('names files with safe characters only', () => {
    const from = Date.UTC(2026, 10, 1);
    const to = Date.UTC(2026, 10, 30);
    expect(csvFileName('ex ample.com/../x', 'pages', from, to)).toBe(
      'ex_ample.com_.._x-pages-2026-11-01-2026-11-29.csv',
    );
  });
});
