export type { Classification, Confidence, Ga4Channel, TrafficClass } from './classification.ts';
export { CONFIDENCES, TRAFFIC_CLASSES } from './classification.ts';
export { hexEscape, replaceControlChars } from './control-chars.ts';
export { escapeHtml } from './escape-html.ts';
export type { ClientSignals, Hit } from './hit.ts';
export { nestedMap } from './nested-map.ts';
export type { ShareChannel, TrackerPayload } from './tracker-payload.ts';
export { SHARE_CHANNELS } from './tracker-payload.ts';
