import type { Database, Statement } from 'better-sqlite3';
import type { ShareLink, ShareLinkInput, StateStore } from '../state-store.ts';

type ShareLinkMethods = Pick<StateStore, 'createShareLink' | 'findShareLink'>;

interface ShareLinkRow {
  code: string;
  site_id: string;
  target: string;
  channel: string;
  campaign: string;
  conversation: string;
  utm: number;
  created_at: number;
}

const toShareLink = (row: ShareLinkRow): ShareLink => ({
  code: row.code,
  siteId: row.site_id,
  target: row.target,
  channel: row.channel,
  campaign: row.campaign,
  conversation: row.conversation,
  utm: row.utm === 1,
  createdAt: row.created_at,
});

/** The columns that make a link unique, in table order (the UNIQUE index of migration 2). */
const combinationOf = (input: ShareLinkInput) =>
  [
    input.siteId,
    input.target,
    input.channel,
    input.campaign,
    input.conversation,
    input.utm ? 1 : 0,
  ] as const;

/** Share links on SQLite: look-up-or-insert in one IMMEDIATE transaction, so two callers agree. */
export function createSqliteShareLinks(
  db: Database,
  sql: (text: string) => Statement,
): ShareLinkMethods {
  const findCombination = (input: ShareLinkInput) =>
    sql(
      `SELECT * FROM share_links WHERE site_id = ? AND target = ? AND channel = ? AND campaign = ?
       AND conversation = ? AND utm = ?`,
    ).get(...combinationOf(input)) as ShareLinkRow | undefined;

  const create = db.transaction((input: ShareLinkInput, now: number): ShareLink => {
    const existing = findCombination(input);
    if (existing) return toShareLink(existing);
    sql(
      `INSERT INTO share_links (code, site_id, target, channel, campaign, conversation, utm, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.code, ...combinationOf(input), now);
    return { ...input, createdAt: now };
  });

  return {
    async createShareLink(input, now) {
      return create.immediate(input, now);
    },
    async findShareLink(code) {
      const row = sql('SELECT * FROM share_links WHERE code = ?').get(code) as
        | ShareLinkRow
        | undefined;
      return row ? toShareLink(row) : null;
    },
  };
}
