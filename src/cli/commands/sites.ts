import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';

const HELP = `Usage: penumbra sites <add|list|remove> [DOMAIN] [options]

  add DOMAIN      register a site (its tracker events are accepted from now on)
  list            list sites
  remove DOMAIN   remove a site (its events stay in the event store)

Options:
  --data DIR      data directory (PENUMBRA_DATA, default ~/.penumbra)
  --json          machine-readable output
  -h, --help      show this help
`;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$/;

export function dataDirFrom(value: string | undefined): string {
  return value ?? process.env.PENUMBRA_DATA ?? join(homedir(), '.penumbra');
}

/** `www.Example.com` and `https://example.com/` both mean `example.com`. */
export function normaliseDomain(input: string): string {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '');
  if (!DOMAIN.test(host))
    throw new UsageError(`"${input}" is not a domain name (e.g. example.com)`);
  return host;
}

export const sitesCommand: Command = {
  name: 'sites',
  summary: 'add, list or remove the sites Penumbra collects for',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      data: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [action, domainArg, extra] = positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (action !== 'add' && action !== 'list' && action !== 'remove') {
      throw new UsageError('expected "add DOMAIN", "list" or "remove DOMAIN"');
    }
    if (action !== 'list' && domainArg === undefined)
      throw new UsageError(`"${action}" needs a DOMAIN`);
    const { openStateStore } = await import('../../server/index.ts');
    const state = await openStateStore(dataDirFrom(values.data));
    try {
      if (action === 'list') {
        const sites = await state.listSites();
        io.stdout.write(
          values.json
            ? `${JSON.stringify(sites)}\n`
            : sites.map((site) => `${site.domain}\t${site.id}\n`).join('') || 'no sites yet\n',
        );
        return 0;
      }
      const domain = normaliseDomain(domainArg!);
      const existing = await state.findSiteByDomain(domain);
      if (action === 'add') {
        if (existing) throw new UsageError(`${domain} is already a site`);
        const site = await state.createSite(domain);
        io.stdout.write(values.json ? `${JSON.stringify(site)}\n` : `added ${site.domain}\n`);
        io.stdout.write(
          values.json
            ? ''
            : `tag: <script defer src="https://YOUR-PENUMBRA-HOST/p.js" data-site="${site.domain}"></script>\n`,
        );
        return 0;
      }
      if (!existing) throw new UsageError(`${domain} is not a site`);
      await state.deleteSite(existing.id);
      io.stdout.write(`removed ${domain}\n`);
      return 0;
    } finally {
      await state.close();
    }
  },
};
