// The browser tracker's two builds, from one source (src/tracker): shared by scripts/build.mjs
// and scripts/tracker-size.mjs so the size gate measures exactly what ships.

/** Most bytes `dist/p.js` may take after gzip -9 (docs/tracker.md, DESIGN.md quality bars). */
export const TRACKER_BUDGET = 1536;

const common = {
  bundle: true,
  platform: 'browser',
  // Optional chaining and `??` stay native: down-levelling them would cost bytes in every call.
  target: 'es2020',
  legalComments: 'none',
  // Not the repo's tsconfig: its `strict` makes esbuild emit a "use strict" the tracker doesn't need.
  tsconfigRaw: {},
  logLevel: 'warning',
};

/** `dist/p.js`: the script tag build, an IIFE, minified. */
export const scriptBuild = {
  ...common,
  entryPoints: ['src/tracker/p.ts'],
  outfile: 'dist/p.js',
  format: 'iife',
  minify: true,
};

/** `dist/tracker.mjs`: `init(options)` for bundlers, left readable (the app's bundler minifies). */
export const moduleBuild = {
  ...common,
  entryPoints: ['src/tracker/index.ts'],
  outfile: 'dist/tracker.mjs',
  format: 'esm',
};
