export { SHARE_INTENT_CHANNELS, shareIntentUrl } from './share-intent.ts';
