export type { Classifier } from './create-classifier.ts';
export { classify, createClassifier } from './create-classifier.ts';
export { isSenderDevicePreview } from './is-sender-device-preview.ts';
export type { ClassifierOptions } from './options.ts';
export { PRIVATE_CHANNELS } from './private-channels.ts';
