import { resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { StoreError } from '../store-error.ts';

export interface OpenDuckDb {
  /** Appends, checkpoints and migrations: one transaction at a time. */
  writer: DuckDBConnection;
  /** Queries: a second connection, so reads see committed data and never wait on a commit. */
  reader: DuckDBConnection;
  close(): void;
}

// Paths open in this process. DuckDB's file lock is per process, so a second DuckDBInstance on
// the same file in the same process opens without complaint and the two then overwrite each
// other's WAL (we lost rows that way in a probe); refuse it instead.
const openPaths = new Set<string>();

/**
 * Opens a DuckDB database with extension autoloading off: with the defaults, a query that needs
 * a non-bundled extension tries to download it from extensions.duckdb.org (research/infra.md).
 */
export async function openDuckDb(
  path: string,
  options: { threads?: number } = {},
): Promise<OpenDuckDb> {
  const key = path === ':memory:' ? null : resolve(path);
  if (key !== null && openPaths.has(key)) {
    throw new StoreError(
      'locked',
      `${key} is already open in this process; share the open EventStore instead of opening it twice`,
    );
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      // Each checkpoint recompresses the table's last, partly filled row group: at the default
      // 16 MB of WAL that ran after nearly every one-second load at 35k events/s and doubled the
      // cost of an insert (bench/links). 128 MB keeps the WAL's replay short and its memory small.
      checkpoint_threshold: '128MB',
      ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
    });
  } catch (cause) {
    throw describeOpenError(path, cause);
  }
  if (key !== null) openPaths.add(key);
  try {
    const writer = await instance.connect();
    const reader = await instance.connect();
    return {
      writer,
      reader,
      close() {
        writer.closeSync();
        reader.closeSync();
        instance.closeSync();
        if (key !== null) openPaths.delete(key);
      },
    };
  } catch (cause) {
    instance.closeSync();
    if (key !== null) openPaths.delete(key);
    throw cause;
  }
}

function describeOpenError(path: string, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/lock/i.test(message)) {
    return new StoreError(
      'locked',
      `${path} is held by another process; DuckDB allows one process per file, and the running server owns it (talk to the server, or stop it first): ${message}`,
      { cause },
    );
  }
  return new StoreError('invalid', `cannot open DuckDB file ${path}: ${message}`, { cause });
}
