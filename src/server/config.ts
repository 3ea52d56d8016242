import { homedir } from 'node:os';
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
  /** Trust X-Forwarded-For from a reverse proxy (only behind one!). */
  trustProxy: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .default(false),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

const ENV_KEYS: Record<keyof ServerConfig, string> = {
  host: 'PENUMBRA_HOST',
  port: 'PENUMBRA_PORT',
  dataDir: 'PENUMBRA_DATA',
  logLevel: 'PENUMBRA_LOG_LEVEL',
  fsync: 'PENUMBRA_FSYNC',
  maxBacklog: 'PENUMBRA_MAX_BACKLOG',
  rateLimitPerSecond: 'PENUMBRA_RATE_LIMIT',
  maxBodyBytes: 'PENUMBRA_MAX_BODY_BYTES',
  trustProxy: 'PENUMBRA_TRUST_PROXY',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Merges env and flags, validates, and throws a ConfigError naming the setting to fix. */
export function loadServerConfig(
  flags: Partial<Record<keyof ServerConfig, unknown>>,
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, envKey] of Object.entries(ENV_KEYS)) {
    const value = flags[key as keyof ServerConfig] ?? env[envKey];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const result = serverConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue?.path[0] ?? '') as keyof ServerConfig;
  const where =
    key in ENV_KEYS ? `${key} (flag --${kebab(key)} or ${ENV_KEYS[key]})` : 'configuration';
  throw new ConfigError(`invalid ${where}: ${issue?.message ?? 'invalid value'}`);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
