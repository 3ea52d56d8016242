export { buildRedirectUrl } from './build-redirect-url.ts';
export { createShareCode, SHARE_CODE } from './create-share-code.ts';
export type { OpenGraphCard } from './fetch-open-graph.ts';
export { fetchOpenGraph, parseOpenGraph } from './fetch-open-graph.ts';
export { renderShareCard } from './render-share-card.ts';
export { SHARE_INTENT_CHANNELS, shareIntentUrl } from './share-intent.ts';
