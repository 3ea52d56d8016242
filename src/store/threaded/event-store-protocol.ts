import type { EventStore } from '../event-store.ts';

/** The EventStore methods a thread serves: every one is async and takes and returns plain data. */
export type RemoteMethod = Exclude<keyof EventStore, 'dialect'>;

export interface RemoteCall {
  id: number;
  method: RemoteMethod;
  args: unknown[];
}

export type RemoteReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

export interface EventStoreThreadData {
  path: string;
  threads?: number;
}
