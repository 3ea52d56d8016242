import type postgres from 'postgres';

/**
 * What the hub's queries run on: the pool or one transaction (`sql.begin`). postgres.js types
 * them apart (a transaction cannot `begin` again), but both take the same tagged queries.
 */
export type Query = postgres.ISql<{ bigint: number }>;

/**
 * Serialises the claims of one work queue for the rest of the transaction, across every
 * instance on this schema. `FOR UPDATE SKIP LOCKED` keeps two claims off the same row, but the
 * per-conversation order rules read *other* rows, whose fresh leases a concurrent claim cannot
 * see until commit: without this, two workers could each take one event of a conversation.
 * SQLite gets the same effect from its IMMEDIATE transaction. A claim holds it a few ms.
 */
export async function lockClaims(tx: Query, queue: 'inbound' | 'outbox'): Promise<void> {
  const key = `penumbra_hub_claim_${queue}:`;
  await tx`SELECT pg_advisory_xact_lock(hashtext(${key} || current_schema()))`;
}
