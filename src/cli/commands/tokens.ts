import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom, normaliseDomain } from './sites.ts';

const HELP = `Usage: penumbra tokens <create|list|revoke> [options]

  create --name NAME [--site DOMAIN ...]   create an API token (printed once; stored hashed)
  list                                      list tokens (name, prefix, sites)
  revoke ID                                 revoke a token

Options:
  --name NAME     what the token is for
  --site DOMAIN   restrict the token to a site (repeatable; default: all sites)
  --data DIR      data directory (PENUMBRA_DATA, default ~/.penumbra)
  -h, --help      show this help
`;

export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'create, list or revoke API tokens',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      name: { type: 'string' },
      site: { type: 'string', multiple: true },
      data: { type: 'string' },
    });
    const [action, id] = positionals;
    const { createApiTokenSecret, openStateStore } = await import('../../server/index.ts');
    const state = await openStateStore(dataDirFrom(values.data));
    try {
      if (action === 'create') {
        if (!values.name) throw new UsageError('create needs --name NAME');
        const siteIds: string[] = [];
        for (const domain of values.site ?? []) {
          const site = await state.findSiteByDomain(normaliseDomain(domain));
          if (!site)
            throw new UsageError(`${domain} is not a site (add it with \`penumbra sites add\`)`);
          siteIds.push(site.id);
        }
        const secret = createApiTokenSecret();
        await state.createApiToken({
          name: values.name,
          tokenHash: secret.hash,
          prefix: secret.prefix,
          siteIds,
        });
        io.stdout.write(`${secret.token}\n`);
        io.stderr.write('Store this token now: it is not shown again.\n');
        return 0;
      }
      if (action === 'list') {
        const tokens = await state.listApiTokens();
        for (const token of tokens) {
          const scope =
            token.siteIds.length === 0 ? 'all sites' : `${token.siteIds.length} site(s)`;
          const status = token.revokedAt ? 'revoked' : 'active';
          io.stdout.write(`${token.id}\t${token.prefix}…\t${token.name}\t${scope}\t${status}\n`);
        }
        if (tokens.length === 0) io.stdout.write('no tokens yet\n');
        return 0;
      }
      if (action === 'revoke') {
        if (!id) throw new UsageError('revoke needs a token ID (see `penumbra tokens list`)');
        if (!(await state.revokeApiToken(id))) throw new UsageError(`no token with id ${id}`);
        io.stdout.write(`revoked ${id}\n`);
        return 0;
      }
      throw new UsageError('expected "create", "list" or "revoke"');
    } finally {
      await state.close();
    }
  },
};
