import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

// The size gate (DESIGN.md quality bars): dist/p.js as built, gzip -9, within the budget.
it('keeps dist/p.js within its gzip budget', () => {
  const output = execFileSync(process.execPath, ['scripts/tracker-size.mjs', '--json'], {
    encoding: 'utf8',
  }).trim();
  const size = JSON.parse(output) as { raw: number; gzip: number; budget: number };
  console.log(`dist/p.js: ${size.raw} B raw, ${size.gzip} B gzip -9 (budget ${size.budget} B)`);
  expect(size.gzip).toBeLessThanOrEqual(size.budget);
});
