import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { main } from '../cli/main.ts';
import { openStateStore, openStores } from '../server/open-stores.ts';
import type { StoredEvent } from '../store/index.ts';
import { fixture, tempDir } from './test-helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'penumbra');
const FIXTURE_IPS = ['192.0.2.10', '198.51.100.20', '203.0.113.30', '2001:db8::7', '198.51.100.99'];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(['logs', ...args], {
    stdin: Readable.from([]),
    stdout,
    stderr,
    stderrIsTty: false,
  });
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

async function dataDirWithSite(domain: string): Promise<{ dataDir: string; siteId: string }> {
  const dataDir = tempDir();
  const state = await openStateStore(dataDir);
  const site = await state.createSite(domain);
  await state.close();
  return { dataDir, siteId: site.id };
}

async function storedEvents(dataDir: string, siteId: string): Promise<StoredEvent[]> {
  const { events, state } = await openStores(dataDir);
  try {
    return await events.list(siteId, { limit: 100_000 });
  } finally {
    await events.close();
    await state.close();
  }
}

function countBy(events: readonly StoredEvent[], key: (e: StoredEvent) => string) {
  const counts: Record<string, number> = {};
  for (const event of events) counts[key(event)] = (counts[key(event)] ?? 0) + 1;
  return counts;
}

