/**
 * Entry of `dist/tracker.mjs`, the ES module build for bundlers (same source as `dist/p.js`).
 * @example
 * import { init } from 'penumbra/dist/tracker.mjs';
 * const track = init({ site: 'example.com', api: 'https://penumbra.example' });
 * track('signup', { props: { plan: 'pro' } });
 */
export { init, type Track } from './init.ts';
export type { Flag, TrackerOptions } from './options.ts';
