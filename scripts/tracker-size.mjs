// Prints the size of dist/p.js as shipped (raw and gzip -9) and fails above the budget.
// Usage: node scripts/tracker-size.mjs [--json]
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { scriptBuild, TRACKER_BUDGET } from './tracker-builds.mjs';

// Built in memory so the number never comes from a stale dist/.
const result = await build({ ...scriptBuild, write: false });
const code = result.outputFiles[0].contents;
const size = {
  raw: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  budget: TRACKER_BUDGET,
};

if (process.argv.includes('--json')) console.log(JSON.stringify(size));
else console.log(`dist/p.js: ${size.raw} B, ${size.gzip} B gzip -9 (budget ${size.budget} B)`);
// With --json the caller (src/tracker/size.test.ts) gives the verdict.
if (size.gzip > TRACKER_BUDGET && !process.argv.includes('--json')) process.exitCode = 1;
