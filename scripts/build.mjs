// Bundles the CLI to dist/ so `./bin/penumbra` starts fast (no TypeScript transform at run time).
// Dependencies stay external: they are installed next to the package.
import { build } from 'esbuild';
import { moduleBuild, scriptBuild } from './tracker-builds.mjs';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The browser tracker: the script-tag build and the ES module build, from one source.
await Promise.all([build(scriptBuild), build(moduleBuild)]);
