import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { chooseFormat, detectFormat, sampleLines } from './detect-format.ts';
import { parseFieldsOption } from './json-fields.ts';
import { LogsInputError } from './log-format.ts';
import { fixture } from './test-helpers.ts';

const linesOf = (name: string): string[] => sampleLines(readFileSync(fixture(name), 'utf8'), true);

describe('detectFormat', () => {
  test('recognises every fixture', () => {
    expect(detectFormat(linesOf('combined.log'))).toEqual({ name: 'combined' });
    expect(detectFormat(linesOf('common.log'))).toEqual({ name: 'common' });
    expect(detectFormat(linesOf('malformed.log'))).toEqual({ name: 'combined' });
    expect(detectFormat(linesOf('caddy.log'))).toEqual({ name: 'caddy' });
    expect(detectFormat(linesOf('nginx-json.log'))).toMatchObject({
      name: 'json',
      fields: { url: ['request'], time: ['time_iso8601'], ip: ['remote_addr'], host: null },
    });
  });

  test('JSON without a recognisable URL or time asks for --fields', () => {
    expect(() => detectFormat(['{"when":1,"what":"/a"}'])).toThrow(
      /without a url or time field.*--fields url=KEY,time=KEY/,
    );
    expect(detectFormat(linesOf('generic.jsonl'))).toMatchObject({
      fields: {
        url: ['path'],
        time: ['ts'],
        ip: ['client'],
        user_agent: ['ua'],
        referrer: null,
        status: null,
      },
    });
    const fields = parseFieldsOption('url=path, time=ts,user_agent=ua');
    expect(detectFormat(linesOf('generic.jsonl'), fields)).toMatchObject({
      name: 'json',
      fields: { url: ['path'], time: ['ts'], user_agent: ['ua'], referrer: null },
    });
  });

  test('--fields accepts nested keys and rejects unknown names', () => {
    expect(parseFieldsOption('url=req.path,ip=client')).toEqual({ url: 'req.path', ip: 'client' });
    expect(() => parseFieldsOption('uri=path')).toThrow(LogsInputError);
    expect(() => parseFieldsOption('url=')).toThrow(/needs a key/);
    const nested = chooseFormat(
      'x',
      ['{"req":{"path":"/a"},"t":1}'],
      null,
      parseFieldsOption('url=req.path,time=t'),
    );
    expect(nested).toMatchObject({ name: 'json', fields: { url: ['req', 'path'], time: ['t'] } });
  });

  test('sampleLines skips blank lines and a cut-off last line', () => {
    expect(sampleLines('a\r\n\nb\nc', false)).toEqual(['a', 'b']);
    expect(sampleLines('a\nb', true)).toEqual(['a', 'b']);
  });

  test('--format json on a text log is an error; an empty sample is no error', () => {
    expect(() => chooseFormat('x', linesOf('combined.log'), 'json', {})).toThrow(
      /not JSON objects/,
    );
    expect(chooseFormat('x', [], null, {})).toBeNull();
    expect(chooseFormat('x', [], 'common', {})).toEqual({ name: 'common' });
  });
});
