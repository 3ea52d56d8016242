import type { OutboxState, SenderHalt } from '../hub-records.ts';
import type { HubStore } from '../hub-store.ts';
import { type OutboxRow, toOutbox } from '../sqlite/hub-rows.ts';
import type { Sql } from './open-postgres.ts';

type OutboxQueryMethods = Pick<
  HubStore,
  | 'getOutbox'
  | 'findOutboxByKey'
  | 'findOutboxByProviderMessageId'
  | 'listOutbox'
  | 'countOutboxSince'
  | 'haltSender'
  | 'activeHalts'
  | 'countBroadcastStates'
>;

/** The outbox's lookups, listings and counts, and sender halts, on PostgreSQL. */
export function createPostgresOutboxQueries(sql: Sql): OutboxQueryMethods {
  return {
    async getOutbox(id) {
      const [row] = await sql<OutboxRow[]>`SELECT * FROM hub_outbox WHERE id = ${id}`;
      return row ? toOutbox(row) : null;
    },
    async findOutboxByKey(brandId, idempotencyKey) {
      const [row] = await sql<OutboxRow[]>`
        SELECT * FROM hub_outbox WHERE brand_id = ${brandId} AND idempotency_key = ${idempotencyKey}`;
      return row ? toOutbox(row) : null;
    },
    async findOutboxByProviderMessageId(provider, providerMessageId) {
      const [row] = await sql<OutboxRow[]>`
        SELECT * FROM hub_outbox
        WHERE provider = ${provider} AND provider_message_id = ${providerMessageId}
        ORDER BY seq LIMIT 1`;
      return row ? toOutbox(row) : null;
    },
    async listOutbox(brandId, filter) {
      if (filter.states.length === 0) return [];
      const rows = await sql<OutboxRow[]>`
        SELECT * FROM hub_outbox WHERE state IN ${sql(filter.states)}
          ${brandId === null ? sql`` : sql`AND brand_id = ${brandId}`}
          ${filter.updatedBefore === undefined ? sql`` : sql`AND updated_at < ${filter.updatedBefore}`}
          ${filter.conversationKey === undefined ? sql`` : sql`AND conversation_key = ${filter.conversationKey}`}
        ORDER BY seq ${filter.newest ? sql`DESC` : sql`ASC`} LIMIT ${filter.limit ?? 1000}`;
      const ordered = filter.newest ? [...rows].reverse() : rows;
      return ordered.map(toOutbox);
    },
    async countOutboxSince(brandId, contactId, purpose, since, excludeId) {
      const [row] = await sql<{ n: number }[]>`
        SELECT count(*) AS n FROM hub_outbox
        WHERE brand_id = ${brandId} AND contact_id = ${contactId} AND purpose = ${purpose}
          AND state IN ('queued', 'sending', 'sent', 'delivered', 'read', 'unknown')
          AND COALESCE(sent_at, not_before) >= ${since} AND id <> ${excludeId ?? ''}`;
      return Number(row?.n ?? 0);
    },
    async haltSender(halt) {
      await sql`
        INSERT INTO hub_sender_halts (provider, endpoint_id, until, reason)
        VALUES (${halt.provider}, ${halt.endpointId}, ${halt.until}, ${halt.reason})
        ON CONFLICT (provider, endpoint_id)
        DO UPDATE SET until = excluded.until, reason = excluded.reason`;
    },
    async activeHalts(now) {
      // Quoted alias: PostgreSQL folds unquoted names to lower case.
      const rows = await sql<SenderHalt[]>`
        SELECT provider, endpoint_id AS "endpointId", until, reason
        FROM hub_sender_halts WHERE until > ${now}`;
      return rows.map((row) => ({ ...row }));
    },
    async countBroadcastStates(broadcastId) {
      const rows = await sql<{ state: OutboxState; n: number }[]>`
        SELECT state, count(*) AS n FROM hub_outbox WHERE broadcast_id = ${broadcastId}
        GROUP BY state`;
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    },
  };
}
