// Test-only entry: these suites import vitest. Production code imports ../index.ts instead.
export type { EventStoreConformanceOptions } from './event-store-conformance.ts';
export { runEventStoreConformance } from './event-store-conformance.ts';
export type { GenerateOptions } from './generate-events.ts';
export { generateEvents } from './generate-events.ts';
export { runHubStoreConformance } from './hub-store-conformance.ts';
export type { OpenSession } from './migration-conformance.ts';
export { runMigrationConformance } from './migration-conformance.ts';
export { sampleEvent } from './sample-event.ts';
export type { StateStoreConformanceOptions } from './state-store-conformance.ts';
export { runStateStoreConformance } from './state-store-conformance.ts';
