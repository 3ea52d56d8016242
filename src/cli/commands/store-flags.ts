import { ConfigError, loadStoreSelection, type StoreSelection } from '../../server/config.ts';
import { UsageError } from '../command.ts';

/** The flags every store-opening command takes, spelled as `serve`'s configuration is. */
export const STORE_FLAGS = {
  data: { type: 'string' },
  events: { type: 'string' },
  state: { type: 'string' },
  'clickhouse-url': { type: 'string' },
  'postgres-url': { type: 'string' },
} as const;

export const STORE_OPTIONS_HELP = `  --data DIR            embedded stores' directory (PENUMBRA_DATA, default ~/.penumbra)
  --events ENGINE       duckdb (default) or clickhouse (PENUMBRA_EVENTS)
  --state ENGINE        sqlite (default) or postgres (PENUMBRA_STATE)
  --clickhouse-url URL  http(s)://user:pw@host:8123/database (PENUMBRA_CLICKHOUSE_URL)
  --postgres-url URL    postgres://user:pw@host:5432/database (PENUMBRA_POSTGRES_URL)
`;

/** The store selection from these flags and the environment; a bad one is a usage error. */
export function selectStores(values: {
  events?: string;
  state?: string;
  'clickhouse-url'?: string;
  'postgres-url'?: string;
}): StoreSelection {
  try {
    return loadStoreSelection({
      events: values.events,
      state: values.state,
      clickhouseUrl: values['clickhouse-url'],
      postgresUrl: values['postgres-url'],
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
