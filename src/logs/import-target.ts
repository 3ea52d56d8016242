/**
 * Where `penumbra logs --import` writes: the stores of a data directory and the registered site
 * the logs belong to. Fails with one line the user can act on, before any log is read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStores } from '../server/open-stores.ts';
import { type EventStore, type Site, type StateStore, StoreError } from '../store/index.ts';

/** A failure the user fixes (no such site, store in use): one line, nothing else to show. */
export class ImportTargetError extends Error {
  override name = 'ImportTargetError';
}

export interface OpenImportTarget {
  events: EventStore;
  state: StateStore;
  site: Site;
  close(): Promise<void>;
}

function noSite(domain: string, dataDir: string): ImportTargetError {
  return new ImportTargetError(
    `${domain} is not a site in ${dataDir}; add it with \`penumbra sites add ${domain}\` (or name the site with --site-host)`,
  );
}

export async function openImportTarget(dataDir: string, domain: string): Promise<OpenImportTarget> {
  // Without a state store there is no site: say so rather than create stores in a wrong place.
  if (!existsSync(join(dataDir, 'state.sqlite'))) throw noSite(domain, dataDir);
  let stores: { events: EventStore; state: StateStore };
  try {
    stores = await openStores(dataDir);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'locked') {
      throw new ImportTargetError(
        `the event store in ${dataDir} is in use by another process (is \`penumbra serve\` running?); stop the server, or import into another --data directory`,
      );
    }
    throw error;
  }
  const { events, state } = stores;
  const close = async (): Promise<void> => {
    await events.close();
    await state.close();
  };
  try {
    const site = await state.findSiteByDomain(domain);
    if (site === null) throw noSite(domain, dataDir);
    return { events, state, site, close };
  } catch (error) {
    await close();
    throw error;
  }
}
