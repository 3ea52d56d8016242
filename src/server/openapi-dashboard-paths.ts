import { PANELS } from '../stats/index.ts';

const PANEL_NAMES = Object.keys(PANELS);

/** OpenAPI paths of the dashboard API (accounts, sites, goals, panels, stats, public links). */
const error = { $ref: '#/components/schemas/Error' };
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: error } },
});
const domain = { name: 'domain', in: 'path', required: true, schema: { type: 'string' } };
const range = [
  {
    name: 'from',
    in: 'query',
    required: true,
    schema: { type: 'integer' },
    description: 'epoch ms',
  },
  {
    name: 'to',
    in: 'query',
    required: true,
    schema: { type: 'integer' },
    description: 'epoch ms, exclusive',
  },
  {
    name: 'filters',
    in: 'query',
    schema: { type: 'string' },
    description: 'JSON list of {dimension, op: is|is_not|contains, value}',
  },
  { name: 'compare', in: 'query', schema: { type: 'string', enum: ['previous'] } },
];
const authed = { security: [{ bearer: [] }, { session: [] }] };
const common = {
  '401': json('Not logged in and no API token'),
  '403': json('Missing CSRF token (session callers) or a role that cannot do this'),
  '404': json('No such site for this account or token'),
};
const op = (summary: string, extra: Record<string, unknown> = {}) => ({
  summary,
  ...authed,
  ...extra,
  responses: { '200': { description: 'OK' }, '400': json('Invalid input'), ...common },
});

export const dashboardPaths = {
  '/api/auth/setup': {
    get: {
      summary: 'Whether the first-run form is needed',
      responses: { '200': { description: '{ needed }' } },
    },
    post: {
      summary: 'Create the first user (only while none exists); starts a session',
      responses: {
        '201': { description: 'MeResponse' },
        '400': json('Invalid'),
        '403': json('Setup is done'),
      },
    },
  },
  '/api/auth/login': {
    post: {
      summary: 'Log in with email and password; sets the HttpOnly session cookie',
      responses: {
        '200': { description: 'MeResponse with the csrfToken' },
        '401': json('Wrong email or password'),
        '429': json('Too many failed logins; see Retry-After'),
      },
    },
  },
  '/api/auth/logout': { post: op('End the session') },
  '/api/auth/me': { get: op('The user, their CSRF token and their sites') },
  '/api/sites': {
    get: op('Sites of the caller'),
    post: op('Add a site (people only; they own it)'),
  },
  '/api/sites/{domain}': {
    patch: op('Change settings (admin); publicLink turns the read-only public dashboard on/off', {
      parameters: [domain],
    }),
    delete: op('Delete the site (owner)', { parameters: [domain] }),
  },
  '/api/sites/{domain}/goals': {
    get: op('Goals of the site', { parameters: [domain] }),
    post: op('Add a goal {name, kind: page|event, value} (admin)', { parameters: [domain] }),
  },
  '/api/sites/{domain}/members': {
    get: op('Members and roles (owner)', { parameters: [domain] }),
    post: op('Give an existing user a role {email, role} (owner)', { parameters: [domain] }),
  },
  '/api/sites/{domain}/panels/{name}': {
    get: op('One dashboard panel as JSON; add .csv to a table panel’s name for CSV', {
      parameters: [
        domain,
        { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: PANEL_NAMES } },
        ...range,
      ],
    }),
  },
  '/api/sites/{domain}/overview': {
    get: op('Every overview panel at once', { parameters: [domain, ...range] }),
  },
  '/api/sites/{domain}/stats': {
    post: op('A stats query {metrics, dimensions, filters, from, to, interval, goal, limit}', {
      parameters: [domain],
    }),
  },
  '/api/public/{slug}/panels/{name}': {
    get: {
      summary: 'A panel of a site’s read-only public dashboard (when its owner turned it on)',
      responses: { '200': { description: 'OK' }, '404': json('No public dashboard here') },
    },
  },
};
