import type { OutboxState } from '../../store/index.ts';
import type { DeliveryStatus } from '../types.ts';

const RANK: Record<OutboxState, number> = {
  queued: 0,
  sending: 1,
  unknown: 1,
  cancelled: 1,
  dead: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 5,
};

/**
 * The state a status callback moves a row to, or null to ignore it. Monotonic
 * (queued → sent → delivered → read), so callbacks arriving out of order or twice change
 * nothing backwards; `failed` is terminal and only believed before delivery. A provider's
 * "sent" also settles rows we lost track of (`unknown`, `dead`, `cancelled`): it is a fact.
 */
export function nextDeliveryState(
  current: OutboxState,
  status: DeliveryStatus,
): OutboxState | null {
  if (current === 'failed') return null;
  if (status === 'failed') return RANK[current] < RANK.delivered ? 'failed' : null;
  return RANK[status] > RANK[current] ? status : null;
}
