// One Penumbra instance's outbox worker for the two-instance test:
//   node --import tsx outbox-two-instances-child.ts <postgresUrl> <schema> <fakeUrl> <expected>
// Prints `ready` (stderr) once its worker polls, drains until the hub holds `expected` sent rows
// and nothing open, then prints what it did as JSON (stdout) and exits.
import { openTwoInstanceHub, TWO_BRAND } from './two-instance-hub.ts';

const [url, schema, fakeUrl, expected] = process.argv.slice(2);
if (!url || !schema || !fakeUrl || !expected) {
  throw new Error('usage: outbox-two-instances-child.ts URL SCHEMA FAKE_URL EXPECTED');
}
const done = { sent: 0, retries: 0, errors: 0, dead: 0, failed: 0 };
const hub = await openTwoInstanceHub(url, schema, fakeUrl, (event) => {
  if (event.type === 'sent') done.sent++;
  else if (event.type === 'retry') done.retries++;
  else if (event.type === 'dead') done.dead++;
  else if (event.type === 'failed') done.failed++;
  else if (event.type === 'error') {
    done.errors++;
    process.stderr.write(`error: ${String(event.error)}\n`);
  }
});
await hub.worker.start();
process.stderr.write('ready\n');
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const open = await hub.hub.listOutbox(TWO_BRAND, {
    states: ['queued', 'sending', 'unknown'],
    limit: 1,
  });
  const sent = await hub.hub.listOutbox(TWO_BRAND, { states: ['sent'], limit: 100_000 });
  if (open.length === 0 && sent.length >= Number(expected)) break;
}
await hub.worker.stop();
await hub.hub.close();
process.stdout.write(`${JSON.stringify(done)}\n`);
