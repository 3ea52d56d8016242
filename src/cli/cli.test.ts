import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'penumbra');

function run(args: string[], input?: string | Buffer) {
  const result = spawnSync(BIN, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('penumbra CLI', () => {
  it('lists commands and gives --help on every one', () => {
    const top = run(['--help']);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) {
      expect(top.stdout).toContain(command.name);
      const help = run([command.name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: penumbra /);
    }
  });
  it('rejects unknown commands and flags with one line and exit code 2', () => {
    const unknown = run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const flag = run(['classify', '--no-such-flag']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(flag.stderr).toContain('--no-such-flag');
    const value = run(['classify', '--deep-link-depth', 'deep']);
    expect(value.code).toBe(2);
  });
});

describe('penumbra classify', () => {
  it('writes one line per input line, in order, with errors in place', () => {
    const input = [
      JSON.stringify({ url: 'https://example.com/a/b', user_agent: 'WhatsApp/2.23.20.0 A' }),
      'this is not json',
      JSON.stringify({ referrer: 'https://t.me/' }),
      '[1,2]',
      '',
      JSON.stringify({ url: '/a/b', referrer: 't.me' }),
    ].join('\n');
    const { code, stdout } = run(['classify'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({
      class: 'preview',
      channel: 'whatsapp',
      confidence: 'confirmed',
      rule: 'R1a.preview',
      evidence: 'WhatsApp/2.23.20.0 A',
      ga4: null,
    });
    expect(lines[1]).toEqual({ error: 'invalid JSON', line: 2 });
    expect(lines[2]).toEqual({ error: 'missing "url" (a non-empty string)', line: 3 });
    expect(lines[3]).toEqual({ error: 'expected a JSON object', line: 4 });
    expect(lines[4]).toEqual({ error: 'empty line', line: 5 });
    expect(lines[5]).toMatchObject({ class: 'dark_social', channel: 'telegram' });
  });
  it('survives binary garbage and a 1 MB line', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const big = JSON.stringify({ url: `/a/${'x'.repeat(1_000_000)}`, referrer: 'r'.repeat(5000) });
    const input = Buffer.concat([
      binary,
      Buffer.from(`\n${big}\n`),
      Buffer.from(`${JSON.stringify({ url: '/' })}\n`),
    ]);
    const { code, stdout } = run(['classify'], input);
    expect(code).toBe(0);
    const results = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const last = results.at(-1);
    expect(last).toMatchObject({ class: 'direct', channel: 'none' });
    expect(results.at(-2)).toMatchObject({ class: 'dark_social', rule: 'R7.deep_link' });
    expect(results.some((r) => 'error' in r)).toBe(true);
  });
  it('reads files given as arguments and summarises', () => {
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-'));
    const file = join(dir, 'hits.jsonl');
    writeFileSync(
      file,
      [
        { url: '/a/b', user_agent: 'TelegramBot (like TwitterBot)' },
        { url: '/a/b', referrer: 'https://www.google.com/' },
        { url: '/a/b', referrer: 'https://www.google.com/' },
      ]
        .map((hit) => JSON.stringify(hit))
        .join('\n'),
    );
    const { code, stdout } = run(['classify', '--summary', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      lines: 3,
      errors: 0,
      by_class: { preview: 1, search: 2 },
      by_channel: { 'preview/telegram': 1, 'search/google': 2 },
    });
  });
  it('applies site options', () => {
    const hit = JSON.stringify({ url: '/a/b', referrer: 'https://www.example.com/' });
    const { stdout } = run(['classify', '--site-host', 'example.com'], hit);
    expect(JSON.parse(stdout)).toMatchObject({ class: 'internal' });
  });
  it('fails with exit code 1 when an input cannot be read', () => {
    const { code, stderr } = run(['classify', '/nonexistent/hits.jsonl']);
    expect(code).toBe(1);
    expect(stderr).toContain('ENOENT');
  });
});

describe('penumbra links', () => {
  it('creates one short link per URL and channel, only on a registered site', () => {
    const data = mkdtempSync(join(tmpdir(), 'penumbra-links-cli-'));
    expect(run(['sites', 'add', 'news.example', '--data', data]).code).toBe(0);
    const first = run([
      'links',
      'create',
      'https://news.example/a',
      '--channel',
      'whatsapp',
      '--data',
      data,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\/s\/[a-zA-Z0-9]{7}\n$/);
    expect(
      run(['links', 'create', 'https://news.example/a', '--channel', 'whatsapp', '--data', data])
        .stdout,
    ).toBe(first.stdout);
    const foreign = run(['links', 'create', 'https://evil.example/a', '--data', data]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('evil.example is not a site');
  });
});

describe('penumbra users', () => {
  it('adds a user with a password from stdin, and refuses weak or duplicate ones', () => {
    const data = mkdtempSync(join(tmpdir(), 'penumbra-users-cli-'));
    expect(run(['sites', 'add', 'news.example', '--data', data]).code).toBe(0);
    const weak = run(['users', 'add', 'ann@news.example', '--data', data], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('at least 10 characters');
    const added = run(
      ['users', 'add', 'ann@news.example', '--site', 'news.example', '--data', data],
      'a long enough password\n',
    );
    expect(added.stdout).toBe('added ann@news.example (owner of news.example)\n');
    expect(
      run(['users', 'add', 'ann@news.example', '--data', data], 'another password\n').code,
    ).toBe(2);
    const granted = run([
      'users',
      'grant',
      'ann@news.example',
      '--site',
      'news.example',
      '--role',
      'viewer',
      '--data',
      data,
    ]);
    expect(granted.code).toBe(0);
    expect(run(['users', 'list', '--data', data]).stdout).toBe(
      'ann@news.example\tviewer\tnews.example\n',
    );
    expect(
      run([
        'users',
        'grant',
        'ann@news.example',
        '--site',
        'news.example',
        '--role',
        'root',
        '--data',
        data,
      ]).code,
    ).toBe(2);
  });
});
