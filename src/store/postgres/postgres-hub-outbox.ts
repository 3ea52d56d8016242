import { randomUUID } from 'node:crypto';
import type { HubOutboxMethods } from '../hub-method-groups.ts';
import type { OutboxState } from '../hub-records.ts';
import { type OutboxRow, toOutbox } from '../sqlite/hub-rows.ts';
import { lockClaims } from './hub-query.ts';
import type { Sql } from './open-postgres.ts';
import { insertMessage } from './postgres-hub-conversations.ts';
import { createPostgresOutboxQueries } from './postgres-outbox-queries.ts';

type OutboxMethods = HubOutboxMethods;

/** States a worker may still move on (reschedule, finish). */
const OPEN: readonly OutboxState[] = ['queued', 'sending', 'unknown'];

/**
 * The durable outbox on PostgreSQL, shared by every instance's worker. A claim is one
 * transaction: `SELECT … FOR UPDATE SKIP LOCKED` of the due heads of their conversations, then
 * the UPDATE that leases them, so no row goes to two workers. The queries that only read or
 * end a row live in postgres-outbox-queries.ts.
 */
export function createPostgresHubOutbox(sql: Sql): OutboxMethods {
  return {
    ...createPostgresOutboxQueries(sql),
    async enqueueOutbox(input, now) {
      // Insert-or-read: the unique (brand, idempotency key) lets one of two racing enqueues in;
      // the other reads the winner's row.
      const [created] = await sql<OutboxRow[]>`
        INSERT INTO hub_outbox (id, brand_id, idempotency_key, conversation_key, contact_id,
          channel, provider, endpoint_id, purpose, message, state, not_before, next_attempt_at,
          expires_at, correlation, broadcast_id, created_at, updated_at)
        VALUES (${randomUUID()}, ${input.brandId}, ${input.idempotencyKey}, ${input.conversationKey},
          ${input.contactId}, ${input.channel}, ${input.provider}, ${input.endpointId},
          ${input.purpose}, ${JSON.stringify(input.message)}, 'queued', ${input.notBefore},
          ${input.notBefore}, ${input.expiresAt}, ${input.correlation}, ${input.broadcastId},
          ${now}, ${now})
        ON CONFLICT (brand_id, idempotency_key) DO NOTHING
        RETURNING *`;
      if (created) return { record: toOutbox(created), created: true };
      const [existing] = await sql<OutboxRow[]>`
        SELECT * FROM hub_outbox
        WHERE brand_id = ${input.brandId} AND idempotency_key = ${input.idempotencyKey}`;
      if (!existing) throw new Error(`outbox row ${input.idempotencyKey} vanished`);
      return { record: toOutbox(existing), created: false };
    },
    async claimOutbox(o) {
      const skip = o.skipSenders ?? [];
      const rows = await sql.begin(async (tx) => {
        await lockClaims(tx, 'outbox');
        const skipped = skip.reduce(
          (rest, s) =>
            tx`${rest} AND NOT (o.provider = ${s.provider} AND o.endpoint_id = ${s.endpointId})`,
          tx``,
        );
        // A row waits while its conversation has a row being sent or held by a claim, or an
        // earlier row that is due (scheduled rows, notBefore in the future, do not hold the
        // line). Rows of a halted sender wait for the halt to end; skipped senders' rows too.
        const due = await tx<OutboxRow[]>`
          SELECT o.* FROM hub_outbox o
          WHERE o.state = 'queued' AND o.next_attempt_at <= ${o.now}
            ${skipped}
            AND o.not_before <= ${o.now} AND (o.lease_until IS NULL OR o.lease_until <= ${o.now})
            AND NOT EXISTS (
              SELECT 1 FROM hub_outbox p
              WHERE p.brand_id = o.brand_id AND p.conversation_key = o.conversation_key
                AND p.seq <> o.seq
                AND (p.state = 'sending'
                  OR (p.state = 'queued' AND p.lease_until > ${o.now})
                  OR (p.state = 'queued' AND p.seq < o.seq AND p.not_before <= ${o.now})))
            AND NOT EXISTS (
              SELECT 1 FROM hub_sender_halts h
              WHERE h.provider = o.provider AND h.endpoint_id = o.endpoint_id AND h.until > ${o.now})
          ORDER BY o.next_attempt_at, o.seq LIMIT ${o.limit}
          FOR UPDATE OF o SKIP LOCKED`;
        if (due.length === 0) return [];
        await tx`
          UPDATE hub_outbox SET lease_owner = ${o.owner}, lease_until = ${o.now + o.leaseMs}
          WHERE id IN ${tx(due.map((row) => row.id))}`;
        return [...due];
      });
      return rows.map(toOutbox);
    },
    async markSending(id, owner, now, payload) {
      const result = await sql`
        UPDATE hub_outbox SET state = 'sending', payload = ${JSON.stringify(payload)},
          updated_at = ${now}
        WHERE id = ${id} AND state = 'queued' AND lease_owner = ${owner}`;
      return result.count > 0;
    },
    async markSent(id, providerMessageId, now, history) {
      await sql.begin(async (tx) => {
        // A fast status webhook may already have moved the row to delivered: never go back.
        await tx`
          UPDATE hub_outbox SET provider_message_id = COALESCE(provider_message_id, ${providerMessageId}),
            sent_at = COALESCE(sent_at, ${now}), updated_at = ${now},
            lease_owner = NULL, lease_until = NULL,
            state = CASE WHEN state IN ('sending', 'unknown') THEN 'sent' ELSE state END
          WHERE id = ${id}`;
        if (history) await insertMessage(tx, history);
      });
    },
    async reschedule(id, input, now) {
      // COALESCE keeps a column when the caller leaves it out (undefined becomes NULL here).
      await sql`
        UPDATE hub_outbox SET state = 'queued', next_attempt_at = ${input.nextAttemptAt},
          attempts = attempts + ${input.countAttempt ? 1 : 0},
          last_error = COALESCE(${input.lastError === undefined ? null : JSON.stringify(input.lastError)}::text, last_error),
          message = COALESCE(${input.message === undefined ? null : JSON.stringify(input.message)}::text, message),
          not_before = COALESCE(${input.notBefore ?? null}::bigint, not_before),
          lease_owner = NULL, lease_until = NULL, updated_at = ${now}
        WHERE id = ${id} AND state IN ${sql(OPEN)}`;
    },
    async finishOutbox(id, state, error, now) {
      await sql`
        UPDATE hub_outbox SET state = ${state}, last_error = ${JSON.stringify(error)},
          lease_owner = NULL, lease_until = NULL, updated_at = ${now}
        WHERE id = ${id} AND state IN ${sql(OPEN)}`;
    },
    async transitionOutbox(id, from, to, now, providerMessageId) {
      const delivered = to === 'sent' || to === 'delivered' || to === 'read';
      const result = await sql`
        UPDATE hub_outbox SET state = ${to}, updated_at = ${now},
          provider_message_id = COALESCE(provider_message_id, ${providerMessageId ?? null}::text),
          sent_at = ${delivered ? sql`COALESCE(sent_at, ${now})` : sql`sent_at`},
          lease_owner = NULL, lease_until = NULL
        WHERE id = ${id} AND state = ${from}`;
      return result.count > 0;
    },
    async cancelQueued(brandId, contactId, purposes, reason, now) {
      if (purposes.length === 0) return 0;
      const result = await sql`
        UPDATE hub_outbox SET state = 'cancelled', last_error = ${JSON.stringify(reason)},
          lease_owner = NULL, lease_until = NULL, updated_at = ${now}
        WHERE brand_id = ${brandId} AND contact_id = ${contactId} AND state = 'queued'
          AND purpose IN ${sql(purposes)}`;
      return result.count;
    },
    async markStuckUnknown(olderThan, now) {
      const result = await sql`
        UPDATE hub_outbox SET state = 'unknown', lease_owner = NULL, lease_until = NULL,
          updated_at = ${now}
        WHERE state = 'sending' AND updated_at < ${olderThan}`;
      return result.count;
    },
    async requeueOutbox(id, now) {
      const result = await sql`
        UPDATE hub_outbox SET state = 'queued', attempts = 0, next_attempt_at = ${now},
          lease_owner = NULL, lease_until = NULL, updated_at = ${now}
        WHERE id = ${id} AND state IN ('dead', 'failed', 'unknown')`;
      return result.count > 0;
    },
  };
}
