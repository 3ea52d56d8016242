import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom } from './sites.ts';

const HELP = `Usage: penumbra links create URL [options]

Creates (or finds) the short share link for URL on one of your sites; prints /s/CODE.
A person opening it is redirected to URL with a fresh share token; a link-preview fetcher
(WhatsApp, iMessage, Slack…) gets URL's card and is counted as a preview, never a click.

Options:
  --channel NAME      the channel it is for (whatsapp, telegram, email, …)
  --campaign NAME     a campaign name
  --utm               add utm_source/utm_medium/utm_campaign to the redirect
  --base URL          print the full link on this Penumbra base URL (e.g. https://p.example)
  --data DIR          data directory (PENUMBRA_DATA, default ~/.penumbra)
  -h, --help          show this help
`;

export const linksCommand: Command = {
  name: 'links',
  summary: 'create short share links that count clicks and previews',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      channel: { type: 'string' },
      campaign: { type: 'string' },
      utm: { type: 'boolean' },
      base: { type: 'string' },
      data: { type: 'string' },
    });
    const [action, url, extra] = positionals;
    if (action !== 'create' || !url) throw new UsageError('expected "create URL"');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (!/^https?:\/\//i.test(url)) throw new UsageError(`"${url}" is not an http(s) URL`);
    const channel = values.channel ?? '';
    if (!/^[a-z]{0,20}$/.test(channel))
      throw new UsageError('--channel takes lower-case letters, e.g. whatsapp');
    const { openStateStore } = await import('../../server/index.ts');
    const { createShareCode } = await import('../../links/index.ts');
    const state = await openStateStore(dataDirFrom(values.data));
    try {
      const site = await state.findSiteByDomain(new URL(url).hostname);
      if (!site)
        throw new UsageError(
          `${new URL(url).hostname} is not a site (add it with \`penumbra sites add\`)`,
        );
      const link = await state.createShareLink(
        {
          code: createShareCode(),
          siteId: site.id,
          target: url,
          channel,
          campaign: values.campaign ?? '',
          conversation: '',
          utm: values.utm ?? false,
        },
        Date.now(),
      );
      io.stdout.write(`${(values.base ?? '').replace(/\/$/, '')}/s/${link.code}\n`);
      return 0;
    } finally {
      await state.close();
    }
  },
};
