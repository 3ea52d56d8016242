import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedChdb } from './shared-chdb-session.ts';

// deploy/clickhouse/ is copied onto real servers: a misspelt setting there is ignored (server
// config) or breaks every query (profile). Check every name against ClickHouse 26.7 itself.
const ROOT = join(import.meta.dirname, '..', '..', '..', 'deploy', 'clickhouse');
const chdb = sharedChdb();
afterAll(() => chdb.close());
const executor = chdb.freshExecutor('config');

/** Names of the leaf elements directly under `parent` (comments removed). */
function settingNames(xml: string, parent: string): string[] {
  const body =
    xml
      .replace(/<!--[\s\S]*?-->/g, '')
      .match(new RegExp(`<${parent}>([\\s\\S]*)</${parent}>`))?.[1] ?? '';
  return [...body.matchAll(/<([a-z_]+)>[^<]*<\/\1>/g)].map((match) => match[1] ?? '');
}

async function known(table: string, names: string[]): Promise<string[]> {
  await executor.ensureDatabase();
  const { rows } = await executor.query(
    `SELECT name FROM system.${table} WHERE name IN {names:Array(String)}`,
    {
      names,
    },
  );
  return rows.map((row) => String(row[0]));
}

describe('deploy/clickhouse', () => {
  it('uses only server settings ClickHouse knows', async () => {
    const xml = readFileSync(join(ROOT, 'config.d', 'penumbra-small-server.xml'), 'utf8');
    const names = settingNames(xml, 'clickhouse').filter(
      (name) => !['level', 'size', 'count'].includes(name),
    );
    expect(names).toContain('mark_cache_size');
    expect((await known('server_settings', names)).sort()).toEqual([...names].sort());
  });

  it('uses only query settings ClickHouse knows', async () => {
    const xml = readFileSync(join(ROOT, 'users.d', 'penumbra-small-profile.xml'), 'utf8');
    const names = settingNames(xml, 'default');
    expect(names).toContain('max_threads');
    expect((await known('settings', names)).sort()).toEqual([...names].sort());
  });
});
