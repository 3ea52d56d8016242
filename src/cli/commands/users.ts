import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom, normaliseDomain } from './sites.ts';

const HELP = `Usage: penumbra users <add|list|grant> [options]

  add EMAIL [--site DOMAIN ...] [--role ROLE]   create a user; the password is read from
                                                 PENUMBRA_PASSWORD or the first line of stdin
  list                                           list users and their sites
  grant EMAIL --site DOMAIN --role ROLE          give a user a role on a site

Roles: owner (everything), admin (settings, goals, links), viewer (read only).

Options:
  --site DOMAIN   a site the user gets a role on (repeatable)
  --role ROLE     owner, admin or viewer (default owner for add)
  --data DIR      data directory (PENUMBRA_DATA, default ~/.penumbra)
  -h, --help      show this help

Passwords never go on the command line (shell history, ps). Example:
  printf '%s\\n' "$PASSWORD" | penumbra users add ann@example.com --site example.com
`;

const ROLES = ['owner', 'admin', 'viewer'] as const;
type Role = (typeof ROLES)[number];

async function readPassword(stdin: AsyncIterable<unknown>): Promise<string> {
  const fromEnv = process.env.PENUMBRA_PASSWORD;
  if (fromEnv) return fromEnv;
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export const usersCommand: Command = {
  name: 'users',
  summary: 'add users to the dashboard and give them roles on sites',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      site: { type: 'string', multiple: true },
      role: { type: 'string' },
      data: { type: 'string' },
    });
    const [action, email] = positionals;
    const role = (values.role ?? 'owner') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const { hashPassword, MIN_PASSWORD_LENGTH, openStateStore } = await import(
      '../../server/index.ts'
    );
    const state = await openStateStore(dataDirFrom(values.data));
    try {
      const sitesOf = async () => {
        const sites = [];
        for (const domain of values.site ?? []) {
          const site = await state.findSiteByDomain(normaliseDomain(domain));
          if (!site)
            throw new UsageError(`${domain} is not a site (add it with \`penumbra sites add\`)`);
          sites.push(site);
        }
        return sites;
      };
      if (action === 'add') {
        if (!email) throw new UsageError('add needs an EMAIL');
        if (await state.findUserByEmail(email))
          throw new UsageError(`${email} already has an account`);
        const sites = await sitesOf();
        const password = await readPassword(io.stdin);
        if (password.length < MIN_PASSWORD_LENGTH) {
          throw new UsageError(
            `the password must have at least ${MIN_PASSWORD_LENGTH} characters (PENUMBRA_PASSWORD or stdin)`,
          );
        }
        const user = await state.createUser({ email, passwordHash: await hashPassword(password) });
        for (const site of sites) await state.setSiteRole(site.id, user.id, role);
        io.stdout.write(
          `added ${user.email}${sites.length ? ` (${role} of ${sites.map((s) => s.domain).join(', ')})` : ''}\n`,
        );
        return 0;
      }
      if (action === 'grant') {
        const user = email ? await state.findUserByEmail(email) : null;
        if (!user)
          throw new UsageError(`no user ${email ?? ''} (add one with \`penumbra users add\`)`);
        const sites = await sitesOf();
        if (sites.length === 0) throw new UsageError('grant needs --site DOMAIN');
        for (const site of sites) await state.setSiteRole(site.id, user.id, role);
        io.stdout.write(
          `${user.email} is now ${role} of ${sites.map((s) => s.domain).join(', ')}\n`,
        );
        return 0;
      }
      if (action === 'list') {
        let count = 0;
        for (const site of await state.listSites()) {
          for (const member of await state.listSiteMembers(site.id)) {
            io.stdout.write(`${member.user.email}\t${member.role}\t${site.domain}\n`);
            count++;
          }
        }
        if (count === 0) io.stdout.write('no users with sites yet\n');
        return 0;
      }
      throw new UsageError('expected "add", "list" or "grant"');
    } finally {
      await state.close();
    }
  },
};
