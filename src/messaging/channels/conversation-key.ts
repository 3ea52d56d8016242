import type { Address } from '../types.ts';

/** The stable key of a conversation: channel + business endpoint + provider user id. */
export function conversationKey(
  address: Pick<Address, 'channel' | 'endpointId' | 'userId'>,
): string {
  return `${address.channel}:${address.endpointId}:${address.userId}`;
}
