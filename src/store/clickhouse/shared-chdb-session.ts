import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';
import { createChdbExecutor } from './chdb-executor.ts';
import type { ClickHouseExecutor } from './clickhouse-executor.ts';

/**
 * The process's one chdb Session. chdb allows one data directory per process (and one process
 * per directory), so tests and benchmarks share this Session and isolate their stores by
 * database instead (`freshChdbExecutor`).
 */
export interface SharedChdb {
  session: Session;
  /** An executor on a database name not used before in this process. */
  freshExecutor(prefix?: string): ClickHouseExecutor;
  /** Closes the Session and deletes its temporary directory (when it made one). */
  close(): void;
}

let shared: SharedChdb | undefined;
let databases = 0;

/** Opens the process's Session on first use: in `dir`, or in a new temporary directory. */
export function sharedChdb(dir?: string): SharedChdb {
  if (shared) return shared;
  const path = dir ?? mkdtempSync(join(tmpdir(), 'penumbra-chdb-'));
  const session = new Session(path);
  const opened: SharedChdb = {
    session,
    freshExecutor: (prefix = 't') => createChdbExecutor(session, `${prefix}_${++databases}`),
    close() {
      session.close();
      if (!dir) rmSync(path, { recursive: true, force: true });
      shared = undefined;
    },
  };
  shared = opened;
  return opened;
}
