import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every knob of `penumbra serve`, read once at start-up from flags and PENUMBRA_* environment
 * variables (flags win) and validated here, with errors that say how to fix them.
 */
export const serverConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce
    .number()
    .int()
    .min(0, 'use a port between 0 and 65535')
    .max(65535, 'use a port between 0 and 65535')
    .default(8080),
  dataDir: z.string().min(1).default(join(homedir(), '.penumbra')),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `always`: fdatasync each group commit before 202 (power-loss safe); `never`: write() only (kill -9 safe). */
  fsync: z.enum(['always', 'never']).default('always'),
  maxBacklog: z.coerce
    .number()
    .int()
    .min(100, 'PENUMBRA_MAX_BACKLOG must be at least 100')
    .default(200_000),
  rateLimitPerSecond: z.coerce.number().int().min(0).default(20),
  maxBodyBytes: z.coerce.number().int().min(512).max(1_048_576).default(8192),
  /**
   * DuckDB's worker threads. One core is left to the request path: with every core, each
   * one-second load spread over both cores of a small server and took 35% more CPU in all, time
   * the redirects and the collector then lacked (bench/links). More threads speed up dashboard
   * queries on a machine with cores to spare.
   */
  duckdbThreads: z.coerce
    .number()
    .int()
    .min(1, 'PENUMBRA_DUCKDB_THREADS must be at least 1')
    .max(1024)
    .default(Math.max(1, availableParallelism() - 1)),
  /** Trust X-Forwarded-For from a reverse proxy (only behind one!). */
  trustProxy: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .default(false),
  /** The address people and providers reach this server at (share links, Twilio signatures). */
  publicUrl: z.url({ protocol: /^https?$/, error: 'use an http(s):// URL' }).optional(),
  /** A JSON file configuring the messaging hub (docs/messaging.md); off when absent. */
  messagingConfig: z.string().min(1).optional(),
  ...storeSelectionShape(),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

/**
 * Which engine holds each store: the embedded ones by default; a server engine when one machine
 * is not enough (docs/deploy.md). Server engines need their URL.
 */
function storeSelectionShape() {
  return {
    events: z.enum(['duckdb', 'clickhouse']).default('duckdb'),
    state: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** `http(s)://user:password@host:8123/database` (database defaults to `penumbra`). */
    clickhouseUrl: z.url({ protocol: /^https?$/, error: 'use an http(s):// URL' }).optional(),
    /** `postgres://user:password@host:5432/database`. */
    postgresUrl: z.url({ protocol: /^postgres(ql)?$/, error: 'use a postgres:// URL' }).optional(),
  };
}

export const storeSelectionSchema = z
  .object(storeSelectionShape())
  .refine((value) => value.events !== 'clickhouse' || value.clickhouseUrl, {
    path: ['clickhouseUrl'],
    error: 'is required with --events clickhouse',
  })
  .refine((value) => value.state !== 'postgres' || value.postgresUrl, {
    path: ['postgresUrl'],
    error: 'is required with --state postgres',
  });

export type StoreSelection = z.infer<typeof storeSelectionSchema>;

const ENV_KEYS: Record<keyof ServerConfig, string> = {
  host: 'PENUMBRA_HOST',
  port: 'PENUMBRA_PORT',
  dataDir: 'PENUMBRA_DATA',
  logLevel: 'PENUMBRA_LOG_LEVEL',
  fsync: 'PENUMBRA_FSYNC',
  maxBacklog: 'PENUMBRA_MAX_BACKLOG',
  rateLimitPerSecond: 'PENUMBRA_RATE_LIMIT',
  maxBodyBytes: 'PENUMBRA_MAX_BODY_BYTES',
  duckdbThreads: 'PENUMBRA_DUCKDB_THREADS',
  trustProxy: 'PENUMBRA_TRUST_PROXY',
  publicUrl: 'PENUMBRA_PUBLIC_URL',
  messagingConfig: 'PENUMBRA_MESSAGING',
  events: 'PENUMBRA_EVENTS',
  state: 'PENUMBRA_STATE',
  clickhouseUrl: 'PENUMBRA_CLICKHOUSE_URL',
  postgresUrl: 'PENUMBRA_POSTGRES_URL',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Merges env and flags, validates, and throws a ConfigError naming the setting to fix. */
export function loadServerConfig(
  flags: Partial<Record<keyof ServerConfig, unknown>>,
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const raw = collect(Object.keys(ENV_KEYS) as (keyof ServerConfig)[], flags, env);
  const result = serverConfigSchema.safeParse(raw);
  const stores = storeSelectionSchema.safeParse(raw);
  if (result.success && stores.success) return result.data;
  throw configError((result.error ?? stores.error)?.issues[0]);
}

const STORE_KEYS = ['events', 'state', 'clickhouseUrl', 'postgresUrl'] as const;

/**
 * The store selection alone, from flags and env like `serve`'s, for commands that open the
 * stores without serving (`migrate`, `export`, `import`).
 */
export function loadStoreSelection(
  flags: Partial<Record<keyof StoreSelection, unknown>> = {},
  env: NodeJS.ProcessEnv = process.env,
): StoreSelection {
  const result = storeSelectionSchema.safeParse(collect(STORE_KEYS, flags, env));
  if (result.success) return result.data;
  throw configError(result.error.issues[0]);
}

/** Flag values, else the environment's; empty strings count as unset. */
function collect(
  keys: readonly (keyof ServerConfig)[],
  flags: Partial<Record<keyof ServerConfig, unknown>>,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const value = flags[key] ?? env[ENV_KEYS[key]];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  return raw;
}

function configError(issue: z.core.$ZodIssue | undefined): ConfigError {
  const key = String(issue?.path[0] ?? '') as keyof ServerConfig;
  const where =
    key in ENV_KEYS ? `${key} (flag --${kebab(key)} or ${ENV_KEYS[key]})` : 'configuration';
  return new ConfigError(`invalid ${where}: ${issue?.message ?? 'invalid value'}`);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
