import { dashboardPaths } from './openapi-dashboard-paths.ts';

/** The OpenAPI 3.1 description served at /api/openapi.json; kept beside the routes it documents. */
export function openApiDocument(version: string) {
  const error = {
    type: 'object',
    properties: { error: { type: 'string', description: 'what was wrong, in words' } },
    required: ['error'],
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Penumbra API',
      version,
      description:
        'Dark-social analytics: collector, accounts, sites, goals, dashboard panels, stats, share links and cascades.',
      license: { name: 'MIT' },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'API token from `penumbra tokens create`',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pn_session',
          description:
            'Browser session from POST /api/auth/login; state-changing requests also need the x-csrf-token header',
        },
      },
      schemas: {
        Error: error,
        TrackerPayload: {
          type: 'object',
          description: 'Sent by /p.js as text/plain JSON (no CORS preflight).',
          required: ['n', 'd', 'u'],
          additionalProperties: false,
          properties: {
            n: {
              type: 'string',
              description: 'event name: pageview, engagement, share, outbound or custom',
            },
            d: { type: 'string', description: 'site domain (data-site)' },
            u: { type: 'string', description: 'page URL' },
            r: { type: 'string', description: 'document.referrer' },
            k: { type: 'string', description: 'token minted by this page view' },
            a: { type: 'string', description: 'share token the visitor arrived with' },
            ch: { type: 'string', description: 'share channel (share events)' },
            ac: { type: 'string', description: 'channel stamped by the sharer’s button' },
            e: { type: 'integer', description: 'engaged milliseconds (engagement events)' },
            c: {
              type: 'object',
              additionalProperties: { type: 'boolean' },
              description: 'client flags',
            },
            p: {
              type: 'object',
              additionalProperties: { type: 'string' },
              description: 'custom properties',
            },
            o: { type: 'string', description: 'outbound link URL' },
            w: { type: 'integer', description: 'viewport width' },
          },
        },
      },
    },
    paths: {
      ...dashboardPaths,
      '/api/event': {
        post: {
          summary: 'Collect one tracker event',
          requestBody: {
            required: true,
            content: { 'text/plain': { schema: { $ref: '#/components/schemas/TrackerPayload' } } },
          },
          responses: {
            '202': {
              description:
                'Accepted (stored durably) or dropped; a drop names its reason in X-Penumbra-Dropped',
              headers: {
                'X-Penumbra-Dropped': {
                  schema: {
                    type: 'string',
                    enum: ['unknown_site', 'excluded_path', 'do_not_track', 'rate_limited', 'bot'],
                  },
                },
              },
            },
            '400': {
              description: 'Invalid payload',
              content: { 'application/json': { schema: error } },
            },
            '413': {
              description: 'Body too large',
              content: { 'application/json': { schema: error } },
            },
            '503': {
              description: 'Store behind: retry after Retry-After seconds',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      '/api/sites/{domain}/summary': {
        get: {
          summary: 'Events of one site by class and channel',
          security: [{ bearer: [] }],
          parameters: [{ name: 'domain', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Summary' },
            '401': {
              description: 'Missing or unknown token',
              content: { 'application/json': { schema: error } },
            },
            '404': {
              description: 'No such site for this token',
              content: { 'application/json': { schema: error } },
            },
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness and ingest counters',
          responses: { '200': { description: 'OK' } },
        },
      },
      '/p.js': {
        get: { summary: 'The tracker script', responses: { '200': { description: 'JavaScript' } } },
      },
    },
  };
}
