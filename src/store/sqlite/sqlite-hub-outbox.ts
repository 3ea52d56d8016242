import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { HubOutboxMethods } from '../hub-method-groups.ts';
import type { OutboxState, StoredMessage } from '../hub-records.ts';
import type { OutboxClaimOptions } from '../hub-store.ts';
import { type OutboxRow, toOutbox } from './hub-rows.ts';
import { insertMessage } from './sqlite-hub-conversations.ts';

type OutboxMethods = HubOutboxMethods;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const OPEN = "('queued', 'sending', 'unknown')";

/**
 * The durable outbox on SQLite. Claiming is one IMMEDIATE transaction (select the due heads of
 * their conversations, then lease them), so two workers, even in two processes, never hold the
 * same row; PostgreSQL does the same select with FOR UPDATE SKIP LOCKED.
 */
export function createSqliteHubOutbox(
  db: Database,
  sql: (text: string) => Statement,
): OutboxMethods {
  const byId = (id: string) =>
    sql('SELECT * FROM hub_outbox WHERE id = ?').get(id) as OutboxRow | undefined;

  const claim = db.transaction((o: OutboxClaimOptions): OutboxRow[] => {
    const skip = o.skipSenders ?? [];
    // A row waits while its conversation has a row being sent or held by a claim, or an earlier
    // row that is due (scheduled rows, notBefore in the future, do not hold the line). Rows of
    // a halted sender wait for the halt to end.
    // The skip test comes first: the cheapest way past a busy sender's rows; the due index
    // (state, next_attempt_at, seq) serves the ORDER BY, so the scan stops at LIMIT.
    const rows = sql(
      `SELECT o.* FROM hub_outbox o
       WHERE o.state = 'queued' AND o.next_attempt_at <= ?
         ${skip.map(() => 'AND NOT (o.provider = ? AND o.endpoint_id = ?)').join(' ')}
         AND o.not_before <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)
         AND NOT EXISTS (
           SELECT 1 FROM hub_outbox p
           WHERE p.brand_id = o.brand_id AND p.conversation_key = o.conversation_key
             AND p.seq <> o.seq
             AND (p.state = 'sending'
               OR (p.state = 'queued' AND p.lease_until > ?)
               OR (p.state = 'queued' AND p.seq < o.seq AND p.not_before <= ?)))
         AND NOT EXISTS (
           SELECT 1 FROM hub_sender_halts h
           WHERE h.provider = o.provider AND h.endpoint_id = o.endpoint_id AND h.until > ?)
       ORDER BY o.next_attempt_at, o.seq LIMIT ?`,
    ).all(
      o.now,
      ...skip.flatMap((s) => [s.provider, s.endpointId]),
      o.now,
      o.now,
      o.now,
      o.now,
      o.now,
      o.limit,
    ) as OutboxRow[];
    const lease = sql('UPDATE hub_outbox SET lease_owner = ?, lease_until = ? WHERE id = ?');
    for (const row of rows) lease.run(o.owner, o.now + o.leaseMs, row.id);
    return rows;
  });

  const enqueue = db.transaction(
    (input: Parameters<OutboxMethods['enqueueOutbox']>[0], now: number) => {
      const result = sql(
        `INSERT INTO hub_outbox (id, brand_id, idempotency_key, conversation_key, contact_id, channel,
         provider, endpoint_id, purpose, message, state, not_before, next_attempt_at, expires_at,
         correlation, broadcast_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (brand_id, idempotency_key) DO NOTHING`,
      ).run(
        randomUUID(),
        input.brandId,
        input.idempotencyKey,
        input.conversationKey,
        input.contactId,
        input.channel,
        input.provider,
        input.endpointId,
        input.purpose,
        JSON.stringify(input.message),
        input.notBefore,
        input.notBefore,
        input.expiresAt,
        input.correlation,
        input.broadcastId,
        now,
        now,
      );
      const row = sql('SELECT * FROM hub_outbox WHERE brand_id = ? AND idempotency_key = ?').get(
        input.brandId,
        input.idempotencyKey,
      ) as OutboxRow;
      return { record: toOutbox(row), created: result.changes > 0 };
    },
  );

  const sent = db.transaction(
    (id: string, providerMessageId: string, now: number, history?: Omit<StoredMessage, 'id'>) => {
      // A fast status webhook may already have moved the row to delivered: never go back.
      sql(
        `UPDATE hub_outbox SET provider_message_id = COALESCE(provider_message_id, ?),
           sent_at = COALESCE(sent_at, ?), updated_at = ?, lease_owner = NULL, lease_until = NULL,
           state = CASE WHEN state IN ('sending', 'unknown') THEN 'sent' ELSE state END
         WHERE id = ?`,
      ).run(providerMessageId, now, now, id);
      if (history) insertMessage(sql, history);
    },
  );

  return {
    async enqueueOutbox(input, now) {
      return enqueue.immediate(input, now);
    },
    async getOutbox(id) {
      const row = byId(id);
      return row ? toOutbox(row) : null;
    },
    async findOutboxByKey(brandId, idempotencyKey) {
      const row = sql('SELECT * FROM hub_outbox WHERE brand_id = ? AND idempotency_key = ?').get(
        brandId,
        idempotencyKey,
      ) as OutboxRow | undefined;
      return row ? toOutbox(row) : null;
    },
    async findOutboxByProviderMessageId(provider, providerMessageId) {
      const row = sql(
        'SELECT * FROM hub_outbox WHERE provider = ? AND provider_message_id = ? ORDER BY seq LIMIT 1',
      ).get(provider, providerMessageId) as OutboxRow | undefined;
      return row ? toOutbox(row) : null;
    },
    async claimOutbox(options) {
      return claim.immediate(options).map(toOutbox);
    },
    async markSending(id, owner, now, payload) {
      return (
        sql(
          `UPDATE hub_outbox SET state = 'sending', payload = ?, updated_at = ?
           WHERE id = ? AND state = 'queued' AND lease_owner = ?`,
        ).run(JSON.stringify(payload), now, id, owner).changes > 0
      );
    },
    async markSent(id, providerMessageId, now, history) {
      sent.immediate(id, providerMessageId, now, history);
    },
    async reschedule(id, input, now) {
      sql(
        `UPDATE hub_outbox SET state = 'queued', next_attempt_at = ?, attempts = attempts + ?,
           last_error = COALESCE(?, last_error), message = COALESCE(?, message),
           not_before = COALESCE(?, not_before),
           lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND state IN ${OPEN}`,
      ).run(
        input.nextAttemptAt,
        input.countAttempt ? 1 : 0,
        input.lastError === undefined ? null : JSON.stringify(input.lastError),
        input.message === undefined ? null : JSON.stringify(input.message),
        input.notBefore ?? null,
        now,
        id,
      );
    },
    async finishOutbox(id, state, error, now) {
      sql(
        `UPDATE hub_outbox SET state = ?, last_error = ?, lease_owner = NULL, lease_until = NULL,
           updated_at = ? WHERE id = ? AND state IN ${OPEN}`,
      ).run(state, JSON.stringify(error), now, id);
    },
    async transitionOutbox(id, from, to, now, providerMessageId) {
      const delivered = to === 'sent' || to === 'delivered' || to === 'read' ? 1 : 0;
      return (
        sql(
          `UPDATE hub_outbox SET state = ?, updated_at = ?,
             provider_message_id = COALESCE(provider_message_id, ?),
             sent_at = CASE WHEN ? = 1 THEN COALESCE(sent_at, ?) ELSE sent_at END,
             lease_owner = NULL, lease_until = NULL
           WHERE id = ? AND state = ?`,
        ).run(to, now, providerMessageId ?? null, delivered, now, id, from).changes > 0
      );
    },
    async cancelQueued(brandId, contactId, purposes, reason, now) {
      if (purposes.length === 0) return 0;
      return sql(
        `UPDATE hub_outbox SET state = 'cancelled', last_error = ?, lease_owner = NULL,
           lease_until = NULL, updated_at = ?
         WHERE brand_id = ? AND contact_id = ? AND state = 'queued' AND purpose IN (${marks(purposes.length)})`,
      ).run(JSON.stringify(reason), now, brandId, contactId, ...purposes).changes;
    },
    async markStuckUnknown(olderThan, now) {
      return sql(
        `UPDATE hub_outbox SET state = 'unknown', lease_owner = NULL, lease_until = NULL,
           updated_at = ? WHERE state = 'sending' AND updated_at < ?`,
      ).run(now, olderThan).changes;
    },
    async listOutbox(brandId, filter) {
      if (filter.states.length === 0) return [];
      const rows = sql(
        `SELECT * FROM hub_outbox WHERE (? IS NULL OR brand_id = ?)
           AND state IN (${marks(filter.states.length)}) AND (? IS NULL OR updated_at < ?)
           AND (? IS NULL OR conversation_key = ?)
         ORDER BY seq ${filter.newest ? 'DESC' : 'ASC'} LIMIT ?`,
      ).all(
        brandId,
        brandId,
        ...filter.states,
        filter.updatedBefore ?? null,
        filter.updatedBefore ?? null,
        filter.conversationKey ?? null,
        filter.conversationKey ?? null,
        filter.limit ?? 1000,
      ) as OutboxRow[];
      const ordered = filter.newest ? rows.reverse() : rows;
      return ordered.map(toOutbox);
    },
    async requeueOutbox(id, now) {
      return (
        sql(
          `UPDATE hub_outbox SET state = 'queued', attempts = 0, next_attempt_at = ?,
             lease_owner = NULL, lease_until = NULL, updated_at = ?
           WHERE id = ? AND state IN ('dead', 'failed', 'unknown')`,
        ).run(now, now, id).changes > 0
      );
    },
    async countOutboxSince(brandId, contactId, purpose, since, excludeId) {
      return Number(
        sql(
          `SELECT count(*) FROM hub_outbox WHERE brand_id = ? AND contact_id = ? AND purpose = ?
             AND state IN ('queued', 'sending', 'sent', 'delivered', 'read', 'unknown')
             AND COALESCE(sent_at, not_before) >= ? AND id <> ?`,
        )
          .pluck()
          .get(brandId, contactId, purpose, since, excludeId ?? ''),
      );
    },
    async haltSender(halt) {
      sql(
        `INSERT INTO hub_sender_halts (provider, endpoint_id, until, reason) VALUES (?, ?, ?, ?)
         ON CONFLICT (provider, endpoint_id) DO UPDATE SET until = excluded.until, reason = excluded.reason`,
      ).run(halt.provider, halt.endpointId, halt.until, halt.reason);
    },
    async activeHalts(now) {
      return sql(
        'SELECT provider, endpoint_id AS endpointId, until, reason FROM hub_sender_halts WHERE until > ?',
      ).all(now) as Awaited<ReturnType<OutboxMethods['activeHalts']>>;
    },
    async countBroadcastStates(broadcastId) {
      const rows = sql(
        'SELECT state, count(*) AS n FROM hub_outbox WHERE broadcast_id = ? GROUP BY state',
      ).all(broadcastId) as { state: OutboxState; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
  };
}
