import { afterEach } from 'vitest';

/** Opens a migrated store and closes it after the test, whatever the outcome. */
export type OpenStore<S> = () => Promise<S>;

/**
 * Registers an afterEach that closes every store a test opened, so a failing assertion never
 * leaks an open database (and its file lock) into the next test.
 */
export function trackStores<S extends { migrate(): Promise<unknown>; close(): Promise<void> }>(
  create: () => Promise<S>,
): { open: OpenStore<S>; track: (store: S) => S } {
  const opened: S[] = [];
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  });
  const track = (store: S): S => {
    opened.push(store);
    return store;
  };
  return {
    track,
    async open() {
      const store = track(await create());
      await store.migrate();
      return store;
    },
  };
}

/** What a StoreError rejection looks like, engine-neutrally. */
export function storeError(code: string): { name: string; code: string } {
  return { name: 'StoreError', code };
}
