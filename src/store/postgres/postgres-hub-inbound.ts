import type { HubInboundMethods } from '../hub-method-groups.ts';
import { type InboundRow, toInbound } from '../sqlite/hub-rows.ts';
import { lockClaims } from './hub-query.ts';
import type { Sql } from './open-postgres.ts';

type InboundMethods = HubInboundMethods;

/** The inbound event log on PostgreSQL: insert-once by provider id, claimed in order per conversation. */
export function createPostgresHubInbound(sql: Sql): InboundMethods {
  return {
    async recordInbound(input) {
      // The unique (provider, provider_event_id) decides between two instances receiving the
      // same webhook retry: one inserts, the other reads the winner's seq.
      const [inserted] = await sql<{ seq: number }[]>`
        INSERT INTO hub_inbound_events (brand_id, provider, provider_event_id, kind,
          conversation_key, event, raw_body, received_at)
        VALUES (${input.brandId}, ${input.provider}, ${input.providerEventId}, ${input.kind},
          ${input.conversationKey}, ${JSON.stringify(input.event)}, ${input.rawBody},
          ${input.receivedAt})
        ON CONFLICT (provider, provider_event_id) DO NOTHING
        RETURNING seq`;
      if (inserted) return { inserted: true, seq: inserted.seq };
      const [existing] = await sql<{ seq: number }[]>`
        SELECT seq FROM hub_inbound_events
        WHERE provider = ${input.provider} AND provider_event_id = ${input.providerEventId}`;
      if (!existing) throw new Error(`inbound event ${input.providerEventId} vanished`);
      return { inserted: false, seq: existing.seq };
    },
    async claimInbound(o) {
      const rows = await sql.begin(async (tx) => {
        await lockClaims(tx, 'inbound');
        // An event waits while an earlier one of its conversation is held (being processed, or
        // backing off after an error): that is what keeps a conversation's events in order.
        const due = await tx<InboundRow[]>`
          SELECT e.* FROM hub_inbound_events e
          WHERE e.processed_at IS NULL AND (e.lease_until IS NULL OR e.lease_until <= ${o.now})
            AND NOT EXISTS (
              SELECT 1 FROM hub_inbound_events p
              WHERE e.conversation_key <> '' AND p.conversation_key = e.conversation_key
                AND p.processed_at IS NULL AND p.seq < e.seq AND p.lease_until > ${o.now})
          ORDER BY e.seq LIMIT ${o.limit}
          FOR UPDATE OF e SKIP LOCKED`;
        if (due.length === 0) return [];
        await tx`
          UPDATE hub_inbound_events SET lease_owner = ${o.owner}, lease_until = ${o.now + o.leaseMs}
          WHERE seq IN ${tx(due.map((row) => row.seq))}`;
        return [...due];
      });
      return rows.map(toInbound);
    },
    async finishInbound(seq, now, failure) {
      if (!failure) {
        await sql`
          UPDATE hub_inbound_events SET processed_at = ${now}, lease_owner = NULL, lease_until = NULL
          WHERE seq = ${seq}`;
        return;
      }
      // retryAt null: give up (done, with the error); otherwise hold the line until retryAt.
      await sql`
        UPDATE hub_inbound_events SET attempts = attempts + 1, last_error = ${failure.error},
          lease_owner = NULL, lease_until = ${failure.retryAt},
          processed_at = ${failure.retryAt === null ? now : null}
        WHERE seq = ${seq}`;
    },
    async releaseInbound(seq) {
      await sql`
        UPDATE hub_inbound_events SET lease_owner = NULL, lease_until = NULL
        WHERE seq = ${seq} AND processed_at IS NULL`;
    },
    async purgeProcessedInbound(before) {
      return (await sql`DELETE FROM hub_inbound_events WHERE processed_at < ${before}`).count;
    },
    async countUnprocessedInbound() {
      const [row] = await sql<{ n: number }[]>`
        SELECT count(*) AS n FROM hub_inbound_events WHERE processed_at IS NULL`;
      return Number(row?.n ?? 0);
    },
  };
}
