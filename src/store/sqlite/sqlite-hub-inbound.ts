import type { Database, Statement } from 'better-sqlite3';
import type { HubInboundMethods } from '../hub-method-groups.ts';
import type { ClaimOptions } from '../hub-store.ts';
import { type InboundRow, toInbound } from './hub-rows.ts';

type InboundMethods = HubInboundMethods;

/** The inbound event log: insert-once by provider id, claimed in order per conversation. */
export function createSqliteHubInbound(
  db: Database,
  sql: (text: string) => Statement,
): InboundMethods {
  const claim = db.transaction((o: ClaimOptions): InboundRow[] => {
    // An event waits while an earlier one of its conversation is held (being processed, or
    // backing off after an error): that is what keeps a conversation's events in order.
    const rows = sql(
      `SELECT * FROM hub_inbound_events e
       WHERE e.processed_at IS NULL AND (e.lease_until IS NULL OR e.lease_until <= ?)
         AND NOT EXISTS (
           SELECT 1 FROM hub_inbound_events p
           WHERE e.conversation_key <> '' AND p.conversation_key = e.conversation_key
             AND p.processed_at IS NULL AND p.seq < e.seq AND p.lease_until > ?)
       ORDER BY e.seq LIMIT ?`,
    ).all(o.now, o.now, o.limit) as InboundRow[];
    const lease = sql(
      'UPDATE hub_inbound_events SET lease_owner = ?, lease_until = ? WHERE seq = ?',
    );
    for (const row of rows) lease.run(o.owner, o.now + o.leaseMs, row.seq);
    return rows;
  });

  return {
    async recordInbound(input) {
      const inserted = sql(
        `INSERT INTO hub_inbound_events (brand_id, provider, provider_event_id, kind,
           conversation_key, event, raw_body, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (provider, provider_event_id) DO NOTHING`,
      ).run(
        input.brandId,
        input.provider,
        input.providerEventId,
        input.kind,
        input.conversationKey,
        JSON.stringify(input.event),
        input.rawBody,
        input.receivedAt,
      );
      if (inserted.changes > 0) return { inserted: true, seq: Number(inserted.lastInsertRowid) };
      const seq = sql(
        'SELECT seq FROM hub_inbound_events WHERE provider = ? AND provider_event_id = ?',
      )
        .pluck()
        .get(input.provider, input.providerEventId) as number;
      return { inserted: false, seq };
    },
    async claimInbound(options) {
      return claim.immediate(options).map(toInbound);
    },
    async finishInbound(seq, now, failure) {
      if (!failure) {
        sql(
          `UPDATE hub_inbound_events SET processed_at = ?, lease_owner = NULL, lease_until = NULL
           WHERE seq = ?`,
        ).run(now, seq);
        return;
      }
      sql(
        `UPDATE hub_inbound_events SET attempts = attempts + 1, last_error = ?, lease_owner = NULL,
           lease_until = ?, processed_at = ? WHERE seq = ?`,
      ).run(failure.error, failure.retryAt, failure.retryAt === null ? now : null, seq);
    },
    async releaseInbound(seq) {
      sql(
        'UPDATE hub_inbound_events SET lease_owner = NULL, lease_until = NULL WHERE seq = ? AND processed_at IS NULL',
      ).run(seq);
    },
    async purgeProcessedInbound(before) {
      return sql('DELETE FROM hub_inbound_events WHERE processed_at < ?').run(before).changes;
    },
    async countUnprocessedInbound() {
      return Number(
        sql('SELECT count(*) FROM hub_inbound_events WHERE processed_at IS NULL').pluck().get(),
      );
    },
  };
}
