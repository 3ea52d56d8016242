import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited, spawnPenumbra } from './support/spawn-penumbra.ts';

describe('bin/penumbra', () => {
  // Without the flag every request costs 20–40% more CPU once the server has been idle for
  // ~10 s (docs/benchmarks.md, issue 5); the shebang is the only place that can pass it.
  it('runs `serve` in a Node without V8’s memory reducer', async () => {
    const data = mkdtempSync(join(tmpdir(), 'penumbra-launcher-'));
    const server = await spawnPenumbra(['serve', '--port', '0', '--data', data]);
    try {
      const argv = readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0');
      expect(argv[0]).toMatch(/node$/);
      expect(argv).toContain('--no-memory-reducer');
      expect(argv.slice(argv.indexOf('--no-memory-reducer') + 1)).toContain('serve');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
      rmSync(data, { recursive: true, force: true });
    }
  }, 30_000);
});
