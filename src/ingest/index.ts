export type { Collector, CollectorOptions, CollectResult } from './create-collector.ts';
export { createCollector } from './create-collector.ts';
export { parseTrackerPayload } from './payload-schema.ts';
export type { DropReason, RequestMeta } from './pipeline.ts';
export { DROP_REASONS } from './pipeline.ts';