describe('penumbra logs --import', () => {
  test('stores the report’s page views and preview fetches, once', async () => {
    const { dataDir, siteId } = await dataDirWithSite('example.com');
    const file = fixture('combined.log');
    // The site comes from the guessed host (www.example.com → example.com).
    const first = await run([file, '--json', '--import', '--data', dataDir]);
    expect(first.stderr).toContain('site host: www.example.com (guessed');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.page_views).toBe(13);
    expect(report.previews.fetches).toBe(4);
    expect(report.previews.hits).toBe(5);
    expect(first.stderr.trim().split('\n').at(-1)).toBe(
      `imported 13 page views and 4 previews into ${dataDir} (site example.com)`,
    );

    const events = await storedEvents(dataDir, siteId);
    expect(countBy(events, (e) => e.name)).toEqual({ pageview: 13, preview: 4 });
    const views = events.filter((e) => e.name === 'pageview');
    const previews = events.filter((e) => e.name === 'preview');
    // Page views: exactly the report's human hits, by class and channel.
    const expected: Record<string, number> = {};
    for (const [key, hits] of Object.entries(report.by_channel as Record<string, number>)) {
      if (!key.startsWith('bot/') && !key.startsWith('preview/')) expected[key] = hits;
    }
    expect(countBy(views, (e) => `${e.class}/${e.channel}`)).toEqual(expected);
    // One session per visit of the report.
    expect(new Set(views.map((e) => e.session_id)).size).toBe(report.visits);
    expect(report.visits).toBe(10);
    // Previews as the report counts them (a refetch within 10 minutes is the same preview).
    expect(countBy(previews, (e) => e.channel)).toEqual(report.previews.by_channel);
    expect(countBy(previews, (e) => e.class)).toEqual({ preview: 4 });

    const utm = views.find((e) => e.utm_source !== '');
    expect(utm).toMatchObject({
      path: '/recipes/2026/tomato-soup',
      utm_source: 'whatsapp',
      utm_medium: 'social',
      utm_campaign: '',
    });
    const gmail = views.find((e) => e.channel === 'gmail' || e.referrer_host.includes('gm'));
    expect(gmail?.referrer_host).toBe('com.google.android.gm');
    const first10 = views.find((e) => e.ts === Date.parse('2026-11-02T10:00:00Z'));
    expect(first10).toMatchObject({
      name: 'pageview',
      hostname: 'www.example.com',
      path: '/news/2026/11/soup-recipe',
      class: 'search',
      channel: 'google',
      device: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
      view_token: '',
      parent_token: '',
      share_channel: '',
      engaged_ms: 0,
      country: '',
      props: '',
    });
    for (const event of events) {
      expect(event.site_id).toBe(siteId);
      if (event.name === 'pageview') expect(event.visitor_id).toMatch(/^[0-9a-f]{16}$/);
      if (event.name === 'pageview') expect(event.session_id).toMatch(/^[0-9a-f]{16}$/);
    }
    // Only previews built on the sharer's phone carry a visitor id (as the collector does).
    expect(previews.filter((e) => e.visitor_id !== '').map((e) => e.channel)).toEqual([
      'whatsapp',
      'whatsapp',
    ]);
    const stored = JSON.stringify(events);
    for (const ip of FIXTURE_IPS) expect(stored).not.toContain(ip);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    // The same file again, even under another name, adds nothing.
    const copy = join(tempDir(), 'access.log.1');
    copyFileSync(file, copy);
    const again = await run([copy, '--quiet', '--import', '--data', dataDir]);
    expect(again.code).toBe(0);
    const twice = await run([file, '--import', '--data', dataDir, '--site-host', 'example.com']);
    expect(twice.stderr).toContain('imported 0 page views and 0 previews');
    const after = await storedEvents(dataDir, siteId);
    expect(after.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  test('a grown file adds only its new lines', async () => {
    const { dataDir, siteId } = await dataDirWithSite('example.com');
    const lines = readFileSync(fixture('combined.log'), 'utf8').split('\n');
    const file = join(tempDir(), 'access.log');
    writeFileSync(file, `${lines.slice(0, 20).join('\n')}\n`);
    const args = [file, '--quiet', '--import', '--data', dataDir, '--site-host', 'example.com'];
    expect((await run(args)).code).toBe(0);
    const part = await storedEvents(dataDir, siteId);
    writeFileSync(file, lines.join('\n'));
    expect((await run(args)).code).toBe(0);
    const whole = await storedEvents(dataDir, siteId);
    expect(part.length).toBeGreaterThan(0);
    expect(countBy(whole, (e) => e.name)).toEqual({ pageview: 13, preview: 4 });
    // Visits that span the two imports keep their session.
    expect(new Set(whole.filter((e) => e.name === 'pageview').map((e) => e.session_id)).size).toBe(
      10,
    );
  });

  test('a short file, then the same lines rotated and gzipped: stored once', async () => {
    const { dataDir, siteId } = await dataDirWithSite('example.com');
    const lines = readFileSync(fixture('combined.log'), 'utf8').split('\n').slice(0, 7);
    const dir = tempDir();
    const plain = join(dir, 'access.log');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    const args = ['--json', '--import', '--data', dataDir, '--site-host', 'www.example.com'];
    const first = await run([plain, ...args]);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    const stored = await storedEvents(dataDir, siteId);
    expect(countBy(stored, (e) => e.name)).toEqual({ pageview: 2, preview: 1 });
    expect(report.page_views).toBe(2);
    expect(report.previews.fetches).toBe(1);
    const rotated = join(dir, 'access.log.2.gz');
    writeFileSync(rotated, gzipSync(readFileSync(plain)));
    const again = await run([rotated, ...args]);
    expect(again.stderr).toContain('imported 0 page views and 0 previews');
    expect(await storedEvents(dataDir, siteId)).toHaveLength(3);
  });

  test('a site that is not registered: one line naming `penumbra sites add`', async () => {
    const { dataDir } = await dataDirWithSite('example.com');
    const out = await run([
      fixture('combined.log'),
      '--import',
      '--data',
      dataDir,
      '--site-host',
      'blog.example.org',
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `penumbra logs: blog.example.org is not a site in ${dataDir}; add it with \`penumbra sites add blog.example.org\` (or name the site with --site-host)\n`,
    );
    const empty = await run([fixture('combined.log'), '--import', '--data', join(dataDir, 'x')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('penumbra sites add www.example.com');
  });

  test('stdin cannot be imported', async () => {
    const out = await run(['-', '--import', '--data', tempDir()]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--import reads files, not stdin');
  });

  test('a store held by another process (the server): one line, nothing imported', async () => {
    const { dataDir, siteId } = await dataDirWithSite('example.com');
    const held = await openStores(dataDir);
    try {
      const result = spawnSync(
        BIN,
        ['logs', fixture('combined.log'), '--quiet', '--import', '--data', dataDir],
        { encoding: 'utf8' },
      );
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `penumbra logs: the event store in ${dataDir} is in use by another process (is \`penumbra serve\` running?); stop the server, or import into another --data directory\n`,
      );
      expect(await held.events.count({ siteId })).toBe(0);
    } finally {
      await held.events.close();
      await held.state.close();
    }
  });
});
