import type { ShareLink, StateStore } from '../state-store.ts';
import type { Sql } from './open-postgres.ts';

type ShareLinkMethods = Pick<StateStore, 'createShareLink' | 'findShareLink'>;

interface ShareLinkRow {
  code: string;
  site_id: string;
  target: string;
  channel: string;
  campaign: string;
  conversation: string;
  utm: boolean;
  created_at: number;
}

const toShareLink = (row: ShareLinkRow): ShareLink => ({
  code: row.code,
  siteId: row.site_id,
  target: row.target,
  channel: row.channel,
  campaign: row.campaign,
  conversation: row.conversation,
  utm: row.utm,
  createdAt: row.created_at,
});

/**
 * Share links on PostgreSQL. `ON CONFLICT` on the combination index makes look-up-or-insert one
 * atomic statement, so two instances creating the same link agree on one code; a code already
 * used by another combination still violates the primary key (a `conflict`, the caller draws
 * another code).
 */
export function createPostgresShareLinks(sql: Sql): ShareLinkMethods {
  return {
    async createShareLink(input, now) {
      await sql`
        INSERT INTO share_links (code, site_id, target, channel, campaign, conversation, utm, created_at)
        VALUES (${input.code}, ${input.siteId}, ${input.target}, ${input.channel},
                ${input.campaign}, ${input.conversation}, ${input.utm}, ${now})
        ON CONFLICT (site_id, target, channel, campaign, conversation, utm) DO NOTHING`;
      const [row] = await sql<ShareLinkRow[]>`
        SELECT * FROM share_links WHERE site_id = ${input.siteId} AND target = ${input.target}
          AND channel = ${input.channel} AND campaign = ${input.campaign}
          AND conversation = ${input.conversation} AND utm = ${input.utm}`;
      if (!row) throw new Error('share link vanished right after it was stored');
      return toShareLink(row);
    },
    async findShareLink(code) {
      const [row] = await sql<ShareLinkRow[]>`SELECT * FROM share_links WHERE code = ${code}`;
      return row ? toShareLink(row) : null;
    },
  };
}
