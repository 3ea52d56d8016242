// Preview capture for a site's own server: one reporter, one thin adapter per framework.
export type {
  ObservedRequest,
  PreviewReporter,
  PreviewReporterOptions,
} from './create-preview-reporter.ts';
export { createPreviewReporter } from './create-preview-reporter.ts';
export { capturePreviewsForExpress } from './express.ts';
export { capturePreviewsForFastify } from './fastify.ts';
export { capturePreviewsForNode } from './node-http.ts';
export { capturePreviewsForHono, capturePreviewsForWebRequest } from './web-request.ts';
