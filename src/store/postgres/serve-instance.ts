// One Penumbra server process for the multi-instance test: `node --import tsx serve-instance.ts
// DATA_DIR`. The stores come from the environment (PENUMBRA_STATE=postgres and its URL), as in a
// real deployment; it prints its URL, and SIGTERM stores everything accepted, then exits.
import { loadServerConfig } from '../../server/config.ts';
import { startServer } from '../../server/start-server.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: serve-instance.ts DATA_DIR');
const server = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }));
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
