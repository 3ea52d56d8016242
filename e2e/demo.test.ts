import { describe, expect, it } from 'vitest';
import { exited, spawnPenumbra } from './support/spawn-penumbra.ts';

describe('penumbra demo (the README’s first command)', () => {
  it('serves a home page with real numbers from simulated traffic', async () => {
    const demo = await spawnPenumbra([
      'demo',
      '--port',
      '0',
      '--days',
      '2',
      '--per-day',
      '60',
      '--no-live',
    ]);
    try {
      // The backfill runs after the server is up; the demo says when it is stored.
      for (let i = 0; i < 200 && !demo.stderr().includes('simulated visits'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const html = await (await fetch(demo.url)).text();
      const share = Number(
        /<strong>(\d+)%<\/strong> of visitors came through private channels/.exec(html)?.[1],
      );
      expect(share).toBeGreaterThan(20);
      expect(html).toContain('dark_social / whatsapp');
      const health = await (await fetch(`${demo.url}/health`)).json();
      expect(health.ingest.accepted).toBeGreaterThan(100);
      expect(health.ingest.previews).toBeGreaterThan(0);
      expect(health.ingest.dropped.bot).toBeGreaterThan(0);
    } finally {
      demo.child.kill('SIGTERM');
      await exited(demo.child);
    }
  }, 60_000);
});
