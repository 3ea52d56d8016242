// Bundles the CLI to dist/ so `./bin/penumbra` starts fast (no TypeScript transform at run time).
// Dependencies stay external: they are installed next to the package.
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { moduleBuild, scriptBuild } from './tracker-builds.mjs';

const cli = await build({
  // The event store's worker thread is its own entry: it is loaded by file, beside cli.js.
  entryPoints: {
    cli: 'src/cli/main.ts',
    'event-store-thread': 'src/store/threaded/event-store-thread.ts',
    'logs-worker': 'src/logs/logs-worker.ts',
    // For sites' own servers: `import … from 'penumbra/preview-capture'` (package.json exports).
    'preview-capture': 'src/links/capture/index.ts',
  },
  // Each command's heavy dependencies (DuckDB, Fastify) load only when that command runs.
  splitting: true,
  // Chunks sit beside cli.js: worker entries are found relative to import.meta.url.
  chunkNames: '[name]-[hash]',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// Chunks are named by content hash: each rebuild adds new ones beside the old, which piled up
// by the hundred. Keep only this build's.
const chunks = new Set(Object.keys(cli.metafile.outputs).map((file) => basename(file)));
for (const file of readdirSync('dist')) {
  if (/-[A-Z0-9]{8}\.js(\.map)?$/.test(file) && !chunks.has(file)) rmSync(join('dist', file));
}

// The browser tracker: the script-tag build and the ES module build, from one source.
await Promise.all([build(scriptBuild), build(moduleBuild)]);

// --- The web dashboard (src/dashboard): browser code, one script and one stylesheet. ---------
// The server serves them as they are at /app/dashboard.js and /app/dashboard.css.
await Promise.all([
  build({
    entryPoints: ['src/dashboard/main.ts'],
    outfile: 'dist/dashboard.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    // No source map: the server serves exactly these two files.
    legalComments: 'none',
    tsconfigRaw: {},
    logLevel: 'warning',
  }),
  build({
    entryPoints: ['src/dashboard/dashboard.css'],
    outfile: 'dist/dashboard.css',
    bundle: true,
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    logLevel: 'warning',
  }),
]);

// The web chat widget (src/messaging/channels/webchat-widget): one script tag, dist/webchat.js.
await build({
  entryPoints: ['src/messaging/channels/webchat-widget/index.ts'],
  outfile: 'dist/webchat.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  tsconfigRaw: {},
  logLevel: 'warning',
});
